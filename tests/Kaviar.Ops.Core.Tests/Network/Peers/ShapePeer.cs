using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.EC2;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Core.Tests.Network.Peers;

/// <summary>A shape as one peer built it: the ids it gave each named group and subnet, and the task interface's address.</summary>
public sealed record BuiltShape(IReadOnlyDictionary<string, string> Groups, IReadOnlyDictionary<string, string> Subnets, string TaskSubnetId, string TaskAddress)
{
    /// <summary>The load balancer as the flow's source: its groups and both its subnets, whose addresses its nodes may use.</summary>
    public NetworkEnd LoadBalancer(NetworkShape shape) => new()
    {
        Description = "the load balancer",
        GroupIds = shape.LoadBalancerGroups.Select(g => Groups[g]).ToList(),
        SubnetIds = new[] { Subnets["lb-a"], Subnets["lb-b"] },
        Blocks = new[] { IpBlock.Parse("10.0.1.0/24"), IpBlock.Parse("10.0.2.0/24") },
        EphemeralPorts = PortSpan.AwsServiceEphemeral,
    };

    /// <summary>The task's interface as the destination.</summary>
    public NetworkEnd Task(NetworkShape shape) => new()
    {
        Description = "the task",
        GroupIds = shape.TaskGroups.Select(g => Groups[g]).ToList(),
        SubnetIds = new[] { TaskSubnetId },
        Blocks = new[] { IpBlock.Parse(TaskAddress) },
        EphemeralPorts = PortSpan.LinuxEphemeral,
    };
}

/// <summary>An AWS account a shape is built in (moto, or the simulated account), and the EC2 client the core reads it through.</summary>
public interface IShapePeer : IDisposable
{
    string Name { get; }

    string Region { get; }

    IAmazonEC2 Ec2 { get; }

    Task<BuiltShape> BuildAsync(NetworkShape shape);

    /// <summary>The peer's own verdict on the flow, where it has one (the simulated account judges traffic itself).</summary>
    bool? OwnVerdict(NetworkShape shape, BuiltShape built);
}
