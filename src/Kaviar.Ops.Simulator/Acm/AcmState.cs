using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kaviar.Ops.Simulator.Acm;

/// <summary>
/// An ACM certificate as a listener uses it: its names (the domain name is always the first subject alternative name,
/// as ACM lists it), its status, and the key pair the simulated load balancer presents for it.
/// </summary>
public sealed class AcmCertificate
{
    private X509Certificate2? _serving;

    internal AcmCertificate(string arn, string domainName, IReadOnlyList<string> subjectAlternativeNames, string status, DateTime createdAt)
    {
        Arn = arn;
        DomainName = domainName;
        SubjectAlternativeNames = subjectAlternativeNames;
        Status = status;
        CreatedAt = createdAt;
    }

    /// <summary>arn:aws:acm:&lt;region&gt;:&lt;account&gt;:certificate/&lt;uuid&gt;</summary>
    public string Arn { get; }

    public string DomainName { get; }

    public IReadOnlyList<string> SubjectAlternativeNames { get; }

    /// <summary>ISSUED, PENDING_VALIDATION, EXPIRED, REVOKED, FAILED, INACTIVE or VALIDATION_TIMED_OUT.</summary>
    public string Status { get; set; }

    public DateTime CreatedAt { get; }

    /// <summary>Amazon-issued certificates last 395 days.</summary>
    public DateTime NotAfter => CreatedAt.AddDays(395);

    /// <summary>
    /// A self-signed certificate for the same names, made on first use (an RSA key takes a moment): what the HTTPS
    /// listener presents on 127.0.0.1. No client trusts it, as none trusts a certificate it has no anchor for.
    /// </summary>
    internal X509Certificate2 ServingCertificate()
    {
        lock (this)
        {
            return _serving ??= SelfSigned();
        }
    }

    private X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + DomainName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in SubjectAlternativeNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(395));
        // Through PKCS#12, so the private key is usable by SslStream on every platform (Windows refuses an ephemeral key).
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}

/// <summary>AWS Certificate Manager of the simulated account: certificates as scenarios add them, for HTTPS listeners.</summary>
public sealed class AcmState
{
    private readonly List<AcmCertificate> _certificates = new();

    public AcmState(AccountState account) => Account = account;

    public AccountState Account { get; }

    public IReadOnlyList<AcmCertificate> Certificates => _certificates;

    /// <param name="subjectAlternativeNames">Names besides <paramref name="domainName"/>, which ACM always lists first.</param>
    public AcmCertificate AddCertificate(string domainName, IEnumerable<string>? subjectAlternativeNames = null, string status = "ISSUED")
    {
        var names = new[] { domainName }.Concat(subjectAlternativeNames ?? Enumerable.Empty<string>()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var certificate = new AcmCertificate(
            $"arn:aws:acm:{Account.Region}:{Account.AccountId}:certificate/{Account.Ids.Guid()}", domainName, names, status, Account.Now);
        _certificates.Add(certificate);
        return certificate;
    }

    public AcmCertificate? FindCertificate(string arn) => _certificates.Find(c => c.Arn == arn);
}
