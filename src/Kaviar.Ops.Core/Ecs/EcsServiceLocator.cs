using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.Kernel;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;
using ElbLoadBalancer = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.LoadBalancer;
using TaskDefinition = Kaviar.Ops.AwsServices.ECS.Model.TaskDefinition;

namespace Kaviar.Ops.Ecs;

/// <summary>What a capability needs of a service besides the service itself; each part costs calls, so ask only for yours.</summary>
[Flags]
public enum ServiceParts
{
    None = 0,

    /// <summary>Recently stopped tasks (ECS keeps them about an hour), described.</summary>
    StoppedTasks = 1,

    /// <summary>The service's running and pending tasks, described.</summary>
    RunningTasks = 2,

    /// <summary>The target groups of the service's load balancer entries.</summary>
    TargetGroups = 4,

    /// <summary>The load balancers of those target groups (implies <see cref="TargetGroups"/>).</summary>
    LoadBalancers = 8 | TargetGroups,

    /// <summary>The task definition of the primary deployment.</summary>
    TaskDefinition = 16,

    /// <summary>The service's tags (DescribeServices with include TAGS: no call of its own).</summary>
    Tags = 32,
}

/// <summary>A service as ECS, ELBv2 and its tasks describe it, in one region.</summary>
public sealed class ServiceSnapshot
{
    public ServiceSnapshot(ServiceReference reference, string region, string cluster, Service service)
    {
        Reference = reference;
        Region = region;
        Cluster = cluster;
        Service = service;
    }

    public ServiceReference Reference { get; }

    public string Region { get; }

    /// <summary>The cluster name.</summary>
    public string Cluster { get; }

    public Service Service { get; }

    public string ServiceName => Service.ServiceName;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<EcsTask> StoppedTasks { get; internal set; } = Array.Empty<EcsTask>();

    public IReadOnlyList<EcsTask> RunningTasks { get; internal set; } = Array.Empty<EcsTask>();

    public IReadOnlyList<TargetGroup> TargetGroups { get; internal set; } = Array.Empty<TargetGroup>();

    public IReadOnlyList<ElbLoadBalancer> LoadBalancers { get; internal set; } = Array.Empty<ElbLoadBalancer>();

    public TaskDefinition? TaskDefinition { get; internal set; }

    /// <summary>The primary deployment: the one ECS is rolling out or has rolled out.</summary>
    public Deployment? PrimaryDeployment => Service.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY");

    public IReadOnlyList<string> TargetGroupArns => (Service.LoadBalancers ?? new List<AwsServices.ECS.Model.LoadBalancer>())
        .Select(l => l.TargetGroupArn).Where(a => !string.IsNullOrEmpty(a)).Distinct().ToList();

    public AwsVpcConfiguration? AwsVpc => Service.NetworkConfiguration?.AwsvpcConfiguration;
}

/// <summary>
/// The one way a service is found. Batched to the API limits: DescribeServices 10 a call per cluster, DescribeTasks
/// 100, DescribeTargetGroups 400 and DescribeLoadBalancers 20; stopped tasks are listed once for the whole cluster
/// and grouped by service when several services of a cluster are asked about. A missing cluster or service fails
/// only its own lookups, with the one not-found id of the error table.
/// </summary>
public sealed class EcsServiceLocator
{
    /// <summary>From this many services of one cluster on, one cluster-wide ListTasks is cheaper than one per service.</summary>
    private const int ClusterWideStoppedListing = 3;

    private readonly OpsContext context;

    public EcsServiceLocator(OpsContext context)
    {
        this.context = context;
    }

    /// <summary>One lookup per distinct service, in the order asked.</summary>
    public async Task<IReadOnlyList<Outcome<ServiceReference, ServiceSnapshot>>> LocateAsync(IReadOnlyList<ServiceReference> references, ServiceParts parts)
    {
        var distinct = references.Distinct().ToList();
        var lookups = new Dictionary<ServiceReference, Outcome<ServiceReference, ServiceSnapshot>>();
        foreach (var cluster in distinct.GroupBy(r => r.Cluster))
        {
            var found = new List<ServiceSnapshot>();
            foreach (var batch in ApiLimits.Batches(cluster.ToList(), ApiLimits.ServicesPerDescribe))
            {
                await DescribeAsync(cluster.Key, batch, (parts & ServiceParts.Tags) != 0, found, lookups).ConfigureAwait(false);
            }

            await AddTasksAsync(cluster.Key, found, parts).ConfigureAwait(false);
        }

        var snapshots = lookups.Values.Where(l => l.Result != null).Select(l => l.Result!).ToList();
        if ((parts & ServiceParts.TargetGroups) != 0)
        {
            await AddLoadBalancingAsync(snapshots, (parts & ServiceParts.LoadBalancers) == ServiceParts.LoadBalancers).ConfigureAwait(false);
        }

        if ((parts & ServiceParts.TaskDefinition) != 0)
        {
            await AddTaskDefinitionsAsync(snapshots).ConfigureAwait(false);
        }

        return distinct.Select(r => lookups[r]).ToList();
    }

