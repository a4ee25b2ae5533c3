using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Kaviar.Ops.Rehearsal;

namespace Kaviar.Ops.Benchmarks;

/// <summary>What one sweep produced, and whether it covered every service without an error.</summary>
internal sealed record SweepOutcome(SessionResult Result, TimeSpan Elapsed, int TargetGroupHealthCount, int HealthyCount, int ServicesCovered, int ServicesAsked)
{
    public int ErrorCount => Result.Errors.Count + (Result.Terminating is null ? 0 : 1);

    public bool Complete => ErrorCount == 0 && TargetGroupHealthCount >= ServicesAsked && ServicesCovered == ServicesAsked;

    public string Summary =>
        $"{TargetGroupHealthCount} TargetGroupHealth objects ({HealthyCount} healthy) covering {ServicesCovered} of {ServicesAsked} services, {ErrorCount} errors";

    public string FirstError => Result.Terminating?.Message ?? Result.Errors.FirstOrDefault()?.ToString() ?? "";
}

/// <summary>
/// The whole-cluster sweep an on-call engineer runs: every service's health, piped into its target groups' health,
/// with the service names passed as one array (one Get-EcsServiceHealth, so it can batch across services).
/// </summary>
internal sealed class ModuleSweep
{
    private const string Script = "Get-EcsServiceHealth -Cluster $args[0] -ServiceName $args[1] | Test-AlbTargetHealth";

    private readonly ModuleSession session;
    private readonly string cluster;
    private readonly string[] services;

    public ModuleSweep(ModuleSession session, string cluster, IReadOnlyList<string> services)
    {
        this.session = session;
        this.cluster = cluster;
        this.services = services.ToArray();
    }

    public IReadOnlyList<string> Services => services;

    public string Display => $"Get-EcsServiceHealth -Cluster {cluster} -ServiceName $names | Test-AlbTargetHealth    # $names: {services.Length} services";

    public SweepOutcome Run()
    {
        var watch = Stopwatch.StartNew();
        var result = session.Invoke(Script, cluster, services);
        watch.Stop();

        var healthOutput = result.Output.Where(o => o?.BaseObject.GetType().Name == "TargetGroupHealth").ToList();
        var covered = healthOutput.Select(o => o.Properties["ServiceName"].Value as string).Intersect(services, StringComparer.Ordinal).Count();
        var healthy = healthOutput.Count(o => o.Properties["Healthy"].Value is true);
        return new SweepOutcome(result, watch.Elapsed, healthOutput.Count, healthy, covered, services.Length);
    }

    /// <summary>The median of <paramref name="runs"/> sweeps; each must be complete, or its time means nothing.</summary>
    public TimeSpan MedianTime(int runs)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            var outcome = Run();
            if (!outcome.Complete)
            {
                throw new BenchmarkFailure($"A timed sweep was incomplete: {outcome.Summary}. {outcome.FirstError}");
            }

            times.Add(outcome.Elapsed);
        }

        return Figures.Median(times);
    }
}
