using System;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Seed 001's "Targets unhealthy with Target.Timeout" done with the module — Test-EcsNetworkPath finds it,
/// Repair-EcsSecurityGroup fixes it — and seed 003's Lambda → Aurora 5432 rule with Repair-DatabaseIngress.
/// </summary>
public sealed class NetworkRepairTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;
    private const string Repair = "Repair-EcsSecurityGroup -Cluster $args[0] -Service $args[1] -SecurityGroup kaviar-ecs-sg";

    private readonly SimulatedAccount account;
    private readonly ModuleSession session;

    public NetworkRepairTests()
    {
        account = SimulatedAccount.Start(Scenarios.Seed001().With(state =>
        {
            var vpc = state.Ec2.Vpcs.Single().VpcId;
            state.Ec2.AddSecurityGroup(vpc, "kaviar-aurora-sg", "Kaviar Aurora");
            state.Ec2.AddSecurityGroup(vpc, "kaviar-lambda-sg", "Kaviar Lambda");
        }), new ManualClock());
        session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void Seed001_path_check_names_the_broken_links_and_the_command_that_fixes_them()
    {
        var result = session.Invoke("Test-EcsNetworkPath -Cluster $args[0] -Service $args[1] | Where-Object -Not Passed", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        Assert.Equal("Kaviar.Ops.Network.NetworkPathCheck", result.Output[0].BaseObject.GetType().FullName);
        Assert.Equal(new[] { "TaskSecurityGroups", "LoadBalancerToTask" }, result.Output.Select(o => (string)o.Properties["Link"].Value).Distinct());
        Assert.All(result.Output, o => Assert.Equal(
            "Repair-EcsSecurityGroup -Cluster kaviar-cluster -Service kaviar-backend-service -Region us-east-2", o.Properties["Fix"].Value));
        var alb = result.Output.Single(o => (string)o.Properties["Link"].Value == "LoadBalancerToTask");
        Assert.Equal($"kaviar-alb-sg ({GroupId("kaviar-alb-sg")})", alb.Properties["Source"].Value);
        Assert.Equal($"kaviar-default-sg ({GroupId("kaviar-default-sg")})", alb.Properties["Destination"].Value);
        Assert.Equal(3001, alb.Properties["Port"].Value);
        Assert.Equal(0, account.Calls.CountMutating());
    }

    [Fact]
    public void Repair_updates_the_service_the_target_turns_healthy_and_a_second_run_changes_nothing()
    {
        account.Calls.Clear();

        var result = session.Invoke(Repair + " -Confirm:$false", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "AuthorizeIngress:AlreadyInPlace", "UpdateServiceNetwork:Applied" }, result.Output.Select(Summary));
        Assert.Equal("Kaviar.Ops.Network.SecurityGroupRepairStep", result.Output[0].BaseObject.GetType().FullName);
        Assert.Equal(new[] { false, true }, result.Output.Select(o => (bool)o.Properties["Changed"].Value));
        Assert.Equal(new[] { "UpdateService" }, account.Calls.Snapshot().Where(c => c.IsMutating).Select(c => c.Action));
        Assert.Equal(new[] { GroupId("kaviar-default-sg"), GroupId("kaviar-ecs-sg") }, ((System.Collections.Generic.IEnumerable<string>)Unwrap(result.Output[1].Properties["SecurityGroups"].Value)).ToArray());

        ((ManualClock)account.Clock).Advance(TimeSpan.FromMinutes(5));
        var target = account.Read(state => state.Elbv2.TargetGroups.Single().Targets.Select(t => t.State).ToList());
        Assert.Contains("healthy", target);
        // The rollout completes with the new task running. (Healthy itself stays false while the old deployment's
        // last failed task, stopped after the new deployment began, is among the recently stopped tasks.)
        var health = session.Invoke("Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1]", Cluster, Service).Output.Single();
        Assert.Equal(1, health.Properties["RunningCount"].Value);
        var deployment = PSObject.AsPSObject(Assert.Single((System.Collections.IEnumerable)Unwrap(health.Properties["Deployments"].Value)));
        Assert.Equal("COMPLETED", deployment.Properties["RolloutState"].Value);
        Assert.DoesNotContain((System.Collections.Generic.IEnumerable<string>)Unwrap(health.Properties["Reasons"].Value), r => r.Contains("still rolling out"));
        var path = session.Invoke("Test-EcsNetworkPath $args[0] $args[1] -SecurityGroup kaviar-ecs-sg | Where-Object { -not $_.Passed }", Cluster, Service);
        Assert.Empty(path.Errors);
        Assert.Empty(path.Output);

        account.Calls.Clear();
        var again = session.Invoke(Repair + " -Confirm:$false", Cluster, Service);

        Assert.Empty(again.Errors);
        Assert.Equal(new[] { "AuthorizeIngress:AlreadyInPlace", "UpdateServiceNetwork:AlreadyInPlace" }, again.Output.Select(Summary));
        Assert.All(again.Output, o => Assert.False((bool)o.Properties["Changed"].Value));
        Assert.Equal(0, account.Calls.CountMutating());
    }

    [Fact]
    public void Seed001_procedure_ends_with_the_module_deploy_and_wait()
    {
        var clock = (ManualClock)account.Clock;
        session.UseClock(() => clock.UtcNow, (pause, _) =>
        {
            clock.Advance(pause);
            return System.Threading.Tasks.Task.CompletedTask;
        });
        try
        {
            // The repair puts kaviar-ecs-sg on the service (a deployment); the wait follows that deployment to COMPLETED.
            Assert.Empty(session.Invoke(Repair + " -Confirm:$false", Cluster, Service).Errors);
            var repaired = session.Invoke("Wait-EcsDeployment $args[0] $args[1] -Timeout 900", Cluster, Service);
            Assert.Empty(repaired.Errors);
            Assert.Equal("COMPLETED", Assert.Single(repaired.Output).Properties["RolloutState"].Value);

            // The runbook's "force a new deployment", with the module instead of aws ecs update-service.
            var redeployed = session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Wait -Timeout 900 -Force", Cluster, Service);
            Assert.Empty(redeployed.Errors);
            Assert.Equal("COMPLETED", redeployed.Output.Last().Properties["RolloutState"].Value);
        }
        finally
        {
            session.UseRealTime();
        }
    }

    [Fact]
    public void A_redeploy_that_nobody_can_confirm_fails_and_says_how_instead_of_ending_with_nothing_done()
    {
        account.Calls.Clear();

        // The recording host cannot answer a prompt, as a scheduled runbook's cannot.
        var error = session.CatchTerminatingError(Repair, Cluster, Service);

        Assert.NotNull(error);
        Assert.Equal("ConfirmationRequired,Kaviar.Ops.Cmdlets.RepairEcsSecurityGroupCommand", error!.FullyQualifiedErrorId);
        Assert.Contains("-Confirm:$false", error.Exception.Message);
        Assert.DoesNotContain(account.Calls.Snapshot(), c => c.Action == "UpdateService");

        var forced = session.Invoke(Repair + " -Force", Cluster, Service);

        Assert.Empty(forced.Errors);
        Assert.Contains("UpdateServiceNetwork:Applied", forced.Output.Select(Summary));
    }

    [Fact]
    public void WhatIf_shows_the_warnings_of_a_named_group_open_to_the_internet_and_used_by_another_interface()
    {
        string eni;
        lock (account.State.SyncRoot)
        {
            var ec2 = account.State.Ec2;
            var ecs = ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-ecs-sg").GroupId;
            ec2.AuthorizeIngressFromCidr(ecs, 22, "::/0", "SSH from anywhere");
            eni = ec2.CreateNetworkInterface(ec2.Subnets.Single(n => n.Name == "kaviar-private-1").SubnetId, new[] { ecs }, "kaviar-bastion", assignPublicIp: false)
                .NetworkInterfaceId;
        }

        account.Calls.Clear();

        var result = session.Invoke(Repair + " -WhatIf", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(0, account.Calls.CountMutating());
        Assert.Equal(new[] { "AuthorizeIngress:AlreadyInPlace", "UpdateServiceNetwork:Planned" }, result.Output.Select(Summary));
        var ecsGroup = $"kaviar-ecs-sg ({GroupId("kaviar-ecs-sg")})";
        Assert.Equal(new[]
        {
            $"{ecsGroup} admits inbound TCP 22 from ::/0: the service's tasks accept that traffic from anywhere once they carry it.",
            $"{ecsGroup} is already used by 1 other network interface(s) ({eni} \"kaviar-bastion\"); the service's tasks will share its rules with them, " +
            "and a rule added to it for one applies to all.",
        }, result.Warnings);
    }

    [Fact]
    public void WhatIf_prints_each_step_and_makes_no_mutating_call()
    {
        account.Calls.Clear();

        var result = session.Invoke("Repair-EcsSecurityGroup $args[0] $args[1] -WhatIf; Repair-EcsSecurityGroup $args[0] $args[1] kaviar-ecs-sg -WhatIf", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(0, account.Calls.CountMutating());
        Assert.NotEmpty(account.Calls.Snapshot());
        Assert.Equal(new[] { "AuthorizeIngress:Planned", "AuthorizeIngress:AlreadyInPlace", "UpdateServiceNetwork:Planned" }, result.Output.Select(Summary));
        var rendered = session.HostOutput.ToString()!;
        Assert.Contains(
            $"What if: Performing the operation \"Authorize security group ingress\" on target \"kaviar-default-sg ({GroupId("kaviar-default-sg")}): " +
            $"allow TCP 3001 from kaviar-alb-sg ({GroupId("kaviar-alb-sg")}) (us-east-2)\".", rendered);
        Assert.Contains(
            "What if: Performing the operation \"Update ECS service network configuration (new deployment)\" on target \"service kaviar-cluster/kaviar-backend-service: " +
            $"securityGroups [{GroupId("kaviar-default-sg")}] -> [{GroupId("kaviar-default-sg")}, {GroupId("kaviar-ecs-sg")}]", rendered);
        Assert.Equal(2, rendered.Split("What if:").Length - 1);
    }

    [Fact]
    public void Database_ingress_from_the_lambda_group_is_added_once()
    {
        var first = session.Invoke("Repair-DatabaseIngress -SourceSecurityGroup kaviar-lambda-sg -DatabaseSecurityGroup kaviar-aurora-sg -Confirm:$false");
        account.Calls.Clear();
        var second = session.Invoke("Repair-DatabaseIngress kaviar-lambda-sg kaviar-aurora-sg -Port 5432 -Confirm:$false");

        Assert.Empty(first.Errors);
        var applied = Assert.Single(first.Output);
        Assert.Equal("AuthorizeIngress:Applied", Summary(applied));
        Assert.Equal(GroupId("kaviar-aurora-sg"), applied.Properties["GroupId"].Value);
        Assert.Equal(GroupId("kaviar-lambda-sg"), applied.Properties["SourceGroupId"].Value);
        Assert.Equal(5432, applied.Properties["Port"].Value);
        Assert.Equal("AuthorizeIngress:AlreadyInPlace", Summary(Assert.Single(second.Output)));
        Assert.Equal(0, account.Calls.CountMutating());
        var rules = account.Read(state => state.Ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-aurora-sg").IngressRules
            .Select(r => $"{r.IpProtocol}/{r.FromPort}-{r.ToPort} from {r.ReferencedGroupId ?? r.CidrIpv4}").ToList());
        Assert.Equal(new[] { $"tcp/5432-5432 from {GroupId("kaviar-lambda-sg")}" }, rules);
    }

    [Theory]
    [InlineData("Repair-DatabaseIngress -SourceSecurityGroup 0.0.0.0/0 -DatabaseSecurityGroup kaviar-aurora-sg -Confirm:$false", "RepairDatabaseIngressCommand")]
    [InlineData("Repair-DatabaseIngress -SourceSecurityGroup kaviar-lambda-sg, ::/0 -DatabaseSecurityGroup kaviar-aurora-sg -Confirm:$false", "RepairDatabaseIngressCommand")]
    [InlineData("Repair-EcsSecurityGroup kaviar-cluster kaviar-backend-service -SecurityGroup 0.0.0.0/0 -Confirm:$false", "RepairEcsSecurityGroupCommand")]
    public void Opening_to_the_world_is_refused_with_no_call_made(string script, string command)
    {
        account.Calls.Clear();

        var error = session.CatchTerminatingError(script);

        Assert.NotNull(error);
        Assert.Equal($"OpenIngressRefused,Kaviar.Ops.Cmdlets.{command}", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("never adds 0.0.0.0/0 or ::/0 rules", error.Exception.Message);
        Assert.Empty(account.Calls.Snapshot());
    }

    [Fact]
    public void Unknown_service_and_unknown_group_are_per_item_errors_with_their_own_ids()
    {
        var service = session.Invoke("Repair-EcsSecurityGroup $args[0] no-such-service -Confirm:$false", Cluster);
        var group = session.Invoke(Repair.Replace("kaviar-ecs-sg", "kaviar-missing-sg") + " -Confirm:$false", Cluster, Service);
        var database = session.Invoke("Repair-DatabaseIngress kaviar-lambda-sg kaviar-missing-sg -Confirm:$false");
        var path = session.Invoke("Test-EcsNetworkPath $args[0] no-such-service", Cluster);

        var serviceError = Assert.Single(service.Errors);
        Assert.Equal("EcsServiceNotFound,Kaviar.Ops.Cmdlets.RepairEcsSecurityGroupCommand", serviceError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, serviceError.CategoryInfo.Category);
        Assert.Equal("no-such-service", serviceError.TargetObject);
        var groupError = Assert.Single(group.Errors);
        Assert.Equal("SecurityGroupNotFound,Kaviar.Ops.Cmdlets.RepairEcsSecurityGroupCommand", groupError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, groupError.CategoryInfo.Category);
        Assert.Equal("kaviar-missing-sg", groupError.TargetObject);
        Assert.Equal("SecurityGroupNotFound,Kaviar.Ops.Cmdlets.RepairDatabaseIngressCommand", Assert.Single(database.Errors).FullyQualifiedErrorId);
        Assert.Equal("EcsServiceNotFound,Kaviar.Ops.Cmdlets.TestEcsNetworkPathCommand", Assert.Single(path.Errors).FullyQualifiedErrorId);
        Assert.Empty(service.Output);
        Assert.Equal(0, account.Calls.CountMutating());
    }

    [Fact]
    public void Services_bind_from_the_pipeline_by_property_name()
    {
        var result = session.Invoke(
            "Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1] | Repair-EcsSecurityGroup -SecurityGroup kaviar-ecs-sg -WhatIf", Cluster, Service);

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "AuthorizeIngress:AlreadyInPlace", "UpdateServiceNetwork:Planned" }, result.Output.Select(Summary));
        Assert.Equal(0, account.Calls.CountMutating());
    }

    [Fact]
    public void Checks_and_steps_render_as_tables_with_the_fix_and_the_status()
    {
        var checks = session.Render("Test-EcsNetworkPath $args[0] $args[1]", Cluster, Service);
        var steps = session.Render("Repair-EcsSecurityGroup $args[0] $args[1] kaviar-ecs-sg -WhatIf", Cluster, Service);

        Assert.Matches(@"Link\s+Passed\s+Source\s+Destination\s+Port\s+Fix", checks);
        Assert.Matches(@"LoadBalancerToTask\s+False\s+kaviar-alb-sg", checks);
        Assert.Contains("Repair-EcsSecurityGroup", checks);
        Assert.Matches(@"SubnetEgress\s+True\s+subnet-", checks);
        Assert.Matches(@"Action\s+Status\s+Group\s+From\s+Port\s+Detail", steps);
        Assert.Matches(@"AuthorizeIngress\s+AlreadyInPlace\s+kaviar-ecs-sg\s+kaviar-alb-sg\s+3001", steps);
        Assert.Matches(@"UpdateServiceNetwork\s+Planned\s+kaviar-ecs-sg", steps);
    }

    private static string Summary(PSObject step) => $"{step.Properties["Action"].Value}:{step.Properties["Status"].Value}";

    private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private string GroupId(string name) => account.Read(state => state.Ec2.SecurityGroups.Single(g => g.GroupName == name).GroupId);
}
