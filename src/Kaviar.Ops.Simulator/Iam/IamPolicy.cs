using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Simulator.Iam;

/// <summary>
/// Who calls the simulated account, and the IAM actions its identity-based policy leaves out: an on-call role written
/// as an explicit list of actions. Every action is allowed until denied here. Patterns match as IAM matches actions:
/// case-insensitively, with <c>*</c> and <c>?</c> wildcards (<c>ecs:List*</c>). IAM is global: every region of the
/// account shares one policy. Resources and conditions are not modelled, so a denial names the resource <c>*</c>.
/// </summary>
public sealed class IamPolicy
{
    private readonly object _gate = new object();
    private readonly List<(string Pattern, Regex Matcher)> _denied = new();

    public IamPolicy(string accountId) => CallerArn = $"arn:aws:iam::{accountId}:user/simulated-operator";

    /// <summary>The identity every request is signed as: what GetCallerIdentity answers and a denial names.</summary>
    public string CallerArn { get; }

    /// <summary>The patterns denied so far, in the order they were.</summary>
    public IReadOnlyList<string> DeniedActions
    {
        get
        {
            lock (_gate)
            {
                return _denied.Select(d => d.Pattern).ToList();
            }
        }
    }

    /// <summary>Leaves <paramref name="actionPattern"/> (service:Action, wildcards allowed) out of the caller's policy.</summary>
    public void Deny(string actionPattern)
    {
        if (actionPattern.IndexOf(':') <= 0)
        {
            throw new ArgumentException($"An IAM action is service:Action (ecs:ListServiceDeployments, ecs:List*), not '{actionPattern}'.", nameof(actionPattern));
        }

        var matcher = new Regex("^" + Regex.Escape(actionPattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        lock (_gate)
        {
            _denied.Add((actionPattern, matcher));
        }
    }

    /// <summary>Allows every action again.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _denied.Clear();
        }
    }

    public bool IsDenied(string action)
    {
        lock (_gate)
        {
            return _denied.Any(d => d.Matcher.IsMatch(action));
        }
    }
}
