using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kaviar.Ops.Database;

namespace Kaviar.Ops.Http;

/// <summary>
/// Why the platform's TLS stack refused an HTTPS server's certificate, in words: .NET only says the handshake failed
/// ("The remote certificate is invalid"), which reads like a network fault rather than a certificate to trust or fix.
/// </summary>
internal static class TlsCertificateProblem
{
    public static string Describe(Uri uri, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return $"TLS certificate problem: {uri.Host}:{uri.Port} sent no certificate.";
        }

        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        var names = CertificateHostName.Names(leaf);
        var untrusted = (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0;
        var misnamed = (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0;
        var problems = new[]
        {
            untrusted ? "this machine does not trust it (" + ServerCertificateValidator.DescribeChain(chain?.ChainStatus ?? Array.Empty<X509ChainStatus>()) + ")" : null,
            misnamed ? $"it is not issued for {uri.Host}" : null,
        };
        var fixes = new[]
        {
            untrusted ? "trust its issuing CA on this machine" : null,
            misnamed ? "call it by a name it is issued for" : null,
        };
        return $"TLS certificate problem: the certificate {uri.Host}:{uri.Port} presented ({leaf.Subject}, for {string.Join(", ", names)}, " +
               $"issued by {leaf.Issuer}) was refused: {string.Join("; and ", problems.Where(p => p != null))}. " +
               $"To fix it, {string.Join(" and ", fixes.Where(f => f != null))}; to rehearse against a test certificate, use -SkipCertificateCheck.";
    }
}
