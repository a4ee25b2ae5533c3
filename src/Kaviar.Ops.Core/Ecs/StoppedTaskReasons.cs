using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.AwsServices.ECS.Model;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Ecs;

/// <summary>Stopped tasks summed up by why they stopped: the reason, the exit code of the container that explains it, how many.</summary>
public static class StoppedTaskReasons
{
    /// <summary>"reason (container c exit N) xCount", most frequent first.</summary>
    public static IReadOnlyList<string> Summarize(IReadOnlyList<EcsTask> stopped) =>
        stopped
            .Select(t => $"{t.StoppedReason}{(ContainerExits.ExplainingStop(t.Containers ?? new List<Container>(), c => c.ExitCode) is { } c ? $" (container {c.Name} exit {c.ExitCode})" : "")}")
            .GroupBy(r => r)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}")
            .ToList();
}
