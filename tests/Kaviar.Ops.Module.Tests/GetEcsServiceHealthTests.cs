using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>Get-EcsServiceHealth, imported through the manifest, against the seed 001 account.</summary>
public sealed class GetEcsServiceHealthTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;

    private readonly SimulatedAccount account;
    private readonly ModuleSession session;

    public GetEcsServiceHealthTests()
    {
        account = SimulatedAccount.Start(Scenarios.Seed001(), new ManualClock());
        session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void Broken_seed_001_service_is_not_healthy_and_says_why()
    {
        var result = session.Invoke("Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1]", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var health = Assert.Single(result.Output);
        Assert.Equal("Kaviar.Ops.Health.EcsServiceHealth", health.BaseObject.GetType().FullName);
        Assert.Equal("us-east-2", Property<string>(health, "Region"));
        Assert.Equal(Cluster, Property<string>(health, "Cluster"));
        Assert.Equal(Service, Property<string>(health, "ServiceName"));
        Assert.Equal("ACTIVE", Property<string>(health, "Status"));
        Assert.Equal(1, Property<int>(health, "DesiredCount"));
        Assert.False(Property<bool>(health, "Healthy"));
        Assert.Contains(":targetgroup/kaviar-backend-tg/", Property<string>(health, "TargetGroupArn"));

        var reasons = Property<IEnumerable<string>>(health, "Reasons").ToList();
        Assert.Contains(reasons, r => r.StartsWith("Deployment ecs-svc/", StringComparison.Ordinal) && r.Contains("still rolling out"));
        Assert.Contains(reasons, r => r.Contains("recently stopped task(s) failed; most often: Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-2:"));

        var stopped = ((IEnumerable<object>)health.Properties["StoppedTasks"].Value).Select(PSObject.AsPSObject).ToList();
        Assert.InRange(stopped.Count, 1, 5);
        var newest = stopped[0];
        Assert.Equal("ServiceSchedulerInitiated", Property<string>(newest, "StopCode"));
        Assert.True(Property<bool>(newest, "Failed"));
        Assert.Contains("load balancer", Property<string>(newest, "Hint"));
        var container = PSObject.AsPSObject(((IEnumerable<object>)newest.Properties["Containers"].Value).Single());
        Assert.Equal("kaviar-backend", Property<string>(container, "Name"));
        Assert.Equal(143, Property<int?>(container, "ExitCode"));

        var deployment = PSObject.AsPSObject(((IEnumerable<object>)health.Properties["Deployments"].Value).Single());
        Assert.Equal("PRIMARY", Property<string>(deployment, "Status"));
        Assert.Equal("kaviar-backend:2", Property<string>(deployment, "TaskDefinition"));
        Assert.Equal("IN_PROGRESS", Property<string>(deployment, "RolloutState"));
        Assert.NotEmpty((IEnumerable<object>)health.Properties["Events"].Value);
    }

    [Fact]
    public void Healthy_variant_reports_healthy_with_no_reasons()
    {
        using var healthy = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock());

        var result = session.Invoke(
            "Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1] -EndpointUrl $args[2] -Region us-east-2",
            Cluster, Service, healthy.Endpoint.ToString());

        var health = Assert.Single(result.Output);
        Assert.True(Property<bool>(health, "Healthy"), string.Join("; ", Property<IEnumerable<string>>(health, "Reasons")));
        Assert.Equal(1, Property<int>(health, "RunningCount"));
        Assert.Empty(Property<IEnumerable<string>>(health, "Reasons"));
    }

    [Fact]
    public void Many_services_are_described_ten_a_call_and_missing_ones_are_errors_that_do_not_stop_the_others()
    {
        var missing = Enumerable.Range(1, 11).Select(i => $"ghost-{i}").ToArray();
        account.Calls.Clear();

        var result = session.Invoke(
            "Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1]",
            Cluster, missing.Append(Service).ToArray());

        Assert.Null(result.Terminating);
        Assert.Equal(Service, Property<string>(Assert.Single(result.Output), "ServiceName"));
        Assert.Equal(11, result.Errors.Count);
        Assert.All(result.Errors, error =>
        {
            Assert.Equal("EcsServiceNotFound,Kaviar.Ops.Cmdlets.GetEcsServiceHealthCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        });
        Assert.Equal(missing, result.Errors.Select(e => e.TargetObject));
        Assert.Contains("aws ecs list-services --cluster kaviar-cluster", result.Errors[0].Exception.Message);
        Assert.Equal(2, account.Calls.Snapshot().Count(c => c.Action == "DescribeServices"));
        Assert.Null(session.CatchTerminatingError("Get-EcsServiceHealth -Cluster $args[0] -ServiceName ghost-1", Cluster));
    }

    [Fact]
    public void Missing_cluster_fails_its_services_only()
    {
        var serviceArn = $"arn:aws:ecs:us-east-2:{account.AccountId}:service/{Cluster}/{Service}";

        var result = session.Invoke("Get-EcsServiceHealth -Cluster no-such-cluster -ServiceName api, $args[0]", serviceArn);

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("EcsClusterNotFound,Kaviar.Ops.Cmdlets.GetEcsServiceHealthCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("no-such-cluster", error.TargetObject);
        Assert.Equal(Cluster, Property<string>(Assert.Single(result.Output), "Cluster"));
    }

    [Fact]
    public void Objects_with_ServiceName_and_Cluster_bind_from_the_pipeline()
    {
        var result = session.Invoke(
            "[pscustomobject]@{ ServiceName = $args[1]; Cluster = $args[0] } | Get-EcsServiceHealth | Get-EcsServiceHealth",
            Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Equal(Service, Property<string>(Assert.Single(result.Output), "ServiceName"));
    }

    [Fact]
    public void Throttled_calls_are_retried_by_the_sdk()
    {
        account.Faults.Add(new FaultRule { Service = "ecs", Action = "DescribeServices", Kind = FaultKind.Throttle, Times = 2 });
        account.Calls.Clear();

        var result = session.Invoke("Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1]", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Single(result.Output);
        Assert.Equal(3, account.Calls.Snapshot().Count(c => c.Action == "DescribeServices"));
    }

    [Fact]
    public void Default_view_fits_a_terminal_and_shows_the_verdict()
    {
        var text = session.Render("Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1]", Cluster, Service);

        var lines = text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.Contains(lines, l => l.Contains("Cluster") && l.Contains("Run/Want") && l.Contains("Reason"));
        Assert.Contains(lines, l => l.Contains(Service) && l.Contains("False") && l.Contains("/1"));
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"Line wider than the terminal: {l}"));
    }

    [Fact]
    public void Debug_stream_says_where_credentials_and_region_came_from_without_the_secret()
    {
        var result = session.Invoke("Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1] -Debug", Cluster, Service);

        Assert.Contains(result.Debug, d => d.Contains("AWS credentials: $StoredAWSCredentials; region us-east-2 from $StoredAWSRegion"));
        Assert.DoesNotContain("simulated-secret-key", result.AllText());
    }

    [Fact]
    public void Unknown_profile_is_a_terminating_error_that_says_how_to_fix_it()
    {
        var error = session.CatchTerminatingError(
            "Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1] -ProfileName kaviar-no-such-profile", Cluster, Service);

        Assert.NotNull(error);
        Assert.Equal("AwsProfileNotFound,Kaviar.Ops.Cmdlets.GetEcsServiceHealthCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("aws configure --profile kaviar-no-such-profile", error.Exception.Message);
    }

    private static T Property<T>(PSObject value, string name) => (T)value.Properties[name].Value;
}
