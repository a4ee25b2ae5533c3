using Kaviar.Ops.Kernel;
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Network;
using Kaviar.Ops.Simulator;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>
/// Seed 001's path with the tasks' rule written in other forms: the check, the repair plan and the simulated
/// account's target health must agree on each (IPv6 anywhere, the VPC CIDR, one subnet's CIDR).
/// </summary>
public sealed class RuleFormRepairTests : IDisposable
{
    private const int Port = 3001;
    private readonly NetworkTestAccount test = new NetworkTestAccount(NetworkTestAccount.Seed001WithDatabase());

    public void Dispose() => test.Dispose();

    private static ServiceReference Seed001Service => EcsNames.Service(NetworkTestAccount.Service, NetworkTestAccount.Cluster);

    private static NetworkPathRequest Request(string? database = null) => new NetworkPathRequest
    {
        Service = Seed001Service,
        Cluster = NetworkTestAccount.Cluster,
        DatabaseSecurityGroup = database,
    };

    private void AdmitOnTaskGroup(string cidr) => test.Account.Use(state => state.Ec2.AuthorizeIngressFromCidr(test.GroupId("kaviar-default-sg"), Port, cidr));

    private string VpcCidr => test.Account.Read(state => state.Ec2.Vpcs.Single(v => v.Name == "kaviar-vpc").CidrBlock);

    private bool AnyTargetHealthy() => test.Account.Read(state =>
        state.Elbv2.TargetGroups.Single(t => t.TargetGroupName == Scenarios.Seed001TargetGroup).Targets.Any(t => t.State == "healthy"));

    private async Task<NetworkPathCheck> LoadBalancerLinkAsync() =>
        Assert.Single(await test.Inspector.InspectAsync(Request(), CancellationToken.None), c => c.Link == NetworkPathLinks.LoadBalancerToTask);

    [Fact]
    public async Task Ipv6_anywhere_does_not_admit_an_IPv4_load_balancer_and_the_repair_adds_the_IPv4_rule_then_the_path_passes()
    {
        AdmitOnTaskGroup("::/0");
        test.Advance(TimeSpan.FromMinutes(3));
        Assert.False(AnyTargetHealthy());
        var before = await LoadBalancerLinkAsync();
        Assert.False(before.Passed);
        Assert.Contains("admits IPv6 only", before.Detail);

        var step = Assert.Single(await test.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None));
        Assert.Equal(StepStatus.Planned, step.StatusKind);
        Assert.Equal(test.GroupId("kaviar-default-sg"), step.GroupId);
        Assert.Equal(test.GroupId("kaviar-alb-sg"), step.SourceGroupId);
        var applied = await test.Applier.ApplyAsync(step, CancellationToken.None);
        Assert.Equal(StepStatus.Applied, applied.StatusKind);

        Assert.True((await LoadBalancerLinkAsync()).Passed);
        Assert.All(await test.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None), s => Assert.Equal(StepStatus.AlreadyInPlace, s.StatusKind));
        test.Advance(TimeSpan.FromMinutes(5));
        Assert.True(AnyTargetHealthy());
    }

    [Fact]
    public async Task The_VPC_CIDR_admits_the_load_balancer_so_nothing_is_planned_and_the_targets_turn_healthy()
    {
        AdmitOnTaskGroup(VpcCidr);

        var link = await LoadBalancerLinkAsync();
        Assert.True(link.Passed, link.Detail);
        Assert.Contains($"from {VpcCidr}", link.Detail);
        var step = Assert.Single(await test.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None));
        Assert.Equal(StepStatus.AlreadyInPlace, step.StatusKind);
        test.Advance(TimeSpan.FromMinutes(5));
        Assert.True(AnyTargetHealthy());
    }

    [Fact]
    public async Task A_CIDR_holding_one_of_the_load_balancer_subnets_is_not_enough_for_either_side()
    {
        var firstSubnet = test.Account.Read(state =>
        {
            var subnetId = state.Elbv2.LoadBalancers.Single().SubnetIds.First();
            return state.Ec2.FindSubnet(subnetId)!.CidrBlock;
        });
        AdmitOnTaskGroup(firstSubnet);

        var link = await LoadBalancerLinkAsync();
        Assert.False(link.Passed);
        Assert.Contains("covers only part", link.Detail);
        var step = Assert.Single(await test.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None));
        Assert.Equal(StepStatus.Planned, step.StatusKind);
        test.Advance(TimeSpan.FromMinutes(5));
        Assert.False(AnyTargetHealthy());
    }

    [Fact]
    public async Task A_database_group_admitting_the_VPC_CIDR_passes_the_database_link()
    {
        test.Account.Use(state => state.Ec2.AuthorizeIngressFromCidr(test.GroupId("kaviar-rds-sg"), 5432, VpcCidr));

        var database = Assert.Single(await test.Inspector.InspectAsync(Request("kaviar-rds-sg"), CancellationToken.None), c => c.Link == NetworkPathLinks.TaskToDatabase);

        Assert.True(database.Passed, database.Detail);
        Assert.Contains($"from {VpcCidr}", database.Detail);
    }
}