    /// <summary>One service; its failure is thrown.</summary>
    public async Task<ServiceSnapshot> LocateOneAsync(ServiceReference reference, ServiceParts parts)
    {
        var lookup = (await LocateAsync(new[] { reference }, parts).ConfigureAwait(false)).Single();
        return lookup.Result ?? throw lookup.Failure!;
    }

    /// <summary>DescribeTasks 100 tasks a call; tasks ECS no longer knows are left out.</summary>
    public async Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns)
    {
        var tasks = new List<EcsTask>();
        foreach (var batch in ApiLimits.Batches(taskArns.Distinct().ToList(), ApiLimits.TasksPerDescribe))
        {
            var response = await context.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = cluster, Tasks = batch.ToList() }, context.CancellationToken)
                .ConfigureAwait(false);
            tasks.AddRange(response.Tasks ?? new List<EcsTask>());
        }

        return tasks;
    }

    private async System.Threading.Tasks.Task DescribeAsync(
        string cluster, IReadOnlyList<ServiceReference> batch, bool tags, List<ServiceSnapshot> found, Dictionary<ServiceReference, Outcome<ServiceReference, ServiceSnapshot>> lookups)
    {
        DescribeServicesResponse response;
        try
        {
            response = await context.Ecs.DescribeServicesAsync(
                new DescribeServicesRequest
                {
                    Cluster = cluster, Services = batch.Select(s => s.ServiceName).ToList(), Include = tags ? new List<string> { "TAGS" } : null,
                }, context.CancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            var failure = ex is ClusterNotFoundException ? ClusterNotFound(cluster, batch[0].ClusterReference?.Input ?? cluster, ex) : null;
            foreach (var reference in batch)
            {
                lookups[reference] = Outcome<ServiceReference, ServiceSnapshot>.Failed(reference, failure ?? AwsFailures.From(ex, context.Region, reference.Input));
            }

            return;
        }

        // An INACTIVE service is a deleted one: ECS still describes it for a while, but it is not there.
        var byName = (response.Services ?? new List<Service>()).Where(s => s.Status != "INACTIVE")
            .GroupBy(s => s.ServiceName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var reference in batch)
        {
            if (byName.TryGetValue(reference.ServiceName, out var service))
            {
                var snapshot = new ServiceSnapshot(reference, context.Region, cluster, service);
                found.Add(snapshot);
                lookups[reference] = Outcome<ServiceReference, ServiceSnapshot>.Of(reference, snapshot);
            }
            else
            {
                lookups[reference] = Outcome<ServiceReference, ServiceSnapshot>.Failed(reference, new OpsException(ErrorTable.EcsServiceNotFound,
                    $"Service '{reference.ServiceName}' was not found in cluster '{cluster}' ({context.Region}).", reference.Input,
                    $"List the cluster's services with 'aws ecs list-services --cluster {cluster} --region {context.Region}'."));
            }
        }
    }

    private OpsException ClusterNotFound(string cluster, string input, Exception inner) =>
        new OpsException(ErrorTable.EcsClusterNotFound, $"Cluster '{cluster}' was not found in {context.Region}.", input,
            $"List clusters with 'aws ecs list-clusters --region {context.Region}'.", inner);

    private async System.Threading.Tasks.Task AddTasksAsync(string cluster, IReadOnlyList<ServiceSnapshot> found, ServiceParts parts)
    {
        if (found.Count == 0)
        {
            return;
        }

        if ((parts & ServiceParts.StoppedTasks) != 0)
        {
            var stopped = await TasksByServiceAsync(cluster, found, "STOPPED").ConfigureAwait(false);
            foreach (var snapshot in found)
            {
                snapshot.StoppedTasks = stopped[snapshot.ServiceName].OrderByDescending(t => t.StoppedAt ?? DateTime.MinValue).ToList();
            }
        }

        if ((parts & ServiceParts.RunningTasks) != 0)
        {
            var running = await TasksByServiceAsync(cluster, found, "RUNNING").ConfigureAwait(false);
            foreach (var snapshot in found)
            {
                snapshot.RunningTasks = running[snapshot.ServiceName].ToList();
            }
        }
    }

    /// <summary>ListTasks once for the cluster when many services are asked about, else once per service; then DescribeTasks in batches.</summary>
    private async Task<ILookup<string, EcsTask>> TasksByServiceAsync(string cluster, IReadOnlyList<ServiceSnapshot> services, string desiredStatus)
    {
        var arns = new List<string>();
        if (services.Count >= ClusterWideStoppedListing)
        {
            arns.AddRange(await context.Ecs.ListAllTaskArnsAsync(new ListTasksRequest { Cluster = cluster, DesiredStatus = desiredStatus }, context.CancellationToken)
                .ConfigureAwait(false));
        }
        else
        {
            foreach (var service in services)
            {
                arns.AddRange(await context.Ecs.ListAllTaskArnsAsync(
                    new ListTasksRequest { Cluster = cluster, ServiceName = service.ServiceName, DesiredStatus = desiredStatus }, context.CancellationToken).ConfigureAwait(false));
            }
        }

        var tasks = await DescribeTasksAsync(cluster, arns).ConfigureAwait(false);
        // A service's tasks carry the group "service:<name>".
        return tasks.Where(t => t.Group?.StartsWith("service:", StringComparison.Ordinal) == true)
            .ToLookup(t => t.Group!.Substring("service:".Length), StringComparer.Ordinal);
    }

    private async System.Threading.Tasks.Task AddLoadBalancingAsync(IReadOnlyList<ServiceSnapshot> snapshots, bool withLoadBalancers)
    {
        var arns = snapshots.SelectMany(s => s.TargetGroupArns).Distinct().ToList();
        var groups = new List<TargetGroup>();
        foreach (var batch in ApiLimits.Batches(arns, ApiLimits.TargetGroupsPerDescribe))
        {
            groups.AddRange(await DescribeTargetGroupsAsync(batch).ConfigureAwait(false));
        }

        var loadBalancers = new List<ElbLoadBalancer>();
        if (withLoadBalancers)
        {
            foreach (var batch in ApiLimits.Batches(groups.SelectMany(g => g.LoadBalancerArns ?? new List<string>()).Distinct().ToList(), ApiLimits.LoadBalancersPerDescribe))
            {
                loadBalancers.AddRange(await context.Elb.DescribeAllLoadBalancersAsync(
                    new DescribeLoadBalancersRequest { LoadBalancerArns = batch.ToList() }, context.CancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var snapshot in snapshots)
        {
            var own = snapshot.TargetGroupArns;
            snapshot.TargetGroups = groups.Where(g => own.Contains(g.TargetGroupArn)).ToList();
            var attached = snapshot.TargetGroups.SelectMany(g => g.LoadBalancerArns ?? new List<string>()).ToList();
            snapshot.LoadBalancers = loadBalancers.Where(l => attached.Contains(l.LoadBalancerArn)).ToList();
        }
    }

    /// <summary>A target group deleted while the service still names it fails the whole batch; then each is asked alone and the missing ones are left out.</summary>
    private async Task<IReadOnlyList<TargetGroup>> DescribeTargetGroupsAsync(IReadOnlyList<string> arns)
    {
        try
        {
            return await context.Elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = arns.ToList() }, context.CancellationToken)
                .ConfigureAwait(false);
        }
        catch (TargetGroupNotFoundException) when (arns.Count > 1)
        {
            var groups = new List<TargetGroup>();
            foreach (var arn in arns)
            {
                groups.AddRange(await DescribeTargetGroupsAsync(new[] { arn }).ConfigureAwait(false));
            }

            return groups;
        }
        catch (TargetGroupNotFoundException)
        {
            return Array.Empty<TargetGroup>();
        }
    }

    private async System.Threading.Tasks.Task AddTaskDefinitionsAsync(IReadOnlyList<ServiceSnapshot> snapshots)
    {
        foreach (var group in snapshots.GroupBy(s => s.PrimaryDeployment?.TaskDefinition ?? s.Service.TaskDefinition).Where(g => !string.IsNullOrEmpty(g.Key)))
        {
            var definition = (await context.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = group.Key }, context.CancellationToken)
                .ConfigureAwait(false)).TaskDefinition;
            foreach (var snapshot in group)
            {
                snapshot.TaskDefinition = definition;
            }
        }
    }
}
