using System;
using System.Collections.Generic;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>One thing worth knowing about a listener or one of its rules; Fix is the command that mends it.</summary>
public sealed class AlbListenerFinding : IRegionalOutput
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string LoadBalancerName { get; set; } = "";

    public string ListenerArn { get; set; } = "";

    public int? Port { get; set; }

    public string? RuleArn { get; set; }

    /// <summary>The rule's priority, or "default".</summary>
    public string? Priority { get; set; }

    public IReadOnlyList<string> HostHeaders { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> PathPatterns { get; set; } = Array.Empty<string>();

    /// <summary>Stable, as a finding's code: ListenerDefaultActionError, RuleForwardsToUnhealthyTargetGroup, ListenerRule.</summary>
    public string Code { get; set; } = "";

    /// <summary>Error (requests fail), Warning (some requests fail) or Info.</summary>
    public string Severity { get; set; } = "Info";

    public string Finding { get; set; } = "";

    public string? Fix { get; set; }

    /// <summary>The module command that mends it, when there is one.</summary>
    public SuggestedCommand? FixCommand { get; set; }
}

/// <summary>Where a request with a given Host and path ends up.</summary>
public sealed class AlbRoute : IRegionalOutput
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string LoadBalancerName { get; set; } = "";

    public string ListenerArn { get; set; } = "";

    public int? Port { get; set; }

    public string? HostHeader { get; set; }

    public string Path { get; set; } = "/";

    public string RuleArn { get; set; } = "";

    public string Priority { get; set; } = "";

    public bool IsDefault { get; set; }

    /// <summary>forward, fixed-response or redirect.</summary>
    public string ActionType { get; set; } = "";

    public string? TargetGroupArn { get; set; }

    public int? FixedResponseStatus { get; set; }

    public int? HealthyTargets { get; set; }

    /// <summary>What the client gets, in words: "forwarded to qa-faxi-backend-tg (1 healthy target)" or "404 fixed response".</summary>
    public string Outcome { get; set; } = "";
}

/// <summary>A listener default-action repair: what it was, what it is now, and whether anything changed.</summary>
public sealed class AlbListenerRepair : IRegionalOutput, IRepairStep
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string ListenerArn { get; set; } = "";

    public int? Port { get; set; }

    public string PreviousDefaultAction { get; set; } = "";

    public string TargetGroupArn { get; set; } = "";

    /// <summary>Applied, AlreadyInPlace, Planned (-WhatIf) or Skipped (declined).</summary>
    public string Status { get; set; } = "";

    public bool NeedsChange => Status == "Planned";

    IRepairStep IRepairStep.Skipped()
    {
        var skipped = (AlbListenerRepair)MemberwiseClone();
        skipped.Status = "Skipped";
        return skipped;
    }

    /// <summary>The default action decides where every unmatched request goes.</summary>
    public bool HighImpact => true;

    public string Action => $"Set the default action from '{PreviousDefaultAction}' to 'forward to {TargetGroupArn}'";

    public string Describe() => $"listener {ListenerArn} (port {Port}, {Region})";

    public override string ToString() => $"{Status}: {Describe()} forwards to {TargetGroupArn}";
}
