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
/// Issue 11's acceptance: for each family of crash, seed 001's service crashing with the lines a real app writes
/// (the network ones decided by the account), Get-EcsServiceHealth names the cause and the fix from the tasks' logs.
/// </summary>
public sealed class ServiceCrashEvidenceTests : IClassFixture<ModuleSessionFixture>
{
    private readonly ModuleSession session;

    public ServiceCrashEvidenceTests(ModuleSessionFixture fixture) => session = fixture.Session;

    [Theory]
    [InlineData(AppCrashKind.DatabaseTlsUntrusted, AppRuntime.Node, "Log.PostgresTlsUntrusted", "Test-PostgresConnection")]
    [InlineData(AppCrashKind.DatabaseTlsUntrusted, AppRuntime.Go, "Log.PostgresTlsUntrusted", "Test-PostgresConnection")]
    [InlineData(AppCrashKind.DatabaseTlsRequired, AppRuntime.Node, "Log.PostgresTlsRequired", "TLS")]
    [InlineData(AppCrashKind.MissingRelation, AppRuntime.Node, "Log.PostgresRelationMissing", "migrat")]
    [InlineData(AppCrashKind.MissingRelation, AppRuntime.Python, "Log.PostgresRelationMissing", "migrat")]
    [InlineData(AppCrashKind.MissingColumn, AppRuntime.Java, "Log.PostgresColumnMissing", "migrat")]
    [InlineData(AppCrashKind.DatabaseConnectionTimedOut, AppRuntime.Node, "Log.PostgresConnectionTimeout", "Test-EcsNetworkPath")]
    [InlineData(AppCrashKind.DatabaseConnectionTimedOut, AppRuntime.Go, "Log.PostgresConnectionTimeout", "Test-EcsNetworkPath")]
    [InlineData(AppCrashKind.PasswordAuthenticationFailed, AppRuntime.DotNet, "Log.PostgresAuthenticationFailed", "secret")]
    [InlineData(AppCrashKind.DatabaseDoesNotExist, AppRuntime.Node, "Log.PostgresDatabaseMissing", "database")]
    [InlineData(AppCrashKind.DnsLookupFailed, AppRuntime.Node, "Log.DnsLookupFailed", "kaviar-db.internal")]
    [InlineData(AppCrashKind.MissingModule, AppRuntime.Node, "Log.ModuleNotFound", "")]
    [InlineData(AppCrashKind.ExecFormatError, AppRuntime.Go, "Log.ExecFormatError", "platform")]
    [InlineData(AppCrashKind.HeapOutOfMemory, AppRuntime.Node, "Log.OutOfMemory", "")]
    [InlineData(AppCrashKind.OutOfMemoryKilled, AppRuntime.Java, "Log.OomKilled", "memory")]
    [InlineData(AppCrashKind.PortInUse, AppRuntime.Node, "Log.PortInUse", "")]
    [InlineData(AppCrashKind.PermissionDenied, AppRuntime.Node, "Log.PrivilegedPortDenied", "")]
    [InlineData(AppCrashKind.MissingEnvironmentVariable, AppRuntime.Node, "Log.MissingEnvironmentVariable", "DATABASE_URL")]
    public void Health_names_the_cause_and_the_fix_from_the_crashed_tasks_logs(AppCrashKind kind, AppRuntime runtime, string code, string inFix)
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed001Crashing(kind, runtime), new ManualClock());
        session.UseAccount(account.Endpoint, account.Region);

        var result = session.Invoke("Get-EcsServiceHealth $args[0] -Cluster $args[1]", Scenarios.Seed001Service, Scenarios.Seed001Cluster);

        Assert.Null(result.Terminating);
        var health = Assert.Single(result.Output);
        Assert.False((bool)health.Properties["Healthy"].Value);
        var findings = ((IEnumerable<object>)health.Properties["Findings"].Value).Select(PSObject.AsPSObject).ToList();
        var codes = findings.Select(f => (string)f.Properties["Code"].Value).ToList();
        Assert.True(codes.Contains(code), $"{code} not in {string.Join(", ", codes)}");
        var finding = findings.First(f => (string)f.Properties["Code"].Value == code);
        var fix = (string?)finding.Properties["FixLine"].Value;
        Assert.False(string.IsNullOrEmpty(fix), $"{code} has no fix");
        Assert.Contains(inFix, fix + " " + finding.Properties["Message"].Value, StringComparison.OrdinalIgnoreCase);
        // A crash of one family is not also reported as another's database problem.
        Assert.DoesNotContain(codes, other => other.StartsWith("Log.", StringComparison.Ordinal) && other != code && other.StartsWith("Log.Postgres", StringComparison.Ordinal)
            && !code.StartsWith("Log.Postgres", StringComparison.Ordinal));
    }

    [Fact]
    public void A_backend_logging_through_firelens_to_cloudwatch_shows_its_crash_cause_and_its_lines()
    {
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed001Crashing(AppCrashKind.MissingRelation, AppRuntime.Node, Seed001Logging.FireLensToCloudWatch), clock);
        session.UseAccount(account.Endpoint, account.Region);

        var result = session.Invoke("Get-EcsServiceHealth $args[0] -Cluster $args[1]", Scenarios.Seed001Service, Scenarios.Seed001Cluster);

        Assert.Null(result.Terminating);
        var health = Assert.Single(result.Output);
        var findings = ((IEnumerable<object>)health.Properties["Findings"].Value).Select(PSObject.AsPSObject).ToList();
        var codes = findings.Select(f => (string)f.Properties["Code"].Value).ToList();
        Assert.True(codes.Contains("Log.PostgresRelationMissing"), $"Log.PostgresRelationMissing not in {string.Join(", ", codes)}");
        var stopped = ((IEnumerable<object>)health.Properties["StoppedTasks"].Value).Select(PSObject.AsPSObject).ToList();
        var read = stopped.First(t => t.Properties["Log"].Value != null);
        var log = PSObject.AsPSObject(read.Properties["Log"].Value);
        var taskId = (string)read.Properties["TaskId"].Value;
        Assert.Equal(("awsfirelens", Scenarios.Seed001LogGroup, true), ((string)log.Properties["LogDriver"].Value, (string)log.Properties["LogGroup"].Value, (bool)log.Properties["StreamFound"].Value));
        Assert.StartsWith($"app-{Scenarios.Seed001Container}-firelens-", (string)log.Properties["LogStream"].Value);

        // The log window is the account's time.
        session.UseClock(clock, _ => { });
        SessionResult lines;
        try
        {
            lines = session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Container $args[2] -Since 15m", Scenarios.Seed001Cluster, Scenarios.Seed001Service, Scenarios.Seed001Container);
        }
        finally
        {
            session.UseRealTime();
        }

        Assert.Empty(lines.Errors);
        Assert.Empty(lines.Warnings);
        var first = lines.Output.First(l => (string)l.Properties["TaskId"].Value == taskId);
        Assert.Equal($"app-{Scenarios.Seed001Container}-firelens-{taskId}", (string)first.Properties["LogStream"].Value);
        // Fluent Bit sends each record as JSON, the line in "log".
        var crash = lines.Output.Select(l => (string)l.Properties["Message"].Value).First(m => m.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains("\"log\":", crash);
        Assert.Contains($"\"ecs_cluster\":\"{Scenarios.Seed001Cluster}\"", crash);
    }

    // Stops the simulated account words as ECS does from rules it already models: a service whose essential container's
    // command finishes (exit 0), and a secret's JSON key that is not in its value.
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
