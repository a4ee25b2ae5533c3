using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace Kaviar.Ops.Rehearsal;

/// <summary>
/// A PowerShell 7.6 runspace with Kaviar.Ops imported through its manifest, as a user's session would have it.
/// Everything the host renders goes to <see cref="HostOutput"/>.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace runspace;

    public ModuleSession(TextWriter? hostOutput = null, int width = 120)
    {
        HostOutput = hostOutput ?? new StringWriter();
        Host = new RecordingHost(HostOutput, width);
        runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        runspace.Open();
        ImportResult = Invoke("Import-Module -Name $args[0] -PassThru", ManifestPath);
        if (ImportResult.Terminating != null || ImportResult.Errors.Count > 0)
        {
            throw new InvalidOperationException($"Import-Module {ManifestPath} failed: {ImportResult.Terminating?.Message ?? ImportResult.Errors[0].ToString()}");
        }
    }

    /// <summary>The built module's manifest (artifacts/&lt;Configuration&gt;/Kaviar.Ops/Kaviar.Ops.psd1).</summary>
    public static string ManifestPath { get; } = typeof(ModuleSession).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "KaviarOpsModuleManifest").Value!;

    public RecordingHost Host { get; }

    public TextWriter HostOutput { get; }

    public SessionResult ImportResult { get; }

    /// <summary>
    /// Points the session at a simulated account the way a user would with AWS.Tools' shell defaults:
    /// $StoredAWSCredentials, $StoredAWSRegion (unless <paramref name="region"/> is null), and -EndpointUrl as a
    /// default parameter value.
    /// </summary>
    public void UseAccount(Uri endpoint, string? region)
    {
        var result = Invoke(
            StoreCredentials("AKIASIMULATEDACCOUNT", "simulated-secret-key") + ";" +
            "if ($args[1]) { $global:StoredAWSRegion = $args[1] };" +
            "$global:PSDefaultParameterValues['*:EndpointUrl'] = $args[0]",
            endpoint.ToString(), region);
        if (result.Terminating != null)
        {
            throw new InvalidOperationException("Could not set the shell defaults: " + result.Terminating.Message);
        }
    }

    /// <summary>
    /// Runs this session's commands on another clock: their waits read <paramref name="utcNow"/> and pause through
    /// <paramref name="delay"/> (a simulated account's manual clock, say), so a wait test is exact and takes no real time.
    /// Other sessions keep real time. The module's own copy of its core assembly is reached by name.
    /// </summary>
    public void UseClock(Func<DateTime> utcNow, Func<TimeSpan, System.Threading.CancellationToken, System.Threading.Tasks.Task> delay) =>
        OpsClockType().GetMethod("Use")!.Invoke(null, new object[] { runspace.InstanceId, utcNow, delay });

    /// <summary>Runs this session's commands on a simulated account's manual clock: each pause moves it (then <paramref name="paused"/> runs) and takes no real time.</summary>
    public void UseClock(Simulator.Timekeeping.ManualClock clock, Action<TimeSpan>? paused = null) => UseClock(() => clock.UtcNow, (pause, _) =>
    {
        clock.Advance(pause);
        paused?.Invoke(pause);
        return System.Threading.Tasks.Task.CompletedTask;
    });

    /// <summary>Back to real time for this session's commands.</summary>
    public void UseRealTime() => OpsClockType().GetMethod("Use")!.Invoke(null, new object?[] { runspace.InstanceId, null, null });

    private static Type OpsClockType() => AppDomain.CurrentDomain.GetAssemblies()
        .First(a => a.GetName().Name == "Kaviar.Ops.Core")
        .GetType("Kaviar.Ops.Kernel.OpsClock", throwOnError: true)!;

    /// <summary>
    /// A script that leaves credentials in $StoredAWSCredentials as AWS.Tools does: an object whose GetCredentials()
    /// gives AccessKey, SecretKey and Token (AWS.Tools' own AWSSDK.Core type, which the module reads by that shape).
    /// </summary>
    public static string StoreCredentials(string accessKey, string secretKey) =>
        "$global:StoredAWSCredentials = New-Module -AsCustomObject -ArgumentList '" + accessKey + "', '" + secretKey + "' -ScriptBlock { " +
        "param($accessKey, $secretKey) function GetCredentials { [pscustomobject]@{ AccessKey = $accessKey; SecretKey = $secretKey; Token = $null } } }";

    /// <summary>Runs a script; its arguments arrive as $args. Terminating errors are captured, not thrown.</summary>
    public SessionResult Invoke(string script, params object?[] arguments)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        foreach (var argument in arguments)
        {
            shell.AddArgument(argument);
        }

        var progressBefore = Host.Progress.Count;
        IReadOnlyList<PSObject> output;
        RuntimeException? terminating = null;
        try
        {
            output = shell.Invoke().ToList();
        }
        catch (RuntimeException ex)
        {
            output = Array.Empty<PSObject>();
            terminating = ex;
        }

        return new SessionResult(
            output,
            shell.Streams.Error.ToList(),
            shell.Streams.Warning.Select(w => w.Message).ToList(),
            shell.Streams.Verbose.Select(v => v.Message).ToList(),
            shell.Streams.Debug.Select(d => d.Message).ToList(),
            shell.Streams.Progress.Concat(Host.Progress.Skip(progressBefore)).ToList(),
            terminating);
    }

    /// <summary>Runs a script and presses Ctrl+C after <paramref name="stopAfter"/> (PowerShell.Stop, as the console host does).</summary>
    public void InvokeAndStop(TimeSpan stopAfter, string script, params object?[] arguments)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        foreach (var argument in arguments)
        {
            shell.AddArgument(argument);
        }

        var running = shell.BeginInvoke();
        running.AsyncWaitHandle.WaitOne(stopAfter);
        shell.Stop();
    }

    /// <summary>
    /// Runs a script and returns the error that terminated it: a cmdlet's terminating error ends only its statement,
    /// so the engine reports it on the error stream; try/catch tells it apart from a non-terminating one.
    /// </summary>
    public ErrorRecord? CatchTerminatingError(string script, params object?[] arguments)
    {
        var result = Invoke("try { $null = . { " + script + " } @args } catch { $_ }", arguments);
        return result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().SingleOrDefault();
    }

    /// <summary>Runs a script and returns what the host rendered of its output (format views, tables).</summary>
    public string Render(string script, params object?[] arguments)
    {
        var before = HostOutput.ToString()!.Length;
        var result = Invoke(script + " | Out-Default", arguments);
        if (result.Terminating != null)
        {
            throw new InvalidOperationException("Rendering failed: " + result.Terminating.Message, result.Terminating);
        }

        return HostOutput.ToString()!.Substring(before);
    }

    public void Dispose() => runspace.Dispose();
}

