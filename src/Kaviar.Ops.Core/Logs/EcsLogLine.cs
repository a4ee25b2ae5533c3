using System;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Logs;

/// <summary>One line a task's container wrote to CloudWatch Logs, with the task and service it came from.</summary>
public sealed class EcsLogLine : IRegionalOutput
{
    /// <summary>When the container wrote the line (the event's timestamp), UTC.</summary>
    public DateTime Timestamp { get; set; }

    public string TaskId { get; set; } = "";

    public string Container { get; set; } = "";

    public string Message { get; set; } = "";

    public string LogGroup { get; set; } = "";

    public string LogStream { get; set; } = "";

    /// <summary>The region of the task and its service (the log group's own awslogs-region may differ).</summary>
    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    /// <summary>The service that started the task; empty for a task no service started.</summary>
    public string ServiceName { get; set; } = "";

    public override string ToString() => $"{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {TaskId} {Message}";
}
