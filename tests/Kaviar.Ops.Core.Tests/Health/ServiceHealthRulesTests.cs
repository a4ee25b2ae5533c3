using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Health;
using Kaviar.Ops.Kernel;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Health;

public sealed class ServiceHealthRulesTests
{
    private static readonly DateTime DeployedAt = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_steady_service_has_no_reasons()
    {
        Assert.Empty(Messages(Steady()));
    }

    [Fact]
    public void Fewer_running_than_desired_is_reported_with_the_counts()
    {
        var health = Steady();
        health.RunningCount = 0;
        health.PendingCount = 1;
        health.Deployments[0].RolloutState = "COMPLETED";

        var reason = Assert.Single(Messages(health));
        Assert.Equal("0 of 2 desired tasks are running (1 pending).", reason);
    }

    [Fact]
    public void A_failed_rollout_names_the_deployment_and_its_reason()
    {
        var health = Steady();
        health.Deployments[0].RolloutState = "FAILED";
        health.Deployments[0].RolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";

        Assert.Contains("Deployment ecs-svc/1 (kaviar-backend:2) failed: ECS deployment circuit breaker: tasks failed to start.",
            Messages(health));
    }

    [Fact]
    public void Failed_tasks_of_the_current_deployment_count_but_older_ones_do_not()
    {
        var health = Steady();
        health.StoppedTasks = new List<EcsStoppedTask>
        {
            Stopped("ecs-svc/1", DeployedAt.AddMinutes(5), "Task failed ELB health checks in (target-group arn:tg)"),
            Stopped("ecs-svc/1", DeployedAt.AddMinutes(9), "Task failed ELB health checks in (target-group arn:tg)"),
            Stopped("ecs-svc/0", DeployedAt.AddMinutes(-30), "Essential container in task exited"),
        };

        var reason = Assert.Single(Messages(health));
        Assert.Equal("2 recently stopped task(s) failed; most often: Task failed ELB health checks in (target-group arn:tg)", reason);
    }

    [Theory]
    [InlineData("DRAINING", "The service is DRAINING.")]
    [InlineData("INACTIVE", "The service is INACTIVE.")]
    public void A_service_that_is_not_active_says_so(string status, string expected)
    {
        var health = Steady();
        health.Status = status;

        Assert.Equal(expected, Messages(health)[0]);
    }

    [Fact]
    public void Scaled_to_zero_is_not_healthy()
    {
        var health = Steady();
        health.DesiredCount = 0;
        health.RunningCount = 0;

        Assert.Contains("The desired count is 0: the service runs no tasks.", Messages(health));
    }

    [Fact]
    public void Two_deployments_mean_a_rollout_is_still_going_on()
    {
        var health = Steady();
        health.Deployments = new List<EcsDeploymentState>
        {
            health.Deployments[0],
            new EcsDeploymentState { Id = "ecs-svc/0", Status = "ACTIVE", TaskDefinition = "kaviar-backend:1", DesiredCount = 2, RunningCount = 2 },
        };

        Assert.Contains("Deployment ecs-svc/1 (kaviar-backend:2) is still rolling out: 2 of 2 running, 0 failed tasks.",
            Messages(health));
    }

    [Fact]
    public void Each_reason_is_a_finding_with_a_stable_code()
    {
        var health = Steady();
        health.Status = "DRAINING";
        health.RunningCount = 1;

        Assert.Equal(new[] { "ServiceNotActive", "TasksNotRunning" }, ServiceHealthRules.FindingsNotHealthy(health).Select(f => f.Code));
        Assert.All(ServiceHealthRules.FindingsNotHealthy(health), f => Assert.Equal("Error", f.Severity));
    }

