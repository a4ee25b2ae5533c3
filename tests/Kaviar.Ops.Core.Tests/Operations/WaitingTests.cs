using System;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.Core.Tests.Network;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Operations;

public sealed class WaiterScheduleTests
{
    [Fact]
    public void Polls_after_one_second_then_every_two_so_a_wait_answers_within_two_seconds()
    {
        var intervals = Enumerable.Range(1, 6).Select(probes => Waiter.Interval(probes, callsPerProbe: 1).TotalSeconds).ToList();

        Assert.Equal(new double[] { 1, 2, 2, 2, 2, 2 }, intervals);
    }

    [Fact]
    public void A_probe_of_many_calls_waits_longer_so_the_waiter_stays_under_two_calls_a_second()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Waiter.Interval(5, callsPerProbe: 4));
        Assert.Equal(TimeSpan.FromSeconds(100), Waiter.Interval(5, callsPerProbe: 200));
    }
}

/// <summary>
/// Waiting in simulated time: the context's clock is the account's manual clock and each pause advances it, so the
/// test is exact and takes no wall-clock time.
/// </summary>
public sealed class TargetHealthWaitTests : IDisposable
{
    private readonly NetworkTestAccount test = new NetworkTestAccount(Scenarios.Seed001());

    public void Dispose() => test.Dispose();

    private static TargetGroupSelection Seed001Service => new TargetGroupSelection
    {
        Services = new[] { EcsNames.Service(NetworkTestAccount.Service, NetworkTestAccount.Cluster) },
    };

    [Fact]
    public async Task Wait_returns_at_the_first_poll_that_sees_a_healthy_target_never_more_than_two_seconds_late()
    {
        lock (test.Account.State.SyncRoot)
        {
            test.Account.State.Ec2.AuthorizeIngressFromGroup(test.GroupId("kaviar-default-sg"), 3001, test.GroupId("kaviar-alb-sg"));
        }

        test.Account.Calls.Clear();
        var started = test.Account.Clock.UtcNow;

        var groups = await new TargetHealthInspector(test.Context).WaitAsync(Seed001Service, requireAll: false, TimeSpan.FromMinutes(10));

        Assert.True(Assert.Single(groups).Healthy);
        Assert.NotEmpty(test.Pauses);
        Assert.All(test.Pauses, pause => Assert.True(pause <= TimeSpan.FromSeconds(2), $"paused {pause}"));
        Assert.True(test.Account.Clock.UtcNow - started < TimeSpan.FromMinutes(3), $"returned after {test.Account.Clock.UtcNow - started} of simulated time");
        // One DescribeTargetHealth per probe: one more probe than pauses.
        Assert.Equal(test.Pauses.Count + 1, test.Account.Calls.Snapshot().Count(c => c.Action == "DescribeTargetHealth"));
    }

    [Fact]
    public async Task Wait_gives_up_at_the_deadline_with_what_it_last_saw()
    {
        var started = test.Account.Clock.UtcNow;

        var timeout = await Assert.ThrowsAsync<TargetHealthTimeoutException>(() =>
            new TargetHealthInspector(test.Context).WaitAsync(Seed001Service, requireAll: false, TimeSpan.FromMinutes(5)));

        Assert.Equal(TimeSpan.FromMinutes(5), test.Account.Clock.UtcNow - started);
        Assert.False(Assert.Single(timeout.LastSeen).Healthy);
        Assert.Equal(ErrorTable.AlbTargetsUnhealthy, timeout.Code);
    }
}
