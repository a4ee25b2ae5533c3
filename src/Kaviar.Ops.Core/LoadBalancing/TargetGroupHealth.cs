using System;
using System.Collections.Generic;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>Every target of one target group with its state, and a verdict. Carries the service it serves when known.</summary>
public sealed class TargetGroupHealth : IRegionalOutput
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint the check used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string TargetGroupArn { get; set; } = "";

    public string TargetGroupName { get; set; } = "";

    public int? Port { get; set; }

    public string? HealthCheckPath { get; set; }

    /// <summary>HTTP or HTTPS: how the health checks speak to the target (HTTPS needs the app to serve TLS on the port).</summary>
    public string? HealthCheckProtocol { get; set; }

    public string? Matcher { get; set; }

    /// <summary>The service whose tasks register here, when the check started from a service.</summary>
    public string? Cluster { get; set; }

    public string? ServiceName { get; set; }

    public IReadOnlyList<string> LoadBalancerArns { get; set; } = Array.Empty<string>();

    public IReadOnlyList<TargetState> Targets { get; set; } = Array.Empty<TargetState>();

    public int HealthyCount { get; set; }

    /// <summary>At least one target healthy (every target, when all were required).</summary>
    public bool Healthy { get; set; }

    public IReadOnlyList<string> Reasons { get; set; } = Array.Empty<string>();

    /// <summary>The same verdicts as findings: a stable code, severity, evidence and fix each.</summary>
    public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

    public DateTime CheckedAt { get; set; }
}

/// <summary>One registered target, with what its state means and what to do about it.</summary>
public sealed class TargetState
{
    public string TargetGroupArn { get; set; } = "";

    /// <summary>The target's IP address (ip target groups) or instance id.</summary>
    public string Id { get; set; } = "";

    public int? Port { get; set; }

    public string? AvailabilityZone { get; set; }

    /// <summary>initial, healthy, unhealthy, unused, draining or unavailable.</summary>
    public string State { get; set; } = "";

    /// <summary>ELB's reason code, e.g. Target.Timeout.</summary>
    public string? Reason { get; set; }

    public string? Description { get; set; }

    /// <summary>The likely cause, in words.</summary>
    public string? Explanation { get; set; }

    /// <summary>The line that checks or fixes it.</summary>
    public string? NextStep { get; set; }

    /// <summary>The module command that checks or fixes it, when the module has one.</summary>
    public SuggestedCommand? NextCommand { get; set; }

    /// <summary>What the target's state means as a finding (its code is ELB's reason code); null for a healthy target.</summary>
    public Finding? Finding { get; set; }
}
