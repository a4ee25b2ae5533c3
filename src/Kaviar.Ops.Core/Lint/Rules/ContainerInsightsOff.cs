using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>The cluster does not collect Container Insights: no per-task CPU, memory, network or restart metrics.</summary>
internal sealed class ContainerInsightsOff : LintRule<LintSubject>
{
    public override string Id => "ContainerInsightsOff";

    public override FindingSeverity Severity => FindingSeverity.Warning;

    public override string Explanation =>
        "Without Container Insights (the cluster setting containerInsights enabled, or enhanced) CloudWatch has only service-level CPU " +
        "and memory: no task counts, per-task metrics or restarts to diagnose a service that will not stay up.";

    public override string? MissingFact(LintSubject subject) =>
        subject.Service == null || subject.ContainerInsights == null ? subject.Lacking("the cluster's settings", nameof(LintSubject.ContainerInsights)) : null;

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        if (subject.ContainerInsights is "enabled" or "enhanced")
        {
            yield break;
        }

        var cluster = HealthCheckGracePeriodTooShort.ClusterName(subject.Service!);
        yield return Found($"Cluster {cluster} has Container Insights {subject.ContainerInsights}.",
            $"aws ecs update-cluster-settings --cluster {cluster} --settings name=containerInsights,value=enhanced{SecretReferenceMissing.RegionOption(subject)}",
            evidence: new[] { $"{cluster}: containerInsights {subject.ContainerInsights}" });
    }
}
