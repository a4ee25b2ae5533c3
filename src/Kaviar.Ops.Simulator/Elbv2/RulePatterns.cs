using System;
using System.Text;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Simulator.Elbv2;

/// <summary>
/// How listener rules compare text: AWS's value patterns ("*" any run, "?" one character, matched against the whole
/// value) and its regular expressions (RegexValues and transforms).
/// </summary>
internal static class RulePatterns
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A value pattern over the whole text. Query-string values take <paramref name="backslashEscapes"/>: there "\*" and
    /// "\?" are the literal characters (QueryStringConditionConfig, API reference).
    /// </summary>
    public static Regex Wildcard(string pattern, bool ignoreCase, bool backslashEscapes = false)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (backslashEscapes && c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '?')
            {
                regex.Append('\\').Append(pattern[++i]);
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => ".*",
                    '?' => ".",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), Options(ignoreCase) | RegexOptions.Singleline, MatchTimeout);
    }

    /// <summary>The wildcards a value pattern spends of the rule's quota (escaped ones are literals, not wildcards).</summary>
    public static int WildcardCount(string pattern, bool backslashEscapes)
    {
        var count = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (backslashEscapes && pattern[i] == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '?')
            {
                i++;
            }
            else if (pattern[i] is '*' or '?')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// A RegexValues entry or a transform's Regex. Unanchored: it matches when found anywhere in the text, so "^" and "$"
    /// anchor it, as the examples on "Transforms for listener rules"
    /// (docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html) write them. The non-backtracking
    /// engine refuses what AWS documents as unsupported (lookarounds, backreferences, atomic groups).
    /// </summary>
    public static Regex Expression(string pattern, bool ignoreCase) =>
        new(pattern, Options(ignoreCase) | RegexOptions.NonBacktracking, MatchTimeout);

    /// <summary>
    /// Whether AWS accepts the expression: it must parse, and use none of lookaheads, lookbehinds, backreferences, atomic
    /// groups or Unicode classes ("Listener rules for your Application Load Balancer", rule basics).
    /// </summary>
    public static bool IsSupportedExpression(string pattern)
    {
        if (pattern.Contains("\\p{", StringComparison.Ordinal) || pattern.Contains("\\P{", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            Expression(pattern, ignoreCase: false);
            return true;
        }
        catch (Exception refused) when (refused is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static RegexOptions Options(bool ignoreCase) => RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
}
