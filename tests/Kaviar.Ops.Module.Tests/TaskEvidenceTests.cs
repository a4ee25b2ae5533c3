using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>Issue 11: stopped tasks carry what their logs say, or why they have none.</summary>
public sealed class TaskEvidenceTests
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;

    [Fact]
    public void A_crashed_task_carries_its_last_log_lines_read_with_one_call_per_task()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed001WithCrashingRevision(Seed001Crash.RolledBack), new ManualClock());
        using var session = Session(account);
        account.Calls.Clear();

        var health = Assert.Single(session.Invoke("Get-EcsServiceHealth $args[0] -Cluster $args[1]", Service, Cluster).Output);

        var crashed = StoppedTasks(health).Where(t => (bool)t.Properties["Failed"].Value).ToList();
        Assert.NotEmpty(crashed);
        var log = PSObject.AsPSObject(crashed[0].Properties["Log"].Value);
        Assert.True((bool)log.Properties["StreamFound"].Value);
        Assert.Equal($"ecs/kaviar-backend/{crashed[0].Properties["TaskId"].Value}", log.Properties["LogStream"].Value);
        Assert.Contains("Error: Cannot find module '/app/dist/config/tax.js'", (IEnumerable<string>)log.Properties["Lines"].Value);
        var findings = Findings(health);
        Assert.Contains("Log.ModuleNotFound", findings.Keys);
        Assert.DoesNotContain(findings.Keys, code => code.StartsWith("Log.Postgres", StringComparison.Ordinal));
        Assert.Contains("/app/dist/config/tax.js", findings["Log.ModuleNotFound"]);
        Assert.Contains("cannot load /app/dist/config/tax.js", (string)crashed[0].Properties["Hint"].Value);
        var logCalls = account.Calls.Snapshot().Where(c => c.Service == "logs").ToList();
        Assert.All(logCalls, call => Assert.Equal("GetLogEvents", call.Action));
        Assert.InRange(logCalls.Count, 1, 3);
    }

    [Fact]
    public void A_task_that_never_started_says_why_it_has_no_log_stream()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed001FailingToStart(Seed001StartFailure.ImageNotInRegistry), new ManualClock());
        using var session = Session(account);

        var health = Assert.Single(session.Invoke("Get-EcsServiceHealth $args[0] -Cluster $args[1]", Service, Cluster).Output);

        var neverStarted = StoppedTasks(health).First(t => (string)t.Properties["StopCode"].Value == "TaskFailedToStart");
        var log = PSObject.AsPSObject(neverStarted.Properties["Log"].Value);
        Assert.True((bool)log.Properties["NeverStarted"].Value);
        Assert.False((bool)log.Properties["StreamFound"].Value);
        Assert.Contains("never started", (string)log.Properties["WhyNoLog"].Value);
        Assert.Contains("does not exist in the registry", (string)log.Properties["WhyNoLog"].Value);
        Assert.InRange(account.Calls.Snapshot().Count(c => c.Service == "logs"), 0, 3);
        Assert.Contains("does not exist in the registry", Findings(health)["TasksNeverStarted"]);
    }

    private static ModuleSession Session(SimulatedAccount account)
    {
        var session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
        return session;
    }

    /// <summary>Finding code → message (the first of each code).</summary>
    private static Dictionary<string, string> Findings(PSObject health) =>
        ((IEnumerable<object>)health.Properties["Findings"].Value).Select(PSObject.AsPSObject)
            .GroupBy(f => (string)f.Properties["Code"].Value)
            .ToDictionary(g => g.Key, g => (string)g.First().Properties["Message"].Value);

    private static List<PSObject> StoppedTasks(PSObject health) =>
        ((IEnumerable<object>)health.Properties["StoppedTasks"].Value).Select(PSObject.AsPSObject).ToList();
}
