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
    public static readonly IReadOnlyList<LintRule<LintSubject>> Rules = new LintRule<LintSubject>[]
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
        var (findings, skipped) = LintRun.Run(Rules, subject);
        return new ReadinessReport
        {
            TaskDefinition = subject.TaskDefinition.TaskDefinitionArn
                ?? subject.TaskDefinition.Family + (subject.TaskDefinition.Revision is int revision ? ":" + revision : ""),
            Passed = findings.All(f => f.Level != FindingSeverity.Error),
            Findings = FindingSeverities.AtLeast(findings, minimumSeverity),
            Skipped = skipped,
        };
    }
}
