using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Health;

/// <summary>The Healthy verdict: a service is healthy when nothing in this list applies.</summary>
public static class ServiceHealthRules
{
    public static IReadOnlyList<Finding> FindingsNotHealthy(EcsServiceHealth health) => FindingsNotHealthy(health, health.Events);

    /// <param name="allEvents">Every event of the service ECS returned (up to 100), newest or oldest first.</param>
    public static IReadOnlyList<Finding> FindingsNotHealthy(EcsServiceHealth health, IReadOnlyList<EcsServiceEventEntry> allEvents)
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

        reasons.AddRange(EventFindings(health, primary, allEvents));

        // Failures of a deployment that has since been replaced are history, not the present state.
        var failures = health.StoppedTasks.Where(t => t.Failed && BelongsToCurrentDeployments(t, health, primary)).ToList();
        if (failures.Count > 0)
        {
            var commonest = failures.GroupBy(t => t.StoppedReason ?? t.StopCode ?? "unknown").OrderByDescending(g => g.Count()).First();
            reasons.Add(new Finding("TasksStoppingWithFailures", FindingSeverity.Error,
                $"{failures.Count} recently stopped task(s) failed; most often: {commonest.Key}",
                evidence: failures.Select(t => $"{t.TaskId}: {t.StopCode} {t.StoppedReason}".TrimEnd()).ToList()));
        }

        // The logs explain a failure found above (a rollback's crashed tasks included); alone, an old crash is history.
        if (reasons.Count > 0)
        {
            reasons.AddRange(EvidenceFindings(health.StoppedTasks.Where(t => t.Failed).ToList()));
        }

        return reasons;
    }

    /// <summary>
    /// What the failed tasks' logs show (read for a few of them): each known failure once with its fix, tasks that never
    /// started and why, a log that cannot be read, and lines no signature knows, shown as they are.
    /// </summary>
    private static IEnumerable<Finding> EvidenceFindings(IReadOnlyList<EcsStoppedTask> failures)
    {
        var read = failures.Where(t => t.Log != null).ToList();
        foreach (var known in read.SelectMany(t => t.Log!.Diagnoses).GroupBy(d => (d.FindingCode, d.Cause)))
        {
            yield return known.First().ToFinding();
        }

        foreach (var neverStarted in read.Where(t => t.Log!.NeverStarted).GroupBy(t => t.Log!.WhyNoLog))
        {
            yield return new Finding("TasksNeverStarted", FindingSeverity.Error, $"{neverStarted.Count()} task(s) never started. {neverStarted.Key}",
                evidence: neverStarted.Select(t => $"{t.TaskId}: {t.StoppedReason}").ToList());
        }

        foreach (var unreadable in read.Where(t => !t.Log!.NeverStarted && t.Log.WhyNoLog != null && t.Log.Diagnoses.Count == 0).GroupBy(t => t.Log!.WhyNoLog))
        {
            yield return new Finding("TaskLogUnavailable", FindingSeverity.Warning, unreadable.Key!, evidence: unreadable.Select(t => t.TaskId).ToList());
        }

        var unknown = read.FirstOrDefault(t => t.Log!.StreamFound && t.Log.Lines.Count > 0 && t.Log.Diagnoses.Count == 0);
        if (unknown != null)
        {
            var exit = unknown.Containers.FirstOrDefault(c => c.Name == unknown.Log!.Container)?.ExitCode;
            yield return new Finding("TaskLogUnrecognised", FindingSeverity.Warning,
                $"Task {unknown.TaskId} stopped ({unknown.StopCode}{(exit == null ? "" : $", exit code {exit}")}) and no known failure is in its log; its last lines are the evidence.",
                evidence: unknown.Log!.Lines.Skip(Math.Max(0, unknown.Log.Lines.Count - 8)).ToList());
        }
    }

    private static readonly Regex DeploymentFailedEvent = new Regex(@"\(deployment (?<id>ecs-svc/\d+)\) deployment failed: (?<why>.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex RollingBackEvent = new Regex(@"rolling back to deployment (?<id>ecs-svc/\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex PlacementEvent = new Regex(@"(was unable to place a task|is unable to consistently start tasks successfully|failed to launch a task)(?<why>.*)$",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// What only the service's events tell: the latest deployment failed and the circuit breaker rolled the service
    /// back (the failed deployment is no longer listed), and tasks ECS could not place or launch since the primary
    /// deployment began.
    /// </summary>
    private static IEnumerable<Finding> EventFindings(EcsServiceHealth health, EcsDeploymentState? primary, IReadOnlyList<EcsServiceEventEntry> allEvents)
    {
        var newestFirst = allEvents.OrderByDescending(e => e.CreatedAt ?? System.DateTime.MinValue).ToList();
        var failure = newestFirst.Select(e => (Event: e, Match: DeploymentFailedEvent.Match(e.Message))).FirstOrDefault(x => x.Match.Success);
        // The rollback is the primary deployment when it began no later than the failure that caused it: nothing was deployed since.
        if (failure.Match != null && primary != null && failure.Match.Groups["id"].Value != primary.Id
            && primary.CreatedAt is System.DateTime primaryCreated && failure.Event.CreatedAt is System.DateTime failedAt && primaryCreated <= failedAt.AddSeconds(1))
        {
            var failedId = failure.Match.Groups["id"].Value;
            var rolledBack = newestFirst.Any(e => RollingBackEvent.Match(e.Message) is { Success: true } m && m.Groups["id"].Value != failedId);
            var revision = health.StoppedTasks.FirstOrDefault(t => t.StartedBy == failedId)?.TaskDefinition;
            yield return new Finding("DeploymentRolledBack", FindingSeverity.Error,
                $"The latest deployment {failedId}{(revision == null ? "" : $" ({revision})")} failed at {failedAt:u} ({failure.Match.Groups["why"].Value.TrimEnd('.')})" +
                (rolledBack ? $" and ECS rolled the service back: it runs {primary.TaskDefinition} (deployment {primary.Id}), not the release." : "."),
                manualFix: "Find why the failed revision's tasks stopped (the stopped tasks below, their logs), fix it, and deploy again with Start-EcsDeployment.",
                evidence: newestFirst.Where(e => e.Message.Contains(failedId) || RollingBackEvent.IsMatch(e.Message)).Take(3)
                    .Select(e => $"{e.CreatedAt:u} {e.Message}").ToList());
        }

        var since = primary?.CreatedAt ?? System.DateTime.MinValue;
        var placement = newestFirst.Where(e => (e.CreatedAt ?? System.DateTime.MinValue) >= since && PlacementEvent.IsMatch(e.Message)).ToList();
        if (placement.Count > 0)
        {
            yield return new Finding("TaskPlacementFailed", FindingSeverity.Error,
                $"ECS could not place or launch tasks since the deployment began: {placement[0].Message}",
                evidence: placement.Take(3).Select(e => $"{e.CreatedAt:u} {e.Message}").ToList());
        }
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
