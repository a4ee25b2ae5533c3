using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using ElbTargetGroup = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.TargetGroup;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>The target groups to check, named one of three ways.</summary>
public sealed class TargetGroupSelection
{
    public IReadOnlyList<ResourceReference> TargetGroups { get; set; } = Array.Empty<ResourceReference>();

    public ResourceReference? LoadBalancer { get; set; }

    /// <summary>Services whose target groups to check; looked up together, in batches.</summary>
    public IReadOnlyList<ServiceReference> Services { get; set; } = Array.Empty<ServiceReference>();
}

/// <summary>The target groups checked, and the services or names that could not be looked up (the others still report).</summary>
public sealed class TargetHealthReport
{
    public IReadOnlyList<TargetGroupHealth> Groups { get; set; } = Array.Empty<TargetGroupHealth>();

    public IReadOnlyList<OpsException> Failures { get; set; } = Array.Empty<OpsException>();
}

public sealed class TargetHealthTimeoutException : OpsException
{
    public TargetHealthTimeoutException(string message, IReadOnlyList<TargetGroupHealth> lastSeen)
        : base(ErrorTable.AlbTargetsUnhealthy, message, lastSeen)
    {
        LastSeen = lastSeen;
    }

    public IReadOnlyList<TargetGroupHealth> LastSeen { get; }
}

/// <summary>
/// Target health of target groups, a load balancer's target groups, or services': every target explained, and a
/// verdict; optionally waiting (the one waiter) until the verdict holds. Services are found through the one service
/// lookup, batched, so a piped sweep of many services costs one DescribeTargetHealth per group and little else.
/// </summary>
public sealed class TargetHealthInspector
{
    private const string WaitActivity = "Waiting for healthy targets";

    private readonly OpsContext context;

    public TargetHealthInspector(OpsContext context)
    {
        this.context = context;
    }

    public async Task<TargetHealthReport> CheckAsync(TargetGroupSelection selection, bool requireAll)
    {
        var (groups, failures) = await ResolveAsync(selection).ConfigureAwait(false);
        return new TargetHealthReport { Groups = await CheckGroupsAsync(groups, requireAll).ConfigureAwait(false), Failures = failures };
    }

    /// <summary>Waits until every group's verdict holds; throws <see cref="TargetHealthTimeoutException"/>, or the first lookup failure.</summary>
    public async Task<IReadOnlyList<TargetGroupHealth>> WaitAsync(TargetGroupSelection selection, bool requireAll, TimeSpan timeout)
    {
        var (groups, failures) = await ResolveAsync(selection).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw failures[0];
        }

