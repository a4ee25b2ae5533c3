using System;
using System.Threading;
using System.Threading.Tasks;

namespace Kaviar.Ops.Kernel;

/// <summary>Now, and waiting: what every wait and every "how long ago" reads, so tests and rehearsals can run them in simulated time.</summary>
public interface IOpsClock
{
    DateTime UtcNow { get; }

    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>The clock commands use. Real time, unless a rehearsal host or a test puts its simulated clock here.</summary>
public static class OpsClock
{
    public static IOpsClock System { get; } = new DelegateClock(() => DateTime.UtcNow, Task.Delay);

    public static IOpsClock Current { get; private set; } = System;

    /// <summary>
    /// Runs every command of this process on another clock (a simulated account's); null restores real time.
    /// Plain delegates, so a host can call this through reflection on the module's own copy of this assembly.
    /// </summary>
    public static void Use(Func<DateTime>? utcNow, Func<TimeSpan, CancellationToken, Task>? delay) =>
        Current = utcNow == null || delay == null ? System : new DelegateClock(utcNow, delay);

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
