using System;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Operations;

namespace Kaviar.Ops.Kernel;

/// <summary>What to wait for: a probe that looks once, the condition that ends the wait, and how to say where it stands.</summary>
public sealed class WaitSpec<T>
{
    /// <summary>The Write-Progress activity: one per wait, completed when the wait ends however it ends.</summary>
    public string Activity { get; set; } = "Waiting";

    public TimeSpan Timeout { get; set; }

    /// <summary>How many AWS calls one probe makes; the interval grows with it so a waiter stays under 2 calls a second.</summary>
    public int CallsPerProbe { get; set; } = 1;

    public Func<CancellationToken, Task<T>> Probe { get; set; } = _ => throw new InvalidOperationException("No probe.");

    public Func<T, bool> Done { get; set; } = _ => true;

    /// <summary>The progress line for an observation that is not done yet.</summary>
    public Func<T, string> Describe { get; set; } = _ => "";

    /// <summary>The terminating error when the timeout passes: it carries the last observation.</summary>
    public Func<T, TimeSpan, OpsException> TimedOut { get; set; } = (_, timeout) => new OpsException(ErrorTable.UnexpectedFailure, $"Timed out after {timeout}.");
}

/// <summary>
/// The one wait loop: probes at once, then after 1 s, then every 2 s (longer only when a probe is many calls), so a
/// wait returns within about 2 s of its condition holding. Progress on one activity with a Completed record at the
/// end, the timeout as the spec's terminating error, and Ctrl+C through the context's cancellation token.
/// </summary>
public static class Waiter
{
    /// <summary>The pause before the next probe; the sequence tests assert.</summary>
    public static TimeSpan Interval(int probesSoFar, int callsPerProbe)
    {
        var floor = TimeSpan.FromSeconds(Math.Max(1, callsPerProbe) / MaxCallsPerSecond);
        var step = probesSoFar <= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);
        return step > floor ? step : floor;
    }

    public static Task<T> UntilAsync<T>(OpsContext context, WaitSpec<T> spec) =>
        UntilAsync(context.Clock, context.Reporter, spec, context.CancellationToken);

    public static async Task<T> UntilAsync<T>(IOpsClock clock, IOperationReporter reporter, WaitSpec<T> spec, CancellationToken cancellationToken)
    {
        var started = clock.UtcNow;
        var deadline = started + spec.Timeout;
        var probes = 0;
        try
        {
            while (true)
            {
                var observed = await spec.Probe(cancellationToken).ConfigureAwait(false);
                probes++;
                if (spec.Done(observed))
                {
                    return observed;
                }

                var now = clock.UtcNow;
                if (now >= deadline)
                {
                    throw spec.TimedOut(observed, spec.Timeout);
                }

                var remaining = deadline - now;
                reporter.Progress(new ProgressUpdate(spec.Activity, $"{spec.Describe(observed)} ({now - started:mm\\:ss} elapsed)",
                    secondsRemaining: (int)remaining.TotalSeconds));
                var pause = Interval(probes, spec.CallsPerProbe);
                await clock.Delay(pause < remaining ? pause : remaining, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            reporter.Progress(new ProgressUpdate(spec.Activity, "Done", completed: true));
        }
    }

    /// <summary>Far under the Describe* limits (ECS and ELBv2 allow 20 or more a second for an account).</summary>
    private const double MaxCallsPerSecond = 2.0;
}
