using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Logs;

/// <summary>One read of the logs: the new lines, oldest first, and what the command should say about it.</summary>
public sealed class EcsLogPoll
{
    public IReadOnlyList<EcsLogLine> Lines { get; set; } = Array.Empty<EcsLogLine>();

    /// <summary>Containers or log groups that cannot be read.</summary>
    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    /// <summary>Streams started or stopped being read, for -Verbose.</summary>
    public IReadOnlyList<string> Notes { get; set; } = Array.Empty<string>();

    /// <summary>Named tasks ECS does not know; the others are read.</summary>
    public IReadOnlyList<OpsException> Failures { get; set; } = Array.Empty<OpsException>();

    /// <summary>True when there is nothing more to read: not following, or the follow's timeout has passed.</summary>
    public bool Finished { get; set; }
}

/// <summary>
/// What `aws logs tail --since 10m --follow` does for a log group, done for a service: its tasks' streams, found from
/// the task definitions they run (<see cref="TaskLogStreams"/>), read with FilterLogEvents (<see cref="LogStreamCursor"/>).
/// Following polls every 2 s at most (FilterLogEvents allows 5 calls a second per account and region, shared with
/// every other reader) and lists the service's tasks again every third poll: a replacement task is listed from the
/// moment ECS creates it, long before it starts writing, so its first lines come with the first poll after them.
/// </summary>
public sealed class EcsLogReader
{
    public static readonly TimeSpan DefaultSince = TimeSpan.FromMinutes(10);

    /// <summary>Listing a service's tasks costs DescribeServices, ListTasks and DescribeTasks.</summary>
    internal const int ServiceListingCalls = 3;

    private const int ListEveryPolls = 3;

    /// <summary>A task that is no longer listed is read a little longer: its last lines (a crash's stack trace) may arrive after it stopped.</summary>
    private static readonly TimeSpan StoppedTaskReadFor = TimeSpan.FromMinutes(1);

    private readonly OpsContext context;
    private readonly EcsLogRequest request;
    private readonly TaskLogStreams sources;
    private readonly LogStreamCursor cursor;
    private readonly Dictionary<string, DateTime> lastListed = new Dictionary<string, DateTime>(StringComparer.Ordinal);
    private DateTime started;
    private DateTime windowStart;
    private string cluster = "";
    private int polls;
    private int listingCalls;

    public EcsLogReader(OpsContext context, EcsLogRequest request)
    {
        this.context = context;
        this.request = request;
        sources = new TaskLogStreams(context, request.Containers);
        cursor = new LogStreamCursor(context, request.FilterPattern);
    }

    /// <summary>The first call reads the window; with <see cref="EcsLogRequest.Follow"/>, each later call waits for the next poll and reads what is new.</summary>
    public async Task<EcsLogPoll> NextAsync()
    {
        var poll = new Accumulated();
        if (polls > 0 && !await PauseAsync().ConfigureAwait(false))
        {
            return new EcsLogPoll { Finished = true };
        }

        var polledAt = context.Clock.UtcNow;
        listingCalls = 0;
        if (polls == 0)
        {
            started = polledAt;
            await StartAsync(polledAt, poll).ConfigureAwait(false);
        }
        else if (request.Service != null && polls % ListEveryPolls == 0)
        {
            await ListServiceTasksAsync(polledAt, poll).ConfigureAwait(false);
        }

        var events = await cursor.ReadNewAsync(polledAt, poll.Warnings).ConfigureAwait(false);
        polls++;
        return new EcsLogPoll
        {
            Lines = events.Select(e => ToLine(e.Stream, e.Event)).ToList(),
            Warnings = poll.Warnings,
            Notes = poll.Notes,
            Failures = poll.Failures,
            Finished = !request.Follow || (request.Timeout is { } timeout && context.Clock.UtcNow - started >= timeout),
        };
    }

