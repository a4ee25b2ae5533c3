using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Kaviar.Ops.Benchmarks;

/// <summary>
/// What the seed runbooks do by hand, one service at a time, with the real aws CLI: describe-services (for its target
/// groups), list-tasks --desired-status STOPPED, describe-tasks of those when there are any, describe-target-groups
/// --target-group-arns, and describe-target-health per target group.
/// </summary>
internal sealed class AwsCliLoop : IDisposable
{
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(60);

    private readonly Uri endpoint;
    private readonly string region;
    private readonly string cluster;

    // Empty files, so the machine's own aws config and credentials cannot change what is measured.
    private readonly string emptyConfig = Path.GetTempFileName();
    private readonly string emptyCredentials = Path.GetTempFileName();

    public AwsCliLoop(Uri endpoint, string region, string cluster)
    {
        this.endpoint = endpoint;
        this.region = region;
        this.cluster = cluster;
    }

    /// <summary>aws invocations made so far.</summary>
    public int Invocations { get; private set; }

    public string Version()
    {
        var (stdout, stderr) = Invoke(new[] { "--version" });
        return (stdout.Trim().Length > 0 ? stdout : stderr).Trim();
    }

    public TimeSpan Sweep(IEnumerable<string> services)
    {
        var watch = Stopwatch.StartNew();
        foreach (var service in services)
        {
            SweepOne(service);
        }

        return watch.Elapsed;
    }

    public void Dispose()
    {
        File.Delete(emptyConfig);
        File.Delete(emptyCredentials);
    }

    private void SweepOne(string service)
    {
        var targetGroupArns = Json("ecs", "describe-services", "--cluster", cluster, "--services", service)
            .GetProperty("services")[0].GetProperty("loadBalancers").EnumerateArray()
            .Select(lb => lb.GetProperty("targetGroupArn").GetString()!)
            .ToList();
        var stoppedArns = Json("ecs", "list-tasks", "--cluster", cluster, "--service-name", service, "--desired-status", "STOPPED")
            .GetProperty("taskArns").EnumerateArray()
            .Select(arn => arn.GetString()!)
            .ToList();
        if (stoppedArns.Count > 0)
        {
            Json(new[] { "ecs", "describe-tasks", "--cluster", cluster, "--tasks" }.Concat(stoppedArns).ToArray());
        }

        Json(new[] { "elbv2", "describe-target-groups", "--target-group-arns" }.Concat(targetGroupArns).ToArray());
        foreach (var arn in targetGroupArns)
        {
            Json("elbv2", "describe-target-health", "--target-group-arn", arn);
        }
    }

    private JsonElement Json(params string[] command)
    {
        var arguments = new[] { "--endpoint-url", endpoint.ToString(), "--region", region, "--output", "json" }.Concat(command).ToArray();
        var (stdout, _) = Invoke(arguments);
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }

    private (string Stdout, string Stderr) Invoke(IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["AWS_ACCESS_KEY_ID"] = "AKIASIMULATEDBENCH01";
        startInfo.Environment["AWS_SECRET_ACCESS_KEY"] = "simulated-secret-key";
        startInfo.Environment["AWS_CONFIG_FILE"] = emptyConfig;
        startInfo.Environment["AWS_SHARED_CREDENTIALS_FILE"] = emptyCredentials;
        startInfo.Environment.Remove("AWS_PROFILE");
        startInfo.Environment.Remove("AWS_DEFAULT_PROFILE");
        startInfo.Environment.Remove("AWS_SESSION_TOKEN");

        Invocations++;
        using var process = Process.Start(startInfo) ?? throw new BenchmarkFailure("Could not start the aws CLI.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(InvocationTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new BenchmarkFailure($"aws {string.Join(' ', arguments)} did not finish within {InvocationTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailure($"aws {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result.Trim()}");
        }

        return (stdout.Result, stderr.Result);
    }
}
