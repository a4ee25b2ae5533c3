using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Benchmarks;

/// <summary>
/// Section 2: wall-clock time of the module's sweep against the seed runbooks' per-service aws CLI loop, first as the
/// simulator answers (sub-millisecond, so it measures client overhead), then with a fixed latency on every call (so it
/// also measures how many round trips each side waits for).
/// </summary>
internal static class SweepTiming
{
    private const int TimedRuns = 3;
    private const double Goal = 20;
    private static readonly TimeSpan InjectedLatency = TimeSpan.FromMilliseconds(30);

    public static void Report(SimulatedAccount account, ModuleSweep sweep, int cliSample)
    {
        var services = sweep.Services;

        // The first services, not a spread: with one stopped task every fourth service, a spread by a multiple of
        // four would sample none of the extra describe-tasks calls.
        var sample = services.Take(cliSample).ToList();
        var sampleWithStopped = WithStoppedTasks(account, sample);
        var allWithStopped = WithStoppedTasks(account, services);
        using var cli = new AwsCliLoop(account.Endpoint, account.Region, Scenarios.ScaleCluster);

        Console.WriteLine();
        Console.WriteLine("2. Sweep time: the module against the seed runbooks' aws CLI loop");
        Console.WriteLine($"   Module: the sweep above, median of {TimedRuns} runs after a warm-up run.");
        Console.WriteLine($"   CLI ({cli.Version()}): per service describe-services, list-tasks --desired-status STOPPED, describe-tasks (when any),");
        Console.WriteLine("   describe-target-groups, describe-target-health. Run for the first "
            + $"{sample.Count} services ({sampleWithStopped} with stopped tasks; {allWithStopped} of {services.Count} overall)"
            + $" and extrapolated linearly to {services.Count}.");

        // Warm-up: JIT, the module's first AWS clients and the simulator's first requests are not what is measured.
        sweep.Run();
        Compare("As simulated (no added latency)", sweep, cli, sample, services.Count);

        foreach (var service in new[] { ServiceProtocols.Ecs.ServiceName, ServiceProtocols.Elbv2.ServiceName })
        {
            account.Faults.Add(new FaultRule { Service = service, Kind = FaultKind.Latency, Delay = InjectedLatency, Times = null });
        }

        try
        {
            Compare($"With {InjectedLatency.TotalMilliseconds:0} ms latency on every ecs and elasticloadbalancing call", sweep, cli, sample, services.Count);
        }
        finally
        {
            account.Faults.Clear();
        }
    }

    private static int WithStoppedTasks(SimulatedAccount account, IEnumerable<string> services) =>
        account.Read(state => services.Count(name => state.Ecs.Tasks.Any(t => t.Service?.Name == name && t.IsStopping)));

    private static void Compare(string title, ModuleSweep sweep, AwsCliLoop cli, IReadOnlyList<string> sample, int serviceCount)
    {
        var module = sweep.MedianTime(TimedRuns);
        var invocationsBefore = cli.Invocations;
        var sampled = cli.Sweep(sample);
        var extrapolated = sampled * serviceCount / sample.Count;
        var speedUp = extrapolated / module;

        Console.WriteLine($"   {title}:");
        Console.WriteLine($"     module sweep   {Figures.Seconds(module),10}");
        Console.WriteLine($"     aws CLI loop   {Figures.Seconds(extrapolated),10}   extrapolated: {sample.Count} services took {Figures.Seconds(sampled)} "
            + $"in {cli.Invocations - invocationsBefore} aws runs, x {serviceCount}/{sample.Count}");
        Console.WriteLine($"     speed-up       {Figures.Times(speedUp),10}   (goal >= {Figures.Times(Goal)}: {Figures.Goal(speedUp >= Goal)})");
    }
}
