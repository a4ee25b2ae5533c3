using System;

namespace Kaviar.Ops.Simulator.Timekeeping;

/// <summary>The simulated account's notion of now. Time-driven state (task lifecycles, health checks) follows it.</summary>
public interface IClock
{
    DateTime UtcNow { get; }
}

/// <summary>A clock that only moves when told to: tests step through a task's lifecycle second by second.</summary>
public sealed class ManualClock : IClock
{
    private readonly object _gate = new object();
    private DateTime _utcNow;

    public ManualClock(DateTime startUtc)
    {
        _utcNow = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
    }

    /// <summary>A fixed, round start so expected values in tests are readable.</summary>
    public ManualClock()
        : this(new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc))
    {
    }

    /// <summary>Raised after every <see cref="Advance"/>; a running account settles its state on it.</summary>
    public event Action? Advanced;

    public DateTime UtcNow
    {
        get
        {
            lock (_gate)
            {
                return _utcNow;
            }
        }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Time only moves forward.");
        }

        lock (_gate)
        {
            _utcNow += by;
        }

        Advanced?.Invoke();
    }
}

/// <summary>Real time, optionally sped up so a demo shows a ten-minute outage in one minute.</summary>
public sealed class SystemClock : IClock
{
    private readonly DateTime _startedAt = DateTime.UtcNow;

    public SystemClock(double speed = 1.0)
    {
        if (speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be positive.");
        }

        Speed = speed;
    }

    public double Speed { get; }

    public DateTime UtcNow => _startedAt + TimeSpan.FromTicks((long)((DateTime.UtcNow - _startedAt).Ticks * Speed));
}
