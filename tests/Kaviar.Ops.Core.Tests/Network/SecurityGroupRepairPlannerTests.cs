using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;
using Kaviar.Ops.Simulator;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>Planning and applying security group repairs against the simulated seed 001 account.</summary>
public sealed class SecurityGroupRepairPlannerTests : IDisposable
{
    private readonly NetworkTestAccount test = new NetworkTestAccount(NetworkTestAccount.Seed001WithDatabase());

    public void Dispose() => test.Dispose();

    private static ServiceReference Seed001Service => EcsNames.Service(NetworkTestAccount.Service, NetworkTestAccount.Cluster);

    [Fact]
    public async Task Seed001_plan_finds_the_rule_on_kaviar_ecs_sg_and_plans_only_the_service_network_update()
    {
        test.Account.Calls.Clear();

        var steps = await test.Planner.PlanServiceAsync(Seed001Service, "kaviar-ecs-sg", CancellationToken.None);

        Assert.Equal(0, test.Account.Calls.CountMutating());
        Assert.Equal(2, steps.Count);
        var rule = steps[0];
        Assert.Equal(SecurityGroupRepairAction.AuthorizeIngress, rule.ActionKind);
        Assert.Equal(StepStatus.AlreadyInPlace, rule.StatusKind);
        Assert.Equal(test.GroupId("kaviar-ecs-sg"), rule.GroupId);
        Assert.Equal(test.GroupId("kaviar-alb-sg"), rule.SourceGroupId);
        Assert.Equal("kaviar-alb-sg", rule.SourceGroupName);
        Assert.Equal(3001, rule.Port);
        Assert.False(rule.Changed);

        var update = steps[1];
        Assert.Equal(SecurityGroupRepairAction.UpdateServiceNetwork, update.ActionKind);
        Assert.Equal(StepStatus.Planned, update.StatusKind);
        Assert.Equal(new[] { test.GroupId("kaviar-default-sg") }, update.PreviousSecurityGroups);
        Assert.Equal(new[] { test.GroupId("kaviar-default-sg"), test.GroupId("kaviar-ecs-sg") }, update.SecurityGroups);
        Assert.Equal("us-east-2", update.Region);
        Assert.Equal("kaviar-cluster", update.Cluster);
        Assert.Equal("kaviar-backend-service", update.ServiceName);
        Assert.Empty(rule.Warnings);
        Assert.Empty(update.Warnings);
    }

    /// <summary>Seed 001 where another service's task carries <paramref name="sharedGroup"/>, and kaviar-alb-sg admits all traffic from anywhere.</summary>
    private static NetworkTestAccount SharedGroupAccount(string sharedGroup) =>
        new NetworkTestAccount(NetworkTestAccount.Seed001WithDatabase().With(state =>
        {
            var ecs = state.Ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-ecs-sg").GroupId;
            state.Ec2.AuthorizeIngressFromCidr(ecs, 22, "0.0.0.0/0", "SSH from anywhere");
            var alb = state.Ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-alb-sg").GroupId;
            state.Ec2.AuthorizeIngress(alb, new[] { new Kaviar.Ops.Simulator.Ec2.SecurityGroupPermission("-1", null, null, "0.0.0.0/0", null, "Everything") });
            var shared = state.Ec2.SecurityGroups.Single(g => g.GroupName == sharedGroup).GroupId;
            var subnet = state.Ec2.Subnets.Single(n => n.Name == "kaviar-private-1").SubnetId;
            state.Ec2.CreateNetworkInterface(subnet, new[] { shared }, "arn:aws:ecs:us-east-2:111111111111:attachment/kaviar-worker-task", assignPublicIp: false);
        }));

    [Fact]
    public async Task A_named_group_open_to_the_internet_and_used_by_other_interfaces_is_warned_about_on_the_service_update()
    {
        using var shared = SharedGroupAccount("kaviar-ecs-sg");
        var ecs = $"kaviar-ecs-sg ({shared.GroupId("kaviar-ecs-sg")})";
        var eni = shared.Account.Read(state => state.Ec2.NetworkInterfaces.Single(i => i.Description.EndsWith("kaviar-worker-task")).NetworkInterfaceId);

        var steps = await shared.Planner.PlanServiceAsync(Seed001Service, "kaviar-ecs-sg", CancellationToken.None);

        Assert.Empty(steps[0].Warnings);
        Assert.Equal(new[]
        {
            $"{ecs} admits inbound TCP 22 from 0.0.0.0/0: the service's tasks accept that traffic from anywhere once they carry it.",
            $"{ecs} is already used by 1 other network interface(s) ({eni} \"arn:aws:ecs:us-east-2:111111111111:attachment/kaviar-worker-task\"); " +
            "the service's tasks will share its rules with them, and a rule added to it for one applies to all.",
        }, steps[1].Warnings);
        Assert.Equal(StepStatus.Planned, steps[1].StatusKind);
    }

