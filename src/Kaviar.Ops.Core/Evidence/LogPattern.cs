using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence;

/// <summary>How signatures make their patterns: once each, in a static field, culture-invariant.</summary>
internal static class LogPattern
{
    /// <summary>Messages are matched regardless of case: runtimes and their versions capitalise them differently.</summary>
    public static Regex Of(string pattern) => new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>For a pattern whose case carries meaning (an UPPER_CASE variable name); the message part can use (?i:…).</summary>
    public static Regex CaseSensitive(string pattern) => new Regex(pattern, RegexOptions.CultureInvariant);

    /// <summary>The first of <paramref name="patterns"/> that matches <paramref name="line"/>, or null.</summary>
    public static Match? FirstMatch(string line, IEnumerable<Regex> patterns)
    {
        foreach (var pattern in patterns)
        {
            var match = pattern.Match(line);
            if (match.Success)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The group's text, or null when it did not take part in the match.</summary>
    public static string? Group(this Match match, string name) => match.Groups[name].Success ? match.Groups[name].Value : null;
}
