using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Simulator.Timekeeping;

/// <summary>
/// Due transitions of the simulated account, processed lazily in timestamp order when someone looks
/// (a request arrives, a test settles or advances the clock). No background timers: the state at any
/// instant is exactly what replaying every due transition up to that instant gives.
/// </summary>
public sealed class Timeline
{
    private readonly PriorityQueue<Action, (DateTime At, long Sequence)> _due = new();
    private long _sequence;

    public Timeline(DateTime now)
    {
        Now = now;
    }

    /// <summary>The instant being simulated: the due time of the transition running, else the last instant settled to.</summary>
    public DateTime Now { get; private set; }

    public int PendingCount => _due.Count;

    public void At(DateTime when, Action transition)
    {
        // Never schedule into the past: a transition "due earlier" happens now, after what is running.
        var at = when < Now ? Now : when;
        _due.Enqueue(transition, (at, _sequence++));
    }

    public void After(TimeSpan delay, Action transition) => At(Now + delay, transition);

    /// <summary>Runs every transition due up to <paramref name="until"/>, including ones they schedule on the way.</summary>
    public void CatchUp(DateTime until)
    {
        while (_due.TryPeek(out _, out var key) && key.At <= until)
        {
            var transition = _due.Dequeue();
            Now = key.At;
            transition();
        }

        if (until > Now)
        {
            Now = until;
        }
    }

    /// <summary>Moves the simulated instant back before anything happened, so a scenario can be built with history.</summary>
    internal void RewindTo(DateTime instant)
    {
        if (_due.Count > 0)
        {
            throw new InvalidOperationException("Cannot rewind a timeline that already has transitions due.");
        }

        Now = instant;
    }
}