    /// <summary>The circuit breaker rolled the latest deployment back; only older events than the five shown say so.</summary>
    private static (EcsServiceHealth Health, List<EcsServiceEventEntry> Events) RolledBack()
    {
        var health = Steady();
        var failedAt = DeployedAt.AddMinutes(20);
        health.Deployments[0].Id = "ecs-svc/3";
        health.Deployments[0].CreatedAt = failedAt;
        health.StoppedTasks = new List<EcsStoppedTask> { Stopped("ecs-svc/2", failedAt.AddSeconds(-30), "Essential container in task exited") };
        health.StoppedTasks[0].TaskDefinition = "kaviar-backend:3";
        var events = new List<EcsServiceEventEntry>
        {
            new EcsServiceEventEntry { CreatedAt = failedAt, Message = "(service kaviar-backend-service) (deployment ecs-svc/2) deployment failed: tasks failed to start." },
            new EcsServiceEventEntry { CreatedAt = failedAt, Message = "(service kaviar-backend-service) rolling back to deployment ecs-svc/1." },
        };
        events.AddRange(Enumerable.Range(1, 6).Select(i => new EcsServiceEventEntry
        {
            CreatedAt = failedAt.AddMinutes(i), Message = "(service kaviar-backend-service) has reached a steady state.",
        }));
        return (health, events);
    }

    [Fact]
    public void A_rollback_by_the_circuit_breaker_is_not_a_plain_healthy_service_even_beyond_the_five_events_shown()
    {
        var (health, events) = RolledBack();

        var finding = Assert.Single(ServiceHealthRules.FindingsNotHealthy(health, events));

        Assert.Equal("DeploymentRolledBack", finding.Code);
        Assert.Equal("The latest deployment ecs-svc/2 (kaviar-backend:3) failed at 2026-11-23 12:20:00Z (tasks failed to start) and ECS rolled the service back: " +
                     "it runs kaviar-backend:2 (deployment ecs-svc/3), not the release.", finding.Message);
        Assert.Equal(2, finding.Evidence.Count);
    }

    [Fact]
    public void A_rollback_followed_by_a_new_deployment_is_history()
    {
        var (health, events) = RolledBack();
        health.Deployments[0].CreatedAt = DeployedAt.AddHours(1);

        Assert.Empty(ServiceHealthRules.FindingsNotHealthy(health, events));
    }

    [Fact]
    public void Tasks_that_cannot_be_placed_since_the_deployment_began_are_a_finding()
    {
        var health = Steady();
        var events = new List<EcsServiceEventEntry>
        {
            new EcsServiceEventEntry { CreatedAt = DeployedAt.AddMinutes(-5), Message = "(service s) was unable to place a task because no container instance met all of its requirements." },
            new EcsServiceEventEntry { CreatedAt = DeployedAt.AddMinutes(2), Message = "(service s) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone." },
        };

        var finding = Assert.Single(ServiceHealthRules.FindingsNotHealthy(health, events));

        Assert.Equal("TaskPlacementFailed", finding.Code);
        Assert.Contains("Capacity is unavailable", finding.Message);
        Assert.Single(finding.Evidence);
    }

    private static IReadOnlyList<string> Messages(EcsServiceHealth health) => ServiceHealthRules.FindingsNotHealthy(health).Select(f => f.Message).ToList();

    private static EcsServiceHealth Steady() => new EcsServiceHealth
    {
        Status = "ACTIVE",
        DesiredCount = 2,
        RunningCount = 2,
        Deployments = new List<EcsDeploymentState>
        {
            new EcsDeploymentState
            {
                Id = "ecs-svc/1", Status = "PRIMARY", TaskDefinition = "kaviar-backend:2", DesiredCount = 2, RunningCount = 2,
                RolloutState = "COMPLETED", CreatedAt = DeployedAt,
            },
        },
    };

    private static EcsStoppedTask Stopped(string startedBy, DateTime stoppedAt, string reason)
    {
        var task = new EcsStoppedTask
        {
            StartedBy = startedBy,
            StoppedAt = stoppedAt,
            StopCode = reason.StartsWith("Essential") ? "EssentialContainerExited" : "ServiceSchedulerInitiated",
            StoppedReason = reason,
            Containers = new[] { new EcsContainerExit { Name = "kaviar-backend", ExitCode = reason.StartsWith("Essential") ? 1 : 143 } },
        };
        task.Failed = StoppedTaskDiagnosis.IsFailure(task);
        return task;
    }
}

