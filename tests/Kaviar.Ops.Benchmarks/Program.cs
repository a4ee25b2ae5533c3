using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Benchmarks;

/// <summary>
/// dotnet run --project tests/Kaviar.Ops.Benchmarks -c Release -- [--services 200] [--cli-sample 20]
///
/// Prints four figures for a cluster of many services behind ALBs (<see cref="Scenarios.Scale"/>): AWS calls of a
/// whole-cluster sweep against the API minimum, the sweep's time against the seed runbooks' per-service aws CLI loop,
/// how soon <c>Test-AlbTargetHealth -Wait</c> returns once a target turns healthy, and the CloudWatch Logs calls
/// <c>Get-EcsServiceHealth</c> makes to read failing tasks' evidence. Goals are reported, not
/// enforced: the exit code is 1 only when a measurement could not be made (the sweep wrote errors or missed services,
/// the aws CLI failed), 2 for bad arguments.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (!Options.TryParse(args, out var options, out var problem))
        {
            Console.Error.WriteLine(problem);
            Console.Error.WriteLine("Usage: kaviar-bench [--services N] [--cli-sample K]");
            return 2;
        }

        try
        {
            return Run(options);
        }
        catch (BenchmarkFailure failure)
        {
            Console.Error.WriteLine("Benchmark failed: " + failure.Message);
            return 1;
        }
    }

    private static int Run(Options options)
    {
        // A manual clock freezes simulated time: every sweep sees the same settled account, whatever its duration.
        using var account = SimulatedAccount.Start(Scenarios.Scale(options.Services), new ManualClock());
        using var session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);

        var services = account.Read(state => state.Ecs.RequireCluster(Scenarios.ScaleCluster).Services.Select(s => s.Name).ToList());
        var contents = account.Read(state => (
            LoadBalancers: state.Elbv2.LoadBalancers.Count,
            TargetGroups: state.Elbv2.TargetGroups.Count,
            Running: state.Ecs.Tasks.Count(t => t.LastStatus == "RUNNING"),
            Stopped: state.Ecs.Tasks.Count(t => t.IsStopping)));
        Console.WriteLine("Kaviar.Ops benchmark");
        Console.WriteLine($"Account: {Scenarios.ScaleCluster} with {services.Count} services, {contents.TargetGroups} target groups on "
            + $"{contents.LoadBalancers} ALB{(contents.LoadBalancers == 1 ? "" : "s")}, {contents.Running} running tasks, {contents.Stopped} stopped; simulated at {account.Endpoint} ({account.Region})");
        Console.WriteLine($"Host: {Environment.ProcessorCount} cores, .NET {Environment.Version}, PowerShell engine in-process, module {ModuleSession.ManifestPath}");

        var sweep = new ModuleSweep(session, Scenarios.ScaleCluster, services);
        if (!CallBudget.Report(account, sweep))
        {
            // Timing a sweep that fails would measure the failure, not the module.
            return 1;
        }

        SweepTiming.Report(account, sweep, options.CliSample);
        WaitLatency.Report(session);
        EvidenceBudget.Report(session);
        return 0;
    }

    private sealed record Options(int Services, int CliSample)
    {
        public static bool TryParse(IReadOnlyList<string> args, out Options options, out string problem)
        {
            options = new Options(200, 20);
            problem = "";
            for (var i = 0; i < args.Count; i += 2)
            {
                if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                {
                    problem = $"{args[i]} needs a positive whole number.";
                    return false;
                }

                switch (args[i])
                {
                    case "--services":
                        options = options with { Services = value };
                        break;
                    case "--cli-sample":
                        options = options with { CliSample = value };
                        break;
                    default:
                        problem = $"Unknown option '{args[i]}'.";
                        return false;
                }
            }

            // Sampling more services than exist would only repeat them.
            options = options with { CliSample = Math.Min(options.CliSample, options.Services) };
            return true;
        }
    }
}

/// <summary>A measurement could not be made; the message says which and why.</summary>
internal sealed class BenchmarkFailure : Exception
{
    public BenchmarkFailure(string message)
        : base(message)
    {
    }
}
