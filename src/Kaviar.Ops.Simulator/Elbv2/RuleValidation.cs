using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Elbv2;

/// <summary>
/// AWS's documented limits on a listener rule's conditions and transforms (API reference RuleCondition and its *Config
/// shapes; "Condition types for listener rules"; "Quotas for your Application Load Balancers"; "Transforms for listener
/// rules"). Where moto words the same refusal, the message is moto's; AWS documents codes, not messages.
/// </summary>
internal static partial class RuleValidation
{
    public const string ValidationError = "ValidationError";

    public static readonly IReadOnlyList<string> Fields = new[] { "path-pattern", "host-header", "http-header", "http-request-method", "query-string", "source-ip" };

    private const int MaxEvaluationsPerCondition = 3;
    private const int MaxSourceIpValues = 5;
    private const int MaxEvaluationsPerRule = 5;
    private const int MaxWildcardsPerRule = 5;
    private const int MaxValueLength = 128;
    private const int MaxHeaderNameLength = 40;
    private const int MaxRewriteLength = 1024;

    // A rule holds at most one of each of these; http-header and query-string may repeat.
    private static readonly string[] OncePerRule = { "host-header", "http-request-method", "path-pattern", "source-ip" };

    public static void ValidateConditions(IReadOnlyList<RuleCondition> conditions)
    {
        if (conditions.Count == 0)
        {
            throw Invalid("A rule must have at least one condition");
        }

        foreach (var condition in conditions)
        {
            ValidateCondition(condition);
        }

        if (OncePerRule.FirstOrDefault(field => conditions.Count(c => c.Field == field) > 1) is { } repeated)
        {
            throw Invalid($"A rule can only have one '{repeated}' condition");
        }

        if (conditions.Sum(c => c.MatchEvaluations) > MaxEvaluationsPerRule)
        {
            throw Invalid($"A rule can only have '{MaxEvaluationsPerRule}' condition values");
        }

        if (conditions.Sum(WildcardCount) > MaxWildcardsPerRule)
        {
            throw Invalid($"A rule can only have '{MaxWildcardsPerRule}' wildcards");
        }
    }

    /// <summary>One host-header-rewrite and one url-rewrite at most, each with rewrites whose Regex AWS supports.</summary>
    public static void ValidateTransforms(IReadOnlyList<RuleTransform> transforms)
    {
        foreach (var transform in transforms)
        {
            if (transform.Rewrites.Count == 0)
            {
                throw Invalid($"A '{transform.Type}' transform must have at least one rewrite");
            }

            foreach (var rewrite in transform.Rewrites)
            {
                if (rewrite.Regex.Length > MaxRewriteLength || rewrite.Replace.Length > MaxRewriteLength)
                {
                    throw Invalid($"The '{transform.Type}' regex and replace values are too long; the limit is '{MaxRewriteLength}'");
                }

                if (!RulePatterns.IsSupportedExpression(rewrite.Regex))
                {
                    throw Invalid($"The '{transform.Type}' regex '{rewrite.Regex}' is not a supported regular expression");
                }
            }
        }

        if (transforms.GroupBy(t => t.Type).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw Invalid($"A rule can only have one '{repeated.Key}' transform");
        }
    }

    public static AwsErrorException Invalid(string message) => new(ValidationError, message);

    private static void ValidateCondition(RuleCondition condition)
    {
        var field = condition.Field;
        if (!Fields.Contains(field))
        {
            throw Invalid($"Condition field '{field}' must be one of '[{string.Join(',', Fields)}]'");
        }

        if (condition.MatchEvaluations == 0)
        {
            throw Invalid("A condition value must be specified");
        }

        if (condition.Values.Count > 0 && condition.RegexValues.Count > 0)
        {
            throw Invalid($"You cannot provide both Values and RegexValues for a condition of type '{field}'");
        }

        var limit = field == "source-ip" ? MaxSourceIpValues : MaxEvaluationsPerCondition;
        if (condition.MatchEvaluations > limit)
        {
            throw Invalid($"The '{field}' field contains too many values; the limit is '{limit}'");
        }

        var texts = condition.Values.Concat(condition.RegexValues).Concat(condition.QueryPairs.SelectMany(p => new[] { p.Key ?? "x", p.Value }));
        if (texts.FirstOrDefault(t => t.Length is 0 or > MaxValueLength) is { } badLength)
        {
            throw Invalid(badLength.Length == 0 ? "A condition value must be specified" : $"The '{field}' value is too long; the limit is '{MaxValueLength}'");
        }

        if (condition.RegexValues.FirstOrDefault(r => !RulePatterns.IsSupportedExpression(r)) is { } badRegex)
        {
            throw Invalid($"The '{field}' regex value '{badRegex}' is not a supported regular expression");
        }

        if (condition.Values.FirstOrDefault(v => !IsValidValue(field, v)) is { } badValue)
        {
            throw Invalid(InvalidValueMessage(field, badValue));
        }

        if (field == "http-header")
        {
            ValidateHeaderName(condition.HttpHeaderName);
        }
    }

    private static bool IsValidValue(string field, string value) => field switch
    {
        "host-header" => HostPattern().IsMatch(value),
        "path-pattern" => PathPattern().IsMatch(value),
        "http-request-method" => value.Length <= MaxHeaderNameLength && MethodPattern().IsMatch(value),
        "source-ip" => IPNetwork.TryParse(value, out _),
        _ => true,
    };

    private static string InvalidValueMessage(string field, string value) => field switch
    {
        "host-header" => $"The 'host-header' value '{value}' is invalid; it may hold A-Z, a-z, 0-9, '-', '.', '*' and '?', must include a '.', and only letters may follow the last '.'",
        "path-pattern" => $"The 'path-pattern' value '{value}' is invalid; the allowed characters are A-Z, a-z, 0-9, _-.$/~\"'@:+&*?",
        "http-request-method" => "The 'http-request-method' value is invalid; the allowed characters are A-Z, hyphen and underscore",
        _ => $"The 'source-ip' value '{value}' is not a valid IPv4 or IPv6 CIDR block",
    };

    /// <summary>An RFC 7230 token of at most 40 characters, no wildcards, and never Host (a host-header condition's job).</summary>
    private static void ValidateHeaderName(string? name)
    {
        if (name is null)
        {
            throw Invalid("A 'HttpHeaderConfig' must be specified with 'http-header'");
        }

        if (name.Length > MaxHeaderNameLength)
        {
            throw Invalid($"The 'HttpHeaderName' value is too long; the limit is '{MaxHeaderNameLength}'");
        }

        if (!HeaderNamePattern().IsMatch(name) || name.Contains('*') || name.Equals("host", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"The 'HttpHeaderName' value '{name}' is invalid; use a header name without wildcards, and a 'host-header' condition for Host");
        }
    }

    private static int WildcardCount(RuleCondition condition) => condition.Field switch
    {
        "query-string" => condition.QueryPairs.Sum(p => RulePatterns.WildcardCount(p.Key ?? string.Empty, true) + RulePatterns.WildcardCount(p.Value, true)),
        "http-request-method" or "source-ip" => 0,
        _ => condition.Values.Sum(v => RulePatterns.WildcardCount(v, false)),
    };

    [GeneratedRegex(@"^[A-Za-z0-9\-.*?]*\.[A-Za-z]+$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_\-.$/~""'@:+&*?]+$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^[A-Z_\-]+$")]
    private static partial Regex MethodPattern();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex HeaderNamePattern();
}
