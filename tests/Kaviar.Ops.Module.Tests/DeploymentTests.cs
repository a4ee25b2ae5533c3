using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Start-EcsDeployment and Wait-EcsDeployment on seed 001: the deploy step (and -WhatIf, which changes nothing), the
/// wait that follows the deployment's own record on simulated time, and the failures a runbook must not step over.
/// </summary>
public sealed class DeploymentTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;

    private readonly ManualClock clock = new ManualClock();
    private readonly List<TimeSpan> pauses = new List<TimeSpan>();
    private readonly SimulatedAccount account;
    private readonly ModuleSession session;

    public DeploymentTests() : this(Scenarios.Seed001(Seed001Variant.Healthy))
    {
    }

    private DeploymentTests(AccountScenario scenario)
    {
        account = SimulatedAccount.Start(scenario, clock);
        session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
        session.UseClock(() => clock.UtcNow, (pause, _) =>
        {
            pauses.Add(pause);
            clock.Advance(pause);
            return Task.CompletedTask;
        });
    }

    public void Dispose()
    {
        session.UseRealTime();
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void A_service_CodeDeploy_deploys_is_refused_before_any_change_naming_the_CodeDeploy_commands()
    {
        var network = AwsCli.Run(account.Endpoint, account.Region, "ecs", "describe-services", "--cluster", Cluster, "--services", Service,
            "--query", "services[0].networkConfiguration", "--output", "json").Stdout;
        var created = AwsCli.Run(account.Endpoint, account.Region, "ecs", "create-service", "--cluster", Cluster, "--service-name", "kaviar-blue-green",
            "--task-definition", "kaviar-backend:2", "--launch-type", "FARGATE", "--network-configuration", network.Trim(), "--deployment-controller", "type=CODE_DEPLOY");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var before = account.Calls.CountMutating();

        foreach (var command in new[]
                 {
                     "Start-EcsDeployment $args[0] kaviar-blue-green -ForceNewDeployment -Confirm:$false",
                     "Undo-EcsDeployment $args[0] kaviar-blue-green -Confirm:$false",
                     "Wait-EcsDeployment $args[0] kaviar-blue-green -Timeout 30",
                     "Get-EcsDeploymentHistory $args[0] kaviar-blue-green",
                 })
        {
            var result = session.Invoke(command, Cluster);

            var error = result.Terminating?.ErrorRecord ?? Assert.Single(result.Errors);
            Assert.StartsWith("EcsDeploymentControllerNotEcs,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains("is deployed by AWS CodeDeploy (deploymentController CODE_DEPLOY)", error.Exception.Message);
            Assert.Contains("aws deploy create-deployment --application-name <application>", error.ErrorDetails.RecommendedAction);
        }

        Assert.Equal(before, account.Calls.CountMutating());
    }

    [Fact]
    public void A_forced_deployment_is_followed_until_ECS_marks_it_completed()
    {
        account.Calls.Clear();

        var result = session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Wait -Timeout 900 -Confirm:$false", Cluster, Service);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        var step = result.Output[0];
        Assert.Equal("Applied", step.Properties["Status"].Value);
        Assert.Equal("kaviar-backend:2", step.Properties["TaskDefinition"].Value);
        var deploymentId = (string)step.Properties["DeploymentId"].Value;
        Assert.StartsWith("ecs-svc/", deploymentId);
        var done = result.Output[1];
        Assert.Equal(("COMPLETED", deploymentId, 1, 1), ((string)done.Properties["RolloutState"].Value, (string)done.Properties["DeploymentId"].Value,
            (int)done.Properties["RunningCount"].Value, (int)done.Properties["DesiredCount"].Value));
        Assert.Equal(1, account.Calls.CountMutating());
        Assert.All(pauses, pause => Assert.True(pause <= TimeSpan.FromSeconds(2), $"paused {pause}"));
        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        // Returned within one poll of ECS completing the deployment on simulated time.
        var completedAt = account.Read(state => state.Ecs.FindService(state.Ecs.RequireCluster(Cluster), Service)!.Primary.UpdatedAt);
        Assert.True(clock.UtcNow - completedAt <= TimeSpan.FromSeconds(2), $"returned {clock.UtcNow - completedAt} after completion");
    }

    [Fact]
    public void A_wait_until_paused_returns_the_hook_and_a_wait_until_completion_follows_once_it_is_continued()
    {
        var hooks = AwsCli.Run(account.Endpoint, account.Region, "ecs", "update-service", "--cluster", Cluster, "--service", Service, "--deployment-configuration",
            "{\"lifecycleHooks\":[{\"targetType\":\"PAUSE\",\"lifecycleStages\":[\"POST_SCALE_UP\"],\"timeoutConfiguration\":{\"timeoutInMinutes\":60,\"action\":\"ROLLBACK\"}}]}");
        Assert.Equal(0, hooks.ExitCode);

        var paused = session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Confirm:$false | Wait-EcsDeployment -UntilPaused -Timeout 600",
            Cluster, Service);

        Assert.Null(paused.Terminating);
        var result = Assert.Single(paused.Output);
        Assert.Equal(("IN_PROGRESS", "POST_SCALE_UP"), ((string)result.Properties["RolloutState"].Value, (string)result.Properties["LifecycleStage"].Value));
        var hookId = (string)result.Properties["PausedHookId"].Value;
        var deploymentArn = (string)result.Properties["ServiceDeploymentArn"].Value;
        Assert.StartsWith("ecs-pause-", hookId);
        Assert.Contains($"--hook-id {hookId} --action CONTINUE", (string)result.Properties["Detail"].Value);
        Assert.All(pauses, pause => Assert.True(pause <= TimeSpan.FromSeconds(2), $"paused {pause}"));

        Assert.Equal(0, AwsCli.Run(account.Endpoint, account.Region, "ecs", "continue-service-deployment", "--service-deployment-arn", deploymentArn,
            "--hook-id", hookId, "--action", "CONTINUE").ExitCode);
        var done = session.Invoke("Wait-EcsDeployment $args[0] $args[1] -DeploymentId $args[2] -Timeout 600", Cluster, Service, result.Properties["DeploymentId"].Value);

        Assert.Null(done.Terminating);
        Assert.Equal("COMPLETED", Assert.Single(done.Output).Properties["RolloutState"].Value);
    }

    [Fact]
    public void A_wait_until_a_stage_returns_once_the_deployment_reaches_it()
    {
        var result = session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Confirm:$false | Wait-EcsDeployment -UntilStage CLEAN_UP -Timeout 600",
            Cluster, Service);

        Assert.Null(result.Terminating);
        var reached = Assert.Single(result.Output);
        // The old task takes a while to stop once the new one is healthy: the rolling update is cleaning up, not done.
        Assert.Equal(("IN_PROGRESS", "CLEAN_UP"), ((string)reached.Properties["RolloutState"].Value, (string)reached.Properties["LifecycleStage"].Value));
    }

    [Fact]
    public void A_dedicated_migrations_task_definition_is_shown_under_WhatIf_registered_once_and_runs_the_migration()
    {
        const string New = "New-EcsMigrationTaskDefinition $args[0] $args[1] -Command npm, run, migrate";
        account.Calls.Clear();

        var planned = Assert.Single(session.Invoke(New + " -WhatIf", Cluster, Service).Output);
        Assert.Equal(0, account.Calls.CountMutating());
        Assert.Equal(("Planned", "kaviar-backend-migrations"), ((string)planned.Properties["Status"].Value, (string)planned.Properties["Family"].Value));
        var json = System.Text.Json.JsonDocument.Parse((string)planned.Properties["Registration"].Value).RootElement;
        var container = json.GetProperty("containerDefinitions").EnumerateArray().Single();
        Assert.Equal(new[] { "npm", "run", "migrate" }, container.GetProperty("command").EnumerateArray().Select(w => w.GetString()));
        Assert.False(container.TryGetProperty("portMappings", out _));
        Assert.Equal("awslogs", container.GetProperty("logConfiguration").GetProperty("logDriver").GetString());

        var registered = Assert.Single(session.Invoke(New + " -Confirm:$false", Cluster, Service).Output);
        Assert.Equal(("Applied", "kaviar-backend-migrations:1"), ((string)registered.Properties["Status"].Value, (string)registered.Properties["TaskDefinition"].Value));
        account.Calls.Clear();
        var again = Assert.Single(session.Invoke(New + " -Confirm:$false", Cluster, Service).Output);
        Assert.Equal(("AlreadyInPlace", "kaviar-backend-migrations:1"), ((string)again.Properties["Status"].Value, (string)again.Properties["TaskDefinition"].Value));
        Assert.Equal(0, account.Calls.CountMutating());

        var run = session.Invoke("Invoke-EcsMigration $args[0] -Service $args[1] -TaskDefinition $args[2] -Command npm, run, migrate -NoWait", Cluster, Service,
            registered.Properties["TaskDefinition"].Value);
        Assert.Null(run.Terminating);
        Assert.EndsWith("task-definition/kaviar-backend-migrations:1", (string)Assert.Single(run.Output).Properties["TaskDefinitionArn"].Value);
    }

    [Fact]
    public void An_init_container_revision_makes_the_app_wait_for_the_migrations_to_succeed_and_is_registered_once()
    {
        const string New = "New-EcsMigrationTaskDefinition $args[0] $args[1] -Command npm, run, migrate -AsInitContainer -Confirm:$false";

        var registered = Assert.Single(session.Invoke(New, Cluster, Service).Output);
        var again = Assert.Single(session.Invoke(New, Cluster, Service).Output);

        Assert.Equal("Applied", registered.Properties["Status"].Value);
        Assert.Equal(("AlreadyInPlace", registered.Properties["TaskDefinition"].Value), (again.Properties["Status"].Value, again.Properties["TaskDefinition"].Value));
        var described = AwsCli.Run(account.Endpoint, account.Region, "ecs", "describe-task-definition", "--task-definition", (string)registered.Properties["TaskDefinition"].Value)
            .Json.RootElement.GetProperty("taskDefinition").GetProperty("containerDefinitions").EnumerateArray().ToList();
        var migrations = described.Single(c => c.GetProperty("name").GetString() == "migrations");
        var app = described.Single(c => c.GetProperty("name").GetString() == "kaviar-backend");
        Assert.False(migrations.GetProperty("essential").GetBoolean());
        Assert.Equal(("migrations", "SUCCESS"), (app.GetProperty("dependsOn")[0].GetProperty("containerName").GetString(), app.GetProperty("dependsOn")[0].GetProperty("condition").GetString()));
        Assert.True(app.TryGetProperty("portMappings", out _));
    }

    [Fact]
    public void The_completed_deployment_pipes_into_the_target_health_wait()
    {
        var result = session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Wait -Force | Where-Object RolloutState | Test-AlbTargetHealth -Wait -Timeout 300",
            Cluster, Service);

        Assert.Empty(result.Errors);
        var group = Assert.Single(result.Output);
        Assert.True((bool)group.Properties["Healthy"].Value);
        Assert.Equal("kaviar-backend-tg", group.Properties["TargetGroupName"].Value);
    }

    [Fact]
    public void WhatIf_shows_the_change_and_makes_no_mutating_call()
    {
        account.Calls.Clear();

        var result = session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Wait -WhatIf", Cluster, Service);

        Assert.Empty(result.Errors);
        Assert.Equal("Planned", Assert.Single(result.Output).Properties["Status"].Value);
        Assert.Equal(0, account.Calls.CountMutating());
        Assert.Contains($"What if: Performing the operation \"Deploy ECS service (new deployment)\" on target \"service {Cluster}/{Service}: kaviar-backend:2 -> kaviar-backend:2 (new tasks) (us-east-2)\".",
            session.HostOutput.ToString());
    }

    [Fact]
    public void The_running_revision_without_force_is_already_in_place()
    {
        account.Calls.Clear();

        var result = session.Invoke("Start-EcsDeployment $args[0] $args[1] kaviar-backend:2 -Confirm:$false", Cluster, Service);

        Assert.Equal("AlreadyInPlace", Assert.Single(result.Output).Properties["Status"].Value);
        Assert.Equal(0, account.Calls.CountMutating());
    }

    [Fact]
    public void A_deregistered_revision_is_refused_before_any_change()
    {
        account.Calls.Clear();

        var result = session.Invoke("try { Start-EcsDeployment $args[0] $args[1] kaviar-backend:1 -Confirm:$false } catch { $_ }", Cluster, Service);

        var error = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Single();
        Assert.Equal("EcsTaskDefinitionInactive,Kaviar.Ops.Cmdlets.StartEcsDeploymentCommand", error.FullyQualifiedErrorId);
        Assert.Contains("--status ACTIVE", error.ErrorDetails?.RecommendedAction ?? error.Exception.Message + error.ErrorDetails);
        Assert.Equal(0, account.Calls.CountMutating());
    }

    [Fact]
    public void A_revision_of_another_family_is_refused()
    {
        account.Use(state => state.Ecs.RegisterTaskDefinition("kaviar-worker", state.Ecs.TaskDefinitions.First().Containers, "256", "512",
            state.Ecs.TaskDefinitions.First().ExecutionRoleArn));

        var result = session.Invoke("try { Start-EcsDeployment $args[0] $args[1] kaviar-worker:1 -Confirm:$false } catch { $_ }", Cluster, Service);

        Assert.Equal("EcsTaskDefinitionFamilyMismatch,Kaviar.Ops.Cmdlets.StartEcsDeploymentCommand",
            result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Single().FullyQualifiedErrorId);
    }

    [Fact]
    public void A_deployment_whose_tasks_keep_failing_without_a_circuit_breaker_times_out_with_the_last_observation()
    {
        using var broken = new DeploymentTests(Scenarios.Seed001(Seed001Variant.WrongSecurityGroup));

        var result = broken.session.Invoke("try { Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Wait -Timeout 900 -Confirm:$false } catch { $_ }", Cluster, Service);

        var error = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Single();
        Assert.Equal("EcsDeploymentTimeout,Kaviar.Ops.Cmdlets.StartEcsDeploymentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        var last = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal("IN_PROGRESS", last.Properties["RolloutState"].Value);
        Assert.True((int)last.Properties["FailedTasks"].Value > 0);
        Assert.Contains("failed", error.Exception.Message);
    }

    [Fact]
    public void A_crashing_revision_fails_the_wait_after_the_circuit_breaker_rolls_back_and_health_reports_it()
    {
        using var crash = new DeploymentTests(Scenarios.Seed001WithCrashingRevision());

        var result = crash.session.Invoke("try { Start-EcsDeployment $args[0] $args[1] $args[2] -Wait -Timeout 1800 -Force } catch { $_ }",
            Cluster, Service, Scenarios.Seed001CrashingRevision);

        var error = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Single();
        Assert.Equal("EcsDeploymentFailed,Kaviar.Ops.Cmdlets.StartEcsDeploymentCommand", error.FullyQualifiedErrorId);
        Assert.Contains("(kaviar-backend:4) failed: ECS deployment circuit breaker", error.Exception.Message);
        Assert.Contains("Essential container in task exited (container kaviar-backend exit 1)", error.Exception.Message);
        Assert.Contains("PRIMARY deployment is now", error.Exception.Message);
        Assert.Contains("(kaviar-backend:2,", error.Exception.Message);

        crash.clock.Advance(TimeSpan.FromMinutes(10));
        var health = Assert.Single(crash.session.Invoke("Get-EcsServiceHealth $args[1] -Cluster $args[0]", Cluster, Service).Output);
        Assert.False((bool)health.Properties["Healthy"].Value);
        var rolledBack = ((IEnumerable<object>)health.Properties["Findings"].Value).Select(PSObject.AsPSObject)
            .Single(f => (string)f.Properties["Code"].Value == "DeploymentRolledBack");
        Assert.Contains("(kaviar-backend:4) failed", (string)rolledBack.Properties["Message"].Value);
        Assert.Contains("it runs kaviar-backend:2", (string)rolledBack.Properties["Message"].Value);
    }

    /// <summary>Registers kaviar-backend:5, a copy of the working :2, and deploys it: then :4 crashed, :3 only ever ran a migration, and :5 and :2 completed.</summary>
    private static DeploymentTests AfterAGoodRelease()
    {
        var test = new DeploymentTests(Scenarios.Seed001WithCrashingRevision(Seed001Crash.RolledBack));
        test.account.Use(state =>
        {
            var working = state.Ecs.TaskDefinitions.Single(d => d.FamilyRevision == "kaviar-backend:2");
            state.Ecs.RegisterTaskDefinition(working.Family, working.Containers, working.Cpu, working.Memory, working.ExecutionRoleArn, working.TaskRoleArn);
        });
        var release = test.session.Invoke("Start-EcsDeployment $args[0] $args[1] kaviar-backend:5 -Wait -Force", Cluster, Service);
        Assert.Equal("COMPLETED", release.Output.Last().Properties["RolloutState"].Value);
        return test;
    }

    [Fact]
    public void The_history_lists_each_deployment_with_its_revision_and_outcome_and_never_a_migration_only_revision()
    {
        using var test = AfterAGoodRelease();

        var history = test.session.Invoke("Get-EcsDeploymentHistory $args[0] $args[1]", Cluster, Service).Output;

        Assert.Equal(new[] { ("kaviar-backend:5", "Completed"), ("kaviar-backend:4", "RolledBack"), ("kaviar-backend:2", "Completed") },
            history.Select(h => ((string)h.Properties["TaskDefinition"].Value, (string)h.Properties["Outcome"].Value)).Take(3));
        Assert.DoesNotContain(history, h => (string)h.Properties["TaskDefinition"].Value == Scenarios.Seed001MigrationRevision);
        Assert.Contains("circuit breaker", (string)history[1].Properties["Reason"].Value);
        Assert.Contains("v4", string.Join(" ", (IEnumerable<string>)history[1].Properties["Images"].Value));
        Assert.StartsWith("Essential container in task exited (container kaviar-backend exit 1) x", ((IEnumerable<string>)history[1].Properties["StopReasons"].Value).First());
        Assert.Empty((IEnumerable<string>)history[0].Properties["StopReasons"].Value);
        Assert.Contains("cannot load /app/dist/config/tax.js", (string)history[1].Properties["Cause"].Value);
        Assert.Equal("", history[0].Properties["Cause"].Value);
    }

    [Fact]
    public void Undo_returns_to_the_revision_that_last_completed_before_the_release_and_waits()
    {
        using var test = AfterAGoodRelease();
        test.account.Calls.Clear();
        var whatIf = test.session.Invoke("Undo-EcsDeployment $args[0] $args[1] -Wait -WhatIf", Cluster, Service);
        Assert.Equal(0, test.account.Calls.CountMutating());
        Assert.Equal(("Planned", "kaviar-backend:5", "kaviar-backend:2"), ((string)whatIf.Output.Single().Properties["Status"].Value,
            (string)whatIf.Output.Single().Properties["FromTaskDefinition"].Value, (string)whatIf.Output.Single().Properties["TaskDefinition"].Value));

        var undone = test.session.Invoke("Undo-EcsDeployment $args[0] $args[1] -Wait -Force", Cluster, Service);

        Assert.Empty(undone.Errors);
        Assert.Equal("Applied", undone.Output[0].Properties["Status"].Value);
        Assert.Equal(("COMPLETED", "kaviar-backend:2"), ((string)undone.Output[1].Properties["RolloutState"].Value, (string)undone.Output[1].Properties["TaskDefinition"].Value));
    }

    [Fact]
    public void A_deployment_in_progress_is_stopped_and_rolled_back_by_ECS_to_what_last_completed()
    {
        using var test = new DeploymentTests(Scenarios.Seed001WithCrashingRevision());
        var started = test.session.Invoke("Start-EcsDeployment $args[0] $args[1] $args[2] -Force", Cluster, Service, Scenarios.Seed001CrashingRevision);
        Assert.Equal("Applied", Assert.Single(started.Output).Properties["Status"].Value);

        test.account.Calls.Clear();
        var planned = Assert.Single(test.session.Invoke("Undo-EcsDeployment $args[0] $args[1] -WhatIf", Cluster, Service).Output);
        Assert.Equal(0, test.account.Calls.CountMutating());
        Assert.Equal(("Planned", "kaviar-backend:4", "kaviar-backend:2"), ((string)planned.Properties["Status"].Value,
            (string)planned.Properties["FromTaskDefinition"].Value, (string)planned.Properties["TaskDefinition"].Value));
        Assert.Equal("Stop ECS deployment and roll back", planned.Properties["Action"].Value);

        var undone = test.session.Invoke("Undo-EcsDeployment $args[0] $args[1] -Wait -Force", Cluster, Service);

        Assert.Empty(undone.Errors);
        Assert.Equal(new[] { "StopServiceDeployment" }, test.account.Calls.Snapshot().Where(c => c.IsMutating).Select(c => c.Action));
        Assert.Equal(("COMPLETED", "kaviar-backend:2"), ((string)undone.Output[1].Properties["RolloutState"].Value, (string)undone.Output[1].Properties["TaskDefinition"].Value));
        var history = test.session.Invoke("Get-EcsDeploymentHistory $args[0] $args[1]", Cluster, Service).Output;
        Assert.Equal(("kaviar-backend:4", "RolledBack"), ((string)history[0].Properties["TaskDefinition"].Value, (string)history[0].Properties["Outcome"].Value));
    }

    [Fact]
    public void A_deployment_in_progress_lists_the_tasks_it_has_lost_so_far()
    {
        using var test = new DeploymentTests(Scenarios.Seed001WithCrashingRevision());
        test.session.Invoke("Start-EcsDeployment $args[0] $args[1] $args[2] -Force", Cluster, Service, Scenarios.Seed001CrashingRevision);
        while (!test.account.Read(s => s.Ecs.Tasks.Any(t => t.TaskDefinition.FamilyRevision == Scenarios.Seed001CrashingRevision && t.LastStatus == "STOPPED")))
        {
            test.clock.Advance(TimeSpan.FromSeconds(5));
        }

        var history = test.session.Invoke("Get-EcsDeploymentHistory $args[0] $args[1]", Cluster, Service);

        Assert.Empty(history.Errors);
        var inProgress = history.Output[0];
        Assert.Equal(("kaviar-backend:4", "InProgress"), ((string)inProgress.Properties["TaskDefinition"].Value, (string)inProgress.Properties["Outcome"].Value));
        Assert.StartsWith("Essential container in task exited", ((IEnumerable<string>)inProgress.Properties["StopReasons"].Value).First());
    }

    [Fact]
    public void After_a_circuit_breaker_rollback_the_service_already_runs_what_last_worked()
    {
        using var test = new DeploymentTests(Scenarios.Seed001WithCrashingRevision(Seed001Crash.RolledBack));
        test.account.Calls.Clear();

        var result = test.session.Invoke("Undo-EcsDeployment $args[0] $args[1] -Force", Cluster, Service);

        var step = Assert.Single(result.Output);
        Assert.Equal(("AlreadyInPlace", "kaviar-backend:2"), ((string)step.Properties["Status"].Value, (string)step.Properties["TaskDefinition"].Value));
        Assert.Equal(0, test.account.Calls.CountMutating());
    }

    [Fact]
    public void Two_revisions_compare_field_by_field_with_secret_looking_values_redacted()
    {
        using var test = new DeploymentTests(Scenarios.Seed001WithCrashingRevision());
        test.account.Use(state =>
        {
            var working = state.Ecs.TaskDefinitions.Single(d => d.FamilyRevision == "kaviar-backend:2");
            var container = working.Containers[0];
            var environment = container.Environment.ToDictionary(e => e.Key, e => e.Value);
            environment["DATABASE_PASSWORD"] = "hunter2-in-plain-text";
            environment["NODE_ENV"] = "staging";
            state.Ecs.RegisterTaskDefinition(working.Family, new[]
            {
                new Kaviar.Ops.Simulator.Ecs.ContainerDefinition
                {
                    Name = container.Name, Image = container.Image, Cpu = container.Cpu, Memory = container.Memory, ContainerPorts = container.ContainerPorts,
                    Command = container.Command, Environment = environment, LogGroup = container.LogGroup, LogStreamPrefix = container.LogStreamPrefix,
                },
            }, "1024", working.Memory, working.ExecutionRoleArn, working.TaskRoleArn);
        });

        var crash = test.session.Invoke("Compare-EcsTaskDefinition kaviar-backend:2 kaviar-backend:4", Cluster, Service);
        var plain = test.session.Invoke("Compare-EcsTaskDefinition -From kaviar-backend:2 -To kaviar-backend:5 | ForEach-Object { \"$($_.Container)|$($_.Field)|$($_.ReferenceValue)|$($_.DifferenceValue)\" }");

        var image = Assert.Single(crash.Output);
        Assert.Equal(("kaviar-backend", "image"), ((string)image.Properties["Container"].Value, (string)image.Properties["Field"].Value));
        Assert.EndsWith("kaviar-backend:v4", (string)image.Properties["DifferenceValue"].Value);
        Assert.Empty(plain.Errors);
        var json = string.Join("\n", plain.Output.Select(o => o.ToString()));
        Assert.Contains("|cpu|512|1024", json);
        Assert.Contains("environment:NODE_ENV", json);
        Assert.Contains("environment:DATABASE_PASSWORD", json);
        Assert.Contains("*** (21 characters)", json);
        Assert.DoesNotContain("hunter2", json);
    }

    [Fact]
    public void A_new_image_is_deployed_as_a_copy_of_the_running_revision_that_keeps_what_the_module_does_not_model()
    {
        using var test = new DeploymentTests(Scenarios.Seed001WithCrashingRevision());
        // Revision :5 is :2 plus a member this module's client does not model, registered as a user would, with the CLI.
        var described = AwsCli.Run(test.account.Endpoint, test.account.Region, "ecs", "describe-task-definition", "--task-definition", "kaviar-backend:2", "--output", "json");
        var document = System.Text.Json.Nodes.JsonNode.Parse(described.Stdout)!["taskDefinition"]!.AsObject();
        foreach (var describedOnly in new[] { "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt" })
        {
            document.Remove(describedOnly);
        }

        document["containerDefinitions"]![0]!["linuxParameters"] = new System.Text.Json.Nodes.JsonObject { ["initProcessEnabled"] = true };
        var input = System.IO.Path.GetTempFileName();
        System.IO.File.WriteAllText(input, document.ToJsonString());
        Assert.Equal(0, AwsCli.Run(test.account.Endpoint, test.account.Region, "ecs", "register-task-definition", "--cli-input-json", "file://" + input).ExitCode);
        Assert.Equal("COMPLETED", test.session.Invoke("Start-EcsDeployment $args[0] $args[1] kaviar-backend:5 -Wait -Force", Cluster, Service).Output.Last().Properties["RolloutState"].Value);
        var image = (string)test.session.Invoke("Compare-EcsTaskDefinition kaviar-backend:2 kaviar-backend:4").Output.Single().Properties["DifferenceValue"].Value;
        var newImage = image.Replace(":v4", ":v6");
        test.account.Use(state => state.Ecr.PushImage("kaviar-backend", "v6"));

        test.account.Calls.Clear();
        var planned = Assert.Single(test.session.Invoke("Start-EcsDeployment $args[0] $args[1] -Image $args[2] -WhatIf", Cluster, Service, newImage).Output);
        Assert.Equal(0, test.account.Calls.CountMutating());
        Assert.Equal("Planned", planned.Properties["Status"].Value);
        Assert.Contains($"a new revision of kaviar-backend:5 [kaviar-backend: ", test.session.HostOutput.ToString());

        var deployed = test.session.Invoke("Start-EcsDeployment $args[0] $args[1] -Image $args[2] -Wait -Force", Cluster, Service, newImage);

        Assert.Empty(deployed.Errors);
        Assert.Equal(("Applied", "kaviar-backend:6"), ((string)deployed.Output[0].Properties["Status"].Value, (string)deployed.Output[0].Properties["TaskDefinition"].Value));
        Assert.Equal("COMPLETED", deployed.Output[1].Properties["RolloutState"].Value);
        var differences = test.session.Invoke("Compare-EcsTaskDefinition kaviar-backend:5 kaviar-backend:6").Output;
        Assert.Equal("image", Assert.Single(differences).Properties["Field"].Value);
        var registered = AwsCli.Run(test.account.Endpoint, test.account.Region, "ecs", "describe-task-definition", "--task-definition", "kaviar-backend:6", "--output", "json");
        var container = System.Text.Json.Nodes.JsonNode.Parse(registered.Stdout)!["taskDefinition"]!["containerDefinitions"]![0]!;
        Assert.Equal(newImage, (string)container["image"]!);
        Assert.True((bool)container["linuxParameters"]!["initProcessEnabled"]!);
    }

    [Fact]
    public void Wait_follows_the_primary_deployment_by_default_and_binds_from_the_step()
    {
        var started = session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Confirm:$false | Wait-EcsDeployment -Timeout 900", Cluster, Service);

        Assert.Empty(started.Errors);
        Assert.Equal("COMPLETED", started.Output.Last().Properties["RolloutState"].Value);
        var again = session.Invoke("Wait-EcsDeployment $args[0] $args[1] -Timeout 5", Cluster, Service);
        Assert.Equal("COMPLETED", Assert.Single(again.Output).Properties["RolloutState"].Value);
    }

    [Fact]
    public void Without_ListServiceDeployments_the_history_is_the_current_deployments_with_a_warning_naming_it()
    {
        using var test = AfterAGoodRelease();
        test.account.State.Iam.Deny("ecs:ListServiceDeployments");

        var history = test.session.Invoke("Get-EcsDeploymentHistory $args[0] $args[1]", Cluster, Service);

        Assert.Null(history.Terminating);
        var current = Assert.Single(history.Output);
        Assert.Equal(("kaviar-backend:5", "PRIMARY", "Completed"), ((string)current.Properties["TaskDefinition"].Value, (string)current.Properties["Status"].Value,
            (string)current.Properties["Outcome"].Value));
        Assert.Contains("1/1 running", (string)current.Properties["Reason"].Value);
        var warning = Assert.Single(history.Warnings);
        Assert.Contains("AWS denied ecs:ListServiceDeployments", warning);
        Assert.Contains("only its current deployments", warning);
    }

    [Fact]
    public void Without_the_history_Undo_is_refused_naming_the_denied_action_and_the_command_that_deploys_a_chosen_revision()
    {
        using var test = AfterAGoodRelease();
        test.account.State.Iam.Deny("ecs:ListServiceDeployments");
        test.account.Calls.Clear();

        var error = test.session.CatchTerminatingError("Undo-EcsDeployment $args[0] $args[1] -Force", Cluster, Service);

        Assert.NotNull(error);
        Assert.StartsWith("AwsAccessDenied,", error.FullyQualifiedErrorId);
        Assert.Contains("AWS denied ecs:ListServiceDeployments", error.Exception.Message);
        Assert.Contains("Start-EcsDeployment -Cluster kaviar-cluster -Service kaviar-backend-service -TaskDefinition kaviar-backend:N -Region us-east-2",
            error.ErrorDetails.RecommendedAction);
        Assert.Contains("aws ecs list-task-definitions --family-prefix kaviar-backend", error.ErrorDetails.RecommendedAction);
        Assert.Equal(0, test.account.Calls.CountMutating());
    }

    [Fact]
    public void Without_the_history_a_deployment_in_progress_is_rolled_back_to_the_completed_revision_it_replaces()
    {
        using var test = new DeploymentTests(Scenarios.Seed001WithCrashingRevision());
        test.account.State.Iam.Deny("ecs:*ServiceDeployment*");
        test.session.Invoke("Start-EcsDeployment $args[0] $args[1] $args[2] -Force", Cluster, Service, Scenarios.Seed001CrashingRevision);
        var history = test.session.Invoke("Get-EcsDeploymentHistory $args[0] $args[1]", Cluster, Service).Output;
        Assert.Equal(new[] { ("kaviar-backend:4", "PRIMARY", "InProgress"), ("kaviar-backend:2", "ACTIVE", "Completed") },
            history.Select(h => ((string)h.Properties["TaskDefinition"].Value, (string)h.Properties["Status"].Value, (string)h.Properties["Outcome"].Value)));

        var planned = Assert.Single(test.session.Invoke("Undo-EcsDeployment $args[0] $args[1] -WhatIf", Cluster, Service).Output);
        Assert.Equal(("Planned", "kaviar-backend:4", "kaviar-backend:2"), ((string)planned.Properties["Status"].Value,
            (string)planned.Properties["FromTaskDefinition"].Value, (string)planned.Properties["TaskDefinition"].Value));
        Assert.Contains("ecs:ListServiceDeployments", (string)planned.Properties["Detail"].Value);
        test.account.Calls.Clear();

        var undone = test.session.Invoke("Undo-EcsDeployment $args[0] $args[1] -Wait -Force", Cluster, Service);

        Assert.Null(undone.Terminating);
        Assert.Equal(new[] { "UpdateService" }, test.account.Calls.Snapshot().Where(c => c.IsMutating).Select(c => c.Action));
        Assert.Equal(("COMPLETED", "kaviar-backend:2"), ((string)undone.Output[1].Properties["RolloutState"].Value, (string)undone.Output[1].Properties["TaskDefinition"].Value));
    }

    [Fact]
    public void A_wait_for_completion_follows_the_rollout_state_when_the_deployment_records_are_denied()
    {
        account.State.Iam.Deny("ecs:*ServiceDeployment*");

        var done = session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Confirm:$false | Wait-EcsDeployment -Timeout 900", Cluster, Service);

        Assert.Null(done.Terminating);
        Assert.Equal("COMPLETED", done.Output.Last().Properties["RolloutState"].Value);
        // A lifecycle stage is only in the deployment's record: that wait names what it was refused.
        var stage = session.CatchTerminatingError("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Confirm:$false | Wait-EcsDeployment -UntilStage CLEAN_UP -Timeout 600",
            Cluster, Service);
        Assert.NotNull(stage);
        Assert.StartsWith("AwsAccessDenied,", stage.FullyQualifiedErrorId);
        Assert.Contains("ecs:ListServiceDeployments", stage.Exception.Message);
    }
}
