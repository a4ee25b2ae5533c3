using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>
/// The ECS service scheduler: keeps the PRIMARY deployment at its desired count, replaces stopped tasks,
/// drains older deployments once the new one is healthy, and decides the rollout state (including the
/// deployment circuit breaker).
/// </summary>
internal sealed class ServiceScheduler
{
    /// <summary>AWS's documented ceiling on the time between a service's attempts to start tasks that keep failing.</summary>
    private static readonly TimeSpan MaximumRetryDelay = TimeSpan.FromMinutes(27);

    /// <summary>The first retry after a failed placement; each further failure doubles it, up to <see cref="MaximumRetryDelay"/>.</summary>
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);

    private readonly AccountState _account;
    private readonly TaskLifecycle _lifecycle;
    private readonly HashSet<EcsService> _reconciling = new();
    private readonly HashSet<EcsService> _changedWhileReconciling = new();
    private readonly Dictionary<EcsService, PlacementBackoff> _placementBackoffs = new();

    public ServiceScheduler(AccountState account, TaskLifecycle lifecycle)
    {
        _account = account;
        _lifecycle = lifecycle;
    }

    /// <summary>
    /// Starts a new PRIMARY deployment, recorded as a service deployment of a new service revision; the previous primary
    /// becomes ACTIVE and is drained once the new one is healthy, and a service deployment it supersedes is STOPPED.
    /// </summary>
    public EcsDeployment Deploy(EcsService service, TaskDefinition taskDefinition, int desiredCount, AwsVpcConfiguration network)
    {
        var id = _account.Ids.Digits(19);
        var revision = new ServiceRevision(ServiceArn(service, "service-revision", id), service, taskDefinition, network, _account.Now);
        var record = new EcsServiceDeployment(
            ServiceArn(service, "service-deployment", id),
            service,
            revision,
            service.Deployments.Select(d => d.Revision).Distinct().ToList(),
            _account.Now)
        {
            CircuitBreakerEnabled = service.CircuitBreakerEnabled,
            CircuitBreakerRollback = service.CircuitBreakerRollback,
            MaximumPercent = service.MaximumPercent,
            MinimumHealthyPercent = service.MinimumHealthyPercent,
            Hooks = service.LifecycleHooks,
        };
        foreach (var superseded in service.ServiceDeployments.Where(d => d.IsInProgress))
        {
            Finish(superseded, "STOPPED", $"Superseded by service deployment {record.Arn}.");
            superseded.StoppedAt = _account.Now;
        }

        service.ServiceDeployments.Add(record);
        _account.Ecs.ForgetOldServiceDeployments(service);
        // A new deployment takes the service out of the throttle at once, as AWS's throttle logic says.
        _placementBackoffs.Remove(service);
        record.Deployment = StartDeployment(service, "ecs-svc/" + id, revision, desiredCount, record);
        PauseIfHooked(record, "PRE_SCALE_UP");
        Reconcile(service);
        return record.Deployment;
    }

    /// <summary>
    /// StopServiceDeployment with ROLLBACK: the service deployment goes back to the last revision that completed, as a
    /// circuit-breaker rollback does. Only a deployment in progress can be stopped.
    /// </summary>
    public void StopWithRollback(EcsServiceDeployment record)
    {
        if (record.Status != "IN_PROGRESS")
        {
            throw new Protocol.AwsErrorException("ConflictException",
                $"The service deployment {record.Arn} is {record.Status} and cannot be stopped; only a deployment in progress can.");
        }

        RequestRollback(record, "Service deployment rolled back because of a StopServiceDeployment request.");
    }

    /// <summary>
    /// ContinueServiceDeployment: a deployment held by a pause hook goes on to its next stage (CONTINUE) or back to the
    /// last completed revision (ROLLBACK). Only a hook awaiting action, of a deployment in progress, can be acted on.
    /// </summary>
    public void Continue(EcsServiceDeployment record, string hookId, string action)
    {
        var run = record.HookRuns.FirstOrDefault(h => h.HookId == hookId)
            ?? throw new Protocol.AwsErrorException("InvalidParameterException", $"The hook {hookId} is not a lifecycle hook of service deployment {record.Arn}.");
        if (run.Status != "AWAITING_ACTION" || record.Status != "IN_PROGRESS")
        {
            throw new Protocol.AwsErrorException("InvalidParameterException",
                $"The hook {hookId} is {run.Status} and the service deployment is {record.Status}; only a hook awaiting action of a deployment in progress can be continued.");
        }

        Resolve(record, run, action, action == "ROLLBACK" ? "FAILED" : "SUCCEEDED", "ContinueServiceDeployment");
    }

    private void Resolve(EcsServiceDeployment record, HookRun run, string action, string hookStatus, string cause)
    {
        run.Status = hookStatus;
        record.UpdatedAt = _account.Now;
        if (action == "ROLLBACK")
        {
            RequestRollback(record, $"Service deployment rolled back because of a {cause} ROLLBACK action on lifecycle hook {run.HookId}.");
        }
        else
        {
            Reconcile(record.Service);
        }
    }

    private void RequestRollback(EcsServiceDeployment record, string reason)
    {
        var rollbackTo = record.Service.LastCompletedDeployment;
        if (rollbackTo is null || rollbackTo.Revision == record.TargetRevision)
        {
            throw new Protocol.AwsErrorException("ConflictException",
                $"The service deployment {record.Arn} has no completed service revision to roll back to.");
        }

        record.Status = "ROLLBACK_REQUESTED";
        RollBack(record, rollbackTo, reason);
        Reconcile(record.Service);
    }

    /// <summary>
    /// Holds the deployment at <paramref name="stage"/> when a pause hook names it and it has not been held there yet.
    /// The hook expires after its timeout, and ECS then takes its timeout action.
    /// </summary>
    private void PauseIfHooked(EcsServiceDeployment record, string stage)
    {
        var hook = record.Hooks.FirstOrDefault(h => h.Stages.Contains(stage));
        if (hook is null || record.Reached(stage))
        {
            return;
        }

        var run = new HookRun("ecs-pause-" + _account.Ids.Hex(32), stage, _account.Now.AddMinutes(hook.TimeoutInMinutes), hook.TimeoutAction);
        record.HookRuns.Add(run);
        record.UpdatedAt = _account.Now;
        _account.Timeline.After(TimeSpan.FromMinutes(hook.TimeoutInMinutes), () =>
        {
            if (run.Status == "AWAITING_ACTION" && record.Status == "IN_PROGRESS")
            {
                Resolve(record, run, hook.TimeoutAction, "TIMED_OUT", "timed-out");
            }
        });
    }

        public void OnTaskChanged(EcsTask task)
    {
        if (task.Service is { } service)
        {
            Reconcile(service);
        }
    }

    public void Reconcile(EcsService service)
    {
        // Stopping a task reports back here; finish the pass in progress, then look again.
        if (!_reconciling.Add(service))
        {
            _changedWhileReconciling.Add(service);
            return;
        }

        try
        {
            do
            {
                _changedWhileReconciling.Remove(service);
                ReconcileOnce(service);
            }
            while (_changedWhileReconciling.Contains(service));
        }
        finally
        {
            _reconciling.Remove(service);
        }
    }

    /// <summary>AWS's threshold: half the desired count, at least 3 and at most 200 failed tasks.</summary>
    internal static int CircuitBreakerThreshold(int desiredCount) => Math.Clamp((desiredCount + 1) / 2, 3, 200);

    private void ReconcileOnce(EcsService service)
    {
        var primary = service.Primary;
        TripCircuitBreaker(service, primary);
        primary = service.Primary;

        // Scale-up is over once the new deployment's tasks are healthy: a POST_SCALE_UP pause holds the old ones running.
        var record = primary.ServiceDeployment;
        var rollingOut = record.Deployment == primary && record.Status == "IN_PROGRESS";
        if (rollingOut && LiveTasks(service, primary).Count(IsHealthy) >= primary.DesiredCount)
        {
            PauseIfHooked(record, "POST_SCALE_UP");
        }

        var held = rollingOut && record.AwaitingAction is not null;
        if (primary.RolloutState != "FAILED" && !held)
        {
            ReplaceOldTasks(service, primary);
        }

        var live = LiveTasks(service, primary);
        var primaryHealthy = live.Count(IsHealthy) >= primary.DesiredCount;

        foreach (var drained in service.Deployments.Where(d => d != primary && _account.Ecs.TasksOf(service).All(t => t.Deployment != d || t.LastStatus == "STOPPED")).ToList())
        {
            drained.Status = "INACTIVE";
            service.Deployments.Remove(drained);
        }

        if (primary.RolloutState == "IN_PROGRESS" && !held && primaryHealthy && live.Count == primary.DesiredCount && service.Deployments.Count == 1)
        {
            primary.RolloutState = "COMPLETED";
            primary.RolloutStateReason = $"ECS deployment {primary.Id} completed.";
            primary.UpdatedAt = _account.Now;
            service.LastCompletedDeployment = primary;
            if (record.Deployment == primary && record.Status == "IN_PROGRESS")
            {
                Finish(record, "SUCCESSFUL", null);
            }
            else if (record.RollbackDeployment == primary && record.Status == "ROLLBACK_IN_PROGRESS")
            {
                Finish(record, "ROLLBACK_SUCCESSFUL", $"Rolled back to {record.RollbackRevision!.Arn}: {record.RollbackReason}");
            }

            _account.Ecs.Announce(service, $"(service {service.Name}) (deployment {primary.Id}) deployment completed.");
            _account.Ecs.Announce(service, $"(service {service.Name}) has reached a steady state.");
        }
    }

    /// <summary>
    /// One step of a rolling update, paced as ECS paces it: running and pending tasks of every deployment stay within
    /// maximumPercent of the desired count (rounded down), and healthy ones at or above minimumHealthyPercent (rounded
    /// up). Old tasks that are not healthy go first; healthy old ones go when new ones have replaced them or to make
    /// room the new deployment needs, never below the minimum. A 100/100 configuration therefore stalls, as on ECS.
    /// </summary>
    private void ReplaceOldTasks(EcsService service, EcsDeployment primary)
    {
        var desired = primary.DesiredCount;
        var live = LiveTasks(service, primary);
        if (live.Count > desired)
        {
            StopForScaling(service, primary, live.OrderByDescending(t => t.CreatedAt).Take(live.Count - desired).ToList());
            live = LiveTasks(service, primary);
        }

        var maximumRunning = desired * primary.ServiceDeployment.MaximumPercent / 100;
        var minimumHealthy = (desired * primary.ServiceDeployment.MinimumHealthyPercent + 99) / 100;
        var old = service.Deployments.Where(d => d != primary).SelectMany(d => LiveTasks(service, d)).ToList();
        var healthy = live.Count(IsHealthy) + old.Count(IsHealthy);
        var missing = desired - live.Count;
        var roomNeeded = Math.Max(0, missing - (maximumRunning - live.Count - old.Count));
        var unhealthyOld = old.Where(t => !IsHealthy(t)).ToList();
        var healthyOldToStop = Math.Min(old.Count - unhealthyOld.Count,
            Math.Min(healthy - minimumHealthy, Math.Max(roomNeeded - unhealthyOld.Count, healthy - desired)));
        StopForScaling(service, primary, unhealthyOld.Concat(old.Where(IsHealthy).OrderBy(t => t.CreatedAt).Take(Math.Max(0, healthyOldToStop))).ToList());

        var running = LiveTasks(service, primary).Count + service.Deployments.Where(d => d != primary).Sum(d => LiveTasks(service, d).Count);
        var toLaunch = Math.Min(missing, maximumRunning - running);
        if (toLaunch > 0)
        {
            StartTasks(service, primary, toLaunch);
        }
    }

    private void TripCircuitBreaker(EcsService service, EcsDeployment primary)
    {
        if (!service.CircuitBreakerEnabled || primary.RolloutState != "IN_PROGRESS"
            || primary.FailedTasks < CircuitBreakerThreshold(primary.DesiredCount))
        {
            return;
        }

        primary.RolloutState = "FAILED";
        primary.RolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        primary.UpdatedAt = _account.Now;
        _account.Ecs.Announce(service, $"(service {service.Name}) (deployment {primary.Id}) deployment failed: tasks failed to start.");

        var record = primary.ServiceDeployment;
        record.CircuitBreakerTriggered = true;
        if (record.RollbackDeployment == primary)
        {
            Finish(record, "ROLLBACK_FAILED", $"The rollback to {record.RollbackRevision!.Arn} failed: ECS deployment circuit breaker: tasks failed to start.");
            return;
        }

        if (!service.CircuitBreakerRollback)
        {
            Finish(record, "STOPPED", "ECS deployment circuit breaker: tasks failed to start.");
            record.StoppedAt = _account.Now;
            return;
        }

        var rollbackTo = service.LastCompletedDeployment;
        if (rollbackTo is null || rollbackTo == primary)
        {
            Finish(record, "ROLLBACK_FAILED", "ECS deployment circuit breaker: tasks failed to start, and no completed service revision to roll back to.");
            return;
        }

        _account.Ecs.Announce(service, $"(service {service.Name}) rolling back to deployment {rollbackTo.Id}.");
        var rollback = RollBack(record, rollbackTo, "ECS deployment circuit breaker: tasks failed to start.");
        rollback.RolloutStateReason = $"ECS deployment circuit breaker: rolling back to deploymentId {rollbackTo.Id}.";
        Reconcile(service);
    }

    /// <summary>Rolls <paramref name="record"/> back to the revision of <paramref name="rollbackTo"/>: a new PRIMARY of that revision, on the same record.</summary>
    private EcsDeployment RollBack(EcsServiceDeployment record, EcsDeployment rollbackTo, string reason)
    {
        var service = record.Service;
        record.Status = "ROLLBACK_IN_PROGRESS";
        record.StatusReason = reason;
        record.RollbackReason = reason;
        record.RollbackStartedAt = _account.Now;
        record.RollbackRevision = rollbackTo.Revision;
        record.UpdatedAt = _account.Now;
        var desiredCount = service.Primary.DesiredCount;
        record.RollbackDeployment = StartDeployment(service, "ecs-svc/" + _account.Ids.Digits(19), rollbackTo.Revision, desiredCount, record);
        return record.RollbackDeployment;
    }

    private EcsDeployment StartDeployment(EcsService service, string id, ServiceRevision revision, int desiredCount, EcsServiceDeployment record)
    {
        foreach (var previous in service.Deployments.Where(d => d.Status == "PRIMARY"))
        {
            previous.Status = "ACTIVE";
            previous.UpdatedAt = _account.Now;
        }

        var deployment = new EcsDeployment(id, revision, desiredCount, _account.Now) { ServiceDeployment = record };
        service.Deployments.Insert(0, deployment);
        return deployment;
    }

    /// <summary>Ends a service deployment: SUCCESSFUL, STOPPED, ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED.</summary>
    private void Finish(EcsServiceDeployment record, string status, string? reason)
    {
        record.Status = status;
        record.StatusReason = reason;
        record.FinishedAt = _account.Now;
        record.UpdatedAt = _account.Now;
    }

    private string ServiceArn(EcsService service, string resource, string id) =>
        $"arn:aws:ecs:{_account.Region}:{_account.AccountId}:{resource}/{service.Cluster.Name}/{service.Name}/{id}";

    private EcsTask Launch(EcsService service, EcsDeployment deployment, string? capacityProvider) => _lifecycle.Launch(new LaunchOrder(
        service.Cluster,
        deployment.TaskDefinition,
        deployment.Network,
        Group: $"service:{service.Name}",
        StartedBy: deployment.Id,
        Service: service,
        Deployment: deployment,
        CapacityProviderName: capacityProvider,
        // A copy: ECS tags each task as it launches, and later changes to the source do not reach it.
        Tags: service.PropagateTags switch
        {
            "SERVICE" => new Dictionary<string, string>(service.Tags, StringComparer.Ordinal),
            "TASK_DEFINITION" => new Dictionary<string, string>(deployment.TaskDefinition.Tags, StringComparer.Ordinal),
            _ => null,
        }));

    /// <summary>
    /// Where the service's next task goes, as ECS spreads a capacity provider strategy: the provider with a base until it
    /// runs that many of the service's tasks, then the one furthest below its weight's share of the tasks beyond the
    /// bases. Null for the FARGATE launch type.
    /// </summary>
    private string? NextCapacityProvider(EcsService service)
    {
        if (service.CapacityProviderStrategy.Count == 0)
        {
            return null;
        }

        var running = _account.Ecs.TasksOf(service).Where(t => !t.IsStopping)
            .GroupBy(t => t.CapacityProviderName ?? string.Empty).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int RunningOn(CapacityProviderStrategyItem item) => running.GetValueOrDefault(item.CapacityProvider);
        var belowBase = service.CapacityProviderStrategy.FirstOrDefault(p => RunningOn(p) < p.Base);
        return (belowBase ?? service.CapacityProviderStrategy.Where(p => p.Weight > 0)
            .MinBy(p => (Math.Max(RunningOn(p) - p.Base, 0) + 1.0) / p.Weight)!).CapacityProvider;
    }

    /// <summary>
    /// Starts as many of <paramref name="wanted"/> tasks as Fargate places; for the rest ECS writes why, and tries again
    /// after a delay that doubles with each failure in a row (and not before, however often the service changes).
    /// </summary>
    private void StartTasks(EcsService service, EcsDeployment deployment, int wanted)
    {
        var backoff = _placementBackoffs.GetValueOrDefault(service);
        if (backoff is not null && _account.Now < backoff.NextAttempt)
        {
            return;
        }

        var started = new List<EcsTask>();
        while (started.Count < wanted)
        {
            var capacityProvider = NextCapacityProvider(service);
            if (_account.Ecs.FargateTasksThatFit(deployment.TaskDefinition, capacityProvider) < 1)
            {
                break;
            }

            started.Add(Launch(service, deployment, capacityProvider));
        }

        var placed = started.Count;
        if (placed > 0)
        {
            _account.Ecs.Announce(service, $"(service {service.Name}) has started {started.Count} tasks: {TaskList(started)}.");
        }

        if (placed == wanted)
        {
            _placementBackoffs.Remove(service);
            return;
        }

        _account.Ecs.Announce(service, $"(service {service.Name}) was unable to place a task. Reason: {EcsState.VcpuQuotaReached}. "
            + "For more information, see the Troubleshooting section.");
        var delay = backoff is null ? FirstRetryDelay : TimeSpan.FromTicks(Math.Min(backoff.Delay.Ticks * 2, MaximumRetryDelay.Ticks));
        if (backoff is not null && backoff.Failures == 1)
        {
            _account.Ecs.Announce(service, $"(service {service.Name}) is unable to consistently start tasks successfully.");
        }

        _placementBackoffs[service] = new PlacementBackoff((backoff?.Failures ?? 0) + 1, delay, _account.Now + delay);
        _account.Timeline.After(delay, () => Reconcile(service));
    }

    private void StopForScaling(EcsService service, EcsDeployment primary, IReadOnlyList<EcsTask> tasks)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        _account.Ecs.Announce(service, $"(service {service.Name}) has stopped {tasks.Count} running tasks: {TaskList(tasks)}.");
        foreach (var task in tasks)
        {
            _lifecycle.Stop(task, "ServiceSchedulerInitiated", $"Scaling activity initiated by (deployment {primary.Id})");
        }
    }

    private List<EcsTask> LiveTasks(EcsService service, EcsDeployment deployment) =>
        _account.Ecs.TasksOf(service).Where(t => t.Deployment == deployment && !t.IsStopping).ToList();

    /// <summary>Running, and healthy in every target group it is registered in.</summary>
    private static bool IsHealthy(EcsTask task) =>
        task.LastStatus == "RUNNING" && task.Targets.All(t => t.State == "healthy");

    private static string TaskList(IEnumerable<EcsTask> tasks) => string.Join(" ", tasks.Select(t => $"(task {t.Id})"));

    /// <summary>A service's failed placements in a row, and when the scheduler tries again.</summary>
    private sealed record PlacementBackoff(int Failures, TimeSpan Delay, DateTime NextAttempt);
}
