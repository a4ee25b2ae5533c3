using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>
/// The certificates of a PEM bundle such as RDS's global-bundle.pem (dozens of regional roots and intermediates).
/// Parsed by hand because netstandard2.0 has no PEM reader and <c>new X509Certificate2(path)</c> keeps only the first certificate.
/// </summary>
public sealed class CaBundle
{
    private const string BeginMarker = "-----BEGIN CERTIFICATE-----";
    private const string EndMarker = "-----END CERTIFICATE-----";

    private CaBundle(string path, IReadOnlyList<X509Certificate2> certificates)
    {
        Path = path;
        Certificates = certificates;
    }

    public string Path { get; }

    public IReadOnlyList<X509Certificate2> Certificates { get; }

    public static CaBundle Load(string path)
    {
        if (!File.Exists(path))
            throw new OpsException(ErrorTable.CaBundleNotFound, $"CA bundle '{path}' does not exist.", path, $"Download the RDS bundle from {RdsCaBundle.Url}.");
        var certificates = Parse(File.ReadAllText(path));
        if (certificates.Count == 0)
            throw new OpsException(ErrorTable.CaBundleInvalid, $"CA bundle '{path}' contains no PEM certificate ('{BeginMarker}' blocks).", path, $"Download the RDS bundle from {RdsCaBundle.Url}.");
        return new CaBundle(path, certificates);
    }

    public bool Contains(X509Certificate2 certificate)
    {
        foreach (var candidate in Certificates)
        {
            if (string.Equals(candidate.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    private static List<X509Certificate2> Parse(string pem)
    {
        var certificates = new List<X509Certificate2>();
        var position = 0;
        while (true)
        {
            var begin = pem.IndexOf(BeginMarker, position, StringComparison.Ordinal);
            if (begin < 0)
                return certificates;
            var bodyStart = begin + BeginMarker.Length;
            var end = pem.IndexOf(EndMarker, bodyStart, StringComparison.Ordinal);
            if (end < 0)
                throw new OpsException(ErrorTable.CaBundleInvalid, "The CA bundle has a certificate without its END CERTIFICATE line.", null,
                    $"Download the RDS bundle again from {RdsCaBundle.Url}.");
            var body = pem.Substring(bodyStart, end - bodyStart);
            try
            {
                certificates.Add(new X509Certificate2(Convert.FromBase64String(body.Replace("\r", string.Empty).Replace("\n", string.Empty).Trim())));
            }
            catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw new OpsException(ErrorTable.CaBundleInvalid, $"Certificate {certificates.Count + 1} of the CA bundle is not a valid certificate ({ex.Message}).", null,
                    $"Download the RDS bundle again from {RdsCaBundle.Url}.", ex);
            }

            position = end + EndMarker.Length;
        }
    }
}
