using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Evidence;
using Kaviar.Ops.Health;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Deployments;

/// <summary>One deployment of a service, from ECS's own record: what it ran, how it ended and why.</summary>
public sealed class EcsDeploymentRecord : IRegionalOutput
{
    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    public string ServiceDeploymentArn { get; set; } = "";

    public DateTime? CreatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The revision the deployment ran (family:revision).</summary>
    public string TaskDefinition { get; set; } = "";

    public string TaskDefinitionArn { get; set; } = "";

    /// <summary>"container: image" for each container of the revision.</summary>
    public IReadOnlyList<string> Images { get; set; } = Array.Empty<string>();

    /// <summary>
    /// ECS's status: SUCCESSFUL, IN_PROGRESS, STOPPED, ROLLBACK_SUCCESSFUL…; for a current deployment read without ECS's
    /// records, its status in DescribeServices: PRIMARY, ACTIVE or DRAINING.
    /// </summary>
    public string Status { get; set; } = "";

    /// <summary>Completed, InProgress, RolledBack, Failed (rolled back or stopped by the circuit breaker) or Stopped (replaced by another).</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Why it ended as it did: ECS's reason and the circuit breaker's count.</summary>
    public string Reason { get; set; } = "";

    public int FailedTasks { get; set; }

    /// <summary>Why its tasks stopped, from the stopped tasks ECS still lists (about an hour): "reason (container exit N) xCount".</summary>
    public IReadOnlyList<string> StopReasons { get; set; } = Array.Empty<string>();

    /// <summary>What the newest failed task's log shows (the known failure and its fix), or why it has none; empty when none failed.</summary>
    public string Cause { get; set; } = "";

    public bool Completed => Outcome == "Completed";
}

/// <summary>
/// A service's deployments as <see cref="DeploymentHistory"/> read them: ECS's records, or, when those could not be read
/// (<see cref="UnreadAction"/>), only the deployments DescribeServices shows, with the warning that says so.
/// </summary>
public sealed class EcsDeploymentHistory
{
    /// <summary>Newest first.</summary>
    public IReadOnlyList<EcsDeploymentRecord> Records { get; set; } = Array.Empty<EcsDeploymentRecord>();

    /// <summary>The action that kept ECS's deployment records unread (ecs:ListServiceDeployments…); null when Records is the history.</summary>
    public string? UnreadAction { get; set; }

    /// <summary>True when AWS denied <see cref="UnreadAction"/> to the caller; false when the endpoint does not know it.</summary>
    public bool UnreadDenied { get; set; }

    /// <summary>What the command writes as warnings.</summary>
    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();
}

/// <summary>
/// A service's deployments, newest first, from ListServiceDeployments and DescribeServiceDeployments (20 a call), each
/// with the revision its target service revision ran (DescribeServiceRevisions, 20 a call). Only what the service
/// deployed is here: a revision a one-off task ran never is. Those three APIs came in 2025 and older policies lack them:
/// when AWS denies one (or the endpoint does not know it), the history falls back to the current deployments
/// DescribeServices already returned, and says so.
/// </summary>
public sealed class DeploymentHistory
{
    private const int DescribeLimit = 20;
    private readonly OpsContext context;

    public DeploymentHistory(OpsContext context) => this.context = context;

