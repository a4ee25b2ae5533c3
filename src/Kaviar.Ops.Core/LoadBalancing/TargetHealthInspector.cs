using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Operations;
using ElbTargetGroup = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.TargetGroup;
using Task = System.Threading.Tasks.Task;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>The target groups to check, named one of three ways.</summary>
public sealed class TargetGroupSelection
{
    public IReadOnlyList<string> TargetGroups { get; set; } = Array.Empty<string>();

    public string? LoadBalancer { get; set; }

    public string? Cluster { get; set; }

    public string? ServiceName { get; set; }
}

public sealed class TargetHealthTimeoutException : Exception
{
    public TargetHealthTimeoutException(string message, IReadOnlyList<TargetGroupHealth> lastSeen)
        : base(message)
    {
        LastSeen = lastSeen;
    }

    public IReadOnlyList<TargetGroupHealth> LastSeen { get; }
}

/// <summary>
/// Target health of a target group, a load balancer's target groups, or a service's: every target explained, and a
/// verdict; optionally waiting until the verdict holds, polling DescribeTargetHealth on a backing-off schedule.
/// </summary>
public sealed class TargetHealthInspector
{
    private const string WaitActivity = "Waiting for healthy targets";

    private readonly IAmazonElasticLoadBalancingV2 elb;
    private readonly IAmazonECS ecs;
    private readonly string region;
    private readonly Func<DateTime> utcNow;
    private readonly Func<TimeSpan, CancellationToken, Task>? delay;

    public TargetHealthInspector(IAmazonElasticLoadBalancingV2 elb, IAmazonECS ecs, string region, Func<DateTime>? utcNow = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        this.elb = elb;
        this.ecs = ecs;
        this.region = region;
        this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        this.delay = delay;
    }

    public async Task<IReadOnlyList<TargetGroupHealth>> CheckAsync(TargetGroupSelection selection, bool requireAll, CancellationToken cancellationToken)
    {
        var (groups, service) = await ResolveAsync(selection, cancellationToken).ConfigureAwait(false);
        return await CheckGroupsAsync(groups, service, requireAll, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls until every group's verdict holds; returns at once when it does. Throws <see cref="TargetHealthTimeoutException"/>.</summary>
    public async Task<IReadOnlyList<TargetGroupHealth>> WaitAsync(
        TargetGroupSelection selection, bool requireAll, TimeSpan timeout, IOperationReporter reporter, CancellationToken cancellationToken)
    {
        var (groups, service) = await ResolveAsync(selection, cancellationToken).ConfigureAwait(false);
        var schedule = new PollSchedule(timeout, utcNow: utcNow, delay: delay);
        IReadOnlyList<TargetGroupHealth> latest;
        do
        {
            latest = await CheckGroupsAsync(groups, service, requireAll, cancellationToken).ConfigureAwait(false);
            if (latest.All(g => g.Healthy))
            {
                reporter.Progress(new ProgressUpdate(WaitActivity, "Healthy", completed: true));
                return latest;
            }

            var status = string.Join("; ", latest.Select(g => $"{g.TargetGroupName}: {g.HealthyCount} of {g.Targets.Count} healthy"));
            reporter.Progress(new ProgressUpdate(WaitActivity, $"{status} ({schedule.Elapsed:mm\\:ss} elapsed)", secondsRemaining: (int)schedule.Remaining.TotalSeconds));
        }
        while (await schedule.WaitAsync(cancellationToken).ConfigureAwait(false));

        reporter.Progress(new ProgressUpdate(WaitActivity, "Timed out", completed: true));
        var reasons = latest.Where(g => !g.Healthy).SelectMany(g => g.Reasons.Select(r => $"{g.TargetGroupName}: {r}"));
        throw new TargetHealthTimeoutException(
            $"The targets were not healthy after {timeout}: {string.Join(" ", reasons)}", latest);
    }

    private async Task<IReadOnlyList<TargetGroupHealth>> CheckGroupsAsync(
        IReadOnlyList<ElbTargetGroup> groups, ServiceContext? service, bool requireAll, CancellationToken cancellationToken)
    {
        var results = new List<TargetGroupHealth>();
        foreach (var group in groups)
        {
            var described = await elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = group.TargetGroupArn }, cancellationToken)
                .ConfigureAwait(false);
            results.Add(Evaluate(group, described.TargetHealthDescriptions ?? new List<TargetHealthDescription>(), service, requireAll));
        }

        return results;
    }

    private TargetGroupHealth Evaluate(ElbTargetGroup group, IReadOnlyList<TargetHealthDescription> descriptions, ServiceContext? service, bool requireAll)
    {
        var now = utcNow();
        var health = new TargetGroupHealth
        {
            Region = region,
            TargetGroupArn = group.TargetGroupArn,
            TargetGroupName = group.TargetGroupName,
            Port = group.Port,
            HealthCheckPath = group.HealthCheckPath,
            Matcher = group.Matcher?.HttpCode ?? group.Matcher?.GrpcCode,
            Cluster = service?.Cluster,
            ServiceName = service?.ServiceName,
            LoadBalancerArns = group.LoadBalancerArns ?? new List<string>(),
            CheckedAt = now,
        };
        health.Targets = descriptions.Select(d => new TargetState
        {
            TargetGroupArn = group.TargetGroupArn,
            Id = d.Target?.Id ?? "",
            Port = d.Target?.Port,
            AvailabilityZone = d.Target?.AvailabilityZone,
            State = d.TargetHealth?.State ?? "",
            Reason = d.TargetHealth?.Reason,
            Description = d.TargetHealth?.Description,
        }).ToList();
        foreach (var target in health.Targets)
        {
            (target.Explanation, target.NextStep) = TargetHealthExplanations.For(target, health, service, now);
        }

        health.HealthyCount = health.Targets.Count(t => t.State == "healthy");
        health.Reasons = Verdict(health, requireAll, service);
        health.Healthy = health.Reasons.Count == 0;
        return health;
    }

