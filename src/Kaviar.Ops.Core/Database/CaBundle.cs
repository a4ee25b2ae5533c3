using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography.X509Certificates;

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
            throw new FileNotFoundException($"CA bundle '{path}' does not exist. Download the RDS bundle from {RdsCaBundle.Url}.", path);
        var certificates = Parse(File.ReadAllText(path));
        if (certificates.Count == 0)
            throw new InvalidDataException($"CA bundle '{path}' contains no PEM certificate ('{BeginMarker}' blocks). Download the RDS bundle from {RdsCaBundle.Url}.");
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
                throw new InvalidDataException("CA bundle has a certificate without its END CERTIFICATE line.");
            var body = pem.Substring(bodyStart, end - bodyStart);
            certificates.Add(new X509Certificate2(Convert.FromBase64String(body.Replace("\r", string.Empty).Replace("\n", string.Empty).Trim())));
            position = end + EndMarker.Length;
        }
    }
}
