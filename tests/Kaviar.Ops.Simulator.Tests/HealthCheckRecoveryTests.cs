using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// Seed 001 with the path from the load balancer to the tasks broken by a security group or a network ACL, fixed in
/// place while the target is unhealthy: ELB keeps checking, and the target turns healthy on the
/// HealthyThresholdCount-th passing check after the fix, measured on the simulated clock.
/// </summary>
public sealed class HealthCheckRecoveryTests
{
    private const int Port = 3001;
    private const string VpcCidr = "10.0.0.0/16";

    public enum Break
    {
        SecurityGroup,
        NetworkAcl,
    }

    [Theory]
    [InlineData(Break.SecurityGroup)]
    [InlineData(Break.NetworkAcl)]
    public void A_target_fixed_in_place_turns_healthy_after_the_healthy_threshold_of_checks(Break broken)
    {
        var (account, clock) = broken == Break.SecurityGroup
            ? TestAccounts.Seed001AtCreation(Seed001Variant.WrongSecurityGroup)
            : TestAccounts.Seed001AtCreation(Seed001Variant.Healthy, state => PrivateSubnetsOn(state, OutboundOnly(state)));
        using var _ = account;
        var task = account.Read(s => s.ServiceTasks().Single());
        var (interval, threshold) = account.Read(s => (s.TargetGroup().HealthCheckIntervalSeconds, s.TargetGroup().HealthyThresholdCount));

        StepUntil(account, clock, s => TargetState(s, task) == "unhealthy", TimeSpan.FromMinutes(5));
        Assert.Equal("Target.Timeout", account.Read(s => s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, Port)!.Reason));
        var fixedAt = account.Read(s =>
        {
            Fix(s, broken);
            return s.Now;
        });

        var healthyAt = StepUntil(account, clock, s => TargetState(s, task) == "healthy", TimeSpan.FromSeconds((threshold + 2) * interval));

        var took = healthyAt - fixedAt;
        Assert.True(took > TimeSpan.FromSeconds((threshold - 1) * interval), $"healthy {took} after the fix: before {threshold} checks could pass");
        Assert.True(took <= TimeSpan.FromSeconds((threshold + 1) * interval), $"healthy only {took} after the fix");
        account.Use(s => Assert.False(task.IsStopping));
    }

    [Fact]
    public void A_health_check_reaches_the_task_only_when_the_ACLs_of_both_subnets_allow_it()
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy);
        using var disposable = account;
        clock.Advance(TimeSpan.FromSeconds(40));
        account.Use(state =>
        {
            var task = state.ServiceTasks().Single();
            var group = state.TargetGroup();
            var vpcId = VpcOf(state);
            var defaultAcl = state.Ec2.NetworkAcls.Single(a => a.VpcId == vpcId && a.IsDefault).NetworkAclId;
            var loadBalancerSubnets = state.Elbv2.LoadBalancers.Single().SubnetIds.ToList();
            Assert.True(state.LoadBalancerReaches(group, task, Port));

            var closed = state.Ec2.CreateNetworkAcl(vpcId).NetworkAclId;
            loadBalancerSubnets.ForEach(subnet => state.Ec2.AssociateNetworkAcl(subnet, closed));
            Assert.False(state.LoadBalancerReaches(group, task, Port));

            OpenForTheLoadBalancer(state, closed);
            Assert.True(state.LoadBalancerReaches(group, task, Port));

            var taskSide = state.Ec2.CreateNetworkAcl(vpcId).NetworkAclId;
            PrivateSubnetsOn(state, taskSide);
            Assert.False(state.LoadBalancerReaches(group, task, Port));

            loadBalancerSubnets.ForEach(subnet => state.Ec2.AssociateNetworkAcl(subnet, defaultAcl));
            Assert.False(state.LoadBalancerReaches(group, task, Port));
            OpenForTheLoadBalancer(state, taskSide);
            Assert.True(state.LoadBalancerReaches(group, task, Port));
        });
    }

    private static void Fix(AccountState state, Break broken)
    {
        if (broken == Break.SecurityGroup)
        {
            var taskGroup = state.Service().Primary.Network.SecurityGroups.Single();
            state.Ec2.AuthorizeIngressFromGroup(taskGroup, Port, state.SecurityGroupId("kaviar-alb-sg"));
        }
        else
        {
            OpenForTheLoadBalancer(state, state.Ec2.NetworkAclOf(state.ServiceTasks().Single().Attachment.SubnetId).NetworkAclId);
        }
    }

    /// <summary>The rules a subnet's ACL needs for the load balancer's health checks, whichever side of them it is on.</summary>
    private static void OpenForTheLoadBalancer(AccountState state, string networkAclId)
    {
        foreach (var egress in new[] { false, true })
        {
            state.Ec2.CreateNetworkAclEntry(networkAclId, new NetworkAclEntry(100, "6", "allow", egress, VpcCidr, null, PortRange.Single(Port)));
            state.Ec2.CreateNetworkAclEntry(networkAclId, new NetworkAclEntry(110, "6", "allow", egress, VpcCidr, null, PortRange.ElasticEphemeral));
        }
    }

    /// <summary>
    /// An ACL for tasks that call out (through the NAT gateway, so they start) and take nothing in but the answers on
    /// Linux's ephemeral ports: the load balancer's health checks on the container port are dropped.
    /// </summary>
    private static string OutboundOnly(AccountState state)
    {
        var acl = state.Ec2.CreateNetworkAcl(VpcOf(state)).NetworkAclId;
        state.Ec2.CreateNetworkAclEntry(acl, new NetworkAclEntry(200, "-1", "allow", true, "0.0.0.0/0", null));
        state.Ec2.CreateNetworkAclEntry(acl, new NetworkAclEntry(200, "6", "allow", false, "0.0.0.0/0", null, PortRange.LinuxEphemeral));
        return acl;
    }

    private static void PrivateSubnetsOn(AccountState state, string networkAclId)
    {
        foreach (var subnetId in state.Service().Primary.Network.Subnets)
        {
            state.Ec2.AssociateNetworkAcl(subnetId, networkAclId);
        }
    }

    private static string VpcOf(AccountState state) => state.Ec2.Vpcs.Single(v => v.Name == "kaviar-vpc").VpcId;

    private static string? TargetState(AccountState state, Kaviar.Ops.Simulator.Ecs.EcsTask task) =>
        task.Attachment.PrivateIpv4Address is { } address ? state.TargetGroup().FindTarget(address, Port)?.State : null;

    /// <summary>Advances the simulated clock a second at a time until the condition holds; returns that instant.</summary>
    private static DateTime StepUntil(SimulatedAccount account, ManualClock clock, Func<AccountState, bool> condition, TimeSpan limit)
    {
        var start = account.Read(s => s.Now);
        while (!account.Read(condition))
        {
            Assert.True(account.Read(s => s.Now) - start < limit, $"not reached within {limit}");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return account.Read(s => s.Now);
    }
}
