using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>The rule a request reaches, the rules before it that could not be decided, and what its transforms send on.</summary>
public sealed class AlbRuleMatch
{
    public Rule Rule { get; set; } = null!;

    /// <summary>Rules ahead of <see cref="Rule"/> that depend on what the request did not say (its source address), each in words.</summary>
    public IReadOnlyList<string> Undecided { get; set; } = Array.Empty<string>();

    /// <summary>The Host header the targets receive after the rule's host-header-rewrite; null when it is not rewritten.</summary>
    public string? RewrittenHost { get; set; }

    /// <summary>The path and query the targets receive after the rule's url-rewrite; null when it is not rewritten.</summary>
    public string? RewrittenUrl { get; set; }
}

/// <summary>
/// Which rule of a listener a request reaches, as an Application Load Balancer decides (Elastic Load Balancing user
/// guide, "Condition types for listener rules" and "Transforms for listener rules"): rules in ascending priority, the
/// default rule last; every condition of a rule must match, and any one value of a condition may.
/// <list type="bullet">
/// <item>host-header: the host name (the Host header without its port), case-insensitive, * and ? wildcards; a regex sees the whole Host header.</item>
/// <item>path-pattern: the path only (never the query string), case-sensitive, wildcards or regex.</item>
/// <item>http-header: the named header (name case-insensitive), any of its occurrences; values case-insensitive with wildcards, or regex.</item>
/// <item>http-request-method: exact and case-sensitive, no wildcards.</item>
/// <item>query-string: any key/value pair of the query (a condition without a key matches any value), case-insensitive, wildcards, \* and \? literal.</item>
/// <item>source-ip: the connection's source address within any of the CIDR blocks, in its own family.</item>
/// </list>
/// A regex value matches when it is found in the field (anchor it with ^ and $ for the whole field), as the
/// documentation's examples do.
/// </summary>
public static class AlbRuleMatcher
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    public static AlbRuleMatch Match(IReadOnlyList<Rule> rules, AlbRequest request)
    {
        var undecided = new List<string>();
        foreach (var rule in rules.Where(r => r.IsDefault != true).OrderBy(r => int.TryParse(r.Priority, out var priority) ? priority : int.MaxValue))
        {
            var conditions = rule.Conditions ?? new List<RuleCondition>();
            var unknown = conditions.Where(c => c.Field == "source-ip" && request.SourceIp == null).ToList();
            if (!conditions.Except(unknown).All(c => Matches(c, request)))
            {
                continue;
            }

            if (unknown.Count == 0)
            {
                return Transformed(rule, request, undecided);
            }

            undecided.Add($"rule {rule.Priority} matches only requests from {string.Join(" or ", unknown.SelectMany(c => c.SourceIpConfig?.Values ?? c.Values ?? new List<string>()))}");
        }

        return Transformed(rules.First(r => r.IsDefault == true), request, undecided);
    }

    /// <summary>A rule's conditions in words: "Host api.example.com and path /v1/* and header X-Env is blue".</summary>
    public static string Describe(Rule rule) =>
        string.Join(" and ", (rule.Conditions ?? new List<RuleCondition>()).Select(Describe));

    /// <summary>A rule's transforms in words, or empty: "URL ^/api/(.*)$ → /$1".</summary>
    public static string DescribeTransforms(Rule rule) =>
        string.Join("; ", (rule.Transforms ?? new List<RuleTransform>()).SelectMany(t =>
            (t.HostHeaderRewriteConfig?.Rewrites ?? new List<RewriteConfig>()).Select(r => $"Host {r.Regex} → {r.Replace}")
            .Concat((t.UrlRewriteConfig?.Rewrites ?? new List<RewriteConfig>()).Select(r => $"URL {r.Regex} → {r.Replace}"))));

    /// <summary>The host names a rule's host-header conditions name (for the audit).</summary>
    public static IReadOnlyList<string> HostsOf(Rule rule) =>
        (rule.Conditions ?? new List<RuleCondition>()).Where(c => c.Field == "host-header").SelectMany(c => Values(c, c.HostHeaderConfig?.Values)).ToList();

    public static IReadOnlyList<string> PathsOf(Rule rule) =>
        (rule.Conditions ?? new List<RuleCondition>()).Where(c => c.Field == "path-pattern").SelectMany(c => Values(c, c.PathPatternConfig?.Values)).ToList();

    /// <summary>
    /// True when every request <paramref name="later"/> matches is matched by <paramref name="earlier"/> too, so a rule
    /// after it never answers. Only what can be shown is claimed: each condition of the earlier rule either matches
    /// every request, or the later rule has a condition of the same field whose every value it covers.
    /// </summary>
    public static bool Covers(Rule earlier, Rule later)
    {
        var laterConditions = later.Conditions ?? new List<RuleCondition>();
        return (earlier.Conditions ?? new List<RuleCondition>()).All(condition =>
            MatchesEveryRequest(condition) || laterConditions.Any(other => Covers(condition, other)));
    }

    /// <summary>True when the rule matches any request at all, so no rule after it and not the default action is ever used.</summary>
    public static bool MatchesEveryRequest(Rule rule) => (rule.Conditions ?? new List<RuleCondition>()).All(MatchesEveryRequest);

    // Every path starts with "/", and every request has a host name; a source must be in both families' whole range.
    private static bool MatchesEveryRequest(RuleCondition condition) => condition.Field switch
    {
        "path-pattern" => Values(condition, condition.PathPatternConfig?.Values).Any(v => v is "*" or "/*"),
        "host-header" => Values(condition, condition.HostHeaderConfig?.Values).Any(v => v == "*"),
        "source-ip" => IpBlock.ParseAll(condition.SourceIpConfig?.Values ?? condition.Values ?? new List<string>()) is var blocks
                       && blocks.Any(b => b.IsWholeFamily && !b.IsIPv6) && blocks.Any(b => b.IsWholeFamily && b.IsIPv6),
        _ => false,
    };

    private static bool Covers(RuleCondition wide, RuleCondition narrow)
    {
        if (wide.Field != narrow.Field)
        {
            return false;
        }

        bool All(IReadOnlyList<string> wideValues, IReadOnlyList<string> narrowValues, bool ignoreCase) =>
            narrowValues.Count > 0 && narrowValues.All(n => wideValues.Any(w => PatternCovers(w, n, ignoreCase)));
        bool SameRegexes(IReadOnlyList<string> wideRegexes, IReadOnlyList<string> narrowRegexes) =>
            narrowRegexes.Count == 0 || narrowRegexes.All(wideRegexes.Contains);
        switch (wide.Field)
        {
            case "host-header":
                return Regexes(narrow, narrow.HostHeaderConfig?.RegexValues).Count == 0 && Regexes(wide, wide.HostHeaderConfig?.RegexValues).Count == 0
                       && All(Values(wide, wide.HostHeaderConfig?.Values), Values(narrow, narrow.HostHeaderConfig?.Values), ignoreCase: true);
            case "path-pattern":
                return Regexes(narrow, narrow.PathPatternConfig?.RegexValues).Count == 0 && Regexes(wide, wide.PathPatternConfig?.RegexValues).Count == 0
                       && All(Values(wide, wide.PathPatternConfig?.Values), Values(narrow, narrow.PathPatternConfig?.Values), ignoreCase: false);
            case "http-header":
                return string.Equals(wide.HttpHeaderConfig?.HttpHeaderName, narrow.HttpHeaderConfig?.HttpHeaderName, StringComparison.OrdinalIgnoreCase)
                       && SameRegexes(wide.HttpHeaderConfig?.RegexValues ?? new List<string>(), narrow.HttpHeaderConfig?.RegexValues ?? new List<string>())
                       && (narrow.HttpHeaderConfig?.Values ?? new List<string>()).All(n =>
                           (wide.HttpHeaderConfig?.Values ?? new List<string>()).Any(w => PatternCovers(w, n, ignoreCase: true)))
                       && (narrow.HttpHeaderConfig?.Values?.Count ?? 0) + (narrow.HttpHeaderConfig?.RegexValues?.Count ?? 0) > 0;
            case "http-request-method":
                var methods = wide.HttpRequestMethodConfig?.Values ?? new List<string>();
                return narrow.HttpRequestMethodConfig?.Values is { Count: > 0 } narrowMethods && narrowMethods.All(methods.Contains);
            case "source-ip":
                var blocks = IpBlock.ParseAll(wide.SourceIpConfig?.Values ?? wide.Values ?? new List<string>());
                var narrowBlocks = IpBlock.ParseAll(narrow.SourceIpConfig?.Values ?? narrow.Values ?? new List<string>());
                return narrowBlocks.Count > 0 && narrowBlocks.All(n => blocks.Any(b => b.Contains(n)));
            default:
                // query-string conditions hold pairs whose keys may be absent: equal sets are all that is claimed.
                return wide.Field == "query-string"
                       && (narrow.QueryStringConfig?.Values ?? new List<QueryStringKeyValuePair>()) is { Count: > 0 } pairs
                       && pairs.All(n => (wide.QueryStringConfig?.Values ?? new List<QueryStringKeyValuePair>())
                           .Any(w => string.Equals(w.Key, n.Key, StringComparison.OrdinalIgnoreCase) && string.Equals(w.Value, n.Value, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>
    /// True when every text <paramref name="narrow"/> matches, <paramref name="wide"/> matches: the same pattern, or a
    /// wide one whose only wildcard is one * at its end (a prefix) or its start (a suffix) that the narrow one shares.
    /// </summary>
    private static bool PatternCovers(string wide, string narrow, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(wide, narrow, comparison))
        {
            return true;
        }

        if (wide.EndsWith("*", StringComparison.Ordinal) && !HasWildcard(wide.Substring(0, wide.Length - 1)))
        {
            return narrow.StartsWith(wide.Substring(0, wide.Length - 1), comparison);
        }

        var suffix = wide.Length > 0 ? wide.Substring(1) : "";
        return wide.StartsWith("*", StringComparison.Ordinal) && !HasWildcard(suffix) && narrow.EndsWith(suffix, comparison);
    }

    private static bool HasWildcard(string pattern) => pattern.IndexOfAny(new[] { '*', '?', '\\' }) >= 0;

    private static bool Matches(RuleCondition condition, AlbRequest request) => condition.Field switch
    {
        "host-header" => request.Host != null
            && (Values(condition, condition.HostHeaderConfig?.Values).Any(v => Wildcard(v, request.HostName!, ignoreCase: true))
                || Regexes(condition, condition.HostHeaderConfig?.RegexValues).Any(r => Found(r, request.Host, ignoreCase: true))),
        "path-pattern" => Values(condition, condition.PathPatternConfig?.Values).Any(v => Wildcard(v, request.Path, ignoreCase: false))
            || Regexes(condition, condition.PathPatternConfig?.RegexValues).Any(r => Found(r, request.Path, ignoreCase: false)),
        "http-header" => condition.HttpHeaderConfig is { } header && request.Headers
            .Where(h => string.Equals(h.Key, header.HttpHeaderName, StringComparison.OrdinalIgnoreCase))
            .Any(h => (header.Values ?? new List<string>()).Any(v => Wildcard(v, h.Value, ignoreCase: true))
                      || Regexes(condition, header.RegexValues).Any(r => Found(r, h.Value, ignoreCase: true))),
        "http-request-method" => (condition.HttpRequestMethodConfig?.Values ?? new List<string>()).Contains(request.Method, StringComparer.Ordinal),
        "query-string" => (condition.QueryStringConfig?.Values ?? new List<QueryStringKeyValuePair>()).Any(wanted => request.QueryPairs().Any(pair =>
            (wanted.Key == null || (pair.Key != null && Wildcard(PercentDecoded(wanted.Key), pair.Key, ignoreCase: true)))
            && Wildcard(PercentDecoded(wanted.Value ?? ""), pair.Value, ignoreCase: true))),
        "source-ip" => request.SourceIp is { } source
            && IpBlock.ParseAll(condition.SourceIpConfig?.Values ?? condition.Values ?? new List<string>()).Any(block => block.Contains(source)),
        // A field this module does not know cannot be said to match.
        _ => false,
    };

    private static string Describe(RuleCondition condition) => condition.Field switch
    {
        "host-header" => "Host " + Either(Values(condition, condition.HostHeaderConfig?.Values), Regexes(condition, condition.HostHeaderConfig?.RegexValues)),
        "path-pattern" => "path " + Either(Values(condition, condition.PathPatternConfig?.Values), Regexes(condition, condition.PathPatternConfig?.RegexValues)),
        "http-header" => $"header {condition.HttpHeaderConfig?.HttpHeaderName} is "
                         + Either(condition.HttpHeaderConfig?.Values ?? new List<string>(), Regexes(condition, condition.HttpHeaderConfig?.RegexValues)),
        "http-request-method" => "method " + string.Join(" or ", condition.HttpRequestMethodConfig?.Values ?? new List<string>()),
        "query-string" => "query " + string.Join(" or ", (condition.QueryStringConfig?.Values ?? new List<QueryStringKeyValuePair>())
            .Select(p => p.Key == null ? $"any key={p.Value}" : $"{p.Key}={p.Value}")),
        "source-ip" => "source " + string.Join(" or ", condition.SourceIpConfig?.Values ?? condition.Values ?? new List<string>()),
        _ => condition.Field ?? "(no field)",
    };

    private static string Either(IReadOnlyList<string> values, IReadOnlyList<string> regexes) =>
        string.Join(" or ", values.Concat(regexes.Select(r => $"~/{r}/")));

    /// <summary>The older top-level Values serve a host-header or path-pattern condition written without its config.</summary>
    private static IReadOnlyList<string> Values(RuleCondition condition, List<string>? configured) => configured ?? condition.Values ?? new List<string>();

    private static IReadOnlyList<string> Regexes(RuleCondition condition, List<string>? configured) => configured ?? condition.RegexValues ?? new List<string>();

    private static AlbRuleMatch Transformed(Rule rule, AlbRequest request, IReadOnlyList<string> undecided)
    {
        var transforms = rule.Transforms ?? new List<RuleTransform>();
        return new AlbRuleMatch
        {
            Rule = rule,
            Undecided = undecided,
            RewrittenHost = request.Host == null ? null
                : Rewrite(transforms.Where(t => t.Type == "host-header-rewrite").SelectMany(t => t.HostHeaderRewriteConfig?.Rewrites ?? new List<RewriteConfig>()), request.Host),
            RewrittenUrl = Rewrite(transforms.Where(t => t.Type == "url-rewrite").SelectMany(t => t.UrlRewriteConfig?.Rewrites ?? new List<RewriteConfig>()), request.PathAndQuery),
        };
    }

    /// <summary>The first rewrite whose regex is found in the text replaces it ($1… are its groups); none found leaves the request as it was.</summary>
    private static string? Rewrite(IEnumerable<RewriteConfig> rewrites, string text)
    {
        foreach (var rewrite in rewrites.Where(r => !string.IsNullOrEmpty(r.Regex)))
        {
            var regex = new Regex(rewrite.Regex, RegexOptions.CultureInvariant, RegexTimeout);
            if (regex.IsMatch(text))
            {
                return regex.Replace(text, rewrite.Replace ?? "", 1);
            }
        }

        return null;
    }

    private static bool Found(string pattern, string value, bool ignoreCase) =>
        Regex.IsMatch(value, pattern, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, RegexTimeout);

    /// <summary>* is any run of characters and ? one character; a backslash makes the next character literal (a query's \* and \?).</summary>
    private static bool Wildcard(string pattern, string value, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(c == '*' ? ".*" : c == '?' ? "." : Regex.Escape(c.ToString()));
            }
        }

        return Regex.IsMatch(value, regex.Append('$').ToString(),
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant | RegexOptions.Singleline, RegexTimeout);
    }

    /// <summary>Condition values may be percent-encoded as the query is; both are compared decoded. Escapes stay for <see cref="Wildcard"/>.</summary>
    private static string PercentDecoded(string value) => Uri.UnescapeDataString(value);
}
