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
/// tasks' stop reasons and what the service runs now.
/// </summary>
public sealed class DeploymentWaiter
{
    private readonly OpsContext context;

    public DeploymentWaiter(OpsContext context) => this.context = context;

    /// <param name="deploymentId">The deployment to follow; without it, the PRIMARY one when the wait starts, or (with
    /// <paramref name="taskDefinitionArn"/>) the first PRIMARY deployment of that revision, as a rollback ECS makes.</param>
    public async Task<EcsDeploymentResult> WaitAsync(ServiceReference service, string? deploymentId, TimeSpan timeout, CancellationToken cancellationToken,
        string? taskDefinitionArn = null)
    {
        var locator = new EcsServiceLocator(context);
        var started = context.Clock.UtcNow;
        var followed = deploymentId;
        Deployment? deployment = null;
        var spec = new WaitSpec<ServiceSnapshot>
        {
            Activity = $"Deployment of {service.Cluster}/{service.Service.Name}",
            Timeout = timeout,
            Probe = async _ =>
            {
                var snapshot = await locator.LocateOneAsync(service, ServiceParts.None).ConfigureAwait(false);
                // Without an id, the deployment to follow is the one PRIMARY when the wait starts.
                if (taskDefinitionArn == null || snapshot.PrimaryDeployment?.TaskDefinition == taskDefinitionArn)
                {
                    followed ??= snapshot.PrimaryDeployment?.Id;
                }

                deployment = snapshot.Service.Deployments?.FirstOrDefault(d => d.Id == followed);
                return snapshot;
            },
            // Until the deployment to follow has appeared there is nothing to judge yet.
            Done = snapshot => followed != null && (deployment == null || deployment.RolloutState is "COMPLETED" or "FAILED" || CompletedWithoutRolloutState(snapshot, deployment)),
            Describe = snapshot => $"{deployment?.RolloutState ?? "IN_PROGRESS"}: {Counts(deployment)} of {EcsNames.TaskDefinitionName(deployment?.TaskDefinition ?? "")}",
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

        throw await FailureAsync(final, deployment, followed, result, cancellationToken).ConfigureAwait(false);
    }

    private static bool CompletedWithoutRolloutState(ServiceSnapshot snapshot, Deployment deployment) =>
        deployment.RolloutState == null && deployment.Status == "PRIMARY" && snapshot.Service.Deployments?.Count == 1
        && deployment.RunningCount == deployment.DesiredCount;

    private static string Counts(Deployment? deployment) =>
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
