using System;
using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint.Lambda;

/// <summary>The check of one Lambda function's configuration: findings at or above the asked severity, rules skipped and why; Passed is false when any Error finding exists.</summary>
public sealed class LambdaConfigurationReport : IRegionalOutput
{
    /// <summary>The region the function was read in; empty for a file checked offline.</summary>
    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    public string FunctionName { get; set; } = "";

    /// <summary>The file checked, for an offline check.</summary>
    public string? Path { get; set; }

    public bool Passed { get; set; }

    public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

    /// <summary>"RuleId: the fact it lacked", for each rule that did not run.</summary>
    public IReadOnlyList<string> Skipped { get; set; } = Array.Empty<string>();

    public override string ToString() => $"{FunctionName}: {(Passed ? "passed" : "failed")}, {Findings.Count} finding(s)";
}
