using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Invoke-EcsMigration against the seed 001 account with a scripted migration command. The account's clock runs
/// 30 times faster than real time, so a task's PROVISIONING → PENDING → RUNNING → STOPPED takes a second or two.
/// </summary>
public sealed class InvokeEcsMigrationTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;
    private const string Migrate = "npm run migrate";

    private readonly SimulatedAccount account;
    private readonly ModuleSession session;
    private readonly SimulatedApp app = SimulatedApp.KaviarBackend();

    public InvokeEcsMigrationTests()
    {
        account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new SystemClock(speed: 30));
        lock (account.State.SyncRoot)
        {
            account.State.Ecs.SetApp(Scenarios.Seed001Family, app);
        }

        session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void Successful_migration_returns_exit_code_zero_with_its_log_and_uses_the_services_network()
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.Exits(0, TimeSpan.FromSeconds(20),
            "Applying 001_base_schema.sql", "Applying 007_add_application_logs.sql", "Migrations complete");
        account.Calls.Clear();

        var result = session.Invoke("Invoke-EcsMigration -Cluster $args[0] -Service $args[1] -Command npm, run, migrate -Verbose", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var run = Assert.Single(result.Output);
        Assert.Equal(0, run.Properties["ExitCode"].Value);
        Assert.Equal("STOPPED", run.Properties["LastStatus"].Value);
        Assert.Equal(new[] { "Applying 001_base_schema.sql", "Applying 007_add_application_logs.sql", "Migrations complete" },
            ((IEnumerable<string>)run.Properties["LogTail"].Value).ToArray());
        var taskId = (string)run.Properties["TaskId"].Value;
        Assert.Contains($"[{taskId}] Applying 007_add_application_logs.sql", result.Verbose);
        Assert.NotEmpty(result.Progress);
        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        Assert.Equal(1, account.Calls.Snapshot().Count(c => c.Action == "RunTask"));

        var (securityGroups, startedBy) = account.Read(state =>
        {
            var task = state.Ecs.Tasks.Single(t => t.Id == taskId);
            return (task.Network.SecurityGroups.ToList(), task.StartedBy);
        });
        var serviceGroups = account.Read(state => state.Ecs.Tasks.First(t => t.Service != null).Network.SecurityGroups.ToList());
        Assert.Equal(serviceGroups, securityGroups);
        Assert.Equal("kaviar-ops/migration", startedBy);
    }

    [Fact]
    public void Non_zero_exit_is_a_terminating_error_that_carries_the_exit_code_and_log()
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.Exits(1, TimeSpan.FromSeconds(5),
            "Applying 002_add_email_threads.sql", "error: relation \"users\" does not exist");

        var error = session.CatchTerminatingError("Invoke-EcsMigration -Cluster $args[0] -Service $args[1] -Command npm, run, migrate", Cluster, Service);

        Assert.NotNull(error);
        Assert.Equal("EcsMigrationFailed,Kaviar.Ops.Cmdlets.InvokeEcsMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        var target = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal(1, target.Properties["ExitCode"].Value);
        Assert.Contains("exited with code 1", error.Exception.Message);
        Assert.Contains("error: relation \"users\" does not exist", error.Exception.Message);
        // The task has stopped: nothing is "still running", and only Ctrl+C says that.
        Assert.DoesNotContain("Stopped waiting", session.HostOutput.ToString());
    }

    [Fact]
    public void A_task_that_never_starts_is_its_own_error()
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.FailsToStart("CannotPullContainerError: pull image manifest has been retried 5 time(s)");

        var error = session.CatchTerminatingError("Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate", Cluster, Service);

        Assert.Equal("EcsMigrationTaskFailedToStart,Kaviar.Ops.Cmdlets.InvokeEcsMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Contains("CannotPullContainerError", error.Exception.Message);
    }

    [Fact]
    public void Timeout_is_a_terminating_error_naming_the_task_that_keeps_running()
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.KeepsRunning("Acquiring migration lock...");

        var error = session.CatchTerminatingError("Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate -Timeout 2", Cluster, Service);

        Assert.Equal("EcsMigrationTimeout,Kaviar.Ops.Cmdlets.InvokeEcsMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        var taskArn = (string)PSObject.AsPSObject(error.TargetObject).Properties["TaskArn"].Value;
        Assert.Contains(taskArn, error.Exception.Message);
        Assert.Contains("aws ecs stop-task", error.Exception.Message);
    }

    [Fact]
    public void Ctrl_C_stops_the_waiting_not_the_task_and_says_which_task_still_runs()
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.KeepsRunning("Acquiring migration lock...");

        session.InvokeAndStop(TimeSpan.FromSeconds(3), "Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate", Cluster, Service);

        var warning = session.HostOutput.ToString()!.Split('\n').Single(l => l.Contains("Stopped waiting."));
        var taskId = account.Read(state => state.Ecs.Tasks.Single(t => t.StartedBy == "kaviar-ops/migration").Id);
        Assert.Contains(taskId, warning);
        Assert.Contains("is still running in cluster kaviar-cluster", warning);
        Assert.NotEqual("STOPPED", account.Read(state => state.Ecs.Tasks.Single(t => t.Id == taskId).LastStatus));
    }

    [Fact]
    public void WhatIf_shows_the_exact_task_and_makes_no_mutating_call()
    {
        account.Calls.Clear();

        var result = session.Invoke("Invoke-EcsMigration $args[0] $args[1] -Command npx, medusa, db:migrate -Environment @{ DATABASE_PASSWORD = 'hunter2-secret' } -WhatIf", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal(0, account.Calls.CountMutating());
        Assert.DoesNotContain(account.Calls.Snapshot(), c => c.Action == "RunTask");
        var rendered = session.HostOutput.ToString()!;
        Assert.Contains("task-definition/kaviar-backend:2", rendered);
        Assert.Contains("container kaviar-backend command [npx medusa db:migrate]", rendered);
        Assert.Contains("environment overrides DATABASE_PASSWORD", rendered);
        Assert.DoesNotContain("hunter2-secret", rendered);
    }

    [Fact]
    public void Refuses_while_another_migration_of_the_family_runs_unless_forced()
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.KeepsRunning("Acquiring migration lock...");
        var first = session.Invoke("Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate -NoWait", Cluster, Service);
        var running = (string)first.Output.Single().Properties["TaskArn"].Value;

        var error = session.CatchTerminatingError("Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate:latest -NoWait", Cluster, Service);
        var forced = session.Invoke("Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate:latest -NoWait -Force", Cluster, Service);

        Assert.Equal("EcsMigrationAlreadyRunning,Kaviar.Ops.Cmdlets.InvokeEcsMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        Assert.Contains(running, error.Exception.Message);
        Assert.NotEqual(running, forced.Output.Single().Properties["TaskArn"].Value);
    }

    [Fact]
    public async Task Concurrent_identical_runs_start_one_task()
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.Exits(0, TimeSpan.FromSeconds(10), "Migrations complete");
        using var other = new ModuleSession();
        other.UseAccount(account.Endpoint, account.Region);
        const string Script = "Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate";

        var runs = new[] { session, other }
            .Select(s => Task.Run(() => s.Invoke(Script, Cluster, Service)))
            .ToArray();
        var results = await Task.WhenAll(runs);

        var taskArns = results.SelectMany(r => r.Output).Select(o => (string)o.Properties["TaskArn"].Value).Distinct().ToList();
        Assert.Single(taskArns);
        Assert.Equal(1, account.Read(state => state.Ecs.Tasks.Count(t => t.StartedBy == "kaviar-ops/migration")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_runs_with_different_commands_start_exactly_one_task_and_refuse_the_other(bool firstListTasksIsLate)
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.KeepsRunning("Acquiring migration lock...");
        app.CommandOutcomes["npm run migrate:latest"] = ContainerStartOutcome.KeepsRunning("Acquiring migration lock...");
        if (firstListTasksIsLate)
        {
            account.Faults.Add(new FaultRule { Service = "ecs", Action = "ListTasks", Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(1.5), Times = 1 });
        }

        using var other = new ModuleSession();
        other.UseAccount(account.Endpoint, account.Region);
        var runs = new[] { (session, "npm, run, migrate"), (other, "npm, run, migrate:latest") }
            .Select(run => Task.Run(() => run.Item1.Invoke($"Invoke-EcsMigration $args[0] $args[1] -Command {run.Item2} -NoWait", Cluster, Service)))
            .ToArray();
        var results = await Task.WhenAll(runs);

        Assert.Equal(1, account.Read(state => state.Ecs.Tasks.Count(t => t.StartedBy == "kaviar-ops/migration")));
        Assert.Single(results.SelectMany(r => r.Output));
        var refused = Assert.Single(results.Select(r => r.Terminating?.ErrorRecord ?? r.Errors.FirstOrDefault()), e => e != null)!;
        Assert.Equal("EcsMigrationAlreadyRunning", refused.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("kaviar-ops/migration", refused.Exception.Message);
    }

    [Fact]
    public void A_run_right_after_a_failed_migration_starts_a_new_task()
    {
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.Exits(1, TimeSpan.FromSeconds(5), "error: relation \"public.users\" does not exist");
        var failed = session.CatchTerminatingError("Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate", Cluster, Service);
        Assert.Equal("EcsMigrationFailed", failed!.FullyQualifiedErrorId.Split(',')[0]);
        var diagnosis = PSObject.AsPSObject(((IEnumerable<object>)PSObject.AsPSObject(failed.TargetObject).Properties["Diagnoses"].Value).First());
        Assert.Equal("PostgresRelationMissing", diagnosis.Properties["SignatureId"].Value);
        Assert.Contains((string)diagnosis.Properties["Cause"].Value, failed.Exception.Message);
        app.CommandOutcomes[Migrate] = ContainerStartOutcome.Exits(0, TimeSpan.FromSeconds(5), "Migrations complete");

        var rerun = session.Invoke("Invoke-EcsMigration $args[0] $args[1] -Command npm, run, migrate", Cluster, Service);

        Assert.Null(rerun.Terminating);
        var result = Assert.Single(rerun.Output);
        Assert.Equal(0, result.Properties["ExitCode"].Value);
        Assert.Equal(2, account.Read(state => state.Ecs.Tasks.Count(t => t.StartedBy == "kaviar-ops/migration")));
    }

    [Theory]
    [InlineData("Invoke-EcsMigration kaviar-cluster ghost-service -Command migrate", "EcsServiceNotFound", ErrorCategory.ObjectNotFound, "aws ecs list-services --cluster kaviar-cluster")]
    [InlineData("Invoke-EcsMigration ghost-cluster kaviar-backend-service -Command migrate", "EcsClusterNotFound", ErrorCategory.ObjectNotFound, "aws ecs list-clusters")]
    [InlineData("Invoke-EcsMigration kaviar-cluster kaviar-backend-service -Container sidecar -Command migrate", "EcsMigrationContainerNotFound", ErrorCategory.ObjectNotFound, "its containers are: kaviar-backend")]
    public void Lookup_failures_have_their_own_error_ids_and_start_nothing(string script, string errorId, ErrorCategory category, string hint)
    {
        account.Calls.Clear();

        var error = session.CatchTerminatingError(script);

        Assert.Equal(errorId + ",Kaviar.Ops.Cmdlets.InvokeEcsMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Contains(hint, error.Exception.Message);
        Assert.Equal(0, account.Calls.CountMutating());
    }

    [Fact]
    public void Several_essential_containers_need_a_Container()
    {
        string subnet;
        lock (account.State.SyncRoot)
        {
            account.State.Ecs.RegisterTaskDefinition("kaviar-sidecars", new[]
            {
                new ContainerDefinition { Name = "app", Image = "app:1" },
                new ContainerDefinition { Name = "proxy", Image = "envoy:1" },
            });
            subnet = account.State.Ecs.Tasks.First(t => t.Service != null).Network.Subnets[0];
        }

        var error = session.CatchTerminatingError(
            "Invoke-EcsMigration -Cluster $args[0] -TaskDefinition kaviar-sidecars -Subnet $args[1] -SecurityGroup sg-1 -Command migrate", Cluster, subnet);

        Assert.Equal("EcsMigrationContainerAmbiguous,Kaviar.Ops.Cmdlets.InvokeEcsMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Contains("app, proxy", error.Exception.Message);
    }
}
