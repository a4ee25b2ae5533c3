using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kaviar.Ops.Database;

/// <summary>Why the server certificate was refused; read by <see cref="PostgresFailureClassifier"/> after a failed handshake.</summary>
public enum CertificateRejection
{
    None,
    NoCertificate,
    UntrustedChain,

    /// <summary>A certificate of the chain (the server's or a CA's) is expired or not yet valid, whatever anchors it.</summary>
    OutOfDate,
    HostNameMismatch,
}

/// <summary>
/// Validates the server certificate for one connection attempt and remembers what it saw and why it refused it.
/// Npgsql 8 only reads every certificate of a PEM RootCertificate on .NET 5+, so Windows PowerShell 5.1 would trust
/// just the first one; doing the check here behaves the same on every runtime and tells the caller the exact reason.
/// </summary>
internal sealed class ServerCertificateValidator
{
    // Status flags that only say "the top of the chain is not in the machine store"; the bundle anchor decides instead.
    private const X509ChainStatusFlags AnchorFlags = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private readonly TlsMode _mode;
    private readonly CaBundle? _bundle;
    private readonly string _host;

    /// <param name="host">The host the client connects to, which verify-full holds the certificate's names against.</param>
    public ServerCertificateValidator(TlsMode mode, CaBundle? bundle, string host)
    {
        _mode = mode;
        _bundle = bundle;
        _host = host;
    }

    public CertificateRejection Rejection { get; private set; }

    /// <summary>Chain problems in words (e.g. "UntrustedRoot: self signed certificate in certificate chain"), for the failure message.</summary>
    public string ChainProblem { get; private set; } = string.Empty;

    public ObservedCertificate? ServerCertificate { get; private set; }

    /// <summary>The topmost certificate the chain reached: a root, or the last CA found when its issuer is unknown.</summary>
    public ObservedCertificate? ChainTop { get; private set; }

    /// <summary>Whether the chain reached a trust anchor (a bundle certificate, or the machine store's roots).</summary>
    public bool ChainAnchored { get; private set; }

    /// <summary>The first certificate of the chain, from the server's, whose dates do not cover now.</summary>
    public ObservedCertificate? OutOfDate { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? platformChain, SslPolicyErrors errors)
    {
        if (_mode == TlsMode.Require)
            return true;
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            return Reject(CertificateRejection.NoCertificate);

        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        ServerCertificate = ObservedCertificate.From(leaf);

        var chainTrusted = _bundle is null
            ? ChainsToMachineStore(platformChain, errors)
            : ChainsToBundle(leaf, platformChain);
        if (!chainTrusted)
            return Reject(OutOfDate is null ? CertificateRejection.UntrustedChain : CertificateRejection.OutOfDate);

        // Our own check, as libpq makes it: SslStream's name verdict differs between runtimes and Npgsql builds (an IP
        // address in the SAN is refused by some).
        if (_mode == TlsMode.VerifyFull && !CertificateHostName.Matches(leaf, _host))
            return Reject(CertificateRejection.HostNameMismatch);

        return true;
    }

    private bool ChainsToMachineStore(X509Chain? platformChain, SslPolicyErrors errors)
    {
        var statuses = platformChain?.ChainStatus ?? Array.Empty<X509ChainStatus>();
        ObserveChain(platformChain);
        ChainAnchored = platformChain is not null && !statuses.Any(status => (status.Status & AnchorFlags) != 0);
        var trusted = (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        if (!trusted)
            ChainProblem = DescribeChain(statuses);
        return trusted;
    }

    /// <summary>
    /// Trust anchored in the bundle only (like libpq's sslrootcert): the chain must reach a bundle certificate above the
    /// leaf, and apart from "root not in the machine store" every element must be valid (dates, signatures, CA constraints).
    /// </summary>
    private bool ChainsToBundle(X509Certificate2 leaf, X509Chain? platformChain)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
        foreach (var certificate in _bundle!.Certificates)
            chain.ChainPolicy.ExtraStore.Add(certificate);
        // Intermediates the server sent during the handshake.
        if (platformChain is not null)
        {
            foreach (var element in platformChain.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            chain.ChainPolicy.ExtraStore.AddRange(platformChain.ChainPolicy.ExtraStore);
        }

        chain.Build(leaf);
        ObserveChain(chain);
        var elements = chain.ChainElements.Cast<X509ChainElement>().ToList();
        ChainAnchored = elements.Skip(1).Any(element => _bundle.Contains(element.Certificate))
            || (elements.Count == 1 && _bundle.Contains(leaf) && leaf.Subject == leaf.Issuer);
        var problems = chain.ChainStatus.Where(status => (status.Status & ~AnchorFlags) != 0).ToList();

        if (!ChainAnchored)
            ChainProblem = $"the chain ends at '{ChainTop!.Subject}' issued by '{ChainTop.Issuer}', and neither is in the bundle";
        else if (problems.Count > 0)
            ChainProblem = DescribeChain(problems);
        return ChainAnchored && problems.Count == 0;
    }

    /// <summary>Records the chain's top and the first certificate the chain engine found out of its dates.</summary>
    private void ObserveChain(X509Chain? chain)
    {
        var elements = chain?.ChainElements.Cast<X509ChainElement>().ToList() ?? new List<X509ChainElement>();
        if (elements.Count == 0)
            return;
        ChainTop = ObservedCertificate.From(elements[elements.Count - 1].Certificate);
        var outOfDate = elements.FirstOrDefault(element =>
            element.ChainElementStatus.Any(status => (status.Status & X509ChainStatusFlags.NotTimeValid) != 0));
        OutOfDate = outOfDate is null ? null : ObservedCertificate.From(outOfDate.Certificate);
    }

    private bool Reject(CertificateRejection rejection)
    {
        Rejection = rejection;
        return false;
    }

    /// <summary>Chain statuses in words ("UntrustedRoot: self signed certificate in certificate chain"); also HTTPS's.</summary>
    internal static string DescribeChain(IEnumerable<X509ChainStatus> statuses) =>
        string.Join("; ", statuses.Select(status => $"{status.Status}: {status.StatusInformation.Trim()}"));
}
