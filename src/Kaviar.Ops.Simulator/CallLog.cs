using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator;

/// <summary>One API call as the account saw it.</summary>
public sealed record RecordedCall(
    string Service,
    string Action,
    bool IsMutating,
    DateTime At,
    int StatusCode,
    string? ErrorCode,
    string RequestId)
{
    /// <summary>The region the call was signed for (and answered from); null when it could not be routed.</summary>
    public string? Region { get; init; }
}

/// <summary>Every call the account answered, in arrival order; proves e.g. that -WhatIf changed nothing.</summary>
public sealed class CallLog
{
    private readonly object _gate = new object();
    private readonly List<RecordedCall> _calls = new();

    public IReadOnlyList<RecordedCall> Snapshot()
    {
        lock (_gate)
        {
            return _calls.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    /// <summary>Calls of state-changing actions, answered or not (a rejected mutation was still attempted).</summary>
    public int CountMutating()
    {
        lock (_gate)
        {
            return _calls.Count(call => call.IsMutating);
        }
    }

    internal void Record(RecordedCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }
}
