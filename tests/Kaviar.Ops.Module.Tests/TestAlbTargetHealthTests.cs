using System;
using Kaviar.Ops.TestSupport;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>Test-AlbTargetHealth against seed 001, where target health is computed from the security groups.</summary>
public sealed class TestAlbTargetHealthTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;

    private readonly ManualClock clock = new ManualClock();
    private readonly SimulatedAccount account;
    private readonly ModuleSession session;

    public TestAlbTargetHealthTests()
    {
        account = SimulatedAccount.Start(Scenarios.Seed001(), clock);
        session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void Target_timeout_is_explained_with_the_security_group_path_and_the_fix()
    {
        clock.Advance(TimeSpan.FromSeconds(100)); // the newest task runs and fails its first health checks

        var result = session.Invoke("Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1] | Test-AlbTargetHealth", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var group = Assert.Single(result.Output);
        Assert.Equal("kaviar-backend-tg", group.Properties["TargetGroupName"].Value);
        Assert.Equal(Service, group.Properties["ServiceName"].Value);
        Assert.False((bool)group.Properties["Healthy"].Value);
        var target = PSObject.AsPSObject(((IEnumerable<object>)group.Properties["Targets"].Value).Single());
        Assert.Equal("unhealthy", target.Properties["State"].Value);
        Assert.Equal("Target.Timeout", target.Properties["Reason"].Value);
        Assert.Equal(3001, target.Properties["Port"].Value);
        Assert.Contains("security group does not admit the load balancer's on port 3001", (string)target.Properties["Explanation"].Value);
        // The path check names the exact repair (which group, which rule), so it is the next step.
        Assert.Equal($"Test-EcsNetworkPath -Cluster {Cluster} -Service {Service} -Region us-east-2", (string)target.Properties["NextStep"].Value);
        Assert.StartsWith("1 of 1 targets unhealthy (Target.Timeout)", ((IEnumerable<string>)group.Properties["Reasons"].Value).Single());
        // The same verdict as a finding: ELB's reason code, and the fix as a command with its parameters.
        var finding = PSObject.AsPSObject(((IEnumerable<object>)group.Properties["Findings"].Value).Single());
        Assert.Equal("Target.Timeout", finding.Properties["Code"].Value);
        Assert.Equal("Error", finding.Properties["Severity"].Value.ToString());
        var fix = PSObject.AsPSObject(finding.Properties["Fix"].Value);
        Assert.Equal("Test-EcsNetworkPath", fix.Properties["Name"].Value);
    }

    [Fact]
    public void Tasks_in_a_zone_the_load_balancer_lacks_stay_unused_until_the_printed_set_subnets_line_adds_the_zone()
    {
        using var healthy = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), clock);
        session.UseAccount(healthy.Endpoint, healthy.Region);
        string Cli(params string[] args)
        {
            var result = AwsCli.Run(healthy.Endpoint, healthy.Region, args.Append("--output").Append("text").ToArray());
            Assert.True(result.ExitCode == 0, result.Stderr);
            return result.Stdout.Trim();
        }

        // A third private subnet, in us-east-2c where the load balancer has none, routed like the others.
        var current = Cli("ecs", "describe-services", "--cluster", Cluster, "--services", Service, "--query", "services[0].networkConfiguration.awsvpcConfiguration.[subnets[0],securityGroups[0]]").Split('\t');
        var vpc = Cli("ec2", "describe-subnets", "--subnet-ids", current[0], "--query", "Subnets[0].VpcId");
        var zoneC = Cli("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.9.0/24", "--availability-zone", "us-east-2c", "--query", "Subnet.SubnetId");
        var routes = Cli("ec2", "describe-route-tables", "--filters", $"Name=association.subnet-id,Values={current[0]}", "--query", "RouteTables[0].RouteTableId");
        Cli("ec2", "associate-route-table", "--route-table-id", routes, "--subnet-id", zoneC);
        Cli("ecs", "update-service", "--cluster", Cluster, "--service", Service, "--network-configuration",
            $"awsvpcConfiguration={{subnets=[{zoneC}],securityGroups=[{current[1]}],assignPublicIp=DISABLED}}");
        clock.Advance(TimeSpan.FromMinutes(2));

        var targets = session.Invoke("Test-AlbTargetHealth -Cluster $args[0] -ServiceName $args[1] -All", Cluster, Service);
        var path = session.Invoke("Test-EcsNetworkPath -Cluster $args[0] -Service $args[1]", Cluster, Service);

        var unused = targets.Output.SelectMany(g => ((IEnumerable<object>)g.Properties["Targets"].Value).Select(PSObject.AsPSObject))
            .Single(t => (string?)t.Properties["AvailabilityZone"].Value == "us-east-2c");
        Assert.Equal(("unused", "Target.NotInUse"), ((string)unused.Properties["State"].Value, (string)unused.Properties["Reason"].Value));
        Assert.StartsWith("The target is in us-east-2c, where its load balancer has no subnet", (string)unused.Properties["Explanation"].Value);
        var zones = Assert.Single(path.Output, c => (string)c.Properties["Link"].Value == "LoadBalancerZones");
        Assert.False((bool)zones.Properties["Passed"].Value);
        Assert.StartsWith($"{zoneC} (us-east-2c) of the service is in no zone of kaviar-alb (us-east-2a, us-east-2b)", (string)zones.Properties["Detail"].Value);
        Assert.StartsWith("aws elbv2 set-subnets", (string)zones.Properties["Fix"].Value);

        // The printed fix, its placeholders filled: the load balancer's subnets and the service's one in us-east-2c.
        var loadBalancerSubnets = healthy.Read(state => string.Join(" ", state.Elbv2.LoadBalancers.Single().SubnetIds));
        Cli(((string)unused.Properties["NextStep"].Value).Replace("<its current subnets>", loadBalancerSubnets)
            .Replace("<a subnet in us-east-2c>", zoneC).Split(' ').Skip(1).ToArray());
        clock.Advance(TimeSpan.FromMinutes(5));

        var after = session.Invoke("Test-AlbTargetHealth -Cluster $args[0] -ServiceName $args[1] -All", Cluster, Service).Output
            .SelectMany(g => ((IEnumerable<object>)g.Properties["Targets"].Value).Select(PSObject.AsPSObject))
            .Single(t => (string?)t.Properties["AvailabilityZone"].Value == "us-east-2c");
        Assert.Equal("healthy", after.Properties["State"].Value);
    }

    [Fact]
    public void A_wrong_health_check_path_gives_response_code_mismatch_until_the_printed_modify_target_group_line_fixes_it()
    {
        using var healthy = HealthyUntil(group => group.HealthCheckPath = "/healthz", "Target.ResponseCodeMismatch");

        var mismatched = TargetsOf(Health()).First(t => (string?)t.Properties["Reason"].Value == "Target.ResponseCodeMismatch");
        // The line names the path to set as a placeholder: the app's health route.
        RunPrintedLine(healthy, ((string)mismatched.Properties["NextStep"].Value).Split("; change them with ")[1].Replace("<path>", "/api/health"));

        var group = Health();
        Assert.True((bool)group.Properties["Healthy"].Value);
        Assert.DoesNotContain(TargetsOf(group), t => (string?)t.Properties["Reason"].Value == "Target.ResponseCodeMismatch");
    }

    [Fact]
    public void An_https_health_check_to_an_http_app_fails_until_the_printed_line_checks_it_over_http()
    {
        using var healthy = HealthyUntil(group => group.HealthCheckProtocol = "HTTPS", "Target.FailedHealthChecks");

        var failed = TargetsOf(Health()).First(t => (string?)t.Properties["Reason"].Value == "Target.FailedHealthChecks");
        Assert.Contains("speak HTTPS", (string)failed.Properties["Explanation"].Value);
        var fix = (string)failed.Properties["NextStep"].Value;
        Assert.EndsWith("--health-check-protocol HTTP", fix);
        RunPrintedLine(healthy, fix);

        Assert.True((bool)Health().Properties["Healthy"].Value);
    }

    [Fact]
    public void Healthy_targets_give_a_healthy_verdict_by_target_group_name_and_by_load_balancer()
    {
        using var healthy = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock());
        var endpoint = healthy.Endpoint.ToString();

        var byName = session.Invoke("Test-AlbTargetHealth -TargetGroupArn kaviar-backend-tg -All -EndpointUrl $args[0]", endpoint);
        var byLoadBalancer = session.Invoke("Test-AlbTargetHealth -LoadBalancer kaviar-alb -EndpointUrl $args[0]", endpoint);

        foreach (var result in new[] { byName, byLoadBalancer })
        {
            var group = Assert.Single(result.Output);
            Assert.True((bool)group.Properties["Healthy"].Value);
            Assert.Equal(1, group.Properties["HealthyCount"].Value);
        }
    }

    [Fact]
    public void No_registered_target_points_at_the_service()
    {
        lock (account.State.SyncRoot)
        {
            var targetGroup = account.State.Elbv2.TargetGroups.Single();
            foreach (var target in targetGroup.Targets.ToList())
            {
                account.State.Elbv2.DeregisterTarget(targetGroup.TargetGroupArn, target.Id, target.Port);
            }
        }

        var result = session.Invoke("Test-AlbTargetHealth $args[1] -Cluster $args[0]", Cluster, Service);

        var group = Assert.Single(result.Output);
        Assert.Empty((IEnumerable<object>)group.Properties["Targets"].Value);
        Assert.Equal($"No targets are registered in kaviar-backend-tg: the service has no running task. Get-EcsServiceHealth -Cluster {Cluster} -ServiceName {Service} -Region us-east-2 says why.",
            ((IEnumerable<string>)group.Properties["Reasons"].Value).Single());
    }

    [Fact]
    public void Wait_returns_at_the_first_poll_that_sees_a_healthy_target_never_more_than_two_seconds_late()
    {
        // Admit the load balancer on the tasks' group; the session's waits run on the account's clock, each pause
        // moving simulated time, so the wait is exact and takes no real time.
        lock (account.State.SyncRoot)
        {
            var ec2 = account.State.Ec2;
            var taskGroup = ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-default-sg");
            var albGroup = ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-alb-sg");
            ec2.AuthorizeIngressFromGroup(taskGroup.GroupId, 3001, albGroup.GroupId);
        }

        var pauses = new List<TimeSpan>();
        session.UseClock(() => clock.UtcNow, (pause, _) =>
        {
            pauses.Add(pause);
            clock.Advance(pause);
            return Task.CompletedTask;
        });
        account.Calls.Clear();
        try
        {
            var result = session.Invoke("Test-AlbTargetHealth $args[1] -Cluster $args[0] -Wait -Timeout 600", Cluster, Service);

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.True((bool)Assert.Single(result.Output).Properties["Healthy"].Value);
            Assert.NotEmpty(pauses);
            Assert.All(pauses, pause => Assert.True(pause <= TimeSpan.FromSeconds(2), $"paused {pause}"));
            Assert.Equal(pauses.Count + 1, account.Calls.Snapshot().Count(c => c.Action == "DescribeTargetHealth"));
            Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        }
        finally
        {
            session.UseRealTime();
        }
    }

    [Fact]
    public void Wait_times_out_with_a_terminating_error_and_the_last_state()
    {
        clock.Advance(TimeSpan.FromSeconds(100));

        var result = session.Invoke("try { Test-AlbTargetHealth $args[1] -Cluster $args[0] -Wait -Timeout 2 } catch { $_ }", Cluster, Service);

        var error = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Single();
        Assert.Equal("AlbTargetsUnhealthy,Kaviar.Ops.Cmdlets.TestAlbTargetHealthCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("Target.Timeout", error.Exception.Message);
        Assert.Contains(result.Output, o => o.BaseObject.GetType().Name == "TargetGroupHealth");
    }

    [Fact]
    public void Unknown_service_is_an_error_record()
    {
        var result = session.Invoke("Test-AlbTargetHealth ghost -Cluster $args[0]", Cluster);

        var error = Assert.Single(result.Errors);
        Assert.Equal("EcsServiceNotFound,Kaviar.Ops.Cmdlets.TestAlbTargetHealthCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    /// <summary>Seed 001 healthy, its target group changed, until a target reports <paramref name="reason"/> (ECS replaces failing tasks meanwhile).</summary>
    private SimulatedAccount HealthyUntil(Action<Kaviar.Ops.Simulator.Elbv2.TargetGroup> change, string reason)
    {
        var healthy = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), clock);
        session.UseAccount(healthy.Endpoint, healthy.Region);
        healthy.Use(state => change(state.Elbv2.TargetGroups.Single()));
        for (var minute = 0; minute < 10 && !healthy.Read(state => state.Elbv2.TargetGroups.Single().Targets.Any(t => t.Reason == reason)); minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        return healthy;
    }

    /// <summary>A fix line as the module printed it, run with the aws CLI; then ten minutes for the health checks.</summary>
    private void RunPrintedLine(SimulatedAccount account, string line)
    {
        var result = AwsCli.Run(account.Endpoint, account.Region, line.Split(' ').Skip(1).ToArray());
        Assert.True(result.ExitCode == 0, result.Stderr);
        clock.Advance(TimeSpan.FromMinutes(10));
    }

    private PSObject Health() => Assert.Single(session.Invoke("Test-AlbTargetHealth -Cluster $args[0] -ServiceName $args[1] -All", Cluster, Service).Output);

    private static IReadOnlyList<PSObject> TargetsOf(PSObject group) =>
        ((IEnumerable<object>)group.Properties["Targets"].Value).Select(PSObject.AsPSObject).ToList();
}
