using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kaviar.Ops.Simulator.Rds;

/// <summary>
/// A private PKI shaped like RDS's: root CA → intermediate CA → server certificate, written as PEM files.
/// The server files hold server + intermediate so Postgres sends the chain, as RDS does.
/// </summary>
public sealed class RdsStyleCertificates
{
    private RdsStyleCertificates(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>The root CA alone: what a test passes as -CaBundlePath.</summary>
    public string RootCaPath => Path.Combine(Directory, "root-ca.pem");

    /// <summary>Several CAs with ours last, like global-bundle.pem: proves every certificate of a bundle is read.</summary>
    public string MultiCaBundlePath => Path.Combine(Directory, "multi-ca-bundle.pem");

    /// <summary>A CA that signed nothing the server uses: a "wrong bundle".</summary>
    public string UnrelatedCaPath => Path.Combine(Directory, "unrelated-ca.pem");

    /// <summary>Server + intermediate certificate; SAN localhost and 127.0.0.1.</summary>
    public string ServerChainPath => Path.Combine(Directory, "server-chain.pem");

    public string ServerKeyPath => Path.Combine(Directory, "server.key");

    /// <summary>Server + intermediate certificate whose SAN names only db.wrong-name.example.</summary>
    public string WrongNameChainPath => Path.Combine(Directory, "wrong-name-chain.pem");

    public string WrongNameKeyPath => Path.Combine(Directory, "wrong-name.key");

    public const string WrongHostName = "db.wrong-name.example";

    public static RdsStyleCertificates Create(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var certificates = new RdsStyleCertificates(directory);
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(30);

        using var root = CreateCa("Kaviar Test Root CA", issuer: null, notBefore, notAfter.AddDays(1));
        using var intermediate = CreateCa("Kaviar Test Intermediate CA", root, notBefore, notAfter.AddHours(12));
        using var unrelated = CreateCa("Unrelated Test Root CA", issuer: null, notBefore, notAfter.AddDays(1));

        WritePem(certificates.RootCaPath, root);
        WritePem(certificates.UnrelatedCaPath, unrelated);
        WritePem(certificates.MultiCaBundlePath, unrelated, intermediate, root);
        WriteServer(certificates.ServerChainPath, certificates.ServerKeyPath, intermediate, notBefore, notAfter, "localhost", "127.0.0.1");
        WriteServer(certificates.WrongNameChainPath, certificates.WrongNameKeyPath, intermediate, notBefore, notAfter, WrongHostName);
        return certificates;
    }

    private static X509Certificate2 CreateCa(string name, X509Certificate2? issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Kaviar Tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, issuer is not null, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
            return request.CreateSelfSigned(notBefore, notAfter);

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var signed = request.Create(issuer, notBefore, notAfter, SerialNumber());
        return signed.CopyWithPrivateKey(key);
    }

    private static void WriteServer(string chainPath, string keyPath, X509Certificate2 issuer, DateTimeOffset notBefore, DateTimeOffset notAfter,
        params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}, O=Kaviar Tests", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (System.Net.IPAddress.TryParse(name, out var address))
                san.AddIpAddress(address);
            else
                san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var server = request.Create(issuer, notBefore, notAfter, SerialNumber());

        WritePem(chainPath, server, issuer);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        // Postgres refuses a key file readable by group or others.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static void WritePem(string path, params X509Certificate2[] certificates)
    {
        var pem = new StringBuilder();
        foreach (var certificate in certificates)
            pem.AppendLine(certificate.ExportCertificatePem());
        File.WriteAllText(path, pem.ToString());
    }

    private static byte[] SerialNumber() => RandomNumberGenerator.GetBytes(12);
}
