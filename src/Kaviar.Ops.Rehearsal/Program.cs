using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Kaviar.Ops.Simulator;

namespace Kaviar.Ops.Rehearsal;

/// <summary>
/// kaviar-rehearse [scenario]                  report the scenario's first service's health through the module (the main job)
/// kaviar-rehearse --script file.ps1 [scenario] run a runbook script against the scenario
/// kaviar-rehearse --serve [scenario]           serve the scenario's account until Ctrl+C
/// A scenario is a catalog name (seed001 unless given) or a scenario file's path ending in .json (<see cref="AccountFile"/>).
/// --speed N runs the account's clock N times faster than real time (deployments, health checks, task starts).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var arguments = args.ToList();
        var serve = Take(arguments, "--serve");
        var script = TakeValue(arguments, "--script");
        var speedText = TakeValue(arguments, "--speed");
        var scenarioName = arguments.FirstOrDefault() ?? "seed001";
        if (ScenarioRehearsal.IsFile(scenarioName) ? !File.Exists(scenarioName) : !ScenarioRehearsal.Catalog.ContainsKey(scenarioName))
        {
            Console.Error.WriteLine($"Unknown scenario '{scenarioName}'. Known: {string.Join(", ", ScenarioRehearsal.Catalog.Keys)}, or an existing scenario file (.json).");
            return 2;
        }

        if (!TryParseSpeed(speedText, out var speed))
        {
            Console.Error.WriteLine($"--speed takes a positive number (times real time), not '{speedText}'.");
            return 2;
        }

        using var rehearsal = StartOrExplain(scenarioName, speed);
        if (rehearsal is null)
        {
            return 2;
        }

        var account = rehearsal.Account;
        Console.WriteLine($"Simulated AWS account {account.AccountId} ({scenarioName}) in {account.Region} at {account.Endpoint}");
        if (serve)
        {
            return Serve(rehearsal);
        }

        using var session = new ModuleSession(Console.Out);
        rehearsal.Prepare(session);
        return script == null ? ReportServiceHealth(session, FirstService(account)) : RunScript(session, File.ReadAllText(script));
    }

    /// <summary>The rehearsal, or null after saying what is wrong with the scenario file.</summary>
    private static ScenarioRehearsal? StartOrExplain(string scenarioName, double speed)
    {
        try
        {
            return ScenarioRehearsal.Start(scenarioName, speed, Console.Error);
        }
        catch (AccountFileException invalid)
        {
            Console.Error.WriteLine($"{scenarioName}: {invalid.Message}");
            return null;
        }
    }

    private static int ReportServiceHealth(ModuleSession session, (string Cluster, string Service) first)
    {
        var command = $"Get-EcsServiceHealth -Cluster {first.Cluster} -ServiceName {first.Service}";
        Console.WriteLine();
        Console.WriteLine("PS> " + command);
        var result = session.Invoke("$global:health = " + command + "; $global:health | Out-Default");
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
                     ("The network links that fail, with their fix", $"Test-EcsNetworkPath {first.Cluster} {first.Service} | Where-Object {{ -not $_.Passed }}"),
                 })
        {
            Console.WriteLine($"PS> {expression}    # {title}");
            session.Invoke(expression + " | Out-Default");
        }

        return 0;
    }

    /// <summary>Runs a script as a non-interactive host would: 0 unless it wrote an error or was terminated.</summary>
    public static int RunScript(ModuleSession session, string scriptText)
    {
        // Dot-sourced as one block, so every statement's output is rendered, not only the last one's.
        var result = session.Invoke(". {" + Environment.NewLine + scriptText + Environment.NewLine + "} | Out-Default");
        if (result.Terminating != null)
        {
            Console.Error.WriteLine($"{result.Terminating.ErrorRecord.FullyQualifiedErrorId}: {result.Terminating.Message}");
            return 1;
        }

        return result.Errors.Count == 0 ? 0 : 1;
    }

    private static int Serve(ScenarioRehearsal rehearsal)
    {
        var account = rehearsal.Account;
        var listeners = account.Read(state => state.Elbv2.LoadBalancers
            .SelectMany(lb => state.Elbv2.ListenersOf(lb.LoadBalancerArn).Select(l => (lb.LoadBalancerName, l.Port, l.Protocol)))
            .ToList());
        foreach (var (loadBalancer, port, protocol) in listeners)
        {
            Console.WriteLine($"Load balancer {loadBalancer} listener :{port} answers {protocol} at {account.ListenerUrl(loadBalancer, port)}" +
                (protocol == "HTTPS" ? " (self-signed certificate: curl -k, Test-HttpEndpoint -SkipCertificateCheck)" : ""));
        }

        if (rehearsal.LoadBalancerAddresses().FirstOrDefault() is { Address: { } albDns })
        {
            Console.WriteLine($"  In the procedures, $albDns = '{albDns}'");
        }

        if (rehearsal.Database is { } database)
        {
            Console.WriteLine($"Database {database.Database} on PostgreSQL {database.Host}:{database.Port} (TLS), its RDS-format secret in Secrets Manager;");
            Console.WriteLine($"  the CA bundle that verifies it: {Path.Combine(rehearsal.WorkingDirectory!, ScenarioRehearsal.CaBundleFileName)}");
        }

        var (cluster, service) = FirstService(account);
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

        // A process manager's stop (SIGTERM) also ends the account cleanly, so the scenario's PostgreSQL stops with it.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Set();
        });
        stop.Wait();
        return 0;
    }

    /// <summary>The service the host reports on and shows in its examples: the first of the first cluster that has one.</summary>
    private static (string Cluster, string Service) FirstService(SimulatedAccount account) => account.Read(state => state.Ecs.Clusters
        .SelectMany(c => c.Services.Select(s => (c.Name, s.Name)))
        .DefaultIfEmpty(("default", "my-service"))
        .First());

    private static bool TryParseSpeed(string? text, out double speed)
    {
        speed = 1;
        return text is null || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) && speed > 0);
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
