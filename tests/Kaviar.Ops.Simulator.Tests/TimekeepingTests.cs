using System;
using System.Collections.Generic;
using System.Threading;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

public sealed class TimekeepingTests
{
    private static readonly DateTime Noon = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_timeline_runs_due_transitions_in_time_order_including_ones_they_schedule()
    {
        var timeline = new Timeline(Noon);
        var ran = new List<string>();
        timeline.At(Noon.AddSeconds(20), () => ran.Add($"b@{timeline.Now:ss}"));
        timeline.At(Noon.AddSeconds(10), () =>
        {
            ran.Add($"a@{timeline.Now:ss}");
            timeline.After(TimeSpan.FromSeconds(5), () => ran.Add($"a+5@{timeline.Now:ss}"));
        });
        timeline.At(Noon.AddSeconds(20), () => ran.Add($"c@{timeline.Now:ss}"));
        timeline.At(Noon.AddSeconds(60), () => ran.Add("late"));

        timeline.CatchUp(Noon.AddSeconds(30));

        Assert.Equal(new[] { "a@10", "a+5@15", "b@20", "c@20" }, ran);
        Assert.Equal(Noon.AddSeconds(30), timeline.Now);
        Assert.Equal(1, timeline.PendingCount);
    }

    [Fact]
    public void A_transition_scheduled_in_the_past_runs_at_the_current_instant()
    {
        var timeline = new Timeline(Noon);
        var at = DateTime.MinValue;
        timeline.At(Noon.AddMinutes(-5), () => at = timeline.Now);

        timeline.CatchUp(Noon);

        Assert.Equal(Noon, at);
    }

    [Fact]
    public void The_manual_clock_only_moves_forward_and_tells_who_listens()
    {
        var clock = new ManualClock(Noon);
        var advanced = 0;
        clock.Advanced += () => advanced++;

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Noon.AddMinutes(1), clock.UtcNow);
        Assert.Equal(1, advanced);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void The_system_clock_can_run_faster_than_real_time()
    {
        var clock = new SystemClock(speed: 60);
        var start = clock.UtcNow;

        Thread.Sleep(200);

        // 200 ms of real time is 12 s of simulated time; allow for a slow machine but not for real time.
        Assert.InRange(clock.UtcNow - start, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(60));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SystemClock(speed: 0));
    }

    [Fact]
    public void An_account_on_the_system_clock_settles_on_request()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy).WithHistory(TimeSpan.Zero), new SystemClock(speed: 200));

        // At 200x, the 30 s to RUNNING take 150 ms of real time.
        Thread.Sleep(400);

        Assert.Equal("RUNNING", account.Read(s => s.ServiceTasks()[0].LastStatus));
    }
}
