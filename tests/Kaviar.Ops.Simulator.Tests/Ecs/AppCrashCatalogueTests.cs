using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Ecs;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The crash catalogue rendered for a real launch: complete for every kind and runtime, and in each runtime's own layout.</summary>
public sealed class AppCrashCatalogueTests
{
    private static readonly string[] Placeholders =
    {
        "{app}", "{host}", "{address}", "{port}", "{user}", "{database}", "{relation}", "{column}", "{module}", "{variable}",
        "{listenPort}", "{clientAddress}", "{resolver}", "{isoTime}", "{goTime}",
    };

    /// <summary>Seed 001's first task the instant its container starts.</summary>
    private static T WithLaunch<T>(Func<ContainerLaunch, T> render)
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy);
        using var _ = account;
        clock.Advance(TaskLifecycle.ProvisioningDuration + TaskLifecycle.PendingDuration);
        return account.Read(s => render(s.ServiceTasks().Single().Containers.Single().Launch));
    }

    [Fact]
    public void Every_kind_is_worded_by_every_runtime_with_nothing_left_to_fill()
    {
        var crashes = WithLaunch(launch => Enum.GetValues<AppCrashKind>()
            .SelectMany(kind => Enum.GetValues<AppRuntime>().Select(runtime => AppCrash.Of(kind, runtime, launch)))
            .ToList());

        Assert.Equal(Enum.GetValues<AppCrashKind>().Length * Enum.GetValues<AppRuntime>().Length, crashes.Count);
        Assert.All(crashes, crash =>
        {
            var lines = crash.LinesAtStart.Concat(crash.LinesAtExit).ToList();
            Assert.NotEmpty(lines);
            Assert.DoesNotContain(lines, line => line.Trim().Length == 0 || Placeholders.Any(p => line.Contains(p, StringComparison.Ordinal)));
            Assert.NotEqual(0, crash.ExitCode);
            Assert.Equal(crash.Kind == AppCrashKind.OutOfMemoryKilled ? "OutOfMemoryError: Container killed due to memory usage" : null, crash.ContainerReason);
        });
        Assert.All(crashes.Where(c => c.Kind == AppCrashKind.ExecFormatError), crash => Assert.Equal((255, 0, 1), (crash.ExitCode, crash.LinesAtStart.Count, crash.LinesAtExit.Count)));
        Assert.All(crashes.Where(c => c.Kind == AppCrashKind.OutOfMemoryKilled), crash => Assert.Equal((137, 0), (crash.ExitCode, crash.LinesAtExit.Count)));
        Assert.Equal(134, crashes.Single(c => (c.Kind, c.Runtime) == (AppCrashKind.HeapOutOfMemory, AppRuntime.Node)).ExitCode);
    }

    [Fact]
    public void Node_logs_through_pino_with_the_tasks_host_name_and_start_time()
    {
        var (crash, launch) = WithLaunch(launch => (AppCrash.Of(AppCrashKind.DatabaseTlsUntrusted, AppRuntime.Node, launch), launch));
        var line = crash.LinesAtExit.Single();

        using var pino = JsonDocument.Parse(line);
        var fields = pino.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "level", "time", "pid", "hostname", "err", "msg" }, fields);
        Assert.Equal(60, pino.RootElement.GetProperty("level").GetInt32());
        Assert.Equal(new DateTimeOffset(launch.StartedAt + crash.ExitAfter, TimeSpan.Zero).ToUnixTimeMilliseconds(), pino.RootElement.GetProperty("time").GetInt64());
        Assert.Equal(new[] { "> app@1.0.0 start", "> node dist/server.js" }, crash.LinesAtStart.Take(2));
        Assert.Equal($"ip-{launch.Task.Attachment.PrivateIpv4Address!.Replace('.', '-')}.us-east-2.compute.internal", pino.RootElement.GetProperty("hostname").GetString());
        Assert.Equal("SELF_SIGNED_CERT_IN_CHAIN", pino.RootElement.GetProperty("err").GetProperty("code").GetString());
        Assert.StartsWith("Error: self-signed certificate in certificate chain\n    at TLSSocket.onConnectSecure", pino.RootElement.GetProperty("err").GetProperty("stack").GetString());
    }

    [Fact]
    public void Details_name_what_the_crash_is_about_and_the_container_port_is_what_the_app_binds()
    {
        var details = new AppCrashDetails { Relation = "public.application_logs", Module = "pg", Variable = "JWT_SECRET" };

        var lines = WithLaunch(launch => new[] { AppCrashKind.MissingRelation, AppCrashKind.MissingModule, AppCrashKind.MissingEnvironmentVariable, AppCrashKind.PortInUse }
            .SelectMany(kind => new[] { AppRuntime.Go, AppRuntime.Node }.Select(runtime => AppCrash.Of(kind, runtime, launch, details)))
            .SelectMany(crash => crash.LinesAtStart.Concat(crash.LinesAtExit))
            .ToList());

        Assert.Contains(lines, l => l.EndsWith(" loading startup data: ERROR: relation \"public.application_logs\" does not exist (SQLSTATE 42P01)", StringComparison.Ordinal));
        Assert.Contains("Error: Cannot find module 'pg'", lines);
        Assert.Contains("Error: Missing required environment variable JWT_SECRET", lines);
        Assert.Contains("Error: listen EADDRINUSE: address already in use :::3001", lines);
        Assert.Contains(lines, l => l.EndsWith(" listen tcp :3001: bind: address already in use", StringComparison.Ordinal));
    }
}
