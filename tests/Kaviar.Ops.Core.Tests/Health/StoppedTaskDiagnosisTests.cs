using System.Collections.Generic;
using Kaviar.Ops.Health;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Health;

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
