using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace Kaviar.Ops.Database;

/// <summary>What the validator read from one certificate of the chain, kept as text and dates (the handshake disposes the certificates).</summary>
internal sealed class ObservedCertificate
{
    private ObservedCertificate(X509Certificate2 certificate)
    {
        Subject = certificate.Subject;
        Issuer = certificate.Issuer;
        NotBefore = certificate.NotBefore.ToUniversalTime();
        NotAfter = certificate.NotAfter.ToUniversalTime();
        Names = CertificateHostName.Names(certificate);
    }

    public string Subject { get; }

    public string Issuer { get; }

    public DateTime NotBefore { get; }

    public DateTime NotAfter { get; }

    /// <summary>The names verify-full accepts (SAN, else CN).</summary>
    public IReadOnlyList<string> Names { get; }

    public static ObservedCertificate From(X509Certificate2 certificate) => new(certificate);
}
