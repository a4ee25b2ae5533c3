using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>Runs the aws CLI against one account and asserts on what it printed.</summary>
internal sealed class CliContract
{
    private readonly SimulatedAccount _account;

    public CliContract(SimulatedAccount account) => _account = account;

    /// <summary>Runs a command that must succeed and returns its JSON output.</summary>
    public JsonElement Json(params string[] args)
    {
        var result = AwsCli.Run(_account.Endpoint, _account.Region, args.Append("--output").Append("json").ToArray());
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        using var document = result.Json;
        return document.RootElement.Clone();
    }

    /// <summary>Runs a command that must fail with a service error, and returns its stderr.</summary>
    public string Error(params string[] args)
    {
        var result = AwsCli.Run(_account.Endpoint, _account.Region, args);

        // aws CLI v1 exits 255 on a service error (v2 uses 254).
        Assert.True(result.ExitCode is 254 or 255, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Stdout}");
        return result.Stderr;
    }
}

internal static class JsonElementExtensions
{
    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static int Int(this JsonElement element, string name) => element.GetProperty(name).GetInt32();

    public static string[] Strings(this JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static JsonElement[] Items(this JsonElement element, string name) => element.GetProperty(name).EnumerateArray().ToArray();

    /// <summary>ECS timestamps are epoch seconds.</summary>
    public static DateTime Epoch(this JsonElement element, string name) =>
        DateTime.UnixEpoch.AddMilliseconds(Math.Round(element.GetProperty(name).GetDouble() * 1000));

    /// <summary>An ECS attachment detail, e.g. "networkInterfaceId".</summary>
    public static string Detail(this JsonElement attachment, string name) =>
        attachment.Items("details").Single(d => d.Str("name") == name).Str("value");
}