/// <summary>
/// One row per stop ECS documents (stop code, stoppedReason, the app's exit), each beside a FireLens log router that
/// ECS stopped with SIGTERM (143), so the app's exit must be the one read: whether it is a failure, and the hint.
/// </summary>
public sealed class StoppedTaskDiagnosisTests
{
    private const string EssentialExited = "Essential container in task exited";
    private const string DeploymentScaledIn = "Scaling activity initiated by (deployment ecs-svc/1)";
    private const string Maintenance = "ECS is performing maintenance on the underlying infrastructure hosting the task";

    [Theory]
    // Health checks, and tasks that never started (their reading is StartFailure's).
    [InlineData("ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group arn:tg)", 143, null, true, "load balancer")]
    [InlineData("ServiceSchedulerInitiated", "Task failed container health checks", 143, null, true, "HEALTHCHECK")]
    [InlineData("TaskFailedToStart", "CannotPullContainerError: pull image manifest has been retried 5 time(s)", null, null, true, "could not be pulled")]
    [InlineData("TaskFailedToStart", "ResourceInitializationError: unable to pull secrets or registry auth", null, null, true, "Secrets Manager")]
    [InlineData("TaskFailedToStart", "CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"node\": executable file not found in $PATH: unknown",
        null, null, true, "its command node is not in the image")]
    [InlineData("TaskFailedToStart", "Timeout waiting for network interface provisioning to complete.", null, null, true, "network interface ready in time")]
    // An essential container that exited on its own: its exit code says how.
    [InlineData("EssentialContainerExited", EssentialExited, 1, null, true, "container app) exited with code 1, an error; its log says why")]
    [InlineData("EssentialContainerExited", EssentialExited, 0, null, true, "its main process ended")]
    [InlineData("EssentialContainerExited", EssentialExited, 137, "OutOfMemoryError: Container killed due to memory usage", true, "ran out of memory")]
    [InlineData("EssentialContainerExited", EssentialExited, 137, null, true, "while ECS was not stopping it: most likely the kernel's OOM killer")]
    [InlineData("EssentialContainerExited", EssentialExited, 139, null, true, "segmentation fault")]
    [InlineData("EssentialContainerExited", EssentialExited, 127, null, true, "its command was not found")]
    [InlineData("EssentialContainerExited", EssentialExited, 126, null, true, "is not executable")]
    // Stops that are not the service's fault. These had no hint before; a stopped task's list now says why each one is
    // no failure (and when the app ignored SIGTERM), so the expected null hints became these phrases.
    [InlineData("ServiceSchedulerInitiated", DeploymentScaledIn, 143, null, false, "ECS replaced it (a deployment or a scale-in): not a failure.")]
    [InlineData("ServiceSchedulerInitiated", DeploymentScaledIn, 137, null, false, "Container app did not exit within stopTimeout after SIGTERM")]
    [InlineData("UserInitiated", "Task stopped by user", 143, null, false, "Someone stopped it")]
    [InlineData("SpotInterruption", "Your Spot Task was interrupted.", 143, null, false, "Fargate Spot took its capacity back")]
    [InlineData("TerminationNotice", Maintenance, 143, null, false, "Fargate retired the task")]
    [InlineData("ServiceSchedulerInitiated", Maintenance, 143, null, false, "Fargate retired the task")]
    public void Stop_reasons_are_read_as_ECS_writes_them(string stopCode, string reason, int? appExit, string? appReason, bool failed, string hintFragment)
    {
        var containers = new List<EcsContainerExit>();
        if (appExit != null)
        {
            containers.Add(new EcsContainerExit { Name = "log_router", ExitCode = 143 });
        }

        containers.Add(new EcsContainerExit { Name = "app", ExitCode = appExit, Reason = appReason });
        var task = new EcsStoppedTask { StopCode = stopCode, StoppedReason = reason, Containers = containers };

        Assert.Equal(failed, StoppedTaskDiagnosis.IsFailure(task));
        Assert.Contains(hintFragment, StoppedTaskDiagnosis.Hint(task));
    }

    [Fact]
    public void A_crash_after_ECS_stopped_the_sidecar_is_read_from_the_app()
    {
        var task = new EcsStoppedTask
        {
            StopCode = "EssentialContainerExited",
            StoppedReason = EssentialExited,
            Containers = new[]
            {
                new EcsContainerExit { Name = "log_router", ExitCode = 143 },
                new EcsContainerExit { Name = "app", ExitCode = 139 },
            },
        };

        Assert.StartsWith("Container app crashed with a segmentation fault", StoppedTaskDiagnosis.Hint(task));
    }
}

