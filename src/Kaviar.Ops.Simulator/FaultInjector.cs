using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator;

public enum FaultKind
{
    /// <summary>The service's throttling error (ThrottlingException, Throttling, RequestLimitExceeded).</summary>
    Throttle,

    /// <summary>A 5xx internal error.</summary>
    ServerError,

    /// <summary>The call is answered normally, after <see cref="FaultRule.Delay"/>.</summary>
    Latency,

    /// <summary>
    /// The call is answered normally, then another actor changes the account (<see cref="FaultRule.Drift"/>), as
    /// Terraform or a colleague reverting a change would: what the caller changed may not stay changed.
    /// </summary>
    Drift,

    /// <summary>
    /// The call is handled, then the connection closes before the answer is sent: the caller cannot tell whether it
    /// happened (a connection reset after a Lambda function ran).
    /// </summary>
    DropResponse,
}

/// <summary>Makes matching calls misbehave, a limited number of times.</summary>
public sealed class FaultRule
{
    /// <summary>SigV4 signing name: ecs, logs, ec2, elasticloadbalancing.</summary>
    public required string Service { get; init; }

    /// <summary>The action to fault; null faults every action of the service.</summary>
    public string? Action { get; init; }

    public FaultKind Kind { get; init; }

    /// <summary>How many matching calls to fault; null means every one until removed.</summary>
    public int? Times { get; init; } = 1;

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>What the other actor does right after the call (<see cref="FaultKind.Drift"/>), with the account locked.</summary>
    public Action<AccountState>? Drift { get; init; }

    internal int Remaining { get; set; }

    internal bool Matches(string service, string action) =>
        Service.Equals(service, StringComparison.OrdinalIgnoreCase)
        && (Action is null || Action.Equals(action, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Fault rules, checked in the order added; the first matching rule with uses left applies.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new object();
    private readonly List<FaultRule> _rules = new();

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            rule.Remaining = rule.Times ?? int.MaxValue;
            _rules.Add(rule);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Consumes one use of the first rule matching the call, if any.</summary>
    internal FaultRule? Take(string service, string action)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Remaining > 0 && r.Matches(service, action));
            if (rule is not null)
            {
                rule.Remaining--;
            }

            return rule;
        }
    }
}
