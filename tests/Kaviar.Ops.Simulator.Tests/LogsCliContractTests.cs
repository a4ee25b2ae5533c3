using System;
using System.Globalization;
using System.Linq;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The real aws CLI against the CloudWatch Logs of the seed 001 account.</summary>
public sealed class LogsCliContractTests : IDisposable
{
    private const string Group = "/ecs/kaviar-backend";
    private static readonly string[] BackendStartLines =
    {
        "> kaviar-backend@1.0.0 start", "> node dist/server.js", "Connected to PostgreSQL", "Backend running on port 3001",
    };

    private readonly SimulatedAccount _account;
    private readonly CliContract _aws;

    /// <summary>Streams of the four tasks that ran, oldest first (the fifth is still PENDING and has none).</summary>
    private readonly string[] _streams;

    public LogsCliContractTests()
    {
        (_account, _) = TestAccounts.Seed001();
        _aws = new CliContract(_account);
        _streams = _account.Read(s => s.ServiceTasks().Take(4).Select(t => $"ecs/kaviar-backend/{t.Id}").ToArray());
    }

    public void Dispose() => _account.Dispose();

    private string[] Messages(params string[] filter) =>
        _aws.Json(new[] { "logs", "filter-log-events", "--log-group-name", Group }.Concat(filter).ToArray()).Items("events").Select(e => e.Str("message")).ToArray();

    [Fact]
    public void DescribeLogGroups_lists_the_group_with_its_retention_and_arn()
    {
        var group = _aws.Json("logs", "describe-log-groups", "--log-group-name-prefix", "/ecs/").Items("logGroups").Single();

        Assert.Equal(Group, group.Str("logGroupName"));
        Assert.Equal(7, group.Int("retentionInDays"));
        Assert.Equal("arn:aws:logs:us-east-2:123456789012:log-group:/ecs/kaviar-backend:*", group.Str("arn"));
        Assert.Empty(_aws.Json("logs", "describe-log-groups", "--log-group-name-prefix", "/aws/").Items("logGroups"));
    }

