using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Kaviar.Ops.Simulator;

namespace Kaviar.Ops.Rehearsal;

/// <summary>
/// kaviar-rehearse [scenario]                  report the scenario's service health through the module (the main job)
/// kaviar-rehearse --script file.ps1 [scenario] run a runbook script against the scenario
/// kaviar-rehearse --serve [scenario]           serve the scenario's account until Ctrl+C
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Func<AccountScenario>> ScenarioCatalog = new(StringComparer.OrdinalIgnoreCase)
    {
        ["seed001"] = () => Scenarios.Seed001(),
        ["seed001-healthy"] = () => Scenarios.Seed001(Seed001Variant.Healthy),
        ["seed002"] = () => Scenarios.Seed002(),
        ["seed002-fixed"] = () => Scenarios.Seed002(Seed002Variant.Fixed),
        ["seed003"] = () => Seed003Scenarios.AuroraMigrationsRunner(),
        ["seed004"] = () => Scenarios.Seed004(),
        ["seed004-stale-instance"] = () => Scenarios.Seed004(Seed004Variant.StaleInstance),
    };

    public static int Main(string[] args)
    {
        var arguments = args.ToList();
        var serve = Take(arguments, "--serve");
        var script = TakeValue(arguments, "--script");
        var scenarioName = arguments.FirstOrDefault() ?? "seed001";
        if (!ScenarioCatalog.TryGetValue(scenarioName, out var scenario))
        {
            Console.Error.WriteLine($"Unknown scenario '{scenarioName}'. Known: {string.Join(", ", ScenarioCatalog.Keys)}.");
            return 2;
        }

        using var account = SimulatedAccount.Start(scenario());
        Console.WriteLine($"Simulated AWS account {account.AccountId} ({scenarioName}) in {account.Region} at {account.Endpoint}");
        if (serve)
        {
            return Serve(account);
        }

        using var session = new ModuleSession(Console.Out);
        session.UseAccount(account.Endpoint, account.Region);
        return script == null ? ReportServiceHealth(session) : RunScript(session, script);
    }

    private static int ReportServiceHealth(ModuleSession session)
    {
        const string Command = "Get-EcsServiceHealth -Cluster kaviar-cluster -ServiceName kaviar-backend-service";
        Console.WriteLine();
        Console.WriteLine("PS> " + Command);
        var result = session.Invoke("$global:health = " + Command + "; $global:health | Out-Default");
        if (result.Terminating != null || result.Errors.Count > 0)
        {
            Console.Error.WriteLine(result.Terminating?.Message ?? string.Join(Environment.NewLine, result.Errors));
            return 1;
        }

        foreach (var (title, expression) in new[]
                 {
                     ("Reasons", "$health.Reasons"),
                     ("Last events", "$health.Events | ForEach-Object { '{0:u}  {1}' -f $_.CreatedAt, $_.Message }"),
                     ("Recently stopped tasks", "$health.StoppedTasks"),
                     ("Hint", "@($health.StoppedTasks)[0].Hint"),
                     ("The network links that fail, with their fix", "Test-EcsNetworkPath kaviar-cluster kaviar-backend-service | Where-Object { -not $_.Passed }"),
                 })
        {
            Console.WriteLine($"PS> {expression}    # {title}");
            session.Invoke(expression + " | Out-Default");
        }

        return 0;
    }

    private static int RunScript(ModuleSession session, string path)
    {
        var result = session.Invoke(File.ReadAllText(path) + Environment.NewLine + " | Out-Default");
        if (result.Terminating != null)
        {
            Console.Error.WriteLine($"{result.Terminating.ErrorRecord.FullyQualifiedErrorId}: {result.Terminating.Message}");
            return 1;
        }

        return result.Errors.Count == 0 ? 0 : 1;
    }

    private static int Serve(SimulatedAccount account)
    {
        var listeners = account.Read(state => state.Elbv2.LoadBalancers
            .SelectMany(lb => state.Elbv2.ListenersOf(lb.LoadBalancerArn).Select(l => (lb.LoadBalancerName, l.Port)))
            .ToList());
        foreach (var (loadBalancer, port) in listeners)
        {
            Console.WriteLine($"Load balancer {loadBalancer} listener :{port} answers HTTP at {account.ListenerUrl(loadBalancer, port)}");
        }

        var (cluster, service) = account.Read(state => state.Ecs.Clusters
            .SelectMany(c => c.Services.Select(s => (c.Name, s.Name)))
            .DefaultIfEmpty(("default", "my-service"))
            .First());
        Console.WriteLine("Any access key works. Try:");
        Console.WriteLine($"  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url {account.Endpoint} --region {account.Region} ecs describe-services --cluster {cluster} --services {service}");
        Console.WriteLine($"  Get-EcsServiceHealth {service} -Cluster {cluster} -Region {account.Region} -EndpointUrl {account.Endpoint}");
        Console.WriteLine("Ctrl+C stops.");
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        stop.Wait();
        return 0;
    }

    private static bool Take(List<string> arguments, string flag) => arguments.Remove(flag);

    private static string? TakeValue(List<string> arguments, string flag)
    {
        var index = arguments.IndexOf(flag);
        if (index < 0 || index + 1 >= arguments.Count)
        {
            return null;
        }

        var value = arguments[index + 1];
        arguments.RemoveRange(index, 2);
        return value;
    }
}