/// <summary>Everything a pipeline produced, stream by stream.</summary>
public sealed class SessionResult
{
    public SessionResult(
        IReadOnlyList<PSObject> output,
        IReadOnlyList<ErrorRecord> errors,
        IReadOnlyList<string> warnings,
        IReadOnlyList<string> verbose,
        IReadOnlyList<string> debug,
        IReadOnlyList<ProgressRecord> progress,
        RuntimeException? terminating)
    {
        Output = output;
        Errors = errors;
        Warnings = warnings;
        Verbose = verbose;
        Debug = debug;
        Progress = progress;
        Terminating = terminating;
    }

    public IReadOnlyList<PSObject> Output { get; }

    public IReadOnlyList<ErrorRecord> Errors { get; }

    public IReadOnlyList<string> Warnings { get; }

    public IReadOnlyList<string> Verbose { get; }

    public IReadOnlyList<string> Debug { get; }

    public IReadOnlyList<ProgressRecord> Progress { get; }

    /// <summary>The terminating error that ended the pipeline, if one did.</summary>
    public RuntimeException? Terminating { get; }

    /// <summary>Every stream as text, for asserting that a secret appears nowhere.</summary>
    public string AllText() => string.Join("\n",
        Output.Select(o => o?.ToString() ?? "")
            .Concat(Errors.Select(e => e.ToString() + " " + e.Exception?.ToString()))
            .Concat(Warnings).Concat(Verbose).Concat(Debug)
            .Concat(new[] { Terminating?.ToString() ?? "" }));
}
