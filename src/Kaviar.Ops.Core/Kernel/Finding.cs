using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Kernel;

public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing fails because of it.</summary>
    Info,

    /// <summary>Some requests or some tasks fail, or will.</summary>
    Warning,

    /// <summary>The service, its traffic or its deployment fails.</summary>
    Error,
}

/// <summary>The one reading of a -Severity parameter, shared by every command that writes findings.</summary>
public static class FindingSeverities
{
    /// <summary>Info, Warning or Error, as the user typed it (any case).</summary>
    public static FindingSeverity Parse(string text) =>
        (FindingSeverity)Enum.Parse(typeof(FindingSeverity), text, ignoreCase: true);

    /// <summary>The findings at or above <paramref name="minimum"/>, Errors first, each severity in its original order.</summary>
    public static IReadOnlyList<Finding> AtLeast(IEnumerable<Finding> findings, FindingSeverity minimum) =>
        findings.Where(f => f.Level >= minimum).OrderByDescending(f => f.Level).ToList();
}

/// <summary>
/// One verdict, in the one shape every check uses (network links, listeners, targets, service health, later lint): a
/// stable code scripts can match, a severity, what is wrong in words, the evidence it rests on, and the fix — a module
/// command (<see cref="Fix"/>) when the module can make it, else an aws CLI line (<see cref="ManualFix"/>).
/// </summary>
public sealed class Finding
{
    public Finding(string code, FindingSeverity severity, string message, SuggestedCommand? fix = null, string? manualFix = null,
        IReadOnlyList<string>? evidence = null)
    {
        Code = code;
        Level = severity;
        Message = message;
        Fix = fix;
        ManualFix = manualFix;
        Evidence = evidence ?? Array.Empty<string>();
    }

    /// <summary>Stable: TasksNotRunning, LoadBalancerToTask, Target.Timeout, ListenerDefaultActionError…</summary>
    public string Code { get; }

    /// <summary>Info, Warning or Error, as a name (so JSON and CLIXML show it as one).</summary>
    public string Severity => Level.ToString();

    internal FindingSeverity Level { get; }

    public string Message { get; }

    /// <summary>What was seen that the verdict rests on (ids, counts, AWS's own words).</summary>
    public IReadOnlyList<string> Evidence { get; }

    public SuggestedCommand? Fix { get; }

    public string? ManualFix { get; }

    /// <summary>The line to run: the module command, or the manual one.</summary>
    public string? FixLine => Fix?.ToString() ?? ManualFix;

    public override string ToString() => $"{Severity} {Code}: {Message}";
}