        return await Waiter.UntilAsync(context, new WaitSpec<IReadOnlyList<TargetGroupHealth>>
        {
            Activity = WaitActivity,
            Timeout = timeout,
            CallsPerProbe = groups.Count,
            Probe = _ => CheckGroupsAsync(groups, requireAll),
            Done = latest => latest.All(g => g.Healthy),
            Describe = latest => string.Join("; ", latest.Select(g => $"{g.TargetGroupName}: {g.HealthyCount} of {g.Targets.Count} healthy")),
            TimedOut = (latest, _) => new TargetHealthTimeoutException(
                $"The targets were not healthy after {timeout}: " +
                string.Join(" ", latest.Where(g => !g.Healthy).SelectMany(g => g.Reasons.Select(r => $"{g.TargetGroupName}: {r}"))), latest),
        }).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<TargetGroupHealth>> CheckGroupsAsync(IReadOnlyList<(ElbTargetGroup Group, ServiceContext? Service)> groups, bool requireAll)
    {
        var results = new List<TargetGroupHealth>();
        foreach (var (group, service) in groups)
        {
            var described = await context.Elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = group.TargetGroupArn }, context.CancellationToken)
                .ConfigureAwait(false);
            results.Add(Evaluate(group, described.TargetHealthDescriptions ?? new List<TargetHealthDescription>(), service, requireAll));
        }

        return results;
    }

    private TargetGroupHealth Evaluate(ElbTargetGroup group, IReadOnlyList<TargetHealthDescription> descriptions, ServiceContext? service, bool requireAll)
    {
        var now = context.Clock.UtcNow;
        var health = context.Stamp(new TargetGroupHealth
        {
            TargetGroupArn = group.TargetGroupArn,
            TargetGroupName = group.TargetGroupName,
            Port = group.Port,
            HealthCheckPath = group.HealthCheckPath,
            HealthCheckProtocol = group.HealthCheckProtocol,
            Matcher = group.Matcher?.HttpCode ?? group.Matcher?.GrpcCode,
            Cluster = service?.Cluster,
            ServiceName = service?.ServiceName,
            LoadBalancerArns = group.LoadBalancerArns ?? new List<string>(),
            CheckedAt = now,
        });
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
            target.Finding = TargetHealthExplanations.For(target, health, service, now);
            target.Explanation = target.Finding?.Message;
            target.NextCommand = target.Finding?.Fix;
            target.NextStep = target.Finding?.FixLine;
        }

        health.HealthyCount = health.Targets.Count(t => t.State == "healthy");
        health.Findings = Verdict(health, requireAll, service);
        health.Reasons = health.Findings.Select(f => f.Message).ToList();
        health.Healthy = health.Findings.Count == 0;
        return health;
    }

    private static IReadOnlyList<Finding> Verdict(TargetGroupHealth health, bool requireAll, ServiceContext? service)
    {
        if (health.Targets.Count == 0)
        {
            var next = service == null ? null : Suggest.GetEcsServiceHealth(health.Region, service.Cluster, service.ServiceName);
            return new[]
            {
                new Finding("TargetGroupHasNoTargets", FindingSeverity.Error,
                    $"No targets are registered in {health.TargetGroupName}: the service has no running task.{(next == null ? "" : $" {next} says why.")}", next),
            };
        }

        var unhealthy = health.Targets.Where(t => t.State != "healthy").ToList();
        if (unhealthy.Count == 0 || (!requireAll && health.HealthyCount > 0))
        {
            return Array.Empty<Finding>();
        }

        return unhealthy
            .GroupBy(t => t.Reason ?? t.State)
            .Select(g => new Finding(g.Key, g.First().Finding?.Level ?? FindingSeverity.Error,
                $"{g.Count()} of {health.Targets.Count} targets {g.First().State} ({g.Key}): {g.First().Explanation}",
                g.First().Finding?.Fix, g.First().Finding?.ManualFix, g.Select(t => $"{t.Id}:{t.Port}").ToList()))
            .ToList();
    }

    private async Task<(IReadOnlyList<(ElbTargetGroup, ServiceContext?)> Groups, IReadOnlyList<OpsException> Failures)> ResolveAsync(TargetGroupSelection selection)
    {
        if (selection.Services.Count > 0)
        {
            return await FromServicesAsync(selection.Services).ConfigureAwait(false);
        }

        if (selection.LoadBalancer != null)
        {
            var loadBalancerArn = await LoadBalancerArnAsync(selection.LoadBalancer).ConfigureAwait(false);
            var attached = await context.Elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { LoadBalancerArn = loadBalancerArn }, context.CancellationToken)
                .ConfigureAwait(false);
            return (attached.Select(g => (g, (ServiceContext?)null)).ToList(), Array.Empty<OpsException>());
        }

        var groups = new List<(ElbTargetGroup, ServiceContext?)>();
        var failures = new List<OpsException>();
        foreach (var reference in selection.TargetGroups.Distinct())
        {
            // One at a time: a batch with one missing name or ARN fails whole, and the error must name the missing one.
            try
            {
                var request = reference.Arn != null
                    ? new DescribeTargetGroupsRequest { TargetGroupArns = new List<string> { reference.Identifier } }
                    : new DescribeTargetGroupsRequest { Names = new List<string> { reference.Name } };
                groups.AddRange((await context.Elb.DescribeAllTargetGroupsAsync(request, context.CancellationToken).ConfigureAwait(false))
                    .Select(g => (g, (ServiceContext?)null)));
            }
            catch (TargetGroupNotFoundException)
            {
                failures.Add(LoadBalancingLookupException.TargetGroup(reference.Input, context.Region));
            }
        }

        return (groups, failures);
    }

    private async Task<string> LoadBalancerArnAsync(ResourceReference loadBalancer)
    {
        if (loadBalancer.Arn != null)
        {
            return loadBalancer.Identifier;
        }

        try
        {
            return (await context.Elb.DescribeAllLoadBalancersAsync(new DescribeLoadBalancersRequest { Names = new List<string> { loadBalancer.Name } },
                context.CancellationToken).ConfigureAwait(false)).Single().LoadBalancerArn;
        }
        catch (LoadBalancerNotFoundException)
        {
            throw LoadBalancingLookupException.LoadBalancer(loadBalancer.Input, context.Region);
        }
    }

    private async Task<(IReadOnlyList<(ElbTargetGroup, ServiceContext?)>, IReadOnlyList<OpsException>)> FromServicesAsync(IReadOnlyList<ServiceReference> services)
    {
        var lookups = await new EcsServiceLocator(context).LocateAsync(services, ServiceParts.TargetGroups).ConfigureAwait(false);
        var groups = new List<(ElbTargetGroup, ServiceContext?)>();
        var failures = new List<OpsException>();
        foreach (var lookup in lookups)
        {
            if (lookup.Result is not { } snapshot)
            {
                failures.Add(lookup.Failure!);
                continue;
            }

            if (snapshot.TargetGroups.Count == 0)
            {
                failures.Add(new OpsException(ErrorTable.EcsServiceHasNoLoadBalancer,
                    $"Service '{snapshot.ServiceName}' in cluster '{snapshot.Cluster}' ({context.Region}) is not behind a load balancer: it has no target group.",
                    lookup.Asked.Input));
                continue;
            }

            var service = new ServiceContext
            {
                Cluster = snapshot.Cluster,
                ServiceName = snapshot.ServiceName,
                HealthCheckGracePeriodSeconds = snapshot.Service.HealthCheckGracePeriodSeconds,
                DeployedAt = snapshot.PrimaryDeployment?.CreatedAt,
            };
            groups.AddRange(snapshot.TargetGroups.Select(g => (g, (ServiceContext?)service)));
        }

        return (groups, failures);
    }
}
