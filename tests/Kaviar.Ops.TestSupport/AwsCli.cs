using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace Kaviar.Ops.TestSupport;

/// <summary>What one run of the real aws CLI produced.</summary>
public sealed class AwsCliResult
{
    public AwsCliResult(int exitCode, string stdout, string stderr)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
    }

    public int ExitCode { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    /// <summary>Stdout parsed as JSON (pass "--output json"); throws with the CLI's own output when it is not JSON.</summary>
    public JsonDocument Json
    {
        get
        {
            try
            {
                return JsonDocument.Parse(Stdout);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException(
                    $"aws exited {ExitCode} without JSON on stdout.\nstdout: {Stdout}\nstderr: {Stderr}", e);
            }
        }
    }
}

/// <summary>
/// Runs the real aws CLI against a simulated account or another emulator: dummy keys, empty config and credential files
/// (so nothing on the machine leaks in), no pager, no retries that would hide a throttling answer.
/// </summary>
public static class AwsCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static AwsCliResult Run(Uri endpoint, string region, params string[] args)
    {
        var emptyConfig = Path.GetTempFileName();
        var emptyCredentials = Path.GetTempFileName();
        try
        {
            var startInfo = new ProcessStartInfo("aws")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add("--endpoint-url");
            startInfo.ArgumentList.Add(endpoint.ToString());
            startInfo.ArgumentList.Add("--region");
            startInfo.ArgumentList.Add(region);
            foreach (var arg in args)
            {
                startInfo.ArgumentList.Add(arg);
            }

            var environment = new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = "AKIASIMULATEDKEY0001",
                ["AWS_SECRET_ACCESS_KEY"] = "simulated-secret-key",
                ["AWS_CONFIG_FILE"] = emptyConfig,
                ["AWS_SHARED_CREDENTIALS_FILE"] = emptyCredentials,
                ["AWS_PAGER"] = "",
                ["AWS_MAX_ATTEMPTS"] = "1",
                ["AWS_RETRY_MODE"] = "standard",
                ["AWS_EC2_METADATA_DISABLED"] = "true",

                // Operations with a host prefix (Cloud Map's DiscoverInstances: "data-") would go to data-127.0.0.1.
                ["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true",
            };
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }

            startInfo.Environment.Remove("AWS_PROFILE");
            startInfo.Environment.Remove("AWS_SESSION_TOKEN");
            startInfo.Environment.Remove("AWS_DEFAULT_PROFILE");

            using var process = Process.Start(startInfo)
                ?? throw new InvalidOperationException("Could not start the aws CLI.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"aws {string.Join(' ', args)} did not finish within {Timeout}.");
            }

            return new AwsCliResult(process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            File.Delete(emptyConfig);
            File.Delete(emptyCredentials);
        }
    }
}