    private static IReadOnlyList<string> Verdict(TargetGroupHealth health, bool requireAll, ServiceContext? service)
    {
        if (health.Targets.Count == 0)
        {
            var next = service == null ? "" : $" Get-EcsServiceHealth -Cluster {service.Cluster} -ServiceName {service.ServiceName} says why.";
            return new[] { $"No targets are registered in {health.TargetGroupName}: the service has no running task.{next}" };
        }

        var unhealthy = health.Targets.Where(t => t.State != "healthy").ToList();
        if (unhealthy.Count == 0 || (!requireAll && health.HealthyCount > 0))
        {
            return Array.Empty<string>();
        }

        return unhealthy
            .GroupBy(t => t.Reason ?? t.State)
            .Select(g => $"{g.Count()} of {health.Targets.Count} targets {g.First().State} ({g.Key}): {g.First().Explanation}")
            .ToList();
    }

    private async Task<(IReadOnlyList<ElbTargetGroup> Groups, ServiceContext? Service)> ResolveAsync(
        TargetGroupSelection selection, CancellationToken cancellationToken)
    {
        try
        {
            return await ResolveOrThrowAsync(selection, cancellationToken).ConfigureAwait(false);
        }
        catch (LoadBalancerNotFoundException)
        {
            throw LoadBalancingLookupException.LoadBalancer(selection.LoadBalancer ?? "", region);
        }
        catch (TargetGroupNotFoundException)
        {
            throw LoadBalancingLookupException.TargetGroup(string.Join(", ", selection.TargetGroups), region);
        }
        catch (ClusterNotFoundException)
        {
            throw new LoadBalancingLookupException(LoadBalancingResource.Service, $"Cluster '{selection.Cluster}' was not found in {region}.");
        }
    }

    private async Task<(IReadOnlyList<ElbTargetGroup> Groups, ServiceContext? Service)> ResolveOrThrowAsync(
        TargetGroupSelection selection, CancellationToken cancellationToken)
    {
        if (selection.ServiceName != null)
        {
            return await FromServiceAsync(EcsNames.Service(selection.ServiceName, selection.Cluster), cancellationToken).ConfigureAwait(false);
        }

        if (selection.LoadBalancer != null)
        {
            var loadBalancerArn = selection.LoadBalancer.StartsWith("arn:", StringComparison.Ordinal)
                ? selection.LoadBalancer
                : (await elb.DescribeAllLoadBalancersAsync(new DescribeLoadBalancersRequest { Names = new List<string> { selection.LoadBalancer } },
                    cancellationToken).ConfigureAwait(false)).Single().LoadBalancerArn;
            return (await elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { LoadBalancerArn = loadBalancerArn }, cancellationToken)
                .ConfigureAwait(false), null);
        }

        var arns = selection.TargetGroups.Where(t => t.StartsWith("arn:", StringComparison.Ordinal)).ToList();
        var names = selection.TargetGroups.Except(arns).ToList();
        var groups = new List<ElbTargetGroup>();
        if (arns.Count > 0)
        {
            groups.AddRange(await elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = arns }, cancellationToken)
                .ConfigureAwait(false));
        }

        if (names.Count > 0)
        {
            groups.AddRange(await elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = names }, cancellationToken)
                .ConfigureAwait(false));
        }

        return (groups, null);
    }

    private async Task<(IReadOnlyList<ElbTargetGroup>, ServiceContext?)> FromServiceAsync(ServiceReference reference, CancellationToken cancellationToken)
    {
        var described = await ecs.DescribeServicesAsync(
            new DescribeServicesRequest { Cluster = reference.Cluster, Services = new List<string> { reference.ServiceName } }, cancellationToken)
            .ConfigureAwait(false);
        var service = described.Services?.FirstOrDefault()
                      ?? throw new LoadBalancingLookupException(LoadBalancingResource.Service,
                          $"Service '{reference.ServiceName}' was not found in cluster '{reference.Cluster}' ({region}).");
        var arns = (service.LoadBalancers ?? new List<Kaviar.Ops.AwsServices.ECS.Model.LoadBalancer>()).Select(lb => lb.TargetGroupArn).Where(a => !string.IsNullOrEmpty(a)).Distinct().ToList();
        if (arns.Count == 0)
        {
            throw new LoadBalancingLookupException(LoadBalancingResource.TargetGroup,
                $"Service '{reference.ServiceName}' is not behind a load balancer: it has no target group.");
        }

        var context = new ServiceContext
        {
            Cluster = reference.Cluster,
            ServiceName = service.ServiceName,
            HealthCheckGracePeriodSeconds = service.HealthCheckGracePeriodSeconds,
            DeployedAt = service.Deployments?.Where(d => d.Status == "PRIMARY").Select(d => d.CreatedAt).FirstOrDefault(),
        };
        var groups = await elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = arns }, cancellationToken).ConfigureAwait(false);
        return (groups, context);
    }
}

