using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Ecs;

/// <summary>The one rule for which container's exit explains why a task stopped.</summary>
public static class ContainerExits
{
    /// <summary>The exit code of a process that ends on the SIGTERM ECS sends when it stops a task (128 + 15).</summary>
    public const int StoppedBySigterm = 143;

    /// <summary>
    /// The container whose exit explains the stop: one that failed with its own code first, then one whose process ended
    /// (exit 0), and only then one ECS stopped with SIGTERM (143), so a log router stopped beside a crashed app is never
    /// taken for it. Among equals, the first listed; null when no container has an exit code.
    /// </summary>
    public static T? ExplainingStop<T>(IEnumerable<T> containers, Func<T, int?> exitCode) where T : class =>
        containers.Where(c => exitCode(c) != null)
            .OrderBy(c => exitCode(c) switch
            {
                StoppedBySigterm => 2,
                0 => 1,
                _ => 0,
            })
            .FirstOrDefault();
}
