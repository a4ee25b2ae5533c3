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

namespace Kaviar.Ops.Network;

/// <summary>A path the load balancer uses to reach the service's tasks: its security groups, the target group and the port.</summary>
internal sealed class LoadBalancerPath
{
    public string TargetGroupArn { get; set; } = "";

    public string TargetGroupName { get; set; } = "";

    public int Port { get; set; }

    public IReadOnlyList<string> LoadBalancerNames { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> LoadBalancerSecurityGroups { get; set; } = Array.Empty<string>();
}

/// <summary>What a service's network looks like: its awsvpc configuration, its VPC and its load balancer paths.</summary>
internal sealed class ServiceNetwork
{
    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    public string? VpcId { get; set; }

    public IReadOnlyList<string> Subnets { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> SecurityGroups { get; set; } = Array.Empty<string>();

    /// <summary>ENABLED or DISABLED.</summary>
    public string AssignPublicIp { get; set; } = "DISABLED";

    public IReadOnlyList<LoadBalancerPath> Paths { get; set; } = Array.Empty<LoadBalancerPath>();

    /// <summary>Each load balancer security group with the port it must reach the tasks on.</summary>
    public IReadOnlyList<(string Source, int Port)> LoadBalancerSources =>
        Paths.SelectMany(p => p.LoadBalancerSecurityGroups.Select(g => (Source: g, p.Port))).Distinct().ToList();

    /// <summary>The Repair-EcsSecurityGroup command line for this service, naming <paramref name="group"/> when the service lacks it.</summary>
    public string RepairCommand(Amazon.EC2.Model.SecurityGroup? group) =>
        group != null && !SecurityGroups.Contains(group.GroupId)
            ? $"Repair-EcsSecurityGroup -Cluster {Cluster} -Service {ServiceName} -SecurityGroup {group.GroupName ?? group.GroupId}"
            : $"Repair-EcsSecurityGroup -Cluster {Cluster} -Service {ServiceName}";
}

/// <summary>Reads a service's network from ECS, ELBv2 and EC2 (Describe calls only).</summary>
internal sealed class ServiceNetworkReader
{
    private readonly IAmazonECS ecs;
    private readonly IAmazonElasticLoadBalancingV2 elb;
    private readonly Ec2Network ec2;
    private readonly string region;

    public ServiceNetworkReader(IAmazonECS ecs, IAmazonElasticLoadBalancingV2 elb, Ec2Network ec2, string region)
    {
        this.ecs = ecs;
        this.elb = elb;
        this.ec2 = ec2;
        this.region = region;
    }

    public async Task<ServiceNetwork> ReadAsync(ServiceReference reference, CancellationToken cancellationToken)
    {
        DescribeServicesResponse described;
        try
        {
            described = await ecs.DescribeServicesAsync(
                new DescribeServicesRequest { Cluster = reference.Cluster, Services = new List<string> { reference.ServiceName } }, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterNotFoundException)
        {
            throw new NetworkRepairException(NetworkProblem.ClusterNotFound,
                $"Cluster '{reference.Cluster}' was not found in {region}. List clusters with 'aws ecs list-clusters --region {region}'.", reference.Cluster);
        }

        var service = described.Services?.FirstOrDefault(s => s.Status != "INACTIVE")
                      ?? throw new NetworkRepairException(NetworkProblem.ServiceNotFound,
                          $"Service '{reference.ServiceName}' was not found in cluster '{reference.Cluster}' ({region}). " +
                          $"List services with 'aws ecs list-services --cluster {reference.Cluster} --region {region}'.", reference.Input);
        var awsvpc = service.NetworkConfiguration?.AwsvpcConfiguration
                     ?? throw new NetworkRepairException(NetworkProblem.NetworkMissing,
                         $"Service '{service.ServiceName}' has no awsvpc network configuration: its tasks have no security groups of their own to repair.", reference.Input);

        var network = new ServiceNetwork
        {
            Cluster = reference.Cluster,
            ServiceName = service.ServiceName,
            Subnets = awsvpc.Subnets ?? new List<string>(),
            SecurityGroups = awsvpc.SecurityGroups ?? new List<string>(),
            AssignPublicIp = awsvpc.AssignPublicIp ?? "DISABLED",
        };

        var entries = (service.LoadBalancers ?? new List<Kaviar.Ops.AwsServices.ECS.Model.LoadBalancer>()).Where(l => !string.IsNullOrEmpty(l.TargetGroupArn)).ToList();
        var targetGroups = entries.Count == 0
            ? new List<TargetGroup>()
            : await elb.DescribeAllTargetGroupsAsync(
                new DescribeTargetGroupsRequest { TargetGroupArns = entries.Select(e => e.TargetGroupArn).Distinct().ToList() }, cancellationToken).ConfigureAwait(false);
        var loadBalancerArns = targetGroups.SelectMany(t => t.LoadBalancerArns ?? new List<string>()).Distinct().ToList();
        var loadBalancers = loadBalancerArns.Count == 0
            ? new List<Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.LoadBalancer>()
            : await elb.DescribeAllLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = loadBalancerArns }, cancellationToken).ConfigureAwait(false);

        network.Paths = entries.Select(entry =>
        {
            var targetGroup = targetGroups.FirstOrDefault(t => t.TargetGroupArn == entry.TargetGroupArn);
            var attached = loadBalancers.Where(l => targetGroup?.LoadBalancerArns?.Contains(l.LoadBalancerArn) == true).ToList();
            return new LoadBalancerPath
            {
                TargetGroupArn = entry.TargetGroupArn,
                TargetGroupName = targetGroup?.TargetGroupName ?? entry.TargetGroupArn,
                Port = entry.ContainerPort ?? targetGroup?.Port ?? 0,
                LoadBalancerNames = attached.Select(l => l.LoadBalancerName).ToList(),
                LoadBalancerSecurityGroups = attached.SelectMany(l => l.SecurityGroups ?? new List<string>()).Distinct().ToList(),
            };
        }).ToList();

        network.VpcId = targetGroups.Select(t => t.VpcId).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (network.VpcId == null && network.Subnets.Count > 0)
        {
            network.VpcId = (await ec2.SubnetsAsync(network.Subnets, cancellationToken).ConfigureAwait(false)).Select(s => s.VpcId).FirstOrDefault();
        }

        return network;
    }
}
