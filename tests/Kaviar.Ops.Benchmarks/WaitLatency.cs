using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Benchmarks;

/// <summary>
/// Section 3: how long <c>Test-AlbTargetHealth -Wait</c> takes to return once the target it waits for is healthy, on
/// seed 001 as broken: the tasks' security group does not admit the ALB's, so the new task's target would fail its
/// health checks (Target.Timeout) unless the ingress rule is added (what Repair-EcsSecurityGroup does).
///
/// The simulator decides target health only when its clock moves (a health check every 30 s of simulated time, two
/// passes to turn healthy), and a <see cref="ManualClock"/> moves only when told to. That makes "the target is
/// healthy" a precise instant: once the rule is added the clock is stepped a second at a time until the account
/// reports the target healthy, all within microseconds of real time, and the real time right after that step is when
/// the condition started to hold. Before it every poll of the command sees no healthy target; after it, a healthy one.
/// </summary>
internal static class WaitLatency
{
    private const string Script = "Test-AlbTargetHealth $args[1] -Cluster $args[0] -Wait -Timeout 120";
    private const double GoalSeconds = 2;
    private const int MaxClockSteps = 300;

    /// <summary>Real time the command's wait may take before the benchmark gives up: its -Timeout and a margin.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(150);

    /// <summary>
    /// An operator's fix lands at any moment of a wait, so each run fixes it at a different moment, spread over the first
    /// half-minute, which is where a polling back-off grows.
    /// </summary>
    private static readonly double[] FixAfterSeconds = { 1.5, 4, 8, 13, 21 };

    public static void Report(ModuleSession session)
    {
        Console.WriteLine();
        Console.WriteLine("3. Wait latency: from the target turning healthy to the command returning");
        Console.WriteLine($"   PS> Test-AlbTargetHealth {Scenarios.Seed001Service} -Cluster {Scenarios.Seed001Cluster} -Wait -Timeout 120    # seed 001, wrong security group");
        Console.WriteLine($"   {"Run",5} {"Fixed after",12} {"Healthy -> returned",20}");

        var latencies = new List<TimeSpan>();
        for (var run = 0; run < FixAfterSeconds.Length; run++)
        {
            var fixAfter = TimeSpan.FromSeconds(FixAfterSeconds[run]);
            var latency = Measure(session, fixAfter);
            latencies.Add(latency);
            Console.WriteLine($"   {run + 1,5} {Figures.Seconds(fixAfter),12} {Figures.Seconds(latency),20}");
        }

        var max = latencies.Max();
        Console.WriteLine($"   min {Figures.Seconds(latencies.Min())}, median {Figures.Seconds(Figures.Median(latencies))}, max {Figures.Seconds(max)}"
            + $" (goal <= {GoalSeconds.ToString(CultureInfo.InvariantCulture)} s in every run: {Figures.Goal(max.TotalSeconds <= GoalSeconds)})");
    }

    private static TimeSpan Measure(ModuleSession session, TimeSpan fixAfter)
    {
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed001(), clock);
        session.UseAccount(account.Endpoint, account.Region);

        // Fixed while the new task's target is still in its initial checks, as the module's own wait test does: the
        // simulator cannot bring a target back from unhealthy (TaskLifecycle.CheckHealth throws when an unhealthy
        // target passes a check short of the healthy threshold).
        StepClockUntil(account, clock, states => states.Count > 0 && states.All(s => s == "initial"), "a registered target in its initial health checks");

        var watch = Stopwatch.StartNew();
        var waiting = Task.Run(() =>
        {
            var outcome = session.Invoke(Script, Scenarios.Seed001Cluster, Scenarios.Seed001Service);
            return (Outcome: outcome, ReturnedAt: watch.Elapsed);
        });
        if (waiting.Wait(fixAfter))
        {
            throw new BenchmarkFailure("Test-AlbTargetHealth -Wait returned before the target could be healthy: "
                + (waiting.Result.Outcome.Terminating?.Message ?? "no error"));
        }

        var healthyAt = MakeHealthy(account, clock, watch);
        if (!waiting.Wait(WaitLimit))
        {
            throw new BenchmarkFailure($"Test-AlbTargetHealth -Wait had not returned {WaitLimit} after it started.");
        }

        var (outcome, returnedAt) = waiting.Result;
        if (outcome.Terminating is not null || outcome.Errors.Count > 0
            || outcome.Output.Count != 1 || outcome.Output[0].Properties["Healthy"].Value is not true)
        {
            throw new BenchmarkFailure("Test-AlbTargetHealth -Wait did not end with one healthy target group: "
                + (outcome.Terminating?.Message ?? outcome.Errors.FirstOrDefault()?.ToString() ?? $"{outcome.Output.Count} objects"));
        }

        return returnedAt - healthyAt;
    }

    /// <summary>Admits the ALB's group on the tasks' group, then moves simulated time until the target is healthy; returns that instant.</summary>
    private static TimeSpan MakeHealthy(SimulatedAccount account, ManualClock clock, Stopwatch watch)
    {
        account.Use(state =>
        {
            var taskGroup = state.Ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-default-sg");
            var albGroup = state.Ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-alb-sg");
            state.Ec2.AuthorizeIngressFromGroup(taskGroup.GroupId, Scenarios.Seed001Port, albGroup.GroupId);
        });
        StepClockUntil(account, clock, states => states.Contains("healthy"), "a healthy target after the ingress rule was added");
        return watch.Elapsed;
    }

    private static void StepClockUntil(SimulatedAccount account, ManualClock clock, Func<IReadOnlyList<string>, bool> reached, string what)
    {
        for (var step = 0; !reached(TargetStates(account)); step++)
        {
            if (step == MaxClockSteps)
            {
                throw new BenchmarkFailure($"Seed 001 had no {what} within {MaxClockSteps} simulated seconds; its targets: "
                    + string.Join(", ", TargetStates(account)) + ".");
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static IReadOnlyList<string> TargetStates(SimulatedAccount account) =>
        account.Read(state => state.Elbv2.FindTargetGroupByName(Scenarios.Seed001TargetGroup)!.Targets.Select(t => t.State).ToList());
}
