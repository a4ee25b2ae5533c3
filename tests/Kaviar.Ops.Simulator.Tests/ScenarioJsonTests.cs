using System;
using System.Linq;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

public sealed class ScenarioJsonTests
{
    [Fact]
    public void A_json_scenario_picks_a_catalog_scenario_its_history_and_scripted_apps()
    {
        const string json = """
            { "catalog": "seed001", "variant": "Healthy", "historySeconds": 0,
              "apps": { "kaviar-backend": {
                "routes": { "/api/health": { "status": 503, "body": "{\"success\":false}" } },
                "start": { "logLines": ["Booting", "Backend running on port 3001"] } } } }
            """;
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(ScenarioJson.Parse(json), clock);

        clock.Advance(TimeSpan.FromSeconds(90));

        account.Use(s =>
        {
            var task = s.ServiceTasks().Single();
            Assert.Equal(clock.UtcNow - TimeSpan.FromSeconds(90), task.CreatedAt);
            var target = s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001)!;
            Assert.Equal(("unhealthy", "Health checks failed with these codes: [503]"), (target.State, target.Description));
            var stream = s.Logs.FindGroup("/ecs/kaviar-backend")!.FindStream($"ecs/kaviar-backend/{task.Id}")!;
            Assert.Equal(new[] { "Booting", "Backend running on port 3001" }, stream.Events.Select(e => e.Message));
        });
    }

    [Fact]
    public void A_json_scenario_can_script_a_crash_and_a_failed_pull()
    {
        const string json = """
            { "catalog": "seed001", "variant": "Healthy", "historySeconds": 0,
              "apps": {
                "kaviar-backend": { "start": { "exitCode": 1, "exitAfterSeconds": 2, "logLines": ["relation \"public.tax_provider\" does not exist"] } },
                "kaviar-backend:1": { "start": { "failsToStart": "CannotPullContainerError: not found" } } } }
            """;
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(ScenarioJson.Parse(json), clock);

        clock.Advance(TimeSpan.FromSeconds(32));

        account.Use(s =>
        {
            var task = s.ServiceTasks()[0];
            Assert.Equal(("EssentialContainerExited", 1), (task.StopCode, task.Containers.Single().ExitCode));
            Assert.Equal("CannotPullContainerError: not found", s.Ecs.AppFor(s.Ecs.RequireTaskDefinition("kaviar-backend:1")).OnStart(task.Containers[0].Launch).FailureReason);
        });
        Assert.Equal("$.catalog", Assert.Throws<AccountFileException>(() => ScenarioJson.Parse("{\"catalog\":\"seed999\"}")).JsonPath);
    }

    [Fact]
    public void The_catalog_holds_seed_002_and_seed_000_needs_a_connection_string()
    {
        using var account = SimulatedAccount.Start(ScenarioJson.Parse("{ \"catalog\": \"seed002\", \"variant\": \"Fixed\" }"), new ManualClock());

        account.Use(s =>
        {
            Assert.Equal((Scenarios.Seed002Region, Scenarios.Seed002AccountId), (s.Region, s.AccountId));
            Assert.Equal("forward", s.Elbv2.Listeners.Single().DefaultActions.Single().Type);
        });
        Assert.Equal("$.database", Assert.Throws<AccountFileException>(() => ScenarioJson.Parse("{ \"catalog\": \"seed000\" }")).JsonPath);
    }

    [Fact]
    public void The_catalog_holds_seed_004_with_its_stale_instance_variant()
    {
        var stale = ScenarioJson.Parse("{ \"catalog\": \"seed004\", \"variant\": \"StaleInstance\" }").Build(new ManualClock());
        var healthy = ScenarioJson.Parse("{ \"catalog\": \"seed004\" }").Build(new ManualClock());

        Assert.Equal((Scenarios.Seed004Region, Scenarios.Seed004AccountId), (stale.Region, stale.AccountId));
        Assert.Equal(2, stale.ServiceDiscovery.Services.Single().Instances.Count);
        Assert.Single(healthy.ServiceDiscovery.Services.Single().Instances);
    }

    [Fact]
    public void The_catalog_holds_the_failing_seed_001_accounts_and_an_app_can_be_a_catalogue_crash()
    {
        var crashing = ScenarioJson.Parse("{ \"catalog\": \"seed001-crashing\", \"variant\": \"DnsLookupFailed\", \"runtime\": \"Go\" }").Build(new ManualClock());
        var failing = ScenarioJson.Parse("{ \"catalog\": \"seed001-failing-to-start\", \"variant\": \"ImageNotInRegistry\" }").Build(new ManualClock());
        var scripted = ScenarioJson.Parse("""
            { "catalog": "seed001", "variant": "Healthy", "historySeconds": 300,
              "apps": { "kaviar-backend": { "crash": "OutOfMemoryKilled", "runtime": "Java" } } }
            """).Build(new ManualClock());

        Assert.Contains(crashing.Logs.FindGroup(Scenarios.Seed001LogGroup)!.Streams.SelectMany(s => s.Events),
            e => e.Message.EndsWith("hostname resolving error: lookup kaviar-db.internal on 10.0.0.2:53: no such host", StringComparison.Ordinal));
        Assert.StartsWith("CannotPullContainerError:", failing.ServiceTasks()[0].StoppedReason);
        var killed = scripted.ServiceTasks()[0].Containers.Single();
        Assert.Equal((137, "OutOfMemoryError: Container killed due to memory usage"), (killed.ExitCode, killed.Reason));
    }
}
