using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Rules;

/// <summary>A task size Fargate does not offer: RegisterTaskDefinition or the task's placement refuses it.</summary>
internal sealed class FargateCpuMemory : LintRule<LintSubject>
{
    /// <summary>Fargate's task sizes ("Task CPU and memory"): per CPU units, the memory range in MiB and its step.</summary>
    private static readonly IReadOnlyDictionary<int, (int Min, int Max, int Step)> Sizes = new Dictionary<int, (int, int, int)>
    {
        [256] = (512, 2048, 512), // 512 MiB, 1 GB, 2 GB
        [512] = (1024, 4096, 1024),
        [1024] = (2048, 8192, 1024),
        [2048] = (4096, 16384, 1024),
        [4096] = (8192, 30720, 1024),
        [8192] = (16384, 61440, 4096),
        [16384] = (32768, 122880, 8192),
    };

    public override string Id => "FargateCpuMemory";

    public override FindingSeverity Severity => FindingSeverity.Error;

    public override string Explanation =>
        "Fargate runs only the documented task sizes: 256 CPU units with 512, 1024 or 2048 MiB; 512 with 1–4 GB; 1024 with 2–8 GB; 2048 " +
        "with 4–16 GB; 4096 with 8–30 GB (1 GB steps); 8192 with 16–60 GB (4 GB steps); 16384 with 32–120 GB (8 GB steps). Task-level " +
        "cpu and memory are required, and the containers' memory must fit in the task's.";

    public override IEnumerable<Finding> Check(LintSubject subject)
    {
        if (!subject.RunsOnFargate)
        {
            yield break;
        }

        var definition = subject.TaskDefinition;
        var cpu = Units(definition.Cpu, 1024);
        var memory = Units(definition.Memory, 1024);
        var evidence = new[] { $"cpu {definition.Cpu ?? "(unset)"}, memory {definition.Memory ?? "(unset)"}" };
        if (cpu == null || memory == null)
        {
            yield return Found("The task definition runs on Fargate but does not set both task-level cpu and memory, which Fargate requires.",
                "Set \"cpu\" and \"memory\" at the task level, e.g. \"cpu\": \"512\", \"memory\": \"1024\".", evidence: evidence);
            yield break;
        }

        if (!Sizes.TryGetValue(cpu.Value, out var range))
        {
            yield return Found($"Fargate has no task size with {cpu} CPU units; it offers {string.Join(", ", Sizes.Keys)}.",
                "Set \"cpu\" to one of 256, 512, 1024, 2048, 4096, 8192, 16384.", evidence: evidence);
        }
        // 256 units take 512 MiB, 1 GB or 2 GB: not 1.5 GB, which the step alone would allow.
        else if (memory < range.Min || memory > range.Max || (memory - range.Min) % range.Step != 0 || (cpu == 256 && memory == 1536))
        {
            yield return Found(
                $"Fargate does not run {cpu} CPU units with {memory} MiB: with {cpu} it takes {range.Min}–{range.Max} MiB in steps of {range.Step}.",
                $"Set \"memory\" to a value from {range.Min} to {range.Max} in steps of {range.Step}, or change \"cpu\".", evidence: evidence);
        }

        var containerMemory = subject.Containers().Sum(c => c.Memory ?? c.MemoryReservation ?? 0);
        if (containerMemory > memory)
        {
            yield return Found($"The containers ask for {containerMemory} MiB together, more than the task's {memory} MiB.",
                "Lower the containers' memory or raise the task's.", evidence: evidence);
        }
    }

    /// <summary>"1024", "1 vCPU", "2 GB", "0.5GB": CPU units or MiB; null when unset or unreadable.</summary>
    private static int? Units(string? text, int perUnit)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text!.Trim();
        var unit = new[] { "vcpu", "gb" }.FirstOrDefault(u => trimmed.EndsWith(u, StringComparison.OrdinalIgnoreCase));
        var number = unit == null ? trimmed : trimmed.Substring(0, trimmed.Length - unit.Length).Trim();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return (int)Math.Round(unit == null ? value : value * perUnit);
    }
}
