using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kaviar.Ops.Simulator.Rds;

/// <summary>
/// A private PKI shaped like RDS's: root CA → intermediate CA → server certificate, written as PEM files, plus the other
/// shapes a client meets (<see cref="ServerTls"/>): an expired server certificate, another region's RDS root, an RDS Proxy
/// chain under an Amazon Trust Services-named root. The server files hold server + issuer so Postgres sends the chain, as RDS does.
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

    /// <summary>Another region's RDS root, the only certificate of a "regional bundle" that does not sign the <see cref="ServerTls.OtherRegion"/> chain.</summary>
    public string UsEast1BundlePath => Path.Combine(Directory, "us-east-1-bundle.pem");

    /// <summary>Both regional RDS-named roots, as global-bundle.pem holds every region's.</summary>
    public string RegionalRootsBundlePath => Path.Combine(Directory, "regional-roots-bundle.pem");

    /// <summary>The Amazon Trust Services-named root of the <see cref="ServerTls.RdsProxy"/> chain: what a client trusts for RDS Proxy.</summary>
    public string AmazonRootCaPath => Path.Combine(Directory, "amazon-root-ca-1.pem");

    public const string WrongHostName = "db.wrong-name.example";

    public const string OtherRegionRootName = "CN=Amazon RDS eu-west-1 Root CA RSA2048 G1, OU=Amazon RDS, O=Amazon Web Services Inc.";

    public const string AmazonRootName = "CN=Amazon Root CA 1, O=Amazon, C=US";

    public const string ProxyHostName = "*.proxy-abc123.us-east-1.rds.amazonaws.com";

    /// <summary>The PEM chain (server certificate, then its issuer) the server presents for <paramref name="tls"/>; Off keeps Valid's files.</summary>
    public string ChainPath(ServerTls tls) => Path.Combine(Directory, $"{FileStem(tls)}-chain.pem");

    public string KeyPath(ServerTls tls) => Path.Combine(Directory, $"{FileStem(tls)}.key");

    private static string FileStem(ServerTls tls) => tls == ServerTls.Off ? FileStem(ServerTls.Valid) : tls.ToString().ToLowerInvariant();

    public static RdsStyleCertificates Create(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var certificates = new RdsStyleCertificates(directory);
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(30);
        // CAs older than any server certificate they sign, the expired one included.
        var caNotBefore = notBefore.AddDays(-90);

        using var root = CreateCa("CN=Kaviar Test Root CA, O=Kaviar Tests", issuer: null, caNotBefore, notAfter.AddDays(1));
        using var intermediate = CreateCa("CN=Kaviar Test Intermediate CA, O=Kaviar Tests", root, caNotBefore, notAfter.AddHours(12));
        using var unrelated = CreateCa("CN=Unrelated Test Root CA, O=Kaviar Tests", issuer: null, caNotBefore, notAfter.AddDays(1));
        using var euWest1 = CreateCa(OtherRegionRootName, issuer: null, caNotBefore, notAfter.AddDays(1));
        using var usEast1 = CreateCa("CN=Amazon RDS us-east-1 Root CA RSA2048 G1, OU=Amazon RDS, O=Amazon Web Services Inc.", issuer: null, caNotBefore, notAfter.AddDays(1));
        using var amazonRoot = CreateCa(AmazonRootName, issuer: null, caNotBefore, notAfter.AddDays(1));
        using var amazonIntermediate = CreateCa("CN=Amazon RSA 2048 M01, O=Amazon, C=US", amazonRoot, caNotBefore, notAfter.AddHours(12));

        WritePem(certificates.RootCaPath, root);
        WritePem(certificates.UnrelatedCaPath, unrelated);
        WritePem(certificates.MultiCaBundlePath, unrelated, intermediate, root);
        WritePem(certificates.UsEast1BundlePath, usEast1);
        WritePem(certificates.RegionalRootsBundlePath, usEast1, euWest1);
        WritePem(certificates.AmazonRootCaPath, amazonRoot);
        certificates.WriteServer(ServerTls.Valid, intermediate, notBefore, notAfter, "localhost", "127.0.0.1");
        certificates.WriteServer(ServerTls.WrongName, intermediate, notBefore, notAfter, WrongHostName);
        certificates.WriteServer(ServerTls.Expired, intermediate, caNotBefore, DateTimeOffset.UtcNow.AddDays(-1), "localhost", "127.0.0.1");
        certificates.WriteServer(ServerTls.OtherRegion, euWest1, notBefore, notAfter, "localhost", "127.0.0.1");
        // RDS Proxy presents an ACM wildcard certificate for its endpoints; 127.0.0.1 is added so only the chain is in question.
        certificates.WriteServer(ServerTls.RdsProxy, amazonIntermediate, notBefore, notAfter, ProxyHostName, "127.0.0.1");
        return certificates;
    }

    private static X509Certificate2 CreateCa(string name, X509Certificate2? issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, issuer is not null, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
            return request.CreateSelfSigned(notBefore, notAfter);

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var signed = request.Create(issuer, notBefore, notAfter, SerialNumber());
        return signed.CopyWithPrivateKey(key);
    }

    private void WriteServer(ServerTls shape, X509Certificate2 issuer, DateTimeOffset notBefore, DateTimeOffset notAfter, params string[] names)
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

        var keyPath = KeyPath(shape);
        WritePem(ChainPath(shape), server, issuer);
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
