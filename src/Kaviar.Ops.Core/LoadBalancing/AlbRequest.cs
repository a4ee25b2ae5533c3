using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>
/// An HTTP request as a listener's rules see it: the Host header as sent, the path and the query string (split at the
/// first '?', a '#' ending the query), the method, the headers, and the address the connection comes from — the
/// client's, or the last proxy's; ALB never reads X-Forwarded-For for a rule.
/// </summary>
public sealed class AlbRequest
{
    public AlbRequest(string? host, string pathAndQuery, string? method = null, IEnumerable<KeyValuePair<string, string>>? headers = null, string? sourceIp = null)
    {
        var fragment = pathAndQuery.IndexOf('#');
        var url = fragment < 0 ? pathAndQuery : pathAndQuery.Substring(0, fragment);
        var queryStart = url.IndexOf('?');
        Host = string.IsNullOrEmpty(host) ? null : host;
        Path = queryStart < 0 ? url : url.Substring(0, queryStart);
        Query = queryStart < 0 ? "" : url.Substring(queryStart + 1);
        Method = string.IsNullOrEmpty(method) ? "GET" : method!;
        Headers = (headers ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
        foreach (var name in Headers.Select(h => h.Key).Where(name => name.Length == 0 || !name.All(IsTokenCharacter)))
        {
            throw new OpsException(ErrorTable.InvalidHttpRequest, $"'{InputText.Printable(name)}' is not an HTTP header name (RFC 7230 token characters only).", name,
                "Name headers as they are sent, for example -Header @{ 'X-Env' = 'blue' }.");
        }

        if (sourceIp != null)
        {
            if (!IpBlock.TryParse(sourceIp, out var address) || !address.IsSingleAddress)
            {
                throw new OpsException(ErrorTable.InvalidHttpRequest, $"'{sourceIp}' is not an IPv4 or IPv6 address: -SourceIp is the one address a request comes from.",
                    sourceIp, "Give the client's address, for example -SourceIp 203.0.113.10 or -SourceIp 2001:db8::10.");
            }

            SourceIp = address;
        }
    }

    /// <summary>The Host header as sent, port included when the client sent one; null when the request has none.</summary>
    public string? Host { get; }

    /// <summary>The host name host-header values compare with: the Host header without its port.</summary>
    public string? HostName => Host == null ? null : WithoutPort(Host);

    public string Path { get; }

    /// <summary>The query string, without its '?'; empty when there is none.</summary>
    public string Query { get; }

    public string PathAndQuery => Query.Length == 0 ? Path : $"{Path}?{Query}";

    public string Method { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The connection's source address; null when the caller did not say, and then source-ip rules cannot be decided.</summary>
    public IpBlock? SourceIp { get; }

    /// <summary>The query string's pairs, percent-decoded: "k=v" has a key; a bare "v" is a value without one.</summary>
    public IReadOnlyList<(string? Key, string Value)> QueryPairs() =>
        Query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.IndexOf('=') is var equals && equals >= 0
                ? (Decode(pair.Substring(0, equals)), Decode(pair.Substring(equals + 1)))
                : ((string?)null, Decode(pair)))
            .ToList();

    private static bool IsTokenCharacter(char c) => c < 128 && (char.IsLetterOrDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0);

    private static string Decode(string text) => Uri.UnescapeDataString(text);

    private static string WithoutPort(string host)
    {
        // "[2001:db8::1]:8443" keeps its brackets; a bare IPv6 literal has colons but no port.
        var colon = host.LastIndexOf(':');
        return colon > 0 && (host.StartsWith("[", StringComparison.Ordinal) ? host.IndexOf(']') < colon : host.IndexOf(':') == colon) ? host.Substring(0, colon) : host;
    }
}
