using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>An essential container whose stopTimeout (30 s when unset) is shorter than its graceful shutdown needs, or longer than Fargate allows.</summary>
internal sealed class StopTimeoutTooShort : LintRule<LintSubject>
{
    /// <summary>Fargate's ceiling for a container's stopTimeout.</summary>
    internal const int FargateMaximum = 120;

    public override string Id => "StopTimeoutTooShort";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "After SIGTERM, ECS waits the container's stopTimeout (30 s when unset) before SIGKILL: an application that finishes in-flight " +
        "work and flushes traces, metrics and logs in that time needs at least -MinimumStopTimeout. Fargate allows at most 120 s.";

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        foreach (var container in subject.Containers())
        {
            if (!container.IsEssential())
            {
                continue;
            }

            var effective = EffectiveStopTimeout(container);
            var evidence = new[] { $"{container.Name}: stopTimeout {(container.StopTimeout?.ToString() ?? "unset (30 s)")}" };
            if (subject.RunsOnFargate && effective > FargateMaximum)
            {
                yield return Found($"Container {container.Name} has stopTimeout {effective} s; Fargate allows at most {FargateMaximum} s.",
                    $"Set \"stopTimeout\": {FargateMaximum} (or less) on {container.Name}.", evidence: evidence, severity: FindingSeverity.Error);
            }
            else if (effective < subject.MinimumStopTimeout)
            {
                yield return Found(
                    $"Container {container.Name} is killed {effective} s after SIGTERM{(container.StopTimeout == null ? " (stopTimeout unset)" : "")}; its shutdown needs {subject.MinimumStopTimeout} s.",
                    $"Set \"stopTimeout\": {subject.MinimumStopTimeout} on {container.Name} in the task definition and register a new revision.",
                    evidence: evidence);
            }
        }
    }

    internal static int EffectiveStopTimeout(AwsServices.ECS.Model.ContainerDefinition container) => container.StopTimeout ?? LintOptions.DefaultMinimumStopTimeout;
}
