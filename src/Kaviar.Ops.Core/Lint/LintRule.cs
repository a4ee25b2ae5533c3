using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint;

/// <summary>
/// One lint rule, like a PSScriptAnalyzer rule or an evidence signature: a stable id (its findings are coded
/// Lint.&lt;Id&gt;), a default severity, what it checks and why, and its findings with their fix, over one kind of
/// subject (a task definition and its service, a Lambda function's configuration).
/// </summary>
public abstract class LintRule<TSubject>
{
    /// <summary>Stable, so scripts can match it: SecretInEnvironment, FargateCpuMemory…</summary>
    public abstract string Id { get; }

    public abstract FindingSeverity Severity { get; }

    /// <summary>What the rule checks and why it matters, in a sentence or two.</summary>
    public abstract string Explanation { get; }

    /// <summary>The fact the subject lacks for this rule (a live one, linting a file), or null when it can run.</summary>
    public virtual string? MissingFact(TSubject subject) => null;

    /// <summary>Every finding of the rule; none when the subject passes.</summary>
    public abstract IEnumerable<Finding> Check(TSubject subject);

    protected Finding Found(string message, string? manualFix = null, SuggestedCommand? fix = null, IReadOnlyList<string>? evidence = null,
        FindingSeverity? severity = null) =>
        new Finding("Lint." + Id, severity ?? Severity, message, fix, manualFix, evidence);
}

/// <summary>Runs rules over a subject: each rule's findings, or the fact it lacked.</summary>
public static class LintRun
{
    public static (List<Finding> Findings, List<string> Skipped) Run<TSubject>(IEnumerable<LintRule<TSubject>> rules, TSubject subject)
    {
        var findings = new List<Finding>();
        var skipped = new List<string>();
        foreach (var rule in rules)
        {
            if (rule.MissingFact(subject) is { } missing)
            {
                skipped.Add($"{rule.Id}: {missing}");
                continue;
            }

            findings.AddRange(rule.Check(subject));
        }

        return (findings, skipped);
    }
}