public sealed class EcsNamesTests
{
    [Theory]
    [InlineData("kaviar-backend-service", null, "default", "kaviar-backend-service")]
    [InlineData("kaviar-backend-service", "kaviar-cluster", "kaviar-cluster", "kaviar-backend-service")]
    [InlineData("kaviar-backend-service", "arn:aws:ecs:us-east-2:123456789012:cluster/kaviar-cluster", "kaviar-cluster", "kaviar-backend-service")]
    [InlineData("arn:aws:ecs:us-east-2:123456789012:service/kaviar-cluster/kaviar-backend-service", null, "kaviar-cluster", "kaviar-backend-service")]
    [InlineData("arn:aws:ecs:us-east-2:123456789012:service/kaviar-cluster/kaviar-backend-service", "other", "kaviar-cluster", "kaviar-backend-service")]
    [InlineData("arn:aws:ecs:us-east-2:123456789012:service/kaviar-cluster/kaviar-backend-service", "kaviar-cluster", "kaviar-cluster", "kaviar-backend-service")]
    [InlineData("arn:aws:ecs:us-east-2:123456789012:service/legacy-service", "old-cluster", "old-cluster", "legacy-service")]
    public void Service_names_and_arns_resolve_to_cluster_and_name(string input, string? cluster, string expectedCluster, string expectedService)
    {
        var reference = EcsNames.Service(input, cluster);

        Assert.Equal(expectedCluster, reference.Cluster);
        Assert.Equal(expectedService, reference.ServiceName);
        Assert.Equal(input, reference.Input);
    }

    [Theory]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:service/kaviar-cluster/kaviar-backend-service", null, "eu-west-1")]
    [InlineData("kaviar-backend-service", "arn:aws:ecs:ap-south-1:123456789012:cluster/kaviar-cluster", "ap-south-1")]
    [InlineData("kaviar-backend-service", "kaviar-cluster", null)]
    public void An_arn_keeps_its_region(string input, string? cluster, string? region)
    {
        Assert.Equal(region, EcsNames.Service(input, cluster).Region);
    }

    [Theory]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:service/legacy-service", "arn:aws:ecs:us-east-2:123456789012:cluster/c", "ArnRegionConflict")]
    [InlineData("arn:aws:ecs:us-east-2:123456789012:task/kaviar-cluster/0123456789abcdef", null, "ArnWrongResourceType")]
    [InlineData("arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/tg/abc", null, "ArnWrongResourceType")]
    [InlineData("arn:aws:ecs:us-east-2:12345:service/c/svc", null, "InvalidArn")]
    [InlineData("arn:aws:ecs", null, "InvalidArn")]
    [InlineData("", null, "InvalidResourceName")]
    [InlineData("   ", null, "InvalidResourceName")]
    [InlineData("svc with spaces", null, "InvalidResourceName")]
    [InlineData("svc\u0000", null, "InvalidResourceName")]
    [InlineData("kaviar-backend-service", "bad'cluster", "InvalidResourceName")]
    public void Malformed_or_conflicting_names_are_refused_with_a_specific_id(string input, string? cluster, string errorId)
    {
        var error = Assert.ThrowsAny<OpsException>(() => EcsNames.Service(System.Text.RegularExpressions.Regex.Unescape(input), cluster));

        Assert.Equal(errorId, error.Code.Id);
    }

    [Fact]
    public void Task_ids_and_task_definition_names_come_from_their_arns()
    {
        Assert.Equal("9d9f144aef0d4ed8b753aaa7723fe047", EcsNames.TaskId("arn:aws:ecs:us-east-1:1:task/production-ysh-b2b-cluster/9d9f144aef0d4ed8b753aaa7723fe047"));
        Assert.Equal("faxi-qa-backend:10", EcsNames.TaskDefinitionName("arn:aws:ecs:us-east-1:223882168768:task-definition/faxi-qa-backend:10"));
    }
}
