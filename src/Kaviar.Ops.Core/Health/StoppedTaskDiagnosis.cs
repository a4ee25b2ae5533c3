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

    public static bool IsFailure(EcsStoppedTask task)
    {
        if (task.StopCode == "TaskFailedToStart" || Contains(task.StoppedReason, "failed ELB health checks") ||
            Contains(task.StoppedReason, "failed container health checks"))
        {
            return true;
        }

        // An essential container that exits on its own with a non-zero code is a crash;
        // 143/137 after ECS asked the task to stop is only the signal it was stopped with.
        return task.StopCode == "EssentialContainerExited" && task.Containers.Any(c => c.ExitCode is int code && code != 0);
    }

    public static string? Hint(EcsStoppedTask task)
    {
        var reason = task.StoppedReason ?? "";
        var containerReasons = string.Join(" ", task.Containers.Select(c => c.Reason ?? ""));

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
        if (task.StopCode == "TaskFailedToStart" || Contains(reason, "CannotPullContainerError") || Contains(containerReasons, "CannotPullContainerError")
            || Contains(reason, "ResourceInitializationError"))
        {
            return Evidence.StartFailure.Explain(task.StopCode, task.StoppedReason, task.Containers.Select(c => c.Reason));
        }

        if (Contains(containerReasons, "OutOfMemoryError") || task.Containers.Any(c => c.ExitCode == 137 && Contains(c.Reason, "memory")))
        {
            return "A container ran out of memory: raise the task or container memory, or find the leak.";
        }

        if (task.StopCode == "EssentialContainerExited" && task.Containers.Any(c => c.ExitCode is int code && code != 0))
        {
            return "The application exited with an error; its log says why.";
        }

        return null;
    }

    private static bool Contains(string? text, string fragment) =>
        text != null && text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0;
}
