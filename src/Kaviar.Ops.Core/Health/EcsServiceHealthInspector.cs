using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Evidence;
using Kaviar.Ops.Kernel;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Health;

public sealed class ServiceHealthOptions
{
    /// <summary>How many of the newest service events to keep.</summary>
    public int EventCount { get; set; } = 5;

    /// <summary>How many of the newest stopped tasks to describe.</summary>
    public int StoppedTaskCount { get; set; } = 5;

    /// <summary>Read the logs of a few failed tasks (one GetLogEvents each, at most <see cref="StoppedTaskLogReader.TasksPerService"/> per service).</summary>
    public bool ReadLogs { get; set; } = true;
}

/// <summary>
/// Answers "is this service up" for many services at once, through the one service lookup (batched to the API
/// limits). A missing cluster or service fails only its own services; the others still report.
/// </summary>
public sealed class EcsServiceHealthInspector
{
    private readonly OpsContext context;

    public EcsServiceHealthInspector(OpsContext context)
    {
        this.context = context;
    }

    public async Task<IReadOnlyList<Outcome<ServiceReference, EcsServiceHealth>>> InspectAsync(IReadOnlyList<ServiceReference> services, ServiceHealthOptions options)
    {
        var lookups = await new EcsServiceLocator(context).LocateAsync(services, ServiceParts.StoppedTasks).ConfigureAwait(false);
        var logs = new StoppedTaskLogReader(context);
        var outcomes = new List<Outcome<ServiceReference, EcsServiceHealth>>();
        foreach (var lookup in lookups)
        {
            if (lookup.Result == null)
            {
                outcomes.Add(Outcome<ServiceReference, EcsServiceHealth>.Failed(lookup.Asked, lookup.Failure!));
                continue;
            }

            var health = BuildHealth(lookup.Result, options);
            if (options.ReadLogs)
            {
                await logs.ReadAsync(StoppedTaskLogReader.Choose(health.StoppedTasks), health.ServiceName,
                    lookup.Result.Service.NetworkConfiguration?.AwsvpcConfiguration?.SecurityGroups ?? new List<string>(), context.CancellationToken).ConfigureAwait(false);
            }

            // The rules read every event ECS keeps (up to 100), not just those shown: a rollback is often further back.
            health.Findings = ServiceHealthRules.FindingsNotHealthy(health, (lookup.Result.Service.Events ?? new List<ServiceEvent>())
                .Select(e => new EcsServiceEventEntry { CreatedAt = e.CreatedAt, Message = e.Message }).ToList());
            health.Reasons = health.Findings.Select(f => f.Message).ToList();
            health.Healthy = health.Reasons.Count == 0;
            outcomes.Add(Outcome<ServiceReference, EcsServiceHealth>.Of(lookup.Asked, health));
        }

        return outcomes;
    }

    private EcsServiceHealth BuildHealth(ServiceSnapshot snapshot, ServiceHealthOptions options)
    {
        var cluster = snapshot.Cluster;
        var service = snapshot.Service;
        var stopped = snapshot.StoppedTasks.Take(options.StoppedTaskCount).Select(t => StoppedTaskDiagnosis.Describe(cluster, t)).ToList();
        var deployments = (service.Deployments ?? new List<Deployment>())
            .Select(d => new EcsDeploymentState
            {
                Id = d.Id,
                Status = d.Status,
                TaskDefinition = EcsNames.TaskDefinitionName(d.TaskDefinition ?? ""),
                DesiredCount = d.DesiredCount ?? 0,
                RunningCount = d.RunningCount ?? 0,
                PendingCount = d.PendingCount ?? 0,
                FailedTasks = d.FailedTasks ?? 0,
                RolloutState = d.RolloutState,
                RolloutStateReason = d.RolloutStateReason,
                CreatedAt = d.CreatedAt,
                UpdatedAt = d.UpdatedAt,
            })
            .ToList();
        var targetGroups = (service.LoadBalancers ?? new List<LoadBalancer>())
            .Select(lb => lb.TargetGroupArn)
            .Where(arn => !string.IsNullOrEmpty(arn))
            .Distinct()
            .ToList();

        return context.Stamp(new EcsServiceHealth
        {
            Cluster = cluster,
            ServiceName = service.ServiceName,
            ServiceArn = service.ServiceArn,
            Status = service.Status,
            DesiredCount = service.DesiredCount ?? 0,
            RunningCount = service.RunningCount ?? 0,
            PendingCount = service.PendingCount ?? 0,
            TaskDefinition = EcsNames.TaskDefinitionName(
                deployments.FirstOrDefault(d => d.Status == "PRIMARY")?.TaskDefinition ?? service.TaskDefinition ?? ""),
            LaunchType = service.LaunchType,
            TargetGroupArns = targetGroups,
            TargetGroupArn = targetGroups.FirstOrDefault(),
            Deployments = deployments,
            Events = (service.Events ?? new List<ServiceEvent>())
                .OrderByDescending(e => e.CreatedAt ?? DateTime.MinValue)
                .Take(options.EventCount)
                .Select(e => new EcsServiceEventEntry { CreatedAt = e.CreatedAt, Message = e.Message })
                .ToList(),
            StoppedTasks = stopped,
            CheckedAt = context.Clock.UtcNow,
        });
    }
}