    public async Task<EcsDeploymentHistory> ReadAsync(ServiceReference service, int limit, CancellationToken cancellationToken)
    {
        var snapshot = await new EcsServiceLocator(context).LocateOneAsync(service, ServiceParts.StoppedTasks).ConfigureAwait(false);
        // ECS keeps no service deployments for CodeDeploy or external controllers: an empty history would read as "never deployed".
        DeploymentControllers.RequireEcs(snapshot, context.Region, "its deployment history (and a rollback from it)");
        // The action in flight, which a refusal names.
        var reading = "ecs:ListServiceDeployments";
        List<(EcsDeploymentRecord Record, IReadOnlyList<EcsStoppedTask> Failed)> records;
        try
        {
            var briefs = new List<ServiceDeploymentBrief>();
            string? token = null;
            do
            {
                var page = await context.Ecs.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest
                {
                    Cluster = snapshot.Cluster,
                    Service = snapshot.ServiceName,
                    NextToken = token,
                    MaxResults = Math.Min(100, Math.Max(1, limit - briefs.Count)),
                }, cancellationToken).ConfigureAwait(false);
                briefs.AddRange(page.ServiceDeployments ?? new List<ServiceDeploymentBrief>());
                token = page.NextToken;
            }
            while (!string.IsNullOrEmpty(token) && briefs.Count < limit);

            reading = "ecs:DescribeServiceDeployments";
            var deployments = new List<ServiceDeployment>();
            foreach (var batch in ApiLimits.Batches(briefs.Take(limit).Select(b => b.ServiceDeploymentArn).ToList(), DescribeLimit))
            {
                deployments.AddRange((await context.Ecs.DescribeServiceDeploymentsAsync(new DescribeServiceDeploymentsRequest { ServiceDeploymentArns = batch.ToList() },
                    cancellationToken).ConfigureAwait(false)).ServiceDeployments ?? new List<ServiceDeployment>());
            }

            reading = "ecs:DescribeServiceRevisions";
            var revisions = new Dictionary<string, ServiceRevision>(StringComparer.Ordinal);
            var revisionArns = deployments.Select(d => d.TargetServiceRevision?.Arn).OfType<string>().Distinct().ToList();
            foreach (var batch in ApiLimits.Batches(revisionArns, DescribeLimit))
            {
                foreach (var revision in (await context.Ecs.DescribeServiceRevisionsAsync(new DescribeServiceRevisionsRequest { ServiceRevisionArns = batch.ToList() },
                             cancellationToken).ConfigureAwait(false)).ServiceRevisions ?? new List<ServiceRevision>())
                {
                    revisions[revision.ServiceRevisionArn] = revision;
                }
            }

            records = deployments.OrderByDescending(d => d.CreatedAt ?? DateTime.MinValue)
                .Select(d => (Deployment: d, Revision: d.TargetServiceRevision?.Arn is { } arn && revisions.TryGetValue(arn, out var r) ? r : null))
                .Select(x => (Record: context.Stamp(Record(snapshot, x.Deployment, x.Revision)),
                    Failed: FailedTasks(snapshot, x.Revision?.TaskDefinition, x.Deployment.CreatedAt, x.Deployment.FinishedAt ?? x.Deployment.StoppedAt)))
                .ToList();
        }
        catch (AmazonServiceException ex) when (AwsFailures.IsAccessDenied(ex) || AwsFailures.IsUnknownOperation(ex))
        {
            return await CurrentDeploymentsAsync(snapshot, reading, AwsFailures.IsAccessDenied(ex), cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            throw AwsFailures.From(ex, context.Region, service.Input);
        }

        await ReadCausesAsync(snapshot, records, cancellationToken).ConfigureAwait(false);
        return new EcsDeploymentHistory { Records = records.Select(x => x.Record).ToList() };
    }

    /// <summary>
    /// The history without ECS's records: the deployments DescribeServices returned (PRIMARY, and ACTIVE or DRAINING
    /// while one replaces another), newest first, with the warning that names <paramref name="unreadAction"/> and says
    /// earlier deployments are not there.
    /// </summary>
    private async Task<EcsDeploymentHistory> CurrentDeploymentsAsync(ServiceSnapshot snapshot, string unreadAction, bool denied, CancellationToken cancellationToken)
    {
        var records = (snapshot.Service.Deployments ?? new List<Deployment>()).OrderByDescending(d => d.CreatedAt ?? DateTime.MinValue)
            .Select(d => (Record: context.Stamp(CurrentRecord(snapshot, d)), Failed: FailedTasks(snapshot, d.TaskDefinition, d.CreatedAt, CurrentEnd(d))))
            .ToList();
        await ReadCausesAsync(snapshot, records, cancellationToken).ConfigureAwait(false);
        var why = denied ? $"AWS denied {unreadAction} to this identity" : $"The endpoint does not support {unreadAction}";
        return new EcsDeploymentHistory
        {
            Records = records.Select(x => x.Record).ToList(),
            UnreadAction = unreadAction,
            UnreadDenied = denied,
            Warnings = new[]
            {
                $"{why}, so ECS's deployment records were not read: this is not the service's history, only its current deployments as DescribeServices " +
                $"shows them (PRIMARY, and ACTIVE or DRAINING while one replaces another). The history needs {HistoryActions}.",
            },
        };
    }

    /// <summary>What reading ECS's deployment records takes, for the messages that name it.</summary>
    internal const string HistoryActions = "ecs:ListServiceDeployments, ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions";

    /// <summary>
    /// The newest failed task of each deployment that had failures, read as service health reads them (its log, or why
    /// it has none), for the few newest such deployments: the cause the history shows next to the stop reasons.
    /// </summary>
    private async System.Threading.Tasks.Task ReadCausesAsync(ServiceSnapshot snapshot, IReadOnlyList<(EcsDeploymentRecord Record, IReadOnlyList<EcsStoppedTask> Failed)> records,
        CancellationToken cancellationToken)
    {
        var newest = records.Where(x => x.Failed.Count > 0).Take(StoppedTaskLogReader.TasksPerService)
            .Select(x => (x.Record, Task: x.Failed.OrderByDescending(t => t.StoppedAt ?? DateTime.MinValue).First())).ToList();
        await new StoppedTaskLogReader(context).ReadAsync(newest.Select(x => x.Task).ToList(), snapshot.ServiceName,
            snapshot.Service.NetworkConfiguration?.AwsvpcConfiguration?.SecurityGroups ?? new List<string>(), cancellationToken).ConfigureAwait(false);
        foreach (var (record, task) in newest)
        {
            record.Cause = task.Hint ?? "";
        }
    }

    private static IReadOnlyList<EcsStoppedTask> FailedTasks(ServiceSnapshot snapshot, string? taskDefinitionArn, DateTime? createdAt, DateTime? ended) =>
        StoppedOf(snapshot, taskDefinitionArn, createdAt, ended).Select(t => StoppedTaskDiagnosis.Describe(snapshot.Cluster, t)).Where(t => t.Failed).ToList();

