using System;
using System.Collections.Generic;
using System.Linq;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Kaviar.Ops.Aws;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>A simulated account on a manual clock with the clients and network services pointed at it.</summary>
public sealed class NetworkTestAccount : IDisposable
{
    public const string Cluster = Scenarios.Seed001Cluster;
    public const string Service = Scenarios.Seed001Service;

    public NetworkTestAccount(AccountScenario scenario)
    {
        Account = SimulatedAccount.Start(scenario, new ManualClock());
        var connection = new AwsConnection(new BasicAWSCredentials("AKIDKAVIARTEST", "kaviar-test-secret"),
            RegionEndpoint.GetBySystemName(Account.Region), Account.Endpoint, "test", "test");
        Ecs = connection.CreateEcsClient();
        Elb = connection.CreateElasticLoadBalancingV2Client();
        Ec2 = connection.CreateEc2Client();
        Context = new OpsContext(connection, OpsClock.From(() => Account.Clock.UtcNow, AdvanceClock));
        Planner = new SecurityGroupRepairPlanner(Context);
        Applier = new SecurityGroupRepairApplier(Context);
        Inspector = new NetworkPathInspector(Context);
    }

    public SimulatedAccount Account { get; }

    /// <summary>Commands' context on the account's manual clock: a wait's pause moves simulated time, and takes none.</summary>
    public OpsContext Context { get; }

    /// <summary>Every pause a wait made, in order.</summary>
    public List<TimeSpan> Pauses { get; } = new List<TimeSpan>();

    private System.Threading.Tasks.Task AdvanceClock(TimeSpan pause, System.Threading.CancellationToken cancellationToken)
    {
        Pauses.Add(pause);
        ((ManualClock)Account.Clock).Advance(pause);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public IAmazonECS Ecs { get; }

    public IAmazonElasticLoadBalancingV2 Elb { get; }

    public IAmazonEC2 Ec2 { get; }

    public SecurityGroupRepairPlanner Planner { get; }

    public SecurityGroupRepairApplier Applier { get; }

    public NetworkPathInspector Inspector { get; }

    /// <summary>Seed 001 plus a database group (kaviar-rds-sg) and a Lambda group (kaviar-lambda-sg), as in seed 003.</summary>
    public static AccountScenario Seed001WithDatabase(Seed001Variant variant = Seed001Variant.WrongSecurityGroup) =>
        Scenarios.Seed001(variant).With(state =>
        {
            var vpc = state.Ec2.Vpcs.Single(v => v.Name == "kaviar-vpc").VpcId;
            state.Ec2.AddSecurityGroup(vpc, "kaviar-rds-sg", "Kaviar Postgres");
            state.Ec2.AddSecurityGroup(vpc, "kaviar-lambda-sg", "Kaviar Lambda");
        });

    public string GroupId(string name) => Account.Read(state => state.Ec2.SecurityGroups.Single(g => g.GroupName == name).GroupId);

    public void Advance(TimeSpan by) => ((ManualClock)Account.Clock).Advance(by);

    public void Dispose()
    {
        Ecs.Dispose();
        Elb.Dispose();
        Ec2.Dispose();
        Account.Dispose();
    }
}