    [Fact]
    public void CreateLogGroup_adds_a_group_of_its_class_and_refuses_one_that_exists()
    {
        var created = AwsCli.Run(_account.Endpoint, _account.Region, "logs", "create-log-group", "--log-group-name", "/ecs/kaviar-worker",
            "--log-group-class", "INFREQUENT_ACCESS");
        var group = _aws.Json("logs", "describe-log-groups", "--log-group-name-prefix", "/ecs/kaviar-w").Items("logGroups").Single();
        var again = _aws.Error("logs", "create-log-group", "--log-group-name", Group);

        Assert.True(created.ExitCode == 0, created.Stderr);
        Assert.Equal(("/ecs/kaviar-worker", "INFREQUENT_ACCESS"), (group.Str("logGroupName"), group.Str("logGroupClass")));
        Assert.Equal("arn:aws:logs:us-east-2:123456789012:log-group:/ecs/kaviar-worker:*", group.Str("arn"));
        Assert.Contains("(ResourceAlreadyExistsException)", again, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeLogStreams_orders_by_name_or_by_last_event_and_filters_by_prefix()
    {
        var byName = _aws.Json("logs", "describe-log-streams", "--log-group-name", Group).Items("logStreams").Select(s => s.Str("logStreamName"));
        Assert.Equal(_streams.OrderBy(s => s, StringComparer.Ordinal), byName);

        var newestFirst = _aws.Json("logs", "describe-log-streams", "--log-group-name", Group, "--order-by", "LastEventTime", "--descending").Items("logStreams");
        Assert.Equal(_streams.Reverse(), newestFirst.Select(s => s.Str("logStreamName")));
        Assert.True(newestFirst[0].GetProperty("lastEventTimestamp").GetInt64() > newestFirst[1].GetProperty("lastEventTimestamp").GetInt64());

        _account.Calls.Clear();
        Assert.Equal(byName, _aws.Json("logs", "describe-log-streams", "--log-group-name", Group, "--page-size", "3")
            .Items("logStreams").Select(s => s.Str("logStreamName")));
        Assert.Equal(2, _account.Calls.Snapshot().Count);

        Assert.Equal(new[] { _streams[2] }, _aws.Json("logs", "describe-log-streams", "--log-group-name", Group, "--log-stream-name-prefix", _streams[2])
            .Items("logStreams").Select(s => s.Str("logStreamName")));
        Assert.Contains("(InvalidParameterException)", _aws.Error("logs", "describe-log-streams", "--log-group-name", Group,
            "--order-by", "LastEventTime", "--log-stream-name-prefix", "ecs/"));
    }

    [Fact]
    public void GetLogEvents_reads_from_the_head_and_repeats_the_forward_token_at_the_end()
    {
        var first = _aws.Json("logs", "get-log-events", "--log-group-name", Group, "--log-stream-name", _streams[0], "--start-from-head", "--limit", "3");
        Assert.Equal(BackendStartLines.Take(3), first.Items("events").Select(e => e.Str("message")));

        var rest = _aws.Json("logs", "get-log-events", "--log-group-name", Group, "--log-stream-name", _streams[0], "--next-token", first.Str("nextForwardToken"));
        Assert.Equal(BackendStartLines.Skip(3), rest.Items("events").Select(e => e.Str("message")));

        var end = _aws.Json("logs", "get-log-events", "--log-group-name", Group, "--log-stream-name", _streams[0], "--next-token", rest.Str("nextForwardToken"));
        Assert.Empty(end.Items("events"));
        Assert.Equal(rest.Str("nextForwardToken"), end.Str("nextForwardToken"));

        var timestamps = first.Items("events").Select(e => e.GetProperty("timestamp").GetInt64()).ToArray();
        var window = _aws.Json("logs", "get-log-events", "--log-group-name", Group, "--log-stream-name", _streams[0], "--start-from-head",
            "--start-time", timestamps[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--end-time", timestamps[2].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(BackendStartLines.Skip(1).Take(2), window.Items("events").Select(e => e.Str("message")));
    }

    [Fact]
    public void FilterLogEvents_matches_terms_across_streams()
    {
        var all = _aws.Json("logs", "filter-log-events", "--log-group-name", Group, "--filter-pattern", "\"Backend running\"").Items("events");
        Assert.Equal(_streams, all.Select(e => e.Str("logStreamName")));
        Assert.All(all, e => Assert.Equal("Backend running on port 3001", e.Str("message")));

        var one = _aws.Json("logs", "filter-log-events", "--log-group-name", Group, "--log-stream-names", _streams[1], "--filter-pattern", "PostgreSQL").Items("events");
        Assert.Equal(("Connected to PostgreSQL", _streams[1]), (one.Single().Str("message"), one.Single().Str("logStreamName")));
        Assert.Empty(_aws.Json("logs", "filter-log-events", "--log-group-name", Group, "--filter-pattern", "tax_provider").Items("events"));
    }

    [Fact]
    public void FilterLogEvents_ORs_question_marked_terms_and_excludes_minus_terms()
    {
        var either = _aws.Json("logs", "filter-log-events", "--log-group-name", Group, "--filter-pattern", "?PostgreSQL ?Backend").Items("events");
        Assert.Equal(Enumerable.Repeat(new[] { "Connected to PostgreSQL", "Backend running on port 3001" }, 4).SelectMany(m => m), either.Select(e => e.Str("message")));

        Assert.Equal(BackendStartLines.Take(2), Messages("--log-stream-names", _streams[0], "--filter-pattern", "-PostgreSQL -Backend"));
        Assert.Equal(new[] { "Connected to PostgreSQL" }, Messages("--log-stream-names", _streams[0], "--filter-pattern", "\"Connected\" - \"Backend\""));
        Assert.Equal(new[] { "Backend running on port 3001" }, Messages("--log-stream-names", _streams[0], "--filter-pattern", "port ?3001 ?3002 -PostgreSQL"));
        // Case-sensitive, as CloudWatch matches.
        Assert.Empty(Messages("--log-stream-names", _streams[0], "--filter-pattern", "backend running"));
    }

    [Fact]
    public void FilterLogEvents_matches_JSON_events_by_selector()
    {
        const string stream = "app/json/1";
        _account.Use(state =>
        {
            state.Logs.AddLogStream(Group, stream);
            state.Logs.Write(Group, stream, new[]
            {
                (state.Now, "{\"level\":\"error\",\"msg\":\"db down\",\"latency\":1200,\"user\":{\"id\":7},\"tags\":[\"pg\",\"pool\"]}"),
                (state.Now, "{\"level\":\"info\",\"msg\":\"ok\",\"latency\":30,\"user\":{\"id\":8}}"),
                (state.Now, "ERROR not json {\"level\":\"error\"}"),
            });
        });
        string[] Json(string pattern) => Messages("--log-stream-names", stream, "--filter-pattern", pattern).Select(m => m.Split("msg\":\"").Last().Split('"')[0]).ToArray();

        Assert.Equal(new[] { "db down" }, Json("{ $.level = \"error\" }"));
        Assert.Equal(new[] { "ok" }, Json("{ $.level != \"error\" }"));
        Assert.Equal(new[] { "db down", "ok" }, Json("{ $.level = error || $.level = info }"));
        Assert.Equal(new[] { "db down" }, Json("{ ($.latency > 1000) && $.user.id = 7 }"));
        Assert.Equal(new[] { "db down" }, Json("{ $.msg = \"db*\" }"));
        Assert.Equal(new[] { "db down" }, Json("{ $.tags[1] = pool }"));
        Assert.Empty(Json("{ $.user = 7 }"));
        Assert.Empty(Json("{ $.user != 7 }"));
        Assert.Equal(new[] { "ok" }, Json("{ $.tags NOT EXISTS }"));
    }

    [Fact]
    public void FilterLogEvents_pages_by_limit_and_reads_a_window_in_epoch_milliseconds()
    {
        var all = _aws.Json("logs", "filter-log-events", "--log-group-name", Group).Items("events");
        _account.Calls.Clear();

        var paged = _aws.Json("logs", "filter-log-events", "--log-group-name", Group, "--page-size", "5").Items("events");

        Assert.Equal(16, all.Length);
        Assert.Equal(all.Select(e => e.Str("eventId")), paged.Select(e => e.Str("eventId")));
        Assert.Equal(4, _account.Calls.Snapshot().Count);
        Assert.Equal(all.Select(e => e.Str("eventId")).Distinct(), all.Select(e => e.Str("eventId")));
        var second = all.Where(e => e.Str("logStreamName") == _streams[1]).Select(e => e.GetProperty("timestamp").GetInt64()).ToArray();
        var window = Messages("--start-time", second[1].ToString(CultureInfo.InvariantCulture), "--end-time", second[2].ToString(CultureInfo.InvariantCulture));
        Assert.Equal(BackendStartLines.Skip(1).Take(2), window);
    }

    [Fact]
    public void FilterLogEvents_refuses_more_than_100_stream_names_and_names_with_a_prefix()
    {
        var names = Enumerable.Range(0, 101).Select(i => $"ecs/kaviar-backend/{i:D32}").ToArray();

        Assert.Contains("(InvalidParameterException)", _aws.Error(new[] { "logs", "filter-log-events", "--log-group-name", Group, "--log-stream-names" }.Concat(names).ToArray()));
        Assert.Empty(_aws.Json(new[] { "logs", "filter-log-events", "--log-group-name", Group, "--log-stream-names" }.Concat(names.Take(100)).ToArray()).Items("events"));
        Assert.Contains("(InvalidParameterException)", _aws.Error("logs", "filter-log-events", "--log-group-name", Group, "--log-stream-names", _streams[0],
            "--log-stream-name-prefix", "ecs/"));
    }

    [Fact]
    public void Missing_groups_and_streams_fail_with_awss_exact_messages()
    {
        var noStream = _aws.Error("logs", "get-log-events", "--log-group-name", Group, "--log-stream-name", "ecs/kaviar-backend/ghost");
        Assert.Contains("An error occurred (ResourceNotFoundException) when calling the GetLogEvents operation", noStream);
        Assert.EndsWith(": The specified log stream does not exist.", noStream.TrimEnd());

        var noGroup = _aws.Error("logs", "describe-log-streams", "--log-group-name", "/ecs/ghost");
        Assert.Contains("An error occurred (ResourceNotFoundException) when calling the DescribeLogStreams operation", noGroup);
        Assert.EndsWith(": The specified log group does not exist.", noGroup.TrimEnd());
    }
}
