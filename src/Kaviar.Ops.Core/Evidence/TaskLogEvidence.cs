using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Evidence;

/// <summary>What one stopped task's essential container left in its log: the last lines, or why there are none.</summary>
public sealed class TaskLogEvidence
{
    public string Container { get; set; } = "";

    /// <summary>awslogs, awsfirelens, splunk…; null when the container has no logConfiguration.</summary>
    public string? LogDriver { get; set; }

    public string? LogGroup { get; set; }

    public string? LogStream { get; set; }

    /// <summary>The region of the log group (awslogs-region or the FireLens output's region, else the task's).</summary>
    public string LogRegion { get; set; } = "";

    /// <summary>True when the stream was read; false when it does not exist or cannot be known.</summary>
    public bool StreamFound { get; set; }

    /// <summary>The newest lines of the stream, oldest first, as the container wrote them.</summary>
    public IReadOnlyList<string> Lines { get; set; } = Array.Empty<string>();

    /// <summary>Why there are no lines: the task never started (and what stopped it), or where its logging goes wrong.</summary>
    public string? WhyNoLog { get; set; }

    /// <summary>True when ECS never started the task's containers, so no stream could exist.</summary>
    public bool NeverStarted { get; set; }

    /// <summary>The known failures the lines (and the exit) show, most specific first; empty when none is known.</summary>
    public IReadOnlyList<LogDiagnosis> Diagnoses { get; set; } = Array.Empty<LogDiagnosis>();
}