    [Fact]
    public async Task A_rule_on_a_shared_group_and_from_a_load_balancer_group_open_to_the_world_is_warned_about_but_still_planned()
    {
        using var shared = SharedGroupAccount("kaviar-default-sg");
        shared.Advance(TimeSpan.FromMinutes(1));
        var eni = shared.Account.Read(state => state.Ec2.NetworkInterfaces.Single(i => i.Description.EndsWith("kaviar-worker-task")).NetworkInterfaceId);

        var rule = Assert.Single(await shared.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None));

        Assert.Equal(StepStatus.Planned, rule.StatusKind);
        Assert.Equal(new[]
        {
            $"kaviar-default-sg ({shared.GroupId("kaviar-default-sg")}) is shared: it is also used by 1 other network interface(s) " +
            $"({eni} \"arn:aws:ecs:us-east-2:111111111111:attachment/kaviar-worker-task\"); the rule opens TCP 3001 on those too.",
            $"The rule trusts kaviar-alb-sg ({shared.GroupId("kaviar-alb-sg")}), which admits inbound all traffic from 0.0.0.0/0: it is open to the world " +
            "on every port and protocol. Narrow it to the load balancer's listener ports; the rule itself admits only interfaces that carry kaviar-alb-sg.",
        }, rule.Warnings);
    }

    [Fact]
    public async Task Applying_the_plan_updates_the_service_and_the_target_turns_healthy_then_a_second_plan_is_all_in_place()
    {
        var steps = await test.Planner.PlanServiceAsync(Seed001Service, "kaviar-ecs-sg", CancellationToken.None);
        test.Account.Calls.Clear();

        var applied = steps.Select(s => test.Applier.ApplyAsync(s, CancellationToken.None).GetAwaiter().GetResult()).ToList();

        Assert.Equal(new[] { StepStatus.AlreadyInPlace, StepStatus.Applied }, applied.Select(s => s.StatusKind));
        Assert.Equal(new[] { "UpdateService" }, test.Account.Calls.Snapshot().Where(c => c.IsMutating).Select(c => c.Action));
        Assert.Contains("new deployment ecs-svc/", applied[1].Detail);

        test.Advance(TimeSpan.FromMinutes(5));
        var targets = test.Account.Read(state => state.Elbv2.TargetGroups.Single(t => t.TargetGroupName == Scenarios.Seed001TargetGroup).Targets
            .Select(t => t.State).ToList());
        Assert.Contains("healthy", targets);
        var serviceGroups = test.Account.Read(state => state.Ecs.Tasks.Where(t => t.Service != null && t.DesiredStatus == "RUNNING")
            .Select(t => string.Join(",", t.Network.SecurityGroups)).Distinct().ToList());
        Assert.Equal(new[] { test.GroupId("kaviar-default-sg") + "," + test.GroupId("kaviar-ecs-sg") }, serviceGroups);

        test.Account.Calls.Clear();
        var again = await test.Planner.PlanServiceAsync(Seed001Service, "kaviar-ecs-sg", CancellationToken.None);
        foreach (var step in again)
        {
            await test.Applier.ApplyAsync(step, CancellationToken.None);
        }

        Assert.All(again, s => Assert.Equal(StepStatus.AlreadyInPlace, s.StatusKind));
        Assert.Equal(0, test.Account.Calls.CountMutating());
    }

    [Fact]
    public async Task Without_a_group_the_rule_goes_on_the_services_own_group_once()
    {
        var steps = await test.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None);

        var step = Assert.Single(steps);
        Assert.Equal(StepStatus.Planned, step.StatusKind);
        Assert.Equal(test.GroupId("kaviar-default-sg"), step.GroupId);
        Assert.Equal($"kaviar-default-sg ({test.GroupId("kaviar-default-sg")}): allow TCP 3001 from kaviar-alb-sg ({test.GroupId("kaviar-alb-sg")}) (us-east-2)",
            step.Describe());

        var applied = await test.Applier.ApplyAsync(step, CancellationToken.None);

        Assert.Equal(StepStatus.Applied, applied.StatusKind);
        var rules = test.Account.Read(state => state.Ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-default-sg").IngressRules
            .Select(r => (r.IpProtocol, r.FromPort, r.ToPort, r.ReferencedGroupId, r.CidrIpv4)).ToList());
        Assert.Equal(new[] { ("tcp", (int?)3001, (int?)3001, (string?)test.GroupId("kaviar-alb-sg"), (string?)null) }, rules);

        // Applying the same (stale) plan again meets the rule already there: AlreadyInPlace, not an error.
        var stale = await test.Applier.ApplyAsync(step, CancellationToken.None);
        Assert.Equal(StepStatus.AlreadyInPlace, stale.StatusKind);
        var replanned = Assert.Single(await test.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None));
        Assert.Equal(StepStatus.AlreadyInPlace, replanned.StatusKind);
    }

    [Fact]
    public async Task Database_ingress_is_added_once_from_the_lambda_group()
    {
        var steps = await test.Planner.PlanDatabaseIngressAsync(new[] { "kaviar-lambda-sg" }, "kaviar-rds-sg", 5432, null, CancellationToken.None);
        var step = Assert.Single(steps);
        Assert.Equal(StepStatus.Planned, step.StatusKind);
        Assert.Null(step.Cluster);

        var applied = await test.Applier.ApplyAsync(step, CancellationToken.None);
        test.Account.Calls.Clear();
        var again = Assert.Single(await test.Planner.PlanDatabaseIngressAsync(new[] { test.GroupId("kaviar-lambda-sg") }, "kaviar-rds-sg", 5432, null, CancellationToken.None));

        Assert.Equal(StepStatus.Applied, applied.StatusKind);
        Assert.Equal(StepStatus.AlreadyInPlace, again.StatusKind);
        Assert.Equal(0, test.Account.Calls.CountMutating());
        var rules = test.Account.Read(state => state.Ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-rds-sg").IngressRules
            .Select(r => (r.FromPort, r.ReferencedGroupId)).ToList());
        Assert.Equal(new[] { ((int?)5432, (string?)test.GroupId("kaviar-lambda-sg")) }, rules);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    [InlineData(" 0.0.0.0/0 ")]
    public async Task Opening_to_the_world_is_refused_before_any_call(string source)
    {
        test.Account.Calls.Clear();

        var error = await Assert.ThrowsAsync<NetworkRepairException>(() =>
            test.Planner.PlanDatabaseIngressAsync(new[] { source }, "kaviar-rds-sg", 5432, null, CancellationToken.None));

        Assert.Equal(NetworkProblem.OpenIngressRefused, error.Problem);
        Assert.Empty(test.Account.Calls.Snapshot());
    }

    [Fact]
    public async Task Unknown_group_and_unknown_service_are_their_own_problems()
    {
        var group = await Assert.ThrowsAsync<NetworkRepairException>(() =>
            test.Planner.PlanServiceAsync(Seed001Service, "kaviar-missing-sg", CancellationToken.None));
        var service = await Assert.ThrowsAnyAsync<OpsException>(() =>
            test.Planner.PlanServiceAsync(EcsNames.Service("no-such-service", NetworkTestAccount.Cluster), "kaviar-ecs-sg", CancellationToken.None));
        var cluster = await Assert.ThrowsAnyAsync<OpsException>(() =>
            test.Planner.PlanServiceAsync(EcsNames.Service(NetworkTestAccount.Service, "no-such-cluster"), null, CancellationToken.None));

        Assert.Equal(NetworkProblem.SecurityGroupNotFound, group.Problem);
        Assert.Equal("kaviar-missing-sg", group.Target);
        Assert.Contains("Name=vpc-id,Values=vpc-", group.Message);
        Assert.Equal(ErrorTable.SecurityGroupNotFound, group.Code);
        Assert.Equal(ErrorTable.EcsServiceNotFound, service.Code);
        Assert.Equal(ErrorTable.EcsClusterNotFound, cluster.Code);
    }
}
