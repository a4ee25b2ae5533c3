using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Stops the simulated account words as ECS does, from rules it already models, read by Get-EcsServiceHealth: a
/// service whose essential container's command finishes (exit 0), and a secret's JSON key that is not in its value.
/// </summary>
public sealed class ServiceStopReasonTests : IClassFixture<ModuleSessionFixture>
{
    private readonly ModuleSession session;

    public ServiceStopReasonTests(ModuleSessionFixture fixture) => session = fixture.Session;

    [Fact]
    public void An_essential_container_whose_command_finishes_is_a_failure_ECS_repeats()
    {
        var migrationAsTheServicesCommand = new SimulatedApp
        {
            Start = ContainerStartOutcome.Exits(0, TimeSpan.FromSeconds(20), "> kaviar-backend@1.0.0 migrate", "Applied 3 migrations", "Database is up to date"),
        };
        var scenario = Scenarios.Seed001(Seed001Variant.Healthy).With(state => state.Ecs.SetApp(Scenarios.Seed001Family, migrationAsTheServicesCommand));
        using var account = SimulatedAccount.Start(scenario, new ManualClock());
        session.UseAccount(account.Endpoint, account.Region);

        var health = Health();

        Assert.False((bool)health.Properties["Healthy"].Value);
        Assert.Contains("TasksStoppingWithFailures", Codes(health));
        var exited = StoppedTasks(health).First(t => (string)t.Properties["StopCode"].Value == "EssentialContainerExited");
        Assert.True((bool)exited.Properties["Failed"].Value);
        Assert.Contains("exited with code 0: its main process ended", (string)exited.Properties["Hint"].Value);
    }

    [Fact]
    public void A_secret_json_key_missing_from_the_secret_is_named_as_the_reason_tasks_never_start()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed001FailingToStart(Seed001StartFailure.SecretJsonKeyMissing), new ManualClock());
        session.UseAccount(account.Endpoint, account.Region);

        var health = Health();

        Assert.False((bool)health.Properties["Healthy"].Value);
        var findings = ((IEnumerable<object>)health.Properties["Findings"].Value).Select(PSObject.AsPSObject).ToList();
        var neverStarted = findings.First(f => (string)f.Properties["Code"].Value == "TasksNeverStarted");
        Assert.Contains("has no such JSON key", (string)neverStarted.Properties["Message"].Value);
    }

    private PSObject Health()
    {
        var result = session.Invoke("Get-EcsServiceHealth $args[0] -Cluster $args[1]", Scenarios.Seed001Service, Scenarios.Seed001Cluster);
        Assert.Null(result.Terminating);
        return Assert.Single(result.Output);
    }

    private static List<string> Codes(PSObject health) =>
        ((IEnumerable<object>)health.Properties["Findings"].Value).Select(PSObject.AsPSObject).Select(f => (string)f.Properties["Code"].Value).ToList();

    private static List<PSObject> StoppedTasks(PSObject health) =>
        ((IEnumerable<object>)health.Properties["StoppedTasks"].Value).Select(PSObject.AsPSObject).ToList();
}
