using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// The README's "Rehearse an account shaped like yours": a user-written scenario file (scenarios/orders-api.json, an
/// API behind an ALB whose task group admits only a bastion) rehearsed as the host runs it, read by the module.
/// </summary>
public sealed class AccountFileRehearsalTests : IDisposable
{
    private readonly ScenarioRehearsal rehearsal;
    private readonly ModuleSession session;

    public AccountFileRehearsalTests()
    {
        rehearsal = ScenarioRehearsal.Start(RepositoryFiles.PathOf("scenarios", "orders-api.json"), speed: 1, TextWriter.Null);
        session = new ModuleSession();
        rehearsal.Prepare(session);
    }

    public void Dispose()
    {
        session.Dispose();
        rehearsal.Dispose();
    }

    [Fact]
    public void Get_EcsServiceHealth_reads_the_files_service_as_failing_its_health_checks()
    {
        var result = session.Invoke("Get-EcsServiceHealth -Cluster orders -ServiceName orders-api");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var health = Assert.Single(result.Output);
        Assert.Equal(("eu-west-1", "ACTIVE", false), ((string)health.Properties["Region"].Value, (string)health.Properties["Status"].Value,
            (bool)health.Properties["Healthy"].Value));
        Assert.Contains((IEnumerable<string>)health.Properties["Reasons"].Value,
            reason => reason.Contains("most often: Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-1:444455556666:targetgroup/orders-api-tg/", StringComparison.Ordinal));
    }

    [Fact]
    public void Test_EcsNetworkPath_finds_that_the_task_group_does_not_admit_the_albs()
    {
        var result = session.Invoke("Test-EcsNetworkPath orders orders-api | Where-Object -Not Passed");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var alb = Assert.Single(result.Output, o => (string)o.Properties["Link"].Value == "LoadBalancerToTask");
        Assert.StartsWith("orders-alb-sg (sg-", (string)alb.Properties["Source"].Value, StringComparison.Ordinal);
        Assert.StartsWith("orders-tasks-sg (sg-", (string)alb.Properties["Destination"].Value, StringComparison.Ordinal);
        Assert.Equal(8080, alb.Properties["Port"].Value);
        Assert.Equal("Repair-EcsSecurityGroup -Cluster orders -Service orders-api -Region eu-west-1", alb.Properties["Fix"].Value);
    }
}
