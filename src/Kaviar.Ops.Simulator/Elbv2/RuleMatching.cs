using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Kaviar.Ops.Simulator.Ecs;

namespace Kaviar.Ops.Simulator.Elbv2;

/// <summary>
/// Whether a request meets one rule condition (any of its values may match), per "Condition types for listener rules"
/// (docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html) and the *ConditionConfig
/// pages of the API reference; and what the matched rule's transforms make of the request its target receives.
/// </summary>
internal static class RuleMatching
{
    public static bool Matches(RuleCondition condition, ListenerRequest request) => condition.Field switch
    {
        // The host name without its port, case-insensitively; RegexValues too (host names have no case).
        "host-header" => AnyMatch(condition, new[] { request.HostName }, ignoreCase: true),

        // The path only, never the query string, case-sensitively.
        "path-pattern" => AnyMatch(condition, new[] { request.Path }, ignoreCase: false),

        // Name and values case-insensitive; a repeated header matches when any of its occurrences does.
        "http-header" => AnyMatch(condition, HeaderValues(request, condition.HttpHeaderName), ignoreCase: true),

        // Exact and case-sensitive: "get" is not GET.
        "http-request-method" => condition.Values.Contains(request.Method, StringComparer.Ordinal),
        "query-string" => QueryPairs(request.Query).Any(pair => condition.QueryPairs.Any(wanted => QueryPairMatches(wanted, pair))),

        // The connection's address, never X-Forwarded-For; an IPv4 block never holds an IPv6 client, nor the reverse
        // (IPNetwork counts an IPv4-mapped IPv6 client, ::ffff:a.b.c.d, as the IPv4 one).
        "source-ip" => condition.Values.Any(cidr => IPNetwork.TryParse(cidr, out var block) && block.Contains(request.ClientAddress)),
        _ => false,
    };

    /// <summary>
    /// The request as the target receives it: host-header-rewrite rewrites the Host header, url-rewrite the path and
    /// query. Each rewrite replaces the first match of its Regex; with no match the request passes unchanged
    /// ("Transforms for listener rules", docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html).
    /// </summary>
    public static TargetRequest Transformed(IReadOnlyList<RuleTransform> transforms, ListenerRequest request)
    {
        string Rewrite(string type, string text) => transforms
            .Where(t => t.Type == type)
            .SelectMany(t => t.Rewrites)
            .Aggregate(text, (current, rewrite) => RulePatterns.Expression(rewrite.Regex, ignoreCase: false).Replace(current, rewrite.Replace, 1));

        return new TargetRequest(request.Method, Rewrite(RuleTransform.HostHeaderRewrite, request.Host), Rewrite(RuleTransform.UrlRewrite, request.PathAndQuery));
    }

    /// <summary>Values are whole-text patterns with * and ?; RegexValues are searched for anywhere in the text (see <see cref="RulePatterns.Expression"/>).</summary>
    private static bool AnyMatch(RuleCondition condition, IEnumerable<string> texts, bool ignoreCase)
    {
        var patterns = condition.Values.Select(v => RulePatterns.Wildcard(v, ignoreCase))
            .Concat(condition.RegexValues.Select(r => RulePatterns.Expression(r, ignoreCase)))
            .ToList();
        return texts.Any(text => patterns.Any(p => p.IsMatch(text)));
    }

    private static IEnumerable<string> HeaderValues(ListenerRequest request, string? name) =>
        request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>
    /// The request's key/value pairs: parts between "&amp;", split at the first "="; a part without "=" is a key with an
    /// empty value, so it meets no condition that asks for a value. Keys and values are compared percent-decoded, because
    /// "any character can be percentage encoded" in a query string (QueryStringConditionConfig), so "%41" is "A";
    /// a "+" stays a plus sign, as RFC 3986 has it.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> QueryPairs(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2) is [var key, var value] ? (Uri.UnescapeDataString(key), Uri.UnescapeDataString(value)) : (Uri.UnescapeDataString(part), string.Empty));

    /// <summary>Case-insensitive, * and ? wildcards, "\*" and "\?" literal; a condition pair without a key matches the value under any key.</summary>
    private static bool QueryPairMatches(QueryStringPair wanted, (string Key, string Value) pair) =>
        (wanted.Key is null || RulePatterns.Wildcard(wanted.Key, ignoreCase: true, backslashEscapes: true).IsMatch(pair.Key))
        && RulePatterns.Wildcard(wanted.Value, ignoreCase: true, backslashEscapes: true).IsMatch(pair.Value);
}
