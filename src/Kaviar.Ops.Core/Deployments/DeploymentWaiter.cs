using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Deployments;

/// <summary>
/// Waits for one deployment by its own record, not for "the service looks stable": done when that deployment is the
/// PRIMARY one and ECS marks its rollout COMPLETED (or, for services without rollout states, when it is the only
/// deployment and runs its desired count). Its rollout FAILED (the circuit breaker, with or without a rollback), or
/// another deployment taking its place, ends the wait with a terminating error that names the revision, the failed
/// tasks' stop reasons and what the service runs now. A wait may also end earlier, at a <see cref="DeploymentMilestone"/>:
/// a lifecycle stage reached, or a pause hook awaiting action, read from the deployment's service deployment record.
/// </summary>
public sealed class DeploymentWaiter
{
    private readonly OpsContext context;

    public DeploymentWaiter(OpsContext context) => this.context = context;

    /// <param name="deploymentId">The deployment to follow; without it, the PRIMARY one when the wait starts, or (with
    /// <paramref name="taskDefinitionArn"/>) the first PRIMARY deployment of that revision, as a rollback ECS makes.</param>
    /// <param name="milestone">Where the wait may end before the deployment completes; null to wait for completion only.</param>
    public async Task<EcsDeploymentResult> WaitAsync(ServiceReference service, string? deploymentId, TimeSpan timeout, CancellationToken cancellationToken,
        string? taskDefinitionArn = null, DeploymentMilestone? milestone = null)
    {
        var locator = new EcsServiceLocator(context);
        var started = context.Clock.UtcNow;
        var followed = deploymentId;
        Deployment? deployment = null;
        ServiceDeployment? record = null;
        var spec = new WaitSpec<ServiceSnapshot>
        {
            Activity = $"Deployment of {service.Cluster}/{service.Service.Name}",
            Timeout = timeout,
            Probe = async _ =>
            {
                var snapshot = await locator.LocateOneAsync(service, ServiceParts.None).ConfigureAwait(false);
                // A CodeDeploy or external deployment is not in the service's deployments: waiting would only time out.
                DeploymentControllers.RequireEcs(snapshot, context.Region, "following its deployment");
                // Without an id, the deployment to follow is the one PRIMARY when the wait starts.
                if (taskDefinitionArn == null || snapshot.PrimaryDeployment?.TaskDefinition == taskDefinitionArn)
                {
                    followed ??= snapshot.PrimaryDeployment?.Id;
                }

                deployment = snapshot.Service.Deployments?.FirstOrDefault(d => d.Id == followed);
                if (milestone != null && deployment?.RolloutState == "IN_PROGRESS")
                {
                    record = await ServiceDeploymentOfAsync(snapshot, deployment, record?.ServiceDeploymentArn, cancellationToken).ConfigureAwait(false);
                }

                return snapshot;
            },
            // Until the deployment to follow has appeared there is nothing to judge yet.
            Done = snapshot => followed != null && (deployment == null || deployment.RolloutState is "COMPLETED" or "FAILED"
                || CompletedWithoutRolloutState(snapshot, deployment) || milestone?.ReachedBy(record) == true),
            Describe = snapshot => $"{deployment?.RolloutState ?? "IN_PROGRESS"}{(record?.LifecycleStage == null ? "" : $" ({record.LifecycleStage})")}: " +
                $"{Counts(deployment)} of {EcsNames.TaskDefinitionName(deployment?.TaskDefinition ?? "")}",
            TimedOut = (snapshot, waited) => new OpsException(ErrorTable.EcsDeploymentTimeout,
                $"Deployment {followed} of {snapshot.Cluster}/{snapshot.ServiceName} did not complete within {waited}: " +
                $"{deployment?.RolloutState ?? "gone"}, {Counts(deployment)}.", Result(snapshot, deployment, started),
                $"See why with 'Get-EcsServiceHealth {snapshot.ServiceName} -Cluster {snapshot.Cluster} -Region {context.Region}', or wait longer with -Timeout."),
        };

        var final = await Waiter.UntilAsync(context, spec).ConfigureAwait(false);
        var result = Result(final, deployment, started);
        if (deployment != null && (deployment.RolloutState == "COMPLETED" || CompletedWithoutRolloutState(final, deployment)))
        {
            result.Detail = $"Deployment {deployment.Id} of {result.TaskDefinition} completed: {Counts(deployment)}.";
            return result;
        }

        if (deployment?.RolloutState == "IN_PROGRESS" && record != null && milestone?.ReachedBy(record) == true)
        {
            result.ServiceDeploymentArn = record.ServiceDeploymentArn;
            result.LifecycleStage = record.LifecycleStage ?? "";
            var paused = DeploymentMilestone.AwaitingAction(record);
            result.PausedHookId = paused?.HookId;
            result.Detail = paused == null
                ? $"Deployment {deployment.Id} of {result.TaskDefinition} reached {record.LifecycleStage}: {Counts(deployment)}."
                : $"Deployment {deployment.Id} of {result.TaskDefinition} is paused at {record.LifecycleStage}, awaiting action until {paused.ExpiresAt:u} " +
                  $"(then ECS takes {paused.TimeoutAction}). Continue it with 'aws ecs continue-service-deployment --service-deployment-arn " +
                  $"{record.ServiceDeploymentArn} --hook-id {paused.HookId} --action CONTINUE --region {context.Region}', or use --action ROLLBACK.";
            return result;
        }

        throw await FailureAsync(final, deployment, followed, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The service deployment record of <paramref name="deployment"/>: found once among the service's deployments in
    /// progress (the newest created no earlier than it), then described by its ARN on each poll.
    /// </summary>
    private async Task<ServiceDeployment?> ServiceDeploymentOfAsync(ServiceSnapshot snapshot, Deployment deployment, string? knownArn, CancellationToken cancellationToken)
    {
        var arn = knownArn;
        if (arn == null)
        {
            var listed = await context.Ecs.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest
            {
                Cluster = snapshot.Cluster,
                Service = snapshot.ServiceName,
                Status = new List<string> { "PENDING", "IN_PROGRESS" },
                CreatedAt = deployment.CreatedAt is DateTime created ? new CreatedAt { After = created.AddSeconds(-5) } : null,
            }, cancellationToken).ConfigureAwait(false);
            arn = (listed.ServiceDeployments ?? new List<ServiceDeploymentBrief>()).OrderByDescending(b => b.CreatedAt ?? DateTime.MinValue)
                .FirstOrDefault()?.ServiceDeploymentArn;
        }

        if (arn == null)
        {
            return null;
        }

        var described = await context.Ecs.DescribeServiceDeploymentsAsync(new DescribeServiceDeploymentsRequest { ServiceDeploymentArns = new List<string> { arn } },
            cancellationToken).ConfigureAwait(false);
        return described.ServiceDeployments?.FirstOrDefault();
    }

    internal static bool CompletedWithoutRolloutState(ServiceSnapshot snapshot, Deployment deployment) =>
        deployment.RolloutState == null && deployment.Status == "PRIMARY" && snapshot.Service.Deployments?.Count == 1
        && deployment.RunningCount == deployment.DesiredCount;

    internal static string Counts(Deployment? deployment) =>
        deployment == null ? "no longer listed" : $"{deployment.RunningCount ?? 0}/{deployment.DesiredCount ?? 0} running, {deployment.FailedTasks ?? 0} failed";

    private EcsDeploymentResult Result(ServiceSnapshot snapshot, Deployment? deployment, DateTime started) => context.Stamp(new EcsDeploymentResult
    {
        Cluster = snapshot.Cluster,
        ServiceName = snapshot.ServiceName,
        DeploymentId = deployment?.Id ?? "",
        TaskDefinition = EcsNames.TaskDefinitionName(deployment?.TaskDefinition ?? ""),
        RolloutState = deployment?.RolloutState ?? "",
        RunningCount = deployment?.RunningCount ?? 0,
        DesiredCount = deployment?.DesiredCount ?? 0,
        FailedTasks = deployment?.FailedTasks ?? 0,
        WaitedSeconds = Math.Round((context.Clock.UtcNow - started).TotalSeconds, 1),
    });

    /// <summary>Why the deployment did not complete: its rollout's reason, its failed tasks' stop reasons, and what runs now.</summary>
    private async Task<OpsException> FailureAsync(ServiceSnapshot final, Deployment? deployment, string? followed, EcsDeploymentResult result, CancellationToken cancellationToken)
    {
        var primary = final.PrimaryDeployment;
        var now = primary == null ? "" : $" The service's PRIMARY deployment is now {primary.Id} ({EcsNames.TaskDefinitionName(primary.TaskDefinition ?? "")}, {primary.RolloutState ?? primary.Status}).";
        var health = $"Get-EcsServiceHealth {final.ServiceName} -Cluster {final.Cluster} -Region {context.Region}";
        if (deployment == null)
        {
            result.Detail = $"Deployment {followed} is no longer listed: another deployment took its place.{now}";
            return new OpsException(ErrorTable.EcsDeploymentSuperseded, $"Deployment {followed} of {final.Cluster}/{final.ServiceName} did not complete: " +
                $"another deployment took its place.{now}", result, $"See the service's events with '{health}'.");
        }

        var stopped = (await new EcsServiceLocator(context).LocateOneAsync(final.Reference, ServiceParts.StoppedTasks).ConfigureAwait(false)).StoppedTasks
            .Where(t => t.StartedBy == deployment.Id || t.TaskDefinitionArn == deployment.TaskDefinition)
            .ToList();
        var reasons = StoppedTaskReasons.Summarize(stopped);
        var stops = reasons.Count == 0 ? "" : $"{stopped.Count} task(s) stopped: {string.Join("; ", reasons.Take(3))}.";
        result.Detail = $"{deployment.RolloutStateReason} {stops}{now}".Trim();
        return new OpsException(ErrorTable.EcsDeploymentFailed,
            $"Deployment {deployment.Id} of {final.Cluster}/{final.ServiceName} ({result.TaskDefinition}) failed: {result.Detail}", result,
            $"See the stopped tasks and their logs with '{health}'; fix the revision, then deploy again.");
    }
}

/// <summary>
/// Where a wait for a deployment may end before it completes: once its service deployment reaches a lifecycle stage (in
/// ECS's order, RECONCILE_SERVICE … CLEAN_UP), or once a PAUSE hook holds it awaiting action.
/// </summary>
public sealed class DeploymentMilestone
{
    /// <summary>ServiceDeploymentLifecycleStage, in the order a deployment passes them.</summary>
    public static readonly IReadOnlyList<string> Stages = new[]
    {
        "RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
        "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT", "BAKE_TIME", "CLEAN_UP",
    };

