using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>
/// Which rule of a listener a request reaches, the way an ALB decides: rules in ascending priority, every condition of
/// a rule must match, any value of a condition may; host-header compares case-insensitively, path-pattern
/// case-sensitively, both with * and ? wildcards; no match falls through to the default rule.
/// </summary>
public static class AlbRuleMatcher
{
    public static Rule Match(IReadOnlyList<Rule> rules, string? host, string path)
    {
        var ordered = rules.Where(r => r.IsDefault != true)
            .OrderBy(r => int.TryParse(r.Priority, out var priority) ? priority : int.MaxValue);
        return ordered.FirstOrDefault(r => (r.Conditions ?? new List<RuleCondition>()).All(c => Matches(c, host, path)))
               ?? rules.First(r => r.IsDefault == true);
    }

    /// <summary>The host names a rule's host-header conditions name (for the audit).</summary>
    public static IReadOnlyList<string> HostsOf(Rule rule) =>
        (rule.Conditions ?? new List<RuleCondition>()).Where(c => c.Field == "host-header").SelectMany(ValuesOf).ToList();

    public static IReadOnlyList<string> PathsOf(Rule rule) =>
        (rule.Conditions ?? new List<RuleCondition>()).Where(c => c.Field == "path-pattern").SelectMany(ValuesOf).ToList();

    private static bool Matches(RuleCondition condition, string? host, string path)
    {
        var values = ValuesOf(condition);
        return condition.Field switch
        {
            // A port in the Host header is not part of the name ALB compares.
            "host-header" => host != null && values.Any(v => Wildcard(v, host.Split(':')[0], ignoreCase: true)),
            "path-pattern" => values.Any(v => Wildcard(v, path, ignoreCase: false)),
            // Conditions this module does not evaluate (headers, query strings, source IPs) never match.
            _ => false,
        };
    }

    private static IEnumerable<string> ValuesOf(RuleCondition condition) =>
        condition.HostHeaderConfig?.Values ?? condition.PathPatternConfig?.Values ?? condition.Values ?? new List<string>();

    private static bool Wildcard(string pattern, string value, bool ignoreCase)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
        return Regex.IsMatch(value, regex, ignoreCase ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant);
    }
}