    /// <summary>The stopped tasks ECS still lists of the deployment's revision, stopped while it ran (and shortly after).</summary>
    private static IReadOnlyList<Kaviar.Ops.AwsServices.ECS.Model.Task> StoppedOf(ServiceSnapshot snapshot, string? taskDefinitionArn, DateTime? createdAt, DateTime? ended)
    {
        // A deployment still in progress has no end: every later stop is its own.
        var latestStop = ended?.AddMinutes(5) ?? DateTime.MaxValue;
        return snapshot.StoppedTasks.Where(t => taskDefinitionArn != null && t.TaskDefinitionArn == taskDefinitionArn
            && t.StoppedAt >= (createdAt ?? DateTime.MinValue) && t.StoppedAt <= latestStop).ToList();
    }

    private static IReadOnlyList<string> FailedStopReasons(ServiceSnapshot snapshot, IReadOnlyList<Kaviar.Ops.AwsServices.ECS.Model.Task> stopped) =>
        StoppedTaskReasons.Summarize(stopped.Where(t => StoppedTaskDiagnosis.Describe(snapshot.Cluster, t).Failed).ToList());

    /// <summary>When a current deployment stopped changing: its last update once its rollout ended; null while it runs.</summary>
    private static DateTime? CurrentEnd(Deployment deployment) => deployment.RolloutState is "COMPLETED" or "FAILED" ? deployment.UpdatedAt : null;

    /// <summary>A deployment as DescribeServices shows it: its status there, its rollout state as the outcome, its counts as the reason.</summary>
    private static EcsDeploymentRecord CurrentRecord(ServiceSnapshot snapshot, Deployment deployment) => new EcsDeploymentRecord
    {
        Cluster = snapshot.Cluster,
        ServiceName = snapshot.ServiceName,
        CreatedAt = deployment.CreatedAt,
        FinishedAt = CurrentEnd(deployment),
        TaskDefinition = EcsNames.TaskDefinitionName(deployment.TaskDefinition ?? ""),
        TaskDefinitionArn = deployment.TaskDefinition ?? "",
        Status = deployment.Status ?? "",
        Outcome = deployment.RolloutState switch
        {
            "COMPLETED" => "Completed",
            "FAILED" => "Failed",
            _ => DeploymentWaiter.CompletedWithoutRolloutState(snapshot, deployment) ? "Completed" : "InProgress",
        },
        Reason = string.Join("; ", new[] { deployment.RolloutStateReason, DeploymentWaiter.Counts(deployment) }.Where(r => !string.IsNullOrEmpty(r))),
        FailedTasks = deployment.FailedTasks ?? 0,
        StopReasons = FailedStopReasons(snapshot, StoppedOf(snapshot, deployment.TaskDefinition, deployment.CreatedAt, CurrentEnd(deployment))),
    };

    private static EcsDeploymentRecord Record(ServiceSnapshot snapshot, ServiceDeployment deployment, ServiceRevision? revision)
    {
        var stopped = StoppedOf(snapshot, revision?.TaskDefinition, deployment.CreatedAt, deployment.FinishedAt ?? deployment.StoppedAt);
        var breaker = deployment.DeploymentCircuitBreaker;
        var tripped = breaker?.Status == "TRIGGERED";
        var reason = string.Join("; ", new[]
        {
            deployment.StatusReason,
            deployment.Rollback?.Reason,
            tripped ? $"circuit breaker tripped: {breaker!.FailureCount} failed tasks (threshold {breaker.Threshold})" : null,
        }.Where(r => !string.IsNullOrEmpty(r)).Distinct());
        return new EcsDeploymentRecord
        {
            Cluster = snapshot.Cluster,
            ServiceName = snapshot.ServiceName,
            ServiceDeploymentArn = deployment.ServiceDeploymentArn,
            CreatedAt = deployment.CreatedAt,
            FinishedAt = deployment.FinishedAt ?? deployment.StoppedAt,
            TaskDefinition = EcsNames.TaskDefinitionName(revision?.TaskDefinition ?? ""),
            TaskDefinitionArn = revision?.TaskDefinition ?? "",
            Images = (revision?.ContainerImages ?? new List<ContainerImage>()).Select(i => $"{i.ContainerName}: {i.Image}").ToList(),
            Status = deployment.Status,
            Outcome = Outcome(deployment.Status, tripped),
            Reason = reason,
            FailedTasks = breaker?.FailureCount ?? 0,
            StopReasons = FailedStopReasons(snapshot, stopped),
        };
    }

    private static string Outcome(string status, bool tripped) => status switch
    {
        "SUCCESSFUL" => "Completed",
        "PENDING" or "IN_PROGRESS" => "InProgress",
        "ROLLBACK_REQUESTED" or "ROLLBACK_IN_PROGRESS" or "ROLLBACK_SUCCESSFUL" => "RolledBack",
        "ROLLBACK_FAILED" => "Failed",
        _ => tripped ? "Failed" : "Stopped",
    };
}
