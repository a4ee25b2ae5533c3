using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Health;

/// <summary>The Healthy verdict: a service is healthy when nothing in this list applies.</summary>
public static class ServiceHealthRules
{
    public static IReadOnlyList<Finding> FindingsNotHealthy(EcsServiceHealth health)
    {
        var reasons = new List<Finding>();
        var next = Suggest.GetEcsServiceHealth(health.Region, health.Cluster, health.ServiceName);
        if (health.Status != "ACTIVE")
        {
            reasons.Add(new Finding("ServiceNotActive", FindingSeverity.Error, $"The service is {health.Status}."));
        }

        if (health.DesiredCount == 0)
        {
            reasons.Add(new Finding("DesiredCountZero", FindingSeverity.Warning, "The desired count is 0: the service runs no tasks.",
                manualFix: $"aws ecs update-service --cluster {health.Cluster} --service {health.ServiceName} --desired-count 1 --region {health.Region}"));
        }
        else if (health.RunningCount < health.DesiredCount)
        {
            reasons.Add(new Finding("TasksNotRunning", FindingSeverity.Error,
                $"{health.RunningCount} of {health.DesiredCount} desired tasks are running ({health.PendingCount} pending).",
                evidence: new[] { $"runningCount={health.RunningCount}", $"desiredCount={health.DesiredCount}", $"pendingCount={health.PendingCount}" }));
        }

        var primary = health.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
        if (primary?.RolloutState == "FAILED")
        {
            reasons.Add(new Finding("DeploymentFailed", FindingSeverity.Error,
                $"Deployment {primary.Id} ({primary.TaskDefinition}) failed: {primary.RolloutStateReason}", evidence: new[] { $"rolloutState={primary.RolloutState}" }));
        }
        else if (primary?.RolloutState == "IN_PROGRESS" || health.Deployments.Count > 1)
        {
            var rolling = primary ?? health.Deployments[0];
            reasons.Add(new Finding("DeploymentInProgress", FindingSeverity.Warning,
                $"Deployment {rolling.Id} ({rolling.TaskDefinition}) is still rolling out: {rolling.RunningCount} of " +
                $"{rolling.DesiredCount} running, {rolling.FailedTasks} failed tasks.", next));
        }

        // Failures of a deployment that has since been replaced are history, not the present state.
        var failures = health.StoppedTasks.Where(t => t.Failed && BelongsToCurrentDeployments(t, health, primary)).ToList();
        if (failures.Count > 0)
        {
            var commonest = failures.GroupBy(t => t.StoppedReason ?? t.StopCode ?? "unknown").OrderByDescending(g => g.Count()).First();
            reasons.Add(new Finding("TasksStoppingWithFailures", FindingSeverity.Error,
                $"{failures.Count} recently stopped task(s) failed; most often: {commonest.Key}",
                evidence: failures.Select(t => $"{t.TaskId}: {t.StopCode} {t.StoppedReason}".TrimEnd()).ToList()));
        }

        return reasons;
    }

    /// <summary>
    /// A service's tasks carry their deployment's id as startedBy; only when they do not (older agents) is the stop
    /// time compared with the primary deployment's start.
    /// </summary>
    private static bool BelongsToCurrentDeployments(EcsStoppedTask task, EcsServiceHealth health, EcsDeploymentState? primary) =>
        task.StartedBy?.StartsWith("ecs-svc/", System.StringComparison.Ordinal) == true
            ? health.Deployments.Any(d => d.Id == task.StartedBy)
            : primary?.CreatedAt is System.DateTime deployedAt && task.StoppedAt >= deployedAt;
}
