using System;
using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint;

/// <summary>
/// The lint of one task definition (a file's, or a live service's with its surroundings): the findings at or above
/// the asked severity, and the rules that could not run and why. Passed is false when any Error finding exists,
/// whatever the filter, so a runbook can end on it.
/// </summary>
public sealed class ReadinessReport : IRegionalOutput
{
    /// <summary>The region the service was read in; empty for a file linted offline.</summary>
    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    public string? Cluster { get; set; }

    public string? ServiceName { get; set; }

    /// <summary>The task definition's ARN, or family:revision for a file that names no revision.</summary>
    public string TaskDefinition { get; set; } = "";

    /// <summary>The file linted, for an offline lint.</summary>
    public string? Path { get; set; }

    public bool Passed { get; set; }

    public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

    /// <summary>"RuleId: the fact it lacked", for each rule that did not run.</summary>
    public IReadOnlyList<string> Skipped { get; set; } = Array.Empty<string>();

    /// <summary>What the report could not read, for the command to write as warnings: each action AWS denied.</summary>
    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    public override string ToString() => $"{ServiceName ?? Path ?? TaskDefinition}: {(Passed ? "passed" : "failed")}, {Findings.Count} finding(s)";
}
