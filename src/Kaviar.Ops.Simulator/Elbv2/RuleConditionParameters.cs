using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Protocol;
using static Kaviar.Ops.Simulator.Protocol.QueryXmlWriter;

namespace Kaviar.Ops.Simulator.Elbv2;

/// <summary>
/// A listener rule's conditions and transforms on the Query wire ("Conditions.member.N.HttpHeaderConfig.Values.member.M",
/// "Transforms.member.N.UrlRewriteConfig.Rewrites.member.M.Regex"), and back as DescribeRules answers them.
/// </summary>
internal static class RuleConditionParameters
{
    /// <summary>Each field's *Config member: the API reference says to give one only with its own field.</summary>
    private static readonly IReadOnlyDictionary<string, string> ConfigOfField = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["host-header"] = "HostHeaderConfig",
        ["path-pattern"] = "PathPatternConfig",
        ["http-header"] = "HttpHeaderConfig",
        ["http-request-method"] = "HttpRequestMethodConfig",
        ["query-string"] = "QueryStringConfig",
        ["source-ip"] = "SourceIpConfig",
    };

    private static readonly IReadOnlyDictionary<string, string> ConfigOfTransform = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RuleTransform.HostHeaderRewrite] = "HostHeaderRewriteConfig",
        [RuleTransform.UrlRewrite] = "UrlRewriteConfig",
    };

    public static IReadOnlyList<RuleCondition> Conditions(IReadOnlyDictionary<string, string> parameters, string listName) =>
        ListPrefixes(parameters, listName + ".member").Select(prefix => Condition(parameters, prefix + ".")).ToList();

    public static IReadOnlyList<RuleTransform> Transforms(IReadOnlyDictionary<string, string> parameters, string listName) =>
        ListPrefixes(parameters, listName + ".member").Select((prefix, index) =>
        {
            var type = Optional(parameters, prefix + ".Type") ?? string.Empty;
            if (!ConfigOfTransform.TryGetValue(type, out var config))
            {
                throw RuleValidation.Invalid($"1 validation error detected: Value '{type}' at 'transforms.{index + 1}.member.type' failed to satisfy constraint: " +
                    $"Member must satisfy enum value set: [{string.Join(", ", ConfigOfTransform.Keys)}]");
            }

            if (ConfigOfTransform.Values.FirstOrDefault(other => other != config && Sent(parameters, prefix + "." + other)) is { } misplaced)
            {
                throw RuleValidation.Invalid($"'{misplaced}' can be specified only when the transform type is '{ConfigOfTransform.Single(p => p.Value == misplaced).Key}'");
            }

            var rewrites = ListPrefixes(parameters, $"{prefix}.{config}.Rewrites.member")
                .Select(r => new RewriteConfig(Optional(parameters, r + ".Regex") ?? string.Empty, Optional(parameters, r + ".Replace") ?? string.Empty))
                .ToList();
            return new RuleTransform(type, rewrites);
        }).ToList();

    /// <summary>
    /// host-header and path-pattern answer their values twice, as AWS does: in Values and in their *Config; every other
    /// field answers only its *Config.
    /// </summary>
    public static XElement ConditionXml(RuleCondition condition) => new(
        "member",
        Value("Field", condition.Field),
        condition.Field is "host-header" or "path-pattern" && condition.Values.Count > 0 ? List("Values", "member", condition.Values) : null,
        ConfigOfField.TryGetValue(condition.Field, out var config)
            ? new XElement(
                config,
                Value("HttpHeaderName", condition.HttpHeaderName),
                condition.Field == "query-string"
                    ? List("Values", "member", condition.QueryPairs.Select(p => new XElement("member", Value("Key", p.Key), Value("Value", p.Value))))
                    : condition.Values.Count > 0 ? List("Values", "member", condition.Values) : null,
                condition.RegexValues.Count > 0 ? List("RegexValues", "member", condition.RegexValues) : null)
            : null);

    public static XElement TransformXml(RuleTransform transform) => new(
        "member",
        Value("Type", transform.Type),
        new XElement(
            ConfigOfTransform[transform.Type],
            List("Rewrites", "member", transform.Rewrites.Select(r => new XElement("member", Value("Regex", r.Regex), Value("Replace", r.Replace))))));

    /// <summary>
    /// One condition. Values (one value) and RegexValues may stand beside Field for the fields the API reference allows;
    /// the rest lives in the field's own *Config, and a *Config of another field is refused.
    /// </summary>
    private static RuleCondition Condition(IReadOnlyDictionary<string, string> parameters, string prefix)
    {
        var field = Optional(parameters, prefix + "Field") ?? throw RuleValidation.Invalid("A condition field must be specified");
        if (!ConfigOfField.TryGetValue(field, out var config))
        {
            throw RuleValidation.Invalid($"Condition field '{field}' must be one of '[{string.Join(',', RuleValidation.Fields)}]'");
        }

        if (ConfigOfField.FirstOrDefault(other => other.Value != config && Sent(parameters, prefix + other.Value)) is { Value: { } misplaced } owner)
        {
            throw RuleValidation.Invalid($"'{misplaced}' can be specified only when Field is '{owner.Key}'");
        }

        var bareValues = Strings(parameters, prefix + "Values.member");
        var bareRegexValues = Strings(parameters, prefix + "RegexValues.member");
        var configPrefix = prefix + config + ".";
        var hasConfig = Sent(parameters, prefix + config);
        if (bareValues.Count > 0 && field is not ("host-header" or "path-pattern"))
        {
            throw RuleValidation.Invalid($"The 'Values' field is not compatible with '{field}'");
        }

        if (bareRegexValues.Count > 0 && field is not ("host-header" or "path-pattern" or "http-header"))
        {
            throw RuleValidation.Invalid($"The 'RegexValues' field is not compatible with '{field}'");
        }

        if ((bareValues.Count > 0 || bareRegexValues.Count > 0) && hasConfig && field != "http-header")
        {
            throw RuleValidation.Invalid($"You cannot provide both Values and '{config}' for a condition of type '{field}'");
        }

        if (bareValues.Count > 1)
        {
            throw RuleValidation.Invalid($"The '{field}' field contains too many values; the limit is '1'");
        }

        if (!hasConfig && field is not ("host-header" or "path-pattern") && !(field == "http-header" && bareRegexValues.Count > 0))
        {
            throw RuleValidation.Invalid($"A '{config}' must be specified with '{field}'");
        }

        var values = bareValues.Count > 0 ? bareValues : Strings(parameters, configPrefix + "Values.member");
        var regexValues = bareRegexValues.Count > 0 ? bareRegexValues : Strings(parameters, configPrefix + "RegexValues.member");
        return field switch
        {
            "query-string" => RuleCondition.QueryString(ListPrefixes(parameters, configPrefix + "Values.member")
                .Select(pair => new QueryStringPair(
                    Optional(parameters, pair + ".Key"),
                    Optional(parameters, pair + ".Value") ?? throw RuleValidation.Invalid("A 'Value' must be specified in 'QueryStringKeyValuePair'")))
                .ToList()),
            "http-header" => RuleCondition.HttpHeader(Optional(parameters, configPrefix + "HttpHeaderName")!, values) with { RegexValues = regexValues },
            _ => new RuleCondition(field, values) { RegexValues = regexValues },
        };
    }

    private static bool Sent(IReadOnlyDictionary<string, string> parameters, string member) =>
        parameters.Keys.Any(k => k.StartsWith(member + ".", StringComparison.Ordinal));
}
