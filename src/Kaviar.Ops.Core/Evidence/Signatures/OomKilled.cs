using System;
using System.Collections.Generic;
using System.Globalization;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// Read from the context, not the lines (the kernel's OOM killer leaves none in the app's log): exit code 137 is
/// SIGKILL. When the container stopped by itself, or ECS's reason says OutOfMemoryError, the kernel killed it at its
/// memory limit; when ECS was stopping the task, 137 is only the SIGKILL that follows stopTimeout and says nothing.
/// </summary>
internal sealed class OomKilled : ILogSignature
{
    private const int SigKillExitCode = 137;

    public string Id => "OomKilled";

    public IEnumerable<LogMatch> Match(LogLines lines, LogContext context)
    {
        var ecsSaysOutOfMemory = context.ContainerReason != null &&
                                 context.ContainerReason.IndexOf("OutOfMemory", StringComparison.OrdinalIgnoreCase) >= 0;
        var killed = context.ExitCode == SigKillExitCode;
        if (!ecsSaysOutOfMemory && !(killed && context.ExitedOnItsOwn != false))
        {
            yield break;
        }

        string cause;
        if (ecsSaysOutOfMemory)
        {
            cause = $"ECS reports that {context.ContainerPhrase} was killed for using more memory than its limit.";
        }
        else if (context.ExitedOnItsOwn == true)
        {
            cause = $"{context.ContainerSubject} was killed with SIGKILL (exit code 137) while ECS was not stopping it: " +
                    "most likely the kernel's OOM killer, at the container's or the task's memory limit.";
        }
        else
        {
            cause = $"{context.ContainerSubject} exited with code 137 (SIGKILL): likely the kernel's OOM killer at its memory limit, " +
                    "unless ECS was stopping the task (a deployment or scale-in sends SIGKILL after stopTimeout, which also reads 137).";
        }

        var evidence = new List<string>();
        if (context.ExitCode is int code)
        {
            evidence.Add($"{context.ContainerSubject} exit code: {code.ToString(CultureInfo.InvariantCulture)}");
        }

        if (context.ContainerReason != null)
        {
            evidence.Add($"ECS container reason: {context.ContainerReason}");
        }

        yield return new LogMatch(Id, 0, 0, cause,
            LogFacts.Of((LogFacts.ExitCode, context.ExitCode?.ToString(CultureInfo.InvariantCulture))),
            null,
            "Give the task more memory (and the container, if it sets a memory limit) in a new task definition revision and deploy it; " +
            "if its memory keeps growing until it is killed, find the leak.",
            evidence);
    }
}
