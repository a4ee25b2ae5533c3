using System.Collections.Generic;
using System.Linq;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Ecs;

/// <summary>Stopped tasks summed up by why they stopped: the reason, the first container exit code, how many.</summary>
public static class StoppedTaskReasons
{
    /// <summary>"reason (container c exit N) xCount", most frequent first.</summary>
    public static IReadOnlyList<string> Summarize(IReadOnlyList<EcsTask> stopped) =>
        stopped
            .Select(t => $"{t.StoppedReason}{(t.Containers?.FirstOrDefault(c => c.ExitCode != null) is { } c ? $" (container {c.Name} exit {c.ExitCode})" : "")}")
            .GroupBy(r => r)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}")
            .ToList();
}
