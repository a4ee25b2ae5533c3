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
    private readonly AccountState _account;
    private readonly TaskLifecycle _lifecycle;
    private readonly HashSet<EcsService> _reconciling = new();
    private readonly HashSet<EcsService> _changedWhileReconciling = new();

    public ServiceScheduler(AccountState account, TaskLifecycle lifecycle)
    {
        _account = account;
        _lifecycle = lifecycle;
    }

    /// <summary>Starts a new PRIMARY deployment; the previous primary becomes ACTIVE and is drained once the new one is healthy.</summary>
    public EcsDeployment Deploy(EcsService service, TaskDefinition taskDefinition, int desiredCount, AwsVpcConfiguration network)
    {
        foreach (var previous in service.Deployments.Where(d => d.Status == "PRIMARY"))
        {
            previous.Status = "ACTIVE";
            previous.UpdatedAt = _account.Now;
        }

        var deployment = new EcsDeployment("ecs-svc/" + _account.Ids.Digits(19), taskDefinition, desiredCount, network, _account.Now);
        service.Deployments.Insert(0, deployment);
        Reconcile(service);
        return deployment;
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

        var live = LiveTasks(service, primary);
        if (primary.RolloutState != "FAILED")
        {
            if (live.Count < primary.DesiredCount)
            {
                var started = Enumerable.Range(0, primary.DesiredCount - live.Count).Select(_ => Launch(service, primary)).ToList();
                _account.Ecs.Announce(service, $"(service {service.Name}) has started {started.Count} tasks: {TaskList(started)}.");
            }
            else if (live.Count > primary.DesiredCount)
            {
                StopForScaling(service, primary, live.OrderByDescending(t => t.CreatedAt).Take(live.Count - primary.DesiredCount).ToList());
            }
        }

        live = LiveTasks(service, primary);
        var primaryHealthy = live.Count(IsHealthy) >= primary.DesiredCount;
        if (primaryHealthy)
        {
            foreach (var old in service.Deployments.Where(d => d != primary).ToList())
            {
                StopForScaling(service, primary, LiveTasks(service, old));
            }
        }

        foreach (var drained in service.Deployments.Where(d => d != primary && _account.Ecs.TasksOf(service).All(t => t.Deployment != d || t.LastStatus == "STOPPED")).ToList())
        {
            drained.Status = "INACTIVE";
            service.Deployments.Remove(drained);
        }

        if (primary.RolloutState == "IN_PROGRESS" && primaryHealthy && live.Count == primary.DesiredCount && service.Deployments.Count == 1)
        {
            primary.RolloutState = "COMPLETED";
            primary.RolloutStateReason = $"ECS deployment {primary.Id} completed.";
            primary.UpdatedAt = _account.Now;
            service.LastCompletedDeployment = primary;
            _account.Ecs.Announce(service, $"(service {service.Name}) (deployment {primary.Id}) deployment completed.");
            _account.Ecs.Announce(service, $"(service {service.Name}) has reached a steady state.");
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

        var rollbackTo = service.LastCompletedDeployment;
        if (service.CircuitBreakerRollback && rollbackTo is not null && rollbackTo != primary)
        {
            _account.Ecs.Announce(service, $"(service {service.Name}) rolling back to deployment {rollbackTo.Id}.");
            var rollback = Deploy(service, rollbackTo.TaskDefinition, primary.DesiredCount, rollbackTo.Network);
            rollback.RolloutStateReason = $"ECS deployment circuit breaker: rolling back to deploymentId {rollbackTo.Id}.";
        }
    }

    private EcsTask Launch(EcsService service, EcsDeployment deployment) => _lifecycle.Launch(new LaunchOrder(
        service.Cluster,
        deployment.TaskDefinition,
        deployment.Network,
        Group: $"service:{service.Name}",
        StartedBy: deployment.Id,
        Service: service,
        Deployment: deployment,
        LaunchType: service.LaunchType));

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
}
