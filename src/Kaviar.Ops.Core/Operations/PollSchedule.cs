using System;
using System.Threading;
using System.Threading.Tasks;

namespace Kaviar.Ops.Operations;

/// <summary>
/// When to look again while waiting on AWS: fast at first (most waits end quickly), then backing off to a ceiling
/// that keeps a waiter far below the Describe* rate limits, and never past the deadline.
/// </summary>
public sealed class PollSchedule
{
    private static readonly TimeSpan[] Steps =
    {
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8),
    };

    private readonly Func<DateTime> utcNow;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private readonly TimeSpan ceiling;
    private int attempt;

    public PollSchedule(TimeSpan timeout, TimeSpan? ceiling = null, Func<DateTime>? utcNow = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        this.delay = delay ?? Task.Delay;
        this.ceiling = ceiling ?? TimeSpan.FromSeconds(10);
        Started = this.utcNow();
        Deadline = Started + timeout;
    }

    public DateTime Started { get; }

    public DateTime Deadline { get; }

    public TimeSpan Elapsed => utcNow() - Started;

    public TimeSpan Remaining => Deadline - utcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    public bool Expired => utcNow() >= Deadline;

    /// <summary>The pause before the next poll (also the sequence tests assert).</summary>
    public TimeSpan NextInterval()
    {
        var step = attempt < Steps.Length ? Steps[attempt] : ceiling;
        attempt++;
        var interval = step < ceiling ? step : ceiling;
        return interval < Remaining ? interval : Remaining;
    }

    /// <summary>Waits the next interval; false when the deadline has passed and the caller should stop.</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        if (Expired)
        {
            return false;
        }

        await delay(NextInterval(), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
