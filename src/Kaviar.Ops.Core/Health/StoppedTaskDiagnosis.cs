using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Health;

/// <summary>
/// Reads why ECS stopped a task: whether it was a failure, and the likely cause with what to check next.
/// The patterns are ECS's own stoppedReason and stopCode texts.
/// </summary>
public static class StoppedTaskDiagnosis
{
    /// <summary>A stopped task as the module reports it: its containers' exits, whether it failed, and the hint.</summary>
    public static EcsStoppedTask Describe(string cluster, EcsTask task)
    {
        var stopped = new EcsStoppedTask
        {
            Cluster = cluster,
            TaskArn = task.TaskArn,
            TaskId = EcsNames.TaskId(task.TaskArn),
            TaskDefinition = EcsNames.TaskDefinitionName(task.TaskDefinitionArn ?? ""),
            TaskDefinitionArn = task.TaskDefinitionArn ?? "",
            StartedBy = task.StartedBy,
            LastStatus = task.LastStatus,
            StopCode = task.StopCode,
            StoppedReason = task.StoppedReason,
            StartedAt = task.StartedAt,
            StoppedAt = task.StoppedAt,
            Containers = (task.Containers ?? new List<Container>())
                .Select(c => new EcsContainerExit { Name = c.Name, ExitCode = c.ExitCode, Reason = c.Reason, LastStatus = c.LastStatus })
                .ToList(),
        };
        stopped.Failed = StoppedTaskDiagnosis.IsFailure(stopped);
        stopped.Hint = StoppedTaskDiagnosis.Hint(stopped);
        return stopped;
    }

    /// <summary>
    /// True when the stop is the service's fault: a task that never started, failed health checks, ran out of memory, or
    /// whose essential container exited on its own, whatever its code (a service's essential container must keep running,
    /// so even exit 0 makes ECS start another, forever). False when ECS replaced it (a deployment or scale-in), someone
    /// stopped it, Fargate retired it for maintenance, or Fargate Spot took its capacity back.
    /// </summary>
    public static bool IsFailure(EcsStoppedTask task) =>
        StartsFailed(task) || FailedHealthChecks(task.StoppedReason) || task.StopCode == "EssentialContainerExited" || RanOutOfMemory(task);

    /// <summary>The likely cause and what to check next; null only for a stop reason nobody has documented.</summary>
    public static string? Hint(EcsStoppedTask task)
    {
        var reason = task.StoppedReason ?? "";

        if (Contains(reason, "failed ELB health checks"))
        {
            return "The load balancer never saw the task healthy. Check the targets (Target.Timeout: the task's security group does not " +
                   "admit the load balancer's on the container port; Target.ResponseCodeMismatch: the health check path answers the wrong code).";
        }

        if (Contains(reason, "failed container health checks"))
        {
            return "The container's own HEALTHCHECK command failed; read the container's log and the healthCheck in the task definition.";
        }

        // What stopped a task before it ran has one reading, shared with the evidence and the migrations.
        if (StartsFailed(task))
        {
            return Evidence.StartFailure.Explain(task.StopCode, task.StoppedReason, task.Containers.Select(c => c.Reason));
        }

        if (RanOutOfMemory(task))
        {
            return "A container ran out of memory: raise the task or container memory, or find the leak.";
        }

        var exit = ContainerExits.ExplainingStop(task.Containers, c => c.ExitCode);
        return task.StopCode switch
        {
            "EssentialContainerExited" => ExitedOnItsOwn(exit),
            "SpotInterruption" => "Fargate Spot took its capacity back (a Spot interruption): not the app's fault, and the service starts another task. " +
                                  "Keep a base of tasks on FARGATE if the service cannot lose them all at once.",
            "TerminationNotice" or "InfrastructureHealth" => Retired(),
            _ when Contains(reason, "performing maintenance on the underlying infrastructure") => Retired(),
            "UserInitiated" => $"Someone stopped it (StopTask, the console, or a tool): not a failure{Quoted(reason)}.{KilledAfterStopTimeout(exit)}",
            "ServiceSchedulerInitiated" => (Contains(reason, "Scaling activity initiated by")
                ? "ECS replaced it (a deployment or a scale-in): not a failure."
                : $"The service scheduler stopped it: not a failure{Quoted(reason)}.") + KilledAfterStopTimeout(exit),
            _ => null,
        };
    }

    /// <summary>An essential container ended by itself: what its exit code says.</summary>
    private static string ExitedOnItsOwn(EcsContainerExit? exit) => exit?.ExitCode switch
    {
        0 => $"{Subject(exit)} exited with code 0: its main process ended (a command that finishes, such as a migration, or a process that " +
             "daemonizes into the background), so ECS starts another task forever. A service's essential container must keep its process running in the foreground.",
        137 => $"{Subject(exit)} was killed with SIGKILL (exit code 137) while ECS was not stopping it: most likely the kernel's OOM killer at the " +
               "container's or the task's memory limit; raise the memory or find the leak.",
        139 => $"{Subject(exit)} crashed with a segmentation fault (SIGSEGV, exit code 139): native code failed, often a native module or binary " +
               "built for another libc or CPU architecture than the image's; its log may show what ran last.",
        127 => $"{Subject(exit)} exited with code 127: its command was not found. Check the task definition's command/entryPoint and the " +
               "image's CMD/ENTRYPOINT against what the image holds.",
        126 => $"{Subject(exit)} exited with code 126: its command was found but is not executable. Make it executable in the image (chmod +x) " +
               "or run it through its interpreter.",
        ContainerExits.StoppedBySigterm => $"{Subject(exit)} ended on SIGTERM (exit code 143) while ECS was not stopping it: something in the " +
                                           "container sent the signal; its log says why.",
        int code => $"The application (container {exit!.Name}) exited with code {code}, an error; its log says why.",
        null => "An essential container exited; its log says why.",
    };

    private static string Retired() =>
        "Fargate retired the task to maintain its infrastructure: not the app's fault, and the service starts another task.";

    /// <summary>137 when ECS was stopping the task: the SIGKILL it sends when a container outlives stopTimeout after SIGTERM.</summary>
    private static string KilledAfterStopTimeout(EcsContainerExit? exit) =>
        exit?.ExitCode == 137
            ? $" {Subject(exit)} did not exit within stopTimeout after SIGTERM and was killed (exit code 137): handle SIGTERM, or raise the container's stopTimeout."
            : "";

    private static string Subject(EcsContainerExit? exit) => exit == null ? "Its container" : $"Container {exit.Name}";

    private static string Quoted(string reason) => reason.Length == 0 ? "" : $" (\"{reason}\")";

    private static bool StartsFailed(EcsStoppedTask task) =>
        Evidence.StartFailure.Applies(task.StopCode, task.StoppedReason, task.Containers.Select(c => c.Reason));

    private static bool FailedHealthChecks(string? reason) =>
        Contains(reason, "failed ELB health checks") || Contains(reason, "failed container health checks");

    private static bool RanOutOfMemory(EcsStoppedTask task) =>
        task.Containers.Any(c => Contains(c.Reason, "OutOfMemoryError") || (c.ExitCode == 137 && Contains(c.Reason, "memory")));

    private static bool Contains(string? text, string fragment) =>
        text != null && text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0;
}
