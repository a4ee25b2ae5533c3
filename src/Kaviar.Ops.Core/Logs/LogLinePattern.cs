using System;

namespace Kaviar.Ops.Logs;

/// <summary>What a log line must hold: text, matched case-sensitively as CloudWatch matches, or a CloudWatch Logs filter pattern.</summary>
public sealed class LogLinePattern
{
    private LogLinePattern(string value, bool isFilterPattern)
    {
        Value = value;
        IsFilterPattern = isFilterPattern;
    }

    public string Value { get; }

    public bool IsFilterPattern { get; }

    /// <summary>
    /// What FilterLogEvents is asked for, so only candidate lines travel: the pattern itself, or the text as a quoted
    /// phrase. Text holding a quote or a backslash cannot be quoted safely; it is matched here only.
    /// </summary>
    public string? ServerFilter => IsFilterPattern ? Value : Value.IndexOfAny(new[] { '"', '\\' }) < 0 ? "\"" + Value + "\"" : null;

    public static LogLinePattern Text(string text) => new LogLinePattern(text, false);

    public static LogLinePattern Filter(string filterPattern) => new LogLinePattern(filterPattern, true);

    /// <summary>Every line CloudWatch returns for a filter pattern matches it; text is looked for in the line.</summary>
    public bool Matches(string message) => IsFilterPattern || message.IndexOf(Value, StringComparison.Ordinal) >= 0;
}
