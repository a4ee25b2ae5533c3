using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Kaviar.Ops.Kernel;

/// <summary>Now, and waiting: what every wait and every "how long ago" reads, so tests and rehearsals can run them in simulated time.</summary>
public interface IOpsClock
{
    DateTime UtcNow { get; }

    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>
/// The clock commands use: real time, unless a rehearsal host or a test has put a simulated clock on its PowerShell
/// session (by the runspace's id), so that session's waits run in simulated time and no other session's do.
/// </summary>
public static class OpsClock
{
    private static readonly ConcurrentDictionary<Guid, IOpsClock> BySession = new ConcurrentDictionary<Guid, IOpsClock>();

    public static IOpsClock System { get; } = new DelegateClock(() => DateTime.UtcNow, Task.Delay);

    /// <summary>The clock of the session <paramref name="sessionId"/> (a runspace's InstanceId).</summary>
    public static IOpsClock For(Guid sessionId) => BySession.TryGetValue(sessionId, out var clock) ? clock : System;

    /// <summary>
    /// Runs the commands of one session on another clock (a simulated account's); null delegates restore real time.
    /// Plain types only, so a host can call this through reflection on the module's own copy of this assembly.
    /// </summary>
    public static void Use(Guid sessionId, Func<DateTime>? utcNow, Func<TimeSpan, CancellationToken, Task>? delay)
    {
        if (utcNow == null || delay == null)
        {
            BySession.TryRemove(sessionId, out _);
        }
        else
        {
            BySession[sessionId] = new DelegateClock(utcNow, delay);
        }
    }

    public static IOpsClock From(Func<DateTime> utcNow, Func<TimeSpan, CancellationToken, Task>? delay = null) =>
        new DelegateClock(utcNow, delay ?? Task.Delay);

    private sealed class DelegateClock : IOpsClock
    {
        private readonly Func<DateTime> utcNow;
        private readonly Func<TimeSpan, CancellationToken, Task> delay;

        public DelegateClock(Func<DateTime> utcNow, Func<TimeSpan, CancellationToken, Task> delay)
        {
            this.utcNow = utcNow;
            this.delay = delay;
        }

        public DateTime UtcNow => utcNow();

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => this.delay(delay, cancellationToken);
    }
}
