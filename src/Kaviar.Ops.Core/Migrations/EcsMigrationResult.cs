using System;
using System.Collections.Generic;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Migrations;

/// <summary>The outcome of one migration task: the exit code scripts branch on, why ECS stopped it, and its log tail.</summary>
public sealed class EcsMigrationResult : IRegionalOutput
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    public string TaskArn { get; set; } = "";

    public string TaskId { get; set; } = "";

    public string TaskDefinitionArn { get; set; } = "";

    public string Container { get; set; } = "";

    public IReadOnlyList<string> Command { get; set; } = Array.Empty<string>();

    /// <summary>The task's last known status; STOPPED once the run is over.</summary>
    public string LastStatus { get; set; } = "";

    public int? ExitCode { get; set; }

    public string? ContainerReason { get; set; }

    public string? StopCode { get; set; }

    public string? StoppedReason { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? StoppedAt { get; set; }

    public TimeSpan? Duration { get; set; }

    public string? LogGroup { get; set; }

    public string? LogStream { get; set; }

    /// <summary>The last lines the task logged (the whole run when it was short).</summary>
    public IReadOnlyList<string> LogTail { get; set; } = Array.Empty<string>();

    /// <summary>The known failures its log shows, with their fixes, when it failed.</summary>
    public IReadOnlyList<Evidence.LogDiagnosis> Diagnoses { get; set; } = Array.Empty<Evidence.LogDiagnosis>();

    public bool Succeeded => ExitCode == 0;
}
