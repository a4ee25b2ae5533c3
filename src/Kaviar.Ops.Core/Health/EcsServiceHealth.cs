using System;
using System.Collections.Generic;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Health;

/// <summary>
/// "Is this service up, and if not, what do ECS and its tasks say": one object per service.
/// Carries Region, Cluster, ServiceName and TargetGroupArn so the next command binds them by property name.
/// </summary>
public sealed class EcsServiceHealth : IRegionalOutput
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint the lookup used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    public string ServiceArn { get; set; } = "";

    /// <summary>ACTIVE, DRAINING or INACTIVE.</summary>
    public string Status { get; set; } = "";

    public int DesiredCount { get; set; }

    public int RunningCount { get; set; }

    public int PendingCount { get; set; }

    /// <summary>The task definition of the PRIMARY deployment.</summary>
    public string TaskDefinition { get; set; } = "";

    public string? LaunchType { get; set; }

    /// <summary>The first load-balancer target group, for piping into target-health commands.</summary>
    public string? TargetGroupArn { get; set; }

    public IReadOnlyList<string> TargetGroupArns { get; set; } = Array.Empty<string>();

    public IReadOnlyList<EcsDeploymentState> Deployments { get; set; } = Array.Empty<EcsDeploymentState>();

    /// <summary>The newest service events first.</summary>
    public IReadOnlyList<EcsServiceEventEntry> Events { get; set; } = Array.Empty<EcsServiceEventEntry>();

    /// <summary>Recently stopped tasks (ECS keeps them about an hour), newest first.</summary>
    public IReadOnlyList<EcsStoppedTask> StoppedTasks { get; set; } = Array.Empty<EcsStoppedTask>();

    /// <summary>True when the service is ACTIVE, at its desired count, with one completed deployment and no failing tasks.</summary>
    public bool Healthy { get; set; }

    /// <summary>Why it is not healthy, most important first; empty when healthy.</summary>
    public IReadOnlyList<string> Reasons { get; set; } = Array.Empty<string>();

    /// <summary>The same verdicts as findings: a stable code, severity, evidence and fix each.</summary>
    public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

    public DateTime CheckedAt { get; set; }
}

public sealed class EcsDeploymentState
{
    public string Id { get; set; } = "";

    /// <summary>PRIMARY, ACTIVE or INACTIVE.</summary>
    public string Status { get; set; } = "";

    public string TaskDefinition { get; set; } = "";

    public int DesiredCount { get; set; }

    public int RunningCount { get; set; }

    public int PendingCount { get; set; }

    public int FailedTasks { get; set; }

    /// <summary>IN_PROGRESS, COMPLETED or FAILED.</summary>
    public string? RolloutState { get; set; }

    public string? RolloutStateReason { get; set; }

    public DateTime? CreatedAt { get; set; }

    public DateTime? UpdatedAt { get; set; }
}

public sealed class EcsServiceEventEntry
{
    public DateTime? CreatedAt { get; set; }

    public string Message { get; set; } = "";
}

public sealed class EcsStoppedTask
{
    public string Cluster { get; set; } = "";

    public string TaskArn { get; set; } = "";

    public string TaskId { get; set; } = "";

    public string TaskDefinition { get; set; } = "";

    public string TaskDefinitionArn { get; set; } = "";

    public string? StartedBy { get; set; }

    /// <summary>DEACTIVATING, STOPPING, DEPROVISIONING or STOPPED: a task asked to stop is listed before it has stopped.</summary>
    public string LastStatus { get; set; } = "";

    public string? StopCode { get; set; }

    public string? StoppedReason { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? StoppedAt { get; set; }

    public IReadOnlyList<EcsContainerExit> Containers { get; set; } = Array.Empty<EcsContainerExit>();

    /// <summary>True when the task stopped because something went wrong, not because it was scaled in or replaced.</summary>
    public bool Failed { get; set; }

    /// <summary>The likely cause and what to check next, when the stop reason is one we recognise.</summary>
    public string? Hint { get; set; }

    /// <summary>What its essential container logged, or why it has no log; read for a few failed tasks per service.</summary>
    public Evidence.TaskLogEvidence? Log { get; set; }
}

public sealed class EcsContainerExit
{
    public string Name { get; set; } = "";

    public int? ExitCode { get; set; }

    public string? Reason { get; set; }

    public string? LastStatus { get; set; }
}