    /// <summary>Waits for the next poll; false when the follow's timeout passes first.</summary>
    private async Task<bool> PauseAsync()
    {
        // Never faster than every 2 s, and slower when a poll takes more calls than 2 a second allows.
        var pause = Waiter.Interval(Math.Max(2, polls), cursor.LastReadCalls + listingCalls);
        if (request.Timeout is { } timeout)
        {
            var remaining = started + timeout - context.Clock.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            pause = remaining < pause ? remaining : pause;
        }

        await context.Clock.Delay(pause, context.CancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task StartAsync(DateTime polledAt, Accumulated poll)
    {
        IReadOnlyList<EcsTask> tasks;
        if (request.Service is { } service)
        {
            var snapshot = await new EcsServiceLocator(context).LocateOneAsync(service, ServiceParts.RunningTasks | ServiceParts.StoppedTasks).ConfigureAwait(false);
            listingCalls = ServiceListingCalls;
            cluster = snapshot.Cluster;
            windowStart = polledAt - (request.Since ?? DefaultSince);
            // Tasks that stopped within the window wrote in it: a crash loop's last lines are what one looks for.
            tasks = snapshot.RunningTasks.Concat(snapshot.StoppedTasks.Where(t => (t.StoppedAt ?? polledAt) >= windowStart)).ToList();
            if (tasks.Count == 0)
            {
                // Saying nothing would read as "the service logged nothing".
                poll.Warnings.Add($"Service {snapshot.ServiceName} has no task running or stopped since {windowStart:u}, so there is no log to read"
                    + $"{(request.Follow ? " yet; the tasks it starts are read as they appear" : "")}. "
                    + $"{Suggest.GetEcsServiceHealth(context.Region, snapshot.Cluster, snapshot.ServiceName)} says why.");
            }
        }
        else
        {
            cluster = request.Cluster;
            tasks = await DescribeNamedTasksAsync(poll).ConfigureAwait(false);
            windowStart = request.Since is { } since ? polledAt - since : tasks.Min(t => t.CreatedAt) ?? polledAt - DefaultSince;
        }

        await ReadTasksAsync(tasks, polledAt, poll).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<EcsTask>> DescribeNamedTasksAsync(Accumulated poll)
    {
        var tasks = await new EcsServiceLocator(context).DescribeTasksAsync(cluster, request.TaskArns).ConfigureAwait(false);
        var known = new HashSet<string>(tasks.Select(t => EcsNames.TaskId(t.TaskArn)), StringComparer.Ordinal);
        foreach (var missing in request.TaskArns.Where(arn => !known.Contains(EcsNames.TaskId(arn))))
        {
            poll.Failures.Add(new OpsException(ErrorTable.EcsTaskNotFound,
                $"Task {missing} was not found in cluster {cluster} ({context.Region}); ECS keeps a stopped task for about an hour.", missing,
                $"List the cluster's tasks with 'aws ecs list-tasks --cluster {cluster} --desired-status STOPPED --region {context.Region}'."));
        }

        return tasks;
    }

    /// <summary>The service's tasks again: a replacement's streams join, and a task gone for a minute is no longer read.</summary>
    private async Task ListServiceTasksAsync(DateTime polledAt, Accumulated poll)
    {
        var snapshot = await new EcsServiceLocator(context).LocateOneAsync(request.Service!, ServiceParts.RunningTasks).ConfigureAwait(false);
        listingCalls = ServiceListingCalls;
        await ReadTasksAsync(snapshot.RunningTasks, polledAt, poll).ConfigureAwait(false);
        foreach (var gone in lastListed.Where(t => polledAt - t.Value > StoppedTaskReadFor).Select(t => t.Key).ToList())
        {
            lastListed.Remove(gone);
            cursor.Remove(s => s.TaskArn == gone);
            poll.Notes.Add($"Task {EcsNames.TaskId(gone)} is no longer running; its log is no longer read.");
        }
    }

    private async Task ReadTasksAsync(IReadOnlyList<EcsTask> tasks, DateTime polledAt, Accumulated poll)
    {
        foreach (var task in tasks)
        {
            lastListed[task.TaskArn] = polledAt;
        }

        foreach (var stream in await sources.OfAsync(tasks, poll.Warnings).ConfigureAwait(false))
        {
            // The first read covers the whole window in one call per log group; a task found later is read from its creation.
            var created = polls == 0 ? windowStart : stream.TaskCreatedAt ?? windowStart;
            if (cursor.Add(stream, created > windowStart ? created : windowStart))
            {
                poll.Notes.Add($"Reading task {stream.TaskId} container {stream.Container}: {stream.LogGroup} {stream.LogStream}.");
            }
        }
    }

    private EcsLogLine ToLine(TaskLogStream stream, FilteredLogEvent logEvent) => context.Stamp(new EcsLogLine
    {
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(logEvent.Timestamp ?? 0).UtcDateTime,
        TaskId = stream.TaskId,
        Container = stream.Container,
        // The awslogs driver keeps a line's newline; the line is the text.
        Message = (logEvent.Message ?? "").TrimEnd('\r', '\n'),
        LogGroup = stream.LogGroup,
        LogStream = stream.LogStream,
        Cluster = cluster,
        ServiceName = stream.ServiceName,
    });

    private sealed class Accumulated
    {
        public List<string> Warnings { get; } = new List<string>();

        public List<string> Notes { get; } = new List<string>();

        public List<OpsException> Failures { get; } = new List<OpsException>();
    }
}
