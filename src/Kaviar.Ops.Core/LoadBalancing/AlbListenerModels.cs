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

    /// <summary>Stable, as a finding's code: ListenerDefaultActionError, ListenerDefaultActionUnused, RuleForwardsToUnhealthyTargetGroup, RuleNeverReached, ListenerRule.</summary>
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

    /// <summary>The path asked about, with its query string.</summary>
    public string Path { get; set; } = "/";

    public string Method { get; set; } = "GET";

    public string RuleArn { get; set; } = "";

    public string Priority { get; set; } = "";

    public bool IsDefault { get; set; }

    /// <summary>The matched rule's conditions in words; empty for the default rule.</summary>
    public string Conditions { get; set; } = "";

    /// <summary>Where a redirect action sends this request (its placeholders filled in).</summary>
    public string? RedirectLocation { get; set; }

    /// <summary>The Host header the targets receive when the rule rewrites it; null when it does not.</summary>
    public string? TargetHostHeader { get; set; }

    /// <summary>The path and query the targets receive when the rule rewrites the URL; null when it does not.</summary>
    public string? TargetPath { get; set; }

    /// <summary>Rules ahead of the matched one that depend on the request's source address, which was not given (-SourceIp).</summary>
    public IReadOnlyList<string> Undecided { get; set; } = Array.Empty<string>();

    /// <summary>forward, fixed-response or redirect.</summary>
    public string ActionType { get; set; } = "";

    /// <summary>The target group of a forward (the heaviest one of a weighted forward; every group is in <see cref="TargetGroups"/>).</summary>
    public string? TargetGroupArn { get; set; }

    /// <summary>Every target group of a forward action, with its weight, its share of the requests and its targets' health.</summary>
    public IReadOnlyList<AlbForwardTargetGroup> TargetGroups { get; set; } = Array.Empty<AlbForwardTargetGroup>();

    public int? FixedResponseStatus { get; set; }

    /// <summary>The healthy targets of <see cref="TargetGroupArn"/>.</summary>
    public int? HealthyTargets { get; set; }

    /// <summary>
    /// What the client gets, in words: "forwarded to qa-faxi-backend-tg (1 healthy target(s))", "404 fixed response", or for a
    /// weighted forward each group's share: "forwarded by weight: 70% to blue-tg (2 healthy target(s)); 30% to green-tg, which has no healthy target: 503".
    /// </summary>
    public string Outcome { get; set; } = "";
}

/// <summary>One target group of a forward action: ELBv2 sends it Weight/sum of the requests (none at weight 0).</summary>
public sealed class AlbForwardTargetGroup
{
    public string TargetGroupArn { get; set; } = "";

    public string TargetGroupName { get; set; } = "";

    public int Weight { get; set; }

    /// <summary>The share of the action's requests this group gets, in percent (one decimal).</summary>
    public double SharePercent { get; set; }

    public int HealthyTargets { get; set; }

    /// <summary>
    /// Registered targets failing health checks. With no healthy target they still get the requests (the target group
    /// fails open); a group with neither healthy nor unhealthy targets (none registered, or only initial or draining) answers 503.
    /// </summary>
    public int UnhealthyTargets { get; set; }

    /// <summary>What this group's share of the requests gets, in words (appended to the group's name).</summary>
    public string Outcome { get; set; } = "";

    public override string ToString() => $"{TargetGroupName} {SharePercent}%{Outcome}";
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

    IReadOnlyList<string> IRepairStep.Warnings => Array.Empty<string>();

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
