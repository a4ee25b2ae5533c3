using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Kaviar.Ops.Database;

/// <summary>
/// Whether a server certificate names the host a client connected to, as libpq's verify-full decides it (and not as the
/// TLS stack of whichever runtime hosts the module does): an IP address matches an iPAddress entry of the subject
/// alternative names; a DNS name matches a dNSName entry, exactly or through a wildcard that stands for the whole
/// left-most label; the subject's CN counts only when the certificate has no dNSName entries.
/// </summary>
public static class CertificateHostName
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";
    private const byte DnsNameTag = 0x82;
    private const byte IpAddressTag = 0x87;

    public static bool Matches(X509Certificate2 certificate, string host)
    {
        if (certificate is null)
            throw new ArgumentNullException(nameof(certificate));

        var (dnsNames, addresses) = SubjectAlternativeNames(certificate);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return addresses.Any(candidate => candidate.Equals(address))
                || dnsNames.Any(name => string.Equals(name, host, StringComparison.OrdinalIgnoreCase));
        }

        var names = dnsNames.Count > 0 ? dnsNames : new[] { certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) };
        return names.Any(name => NameMatches(name, host));
    }

    /// <summary>The names verify-full accepts for this certificate (its SAN entries, else its CN), for a message.</summary>
    public static IReadOnlyList<string> Names(X509Certificate2 certificate)
    {
        var (dnsNames, addresses) = SubjectAlternativeNames(certificate);
        var hostNames = dnsNames.Count > 0 ? dnsNames : new[] { certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) };
        return hostNames.Concat(addresses.Select(address => address.ToString())).ToList();
    }

    private static bool NameMatches(string pattern, string host)
    {
        host = host.TrimEnd('.');
        pattern = pattern.TrimEnd('.');
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
            return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);

        // "*.example.com" stands for exactly one label: db.example.com, not example.com nor a.db.example.com.
        var firstDot = host.IndexOf('.');
        return firstDot > 0 && string.Equals(host.Substring(firstDot + 1), pattern.Substring(2), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The dNSName and iPAddress entries of the SubjectAltName extension (DER: a SEQUENCE of implicitly tagged GeneralNames).</summary>
    private static (IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses) SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var dnsNames = new List<string>();
        var addresses = new List<IPAddress>();
        var extension = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == SubjectAlternativeNameOid);
        if (extension == null)
            return (dnsNames, addresses);

        var der = extension.RawData;
        var position = 0;
        if (der.Length < 2 || der[position++] != 0x30)
            return (dnsNames, addresses);

        var end = ReadLength(der, ref position) + position;
        while (position < end && position < der.Length)
        {
            var tag = der[position++];
            var length = ReadLength(der, ref position);
            if (length < 0 || position + length > der.Length)
                break;

            if (tag == DnsNameTag)
                dnsNames.Add(System.Text.Encoding.ASCII.GetString(der, position, length));
            else if (tag == IpAddressTag && (length == 4 || length == 16))
                addresses.Add(new IPAddress(der.Skip(position).Take(length).ToArray()));
            position += length;
        }

        return (dnsNames, addresses);
    }

    /// <summary>A DER length: one byte below 128, else 0x80 + the number of big-endian bytes that follow; -1 when malformed.</summary>
    private static int ReadLength(byte[] der, ref int position)
    {
        if (position >= der.Length)
            return -1;

        var first = der[position++];
        if (first < 0x80)
            return first;

        var bytes = first & 0x7F;
        if (bytes == 0 || bytes > 3 || position + bytes > der.Length)
            return -1;

        var length = 0;
        for (var i = 0; i < bytes; i++)
            length = (length << 8) | der[position++];
        return length;
    }
}
