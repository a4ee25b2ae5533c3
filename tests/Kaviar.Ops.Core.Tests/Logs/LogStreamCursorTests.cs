using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Kaviar.Ops.Aws;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Logs;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Core.Tests.Logs;

/// <summary>
/// The cursor against a simulated account that refuses more than 100 logStreamNames, as CloudWatch does: batches,
/// reads only what is new, and returns a line that arrives late exactly once.
/// </summary>
public sealed class LogStreamCursorTests : IDisposable
{
    private const string Group = "/ecs/worker";

    private readonly ManualClock clock = new ManualClock();
    private readonly SimulatedAccount account;
    private readonly OpsContext context;
    private readonly List<string> warnings = new List<string>();

    public LogStreamCursorTests()
    {
        account = SimulatedAccount.Start(AccountScenario.Named("logs").InRegion("us-east-2").With(state => state.Logs.AddLogGroup(Group)), clock);
        context = new OpsContext(new AwsConnection(new BasicAWSCredentials("AKIDKAVIARTEST", "kaviar-test-secret"),
            RegionEndpoint.GetBySystemName(account.Region), account.Endpoint, "test", "test"), OpsClock.From(() => clock.UtcNow));
    }

    public void Dispose() => account.Dispose();

    [Fact]
    public async System.Threading.Tasks.Task Reads_250_streams_in_three_calls_of_at_most_100_names()
    {
        var cursor = new LogStreamCursor(context, null);
        foreach (var stream in Streams(250))
        {
            Write(stream, (clock.UtcNow.AddSeconds(-30), $"started {stream.TaskId}"));
            cursor.Add(stream, clock.UtcNow.AddMinutes(-5));
        }

        account.Calls.Clear();
        var events = await cursor.ReadNewAsync(clock.UtcNow, warnings);

        Assert.Equal(250, events.Count);
        Assert.Equal(3, cursor.LastReadCalls);
        Assert.Equal(3, account.Calls.Snapshot().Count(c => c.Action == "FilterLogEvents" && c.StatusCode == 200));
        Assert.Empty(warnings);
    }

    [Fact]
    public async System.Threading.Tasks.Task Returns_each_event_once_across_reads_that_overlap_and_a_late_line_too()
    {
        var stream = Streams(1).Single();
        var cursor = new LogStreamCursor(context, null);
        cursor.Add(stream, clock.UtcNow.AddMinutes(-5));
        Write(stream, (clock.UtcNow.AddSeconds(-2), "first"));
        Assert.Equal(new[] { "first" }, Messages(await cursor.ReadNewAsync(clock.UtcNow, warnings)));

        clock.Advance(TimeSpan.FromSeconds(2));
        // Shipped late: written before the last read, it reaches CloudWatch after it.
        Write(stream, (clock.UtcNow.AddSeconds(-3), "late"), (clock.UtcNow, "second"));
        Assert.Equal(new[] { "late", "second" }, Messages(await cursor.ReadNewAsync(clock.UtcNow, warnings)));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(await cursor.ReadNewAsync(clock.UtcNow, warnings));
    }

    [Fact]
    public async System.Threading.Tasks.Task Does_not_read_from_the_start_again()
    {
        var stream = Streams(1).Single();
        var cursor = new LogStreamCursor(context, null);
        cursor.Add(stream, clock.UtcNow.AddHours(-1));
        Write(stream, (clock.UtcNow.AddMinutes(-30), "old"));
        await cursor.ReadNewAsync(clock.UtcNow, warnings);

        clock.Advance(TimeSpan.FromMinutes(1));
        // Written long ago but arriving only now: later than the cursor looks back, so it is not read again.
        Write(stream, (clock.UtcNow.AddMinutes(-20), "too late"), (clock.UtcNow, "new"));

        Assert.Equal(new[] { "new" }, Messages(await cursor.ReadNewAsync(clock.UtcNow, warnings)));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_missing_log_group_is_one_warning()
    {
        var cursor = new LogStreamCursor(context, null);
        cursor.Add(new TaskLogStream(Task("t1"), Location("/ecs/never-created")), clock.UtcNow.AddMinutes(-5));

        await cursor.ReadNewAsync(clock.UtcNow, warnings);
        await cursor.ReadNewAsync(clock.UtcNow.AddSeconds(2), warnings);

        Assert.Contains("Log group /ecs/never-created does not exist in us-east-2", Assert.Single(warnings));
    }

    private IReadOnlyList<TaskLogStream> Streams(int count) => Enumerable.Range(1, count).Select(i =>
    {
        var stream = new TaskLogStream(Task($"task{i:D4}"), Location(Group));
        account.Use(state => state.Logs.AddLogStream(Group, stream.LogStream));
        return stream;
    }).ToList();

    private void Write(TaskLogStream stream, params (DateTime Timestamp, string Message)[] lines) =>
        account.Use(state => state.Logs.Write(Group, stream.LogStream, lines));

    private static IEnumerable<string> Messages(IEnumerable<(TaskLogStream Stream, FilteredLogEvent Event)> events) =>
        events.Select(e => e.Event.Message);

    private static EcsTask Task(string id) => new EcsTask { TaskArn = $"arn:aws:ecs:us-east-2:123456789012:task/workers/{id}", Group = "service:worker" };

    private static ContainerLogLocation Location(string group) => ContainerLogLocation.Of(new ContainerDefinition
    {
        Name = "worker",
        LogConfiguration = new LogConfiguration
        {
            LogDriver = "awslogs",
            Options = new Dictionary<string, string> { ["awslogs-group"] = group, ["awslogs-stream-prefix"] = "ecs" },
        },
    }, "us-east-2");
}