    private readonly int stageIndex;

    private DeploymentMilestone(int stageIndex) => this.stageIndex = stageIndex;

    /// <summary>At <paramref name="stage"/> or any later one. BAKE_TIME is the early success of blue/green, linear and canary: production traffic is on the new revision.</summary>
    public static DeploymentMilestone Stage(string stage)
    {
        var index = Stages.ToList().IndexOf(stage);
        if (index < 0)
        {
            throw new ArgumentException($"Unknown lifecycle stage {stage}; one of {string.Join(", ", Stages)}.", nameof(stage));
        }

        return new DeploymentMilestone(index);
    }

    public static DeploymentMilestone Paused { get; } = new DeploymentMilestone(-1);

    public static DeploymentLifecycleHookDetail? AwaitingAction(ServiceDeployment record) =>
        record.LifecycleHookDetails?.FirstOrDefault(h => h.TargetType == "PAUSE" && h.Status == "AWAITING_ACTION");

    public bool ReachedBy(ServiceDeployment? record)
    {
        if (record?.Status != "IN_PROGRESS")
        {
            return false;
        }

        if (stageIndex < 0)
        {
            return AwaitingAction(record) != null;
        }

        var reached = Stages.ToList().IndexOf(record.LifecycleStage ?? "");
        return reached >= stageIndex;
    }
}
