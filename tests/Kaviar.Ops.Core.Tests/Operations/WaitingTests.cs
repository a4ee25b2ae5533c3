using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Core.Tests.Network;
using Kaviar.Ops.LoadBalancing;
using Kaviar.Ops.Operations;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Operations;

public sealed class PollScheduleTests
{
    [Fact]
    public void Polls_fast_at_first_then_backs_off_to_the_ceiling_and_never_past_the_deadline()
    {
        var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        var schedule = new PollSchedule(TimeSpan.FromSeconds(40), utcNow: () => now);

        var intervals = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var interval = schedule.NextInterval();
            intervals.Add(interval.TotalSeconds);
            now += interval;
        }

        // 1+2+3+5+8+10 = 29 s; then the ceiling of 10 s again, then only the 1 s left before the deadline.
        Assert.Equal(new double[] { 1, 2, 3, 5, 8, 10, 10 }, intervals);
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.NextInterval());
        now += TimeSpan.FromSeconds(1);
        Assert.True(schedule.Expired);
        Assert.Equal(TimeSpan.Zero, schedule.NextInterval());
    }
}

/// <summary>
/// Waiting in simulated time: the inspector's delays advance the account's manual clock, so the test is exact and
/// takes no wall-clock time.
/// </summary>
public sealed class TargetHealthWaitTests : IDisposable
{
    private readonly NetworkTestAccount test = new NetworkTestAccount(Scenarios.Seed001());

    public void Dispose() => test.Dispose();

    [Fact]
    public async Task Wait_returns_at_the_first_poll_that_sees_a_healthy_target()
    {
        var clock = (ManualClock)test.Account.Clock;
        lock (test.Account.State.SyncRoot)
        {
            var ec2 = test.Account.State.Ec2;
            ec2.AuthorizeIngressFromGroup(test.GroupId("kaviar-default-sg"), 3001, test.GroupId("kaviar-alb-sg"));
        }

        var polls = new List<(DateTime At, bool Healthy)>();
        var inspector = new TargetHealthInspector(test.Elb, test.Ecs, test.Account.Region, () => clock.UtcNow,
            (interval, _) =>
            {
                clock.Advance(interval);
                return Task.CompletedTask;
            });
        var selection = new TargetGroupSelection { Cluster = NetworkTestAccount.Cluster, ServiceName = NetworkTestAccount.Service };
        var started = clock.UtcNow;

        var groups = await inspector.WaitAsync(selection, requireAll: false, TimeSpan.FromMinutes(10), new RecordingReporter(polls, clock), CancellationToken.None);

        Assert.True(Assert.Single(groups).Healthy);
        Assert.All(polls.Take(polls.Count - 1), poll => Assert.False(poll.Healthy));
        Assert.True(polls.Last().Healthy);
        Assert.True(clock.UtcNow - started < TimeSpan.FromMinutes(3), $"returned after {clock.UtcNow - started} of simulated time");
        Assert.Equal(polls.Count, test.Account.Calls.Snapshot().Count(c => c.Action == "DescribeTargetHealth"));
    }

    [Fact]
    public async Task Wait_gives_up_at_the_deadline_with_what_it_last_saw()
    {
        var clock = (ManualClock)test.Account.Clock;
        var inspector = new TargetHealthInspector(test.Elb, test.Ecs, test.Account.Region, () => clock.UtcNow,
            (interval, _) =>
            {
                clock.Advance(interval);
                return Task.CompletedTask;
            });
        var started = clock.UtcNow;

        var timeout = await Assert.ThrowsAsync<TargetHealthTimeoutException>(() => inspector.WaitAsync(
            new TargetGroupSelection { Cluster = NetworkTestAccount.Cluster, ServiceName = NetworkTestAccount.Service },
            requireAll: false, TimeSpan.FromMinutes(5), SilentReporter.Instance, CancellationToken.None));

        Assert.Equal(TimeSpan.FromMinutes(5), clock.UtcNow - started);
        Assert.False(Assert.Single(timeout.LastSeen).Healthy);
    }

    private sealed class RecordingReporter : IOperationReporter
    {
        private readonly List<(DateTime, bool)> polls;
        private readonly ManualClock clock;

        public RecordingReporter(List<(DateTime, bool)> polls, ManualClock clock)
        {
            this.polls = polls;
            this.clock = clock;
        }

        public void Progress(ProgressUpdate update) => polls.Add((clock.UtcNow, update.Completed && update.Status == "Healthy"));

        public void Verbose(string message)
        {
        }
    }
}
