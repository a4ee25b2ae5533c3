using System;
using System.Collections.Generic;
using Kaviar.Ops.Ecs;

namespace Kaviar.Ops.Logs;

/// <summary>What to read: a service's tasks, or named tasks of one cluster; from when, which containers, matching what, and whether to follow.</summary>
public sealed class EcsLogRequest
{
    /// <summary>The service whose tasks to read; null when <see cref="TaskArns"/> names the tasks.</summary>
    public ServiceReference? Service { get; set; }

    /// <summary>The cluster of <see cref="TaskArns"/>.</summary>
    public string Cluster { get; set; } = "";

    public IReadOnlyList<string> TaskArns { get; set; } = Array.Empty<string>();

    /// <summary>How far back to read; null for a service's last 10 minutes, or named tasks' whole life.</summary>
    public TimeSpan? Since { get; set; }

    /// <summary>A CloudWatch Logs filter pattern, passed to FilterLogEvents as it is.</summary>
    public string? FilterPattern { get; set; }

    /// <summary>The containers to read; empty for every container whose logs CloudWatch keeps.</summary>
    public IReadOnlyCollection<string> Containers { get; set; } = Array.Empty<string>();

    /// <summary>Keep reading new lines, and the streams of tasks that replace the service's tasks, until cancelled.</summary>
    public bool Follow { get; set; }

    /// <summary>With <see cref="Follow"/>, stop following after this long; null to follow until cancelled.</summary>
    public TimeSpan? Timeout { get; set; }
}
