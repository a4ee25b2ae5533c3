using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// The simulated account's FilterLogEvents beside moto's, through the real aws CLI, on the same events: the pattern
/// forms moto implements (a term, several terms, a quoted phrase, none), the time window, stream names and paging.
/// </summary>
public sealed class LogsFilterPeerTests : IClassFixture<MotoServerFixture>, IDisposable
{
    private const string Region = "us-east-1";
    private static readonly string[] Streams = { "ecs/app/one", "ecs/app/two" };

    private static readonly (int Stream, int Second, string Message)[] Lines =
    {
        (0, 1, "ERROR db timeout after 5000 ms"), (1, 2, "ERROR pool exhausted"), (0, 3, "INFO request ok"),
        (1, 4, "WARN slow query"), (0, 5, "error in lower case"), (1, 6, "ERROR timeout on upstream"),
    };

    // Each test its own group: moto lives as long as the class.
    private readonly string group = "/ecs/peer-" + Guid.NewGuid().ToString("N");
    private readonly long start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
    private readonly Uri moto;
    private readonly SimulatedAccount account;

    public LogsFilterPeerTests(MotoServerFixture fixture)
    {
        moto = fixture.Server.Endpoint;
        account = SimulatedAccount.Start(AccountScenario.Named("logs-peer").InRegion(Region).With(state =>
        {
            state.Logs.AddLogGroup(group);
            for (var i = 0; i < Streams.Length; i++)
            {
                state.Logs.AddLogStream(group, Streams[i]);
                state.Logs.Write(group, Streams[i], Lines.Where(l => l.Stream == i).Select(l => (DateTimeOffset.FromUnixTimeMilliseconds(Timestamp(l.Second)).UtcDateTime, l.Message)));
            }
        }));
        Cli(moto, "logs", "create-log-group", "--log-group-name", group);
        for (var i = 0; i < Streams.Length; i++)
        {
            Cli(moto, "logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", Streams[i]);
            var events = new JsonArray(Lines.Where(l => l.Stream == i).Select(l => (JsonNode)new JsonObject { ["timestamp"] = Timestamp(l.Second), ["message"] = l.Message }).ToArray());
            Cli(moto, "logs", "put-log-events", "--log-group-name", group, "--log-stream-name", Streams[i], "--log-events", events.ToJsonString());
        }
    }

    public void Dispose() => account.Dispose();

    [Theory]
    [InlineData("ERROR", 3)]
    [InlineData("ERROR timeout", 2)]
    [InlineData("\"pool exhausted\"", 1)]
    [InlineData("request", 1)]
    public void Both_match_a_filter_pattern_alike(string pattern, int matches)
    {
        var simulated = Filter(account.Endpoint, "--filter-pattern", pattern);

        Assert.Equal(matches, simulated.Length);
        Assert.Equal(simulated, Filter(moto, "--filter-pattern", pattern));
    }

    [Fact]
    public void Both_read_a_window_of_named_streams_page_by_page()
    {
        string[] Ask(Uri endpoint) => Filter(endpoint, "--log-stream-names", Streams[1], "--start-time", Timestamp(2).ToString(CultureInfo.InvariantCulture),
            "--end-time", Timestamp(4).ToString(CultureInfo.InvariantCulture), "--page-size", "1");

        Assert.Equal(new[] { "ecs/app/two ERROR pool exhausted", "ecs/app/two WARN slow query" }, Ask(account.Endpoint));
        Assert.Equal(Ask(account.Endpoint), Ask(moto));
        Assert.Equal(Filter(account.Endpoint), Filter(moto));
    }

    private long Timestamp(int second) => start + (second * 1000L);

    /// <summary>The events as "stream message", sorted: moto lists stream by stream, CloudWatch interleaves by time.</summary>
    private string[] Filter(Uri endpoint, params string[] options)
    {
        var output = Cli(endpoint, new[] { "logs", "filter-log-events", "--log-group-name", group, "--output", "json" }.Concat(options).ToArray());
        using var document = output.Json;
        return document.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => $"{e.GetProperty("logStreamName").GetString()} {e.GetProperty("message").GetString()}")
            .OrderBy(e => e, StringComparer.Ordinal).ToArray();
    }

    private static AwsCliResult Cli(Uri endpoint, params string[] args)
    {
        var result = AwsCli.Run(endpoint, Region, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} against {endpoint} exited {result.ExitCode}: {result.Stderr}");
        return result;
    }
}
