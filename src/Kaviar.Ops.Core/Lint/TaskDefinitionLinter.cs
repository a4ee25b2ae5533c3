using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Lint.Rules;

namespace Kaviar.Ops.Lint;

/// <summary>Runs every lint rule over a subject: the same rules for a live service and for a file, those lacking a live fact skipped with the reason.</summary>
public static class TaskDefinitionLinter
{
    /// <summary>Every rule, in the order their findings are listed.</summary>
    public static readonly IReadOnlyList<LintRule> Rules = new LintRule[]
    {
        new FargateCpuMemory(),
        new SecretInEnvironment(),
        new SecretReferenceMissing(),
        new ReservedEnvironmentName(),
        new LogGroupMissing(),
        new LogConfigurationMissing(),
        new ImageNotPinned(),
        new StopTimeoutTooShort(),
        new DeregistrationDelayShorterThanStopTimeout(),
        new HealthCheckGracePeriodTooShort(),
        new HealthCheckPathMismatch(),
        new EssentialWithoutHealthCheck(),
        new DuplicateTagKeys(),
        new ContainerInsightsOff(),
        new RecommendedAlarmsMissing(),
    };

    /// <summary>The report of <paramref name="subject"/>, listing findings at or above <paramref name="minimumSeverity"/>, Errors first.</summary>
    public static ReadinessReport Lint(LintSubject subject, FindingSeverity minimumSeverity)
    {
        var findings = new List<Finding>();
        var skipped = new List<string>();
        foreach (var rule in Rules)
        {
            if (rule.MissingFact(subject) is { } missing)
            {
                skipped.Add($"{rule.Id}: {missing}");
                continue;
            }

            findings.AddRange(rule.Check(subject));
        }

        return new ReadinessReport
        {
            TaskDefinition = subject.TaskDefinition.TaskDefinitionArn
                ?? subject.TaskDefinition.Family + (subject.TaskDefinition.Revision is int revision ? ":" + revision : ""),
            Passed = findings.All(f => f.Level != FindingSeverity.Error),
            Findings = findings.Where(f => f.Level >= minimumSeverity).OrderByDescending(f => f.Level).ToList(),
            Skipped = skipped,
        };
    }

    /// <summary>Info, Warning or Error, as the user typed it (any case).</summary>
    public static FindingSeverity ParseSeverity(string text) =>
        (FindingSeverity)Enum.Parse(typeof(FindingSeverity), text, ignoreCase: true);
}
