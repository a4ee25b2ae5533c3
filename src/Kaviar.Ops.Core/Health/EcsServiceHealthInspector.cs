using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Health;

public sealed class ServiceHealthOptions
{
    /// <summary>How many of the newest service events to keep.</summary>
    public int EventCount { get; set; } = 5;

    /// <summary>How many of the newest stopped tasks to describe.</summary>
    public int StoppedTaskCount { get; set; } = 5;
}

/// <summary>
/// Answers "is this service up" for many services at once with as few calls as ECS allows:
/// DescribeServices 10 services a call per cluster, DescribeTasks 100 tasks a call per cluster.
/// A missing cluster or service fails only its own services; the others still report.
/// </summary>
public sealed class EcsServiceHealthInspector
{
    private readonly IAmazonECS ecs;
    private readonly string region;
    private readonly Func<DateTime> utcNow;

    public EcsServiceHealthInspector(IAmazonECS ecs, string region, Func<DateTime>? utcNow = null)
    {
        this.ecs = ecs;
        this.region = region;
        this.utcNow = utcNow ?? (() => DateTime.UtcNow);
    }

    public async Task<IReadOnlyList<ServiceHealthOutcome>> InspectAsync(
        IReadOnlyList<ServiceReference> services, ServiceHealthOptions options, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<ServiceReference, ServiceHealthOutcome>();
        foreach (var cluster in services.Distinct().GroupBy(s => s.Cluster))
        {
            var found = new List<(ServiceReference Reference, Service Service)>();
            foreach (var batch in EcsBatches.Of(cluster.ToList(), EcsBatches.ServicesPerDescribe))
            {
                await DescribeBatchAsync(cluster.Key, batch, found, outcomes, cancellationToken).ConfigureAwait(false);
            }

            await ReportFoundServicesAsync(cluster.Key, found, options, outcomes, cancellationToken).ConfigureAwait(false);
        }

        // Same order as asked, one outcome per distinct service.
        return services.Distinct().Select(s => outcomes[s]).ToList();
    }

    private async System.Threading.Tasks.Task DescribeBatchAsync(
        string cluster,
        IReadOnlyList<ServiceReference> batch,
        List<(ServiceReference, Service)> found,
        Dictionary<ServiceReference, ServiceHealthOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        DescribeServicesResponse response;
        try
        {
            response = await ecs.DescribeServicesAsync(
                new DescribeServicesRequest { Cluster = cluster, Services = batch.Select(s => s.ServiceName).ToList() },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterNotFoundException ex)
        {
            foreach (var reference in batch)
            {
                outcomes[reference] = ServiceHealthOutcome.Failed(reference, ServiceLookupProblem.ClusterNotFound,
                    $"Cluster '{cluster}' was not found in {region}: {ex.Message} List clusters with 'aws ecs list-clusters --region {region}'.");
            }

            return;
        }
        catch (AmazonServiceException ex)
        {
            foreach (var reference in batch)
            {
                outcomes[reference] = ServiceHealthOutcome.Failed(reference, ServiceLookupProblems.FromAwsError(ex),
                    $"DescribeServices for '{reference.ServiceName}' in cluster '{cluster}' failed: {ex.ErrorCode}: {ex.Message}");
            }

            return;
        }

        var byName = (response.Services ?? new List<Service>()).ToDictionary(s => s.ServiceName, StringComparer.Ordinal);
        foreach (var reference in batch)
        {
            if (byName.TryGetValue(reference.ServiceName, out var service))
            {
                found.Add((reference, service));
            }
            else
            {
                outcomes[reference] = ServiceHealthOutcome.Failed(reference, ServiceLookupProblem.ServiceNotFound,
                    $"Service '{reference.ServiceName}' was not found in cluster '{cluster}' ({region}). " +
                    $"List the cluster's services with 'aws ecs list-services --cluster {cluster} --region {region}'.");
            }
        }
    }

    private async System.Threading.Tasks.Task ReportFoundServicesAsync(
        string cluster,
        IReadOnlyList<(ServiceReference Reference, Service Service)> found,
        ServiceHealthOptions options,
        Dictionary<ServiceReference, ServiceHealthOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        var stoppedArnsByService = new Dictionary<ServiceReference, List<string>>();
        foreach (var (reference, service) in found)
        {
            // ListTasks returns newest first; only the newest few are described.
            var arns = await ecs.ListAllTaskArnsAsync(
                new ListTasksRequest { Cluster = cluster, ServiceName = service.ServiceName, DesiredStatus = "STOPPED" },
                cancellationToken).ConfigureAwait(false);
            stoppedArnsByService[reference] = arns;
        }

        var described = (await ecs.DescribeTasksAsync(cluster, stoppedArnsByService.Values.SelectMany(a => a).Distinct().ToList(), cancellationToken)
            .ConfigureAwait(false)).ToDictionary(t => t.TaskArn, StringComparer.Ordinal);

        foreach (var (reference, service) in found)
        {
            var stopped = stoppedArnsByService[reference]
                .Where(described.ContainsKey)
                .Select(arn => ToStoppedTask(cluster, described[arn]))
                .OrderByDescending(t => t.StoppedAt ?? DateTime.MinValue)
                .Take(options.StoppedTaskCount)
                .ToList();
            outcomes[reference] = ServiceHealthOutcome.Reported(reference, BuildHealth(cluster, service, stopped, options));
        }
    }

    private EcsServiceHealth BuildHealth(string cluster, Service service, IReadOnlyList<EcsStoppedTask> stopped, ServiceHealthOptions options)
    {
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

        var health = new EcsServiceHealth
        {
            Region = region,
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
            CheckedAt = utcNow(),
        };
        health.Reasons = ServiceHealthRules.ReasonsNotHealthy(health);
        health.Healthy = health.Reasons.Count == 0;
        return health;
    }

    private static EcsStoppedTask ToStoppedTask(string cluster, EcsTask task)
    {
        var stopped = new EcsStoppedTask
        {
            Cluster = cluster,
            TaskArn = task.TaskArn,
            TaskId = EcsNames.TaskId(task.TaskArn),
            TaskDefinition = EcsNames.TaskDefinitionName(task.TaskDefinitionArn ?? ""),
            StartedBy = task.StartedBy,
            LastStatus = task.LastStatus,
            StopCode = task.StopCode,
            StoppedReason = task.StoppedReason,
            StartedAt = task.StartedAt,
            StoppedAt = task.StoppedAt,
            Containers = (task.Containers ?? new List<Container>())
                .Select(c => new EcsContainerExit { Name = c.Name, ExitCode = c.ExitCode, Reason = c.Reason, LastStatus = c.LastStatus })
                .ToList(),
        };
        stopped.Failed = StoppedTaskDiagnosis.IsFailure(stopped);
        stopped.Hint = StoppedTaskDiagnosis.Hint(stopped);
        return stopped;
    }
}
