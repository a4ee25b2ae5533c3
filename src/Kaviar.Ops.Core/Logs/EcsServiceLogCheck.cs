using System;
using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Logs;

/// <summary>
/// Whether every task of a service's PRIMARY deployment has logged a line: a runbook's "the logs show 'Backend
/// running on port 3001'". Passed is false, not an error, when a task has not (the runbook decides).
/// </summary>
public sealed class EcsServiceLogCheck : IRegionalOutput
{
    public bool Passed { get; set; }

    /// <summary>The text (or CloudWatch filter pattern) every task must have logged.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>True when <see cref="Pattern"/> is a CloudWatch Logs filter pattern rather than text.</summary>
    public bool IsFilterPattern { get; set; }

    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    /// <summary>The PRIMARY deployment whose tasks were checked.</summary>
    public string DeploymentId { get; set; } = "";

    /// <summary>Where the search starts (UTC); null when each task is searched from its start.</summary>
    public DateTime? Since { get; set; }

    /// <summary>Each task checked, found or not.</summary>
    public IReadOnlyList<EcsTaskLogMatch> Tasks { get; set; } = Array.Empty<EcsTaskLogMatch>();

    public string Detail { get; set; } = "";

    /// <summary>Containers or log groups that could not be read.</summary>
    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();
}

/// <summary>One task's answer: the first line matching, with when it was written, or nothing.</summary>
public sealed class EcsTaskLogMatch
{
    public string TaskId { get; set; } = "";

    public string TaskArn { get; set; } = "";

    /// <summary>PROVISIONING, PENDING or RUNNING: a task that has not started has logged nothing yet.</summary>
    public string LastStatus { get; set; } = "";

    public bool Found { get; set; }

    /// <summary>When the matching line was written, UTC.</summary>
    public DateTime? Timestamp { get; set; }

    public string? Message { get; set; }

    public string? Container { get; set; }

    public string? LogStream { get; set; }

    public override string ToString() => Found ? $"{TaskId}: {Timestamp:yyyy-MM-ddTHH:mm:ssZ} {Message}" : $"{TaskId} ({LastStatus}): not found";
}
