using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Logs;

/// <summary>
/// Reads what is new in a set of log streams, one FilterLogEvents call per log group and 100 streams (the API's
/// limit on logStreamNames), every page of it. Each read starts where the last one ended, less
/// <see cref="LateArrival"/>, and events already returned are dropped by their eventId, so a line that reaches
/// CloudWatch after lines stamped later is still returned once, and nothing is read twice from the start.
/// </summary>
public sealed class LogStreamCursor
{
    /// <summary>FilterLogEvents takes at most 100 logStreamNames.</summary>
    public const int StreamsPerCall = 100;

    /// <summary>How far back each read looks again: the awslogs driver ships in batches, so a line can arrive seconds after it was written.</summary>
    public static readonly TimeSpan LateArrival = TimeSpan.FromSeconds(10);

    private readonly OpsContext context;
    private readonly string? filterPattern;
    private readonly Dictionary<string, Position> streams = new Dictionary<string, Position>(StringComparer.Ordinal);
    private readonly Dictionary<string, long> returned = new Dictionary<string, long>(StringComparer.Ordinal);
    private readonly HashSet<string> missingGroups = new HashSet<string>(StringComparer.Ordinal);
    private long? readUpTo;

    /// <param name="filterPattern">A CloudWatch Logs filter pattern every returned event matches; null for every event.</param>
    public LogStreamCursor(OpsContext context, string? filterPattern)
    {
        this.context = context;
        this.filterPattern = filterPattern;
    }

    public IEnumerable<TaskLogStream> Streams => streams.Values.Select(p => p.Stream);

    /// <summary>The FilterLogEvents calls of the last read (one per log group and 100 streams; more pages add to it).</summary>
    public int LastReadCalls { get; private set; }

    /// <summary>
    /// Adds a stream to read from <paramref name="notBefore"/>. A stream that starts after what is already read joins
    /// the others' position (and their calls); it has no earlier events to miss.
    /// </summary>
    public bool Add(TaskLogStream stream, DateTime notBefore)
    {
        var key = Key(stream);
        if (streams.ContainsKey(key))
        {
            return false;
        }

        var start = Milliseconds(notBefore);
        streams[key] = new Position(stream, readUpTo is { } shared && shared < start ? shared : start);
        return true;
    }

    public void Remove(Func<TaskLogStream, bool> which)
    {
        foreach (var key in streams.Where(s => which(s.Value.Stream)).Select(s => s.Key).ToList())
        {
            streams.Remove(key);
        }
    }

    /// <summary>The events not returned before, oldest first. A log group that does not exist is a warning, said once.</summary>
    public async Task<IReadOnlyList<(TaskLogStream Stream, FilteredLogEvent Event)>> ReadNewAsync(DateTime polledAt, ICollection<string> warnings)
    {
        var next = Milliseconds(polledAt - LateArrival);
        var fresh = new List<(TaskLogStream Stream, FilteredLogEvent Event)>();
        LastReadCalls = 0;
        foreach (var group in streams.Values.GroupBy(p => (p.Stream.LogRegion, p.Stream.LogGroup, p.From)))
        {
            foreach (var batch in ApiLimits.Batches(group.OrderBy(p => p.Stream.LogStream, StringComparer.Ordinal).ToList(), StreamsPerCall))
            {
                fresh.AddRange(await ReadAsync(group.Key.LogRegion, group.Key.LogGroup, group.Key.From, batch, warnings).ConfigureAwait(false));
                foreach (var position in batch)
                {
                    position.From = Math.Max(position.From, next);
                }
            }
        }

        readUpTo = next;
        Forget();
        return fresh.OrderBy(e => e.Event.Timestamp).ThenBy(e => e.Stream.LogStream, StringComparer.Ordinal).ToList();
    }

    private async Task<IEnumerable<(TaskLogStream Stream, FilteredLogEvent Event)>> ReadAsync(
        string region, string logGroup, long from, IReadOnlyList<Position> batch, ICollection<string> warnings)
    {
        var byName = batch.ToDictionary(p => p.Stream.LogStream, p => p.Stream, StringComparer.Ordinal);
        List<FilteredLogEvent> events;
        try
        {
            LastReadCalls++;
            events = await ClientFor(region).FilterAllLogEventsAsync(new FilterLogEventsRequest
            {
                LogGroupName = logGroup,
                LogStreamNames = byName.Keys.ToList(),
                StartTime = from,
                FilterPattern = filterPattern,
            }, context.CancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            if (missingGroups.Add(region + " " + logGroup))
            {
                warnings.Add($"Log group {logGroup} does not exist in {region}: its containers have not written anything yet, or the group was deleted.");
            }

            return Array.Empty<(TaskLogStream, FilteredLogEvent)>();
        }

        return events.Where(e => byName.ContainsKey(e.LogStreamName) && FirstTime(e)).Select(e => (byName[e.LogStreamName], e)).ToList();
    }

    private bool FirstTime(FilteredLogEvent logEvent)
    {
        if (logEvent.EventId == null)
        {
            return true;
        }

        if (returned.ContainsKey(logEvent.EventId))
        {
            return false;
        }

        returned[logEvent.EventId] = logEvent.Timestamp ?? 0;
        return true;
    }

    /// <summary>Event ids older than every stream's next start can never be returned again.</summary>
    private void Forget()
    {
        var oldest = streams.Count == 0 ? readUpTo ?? 0 : streams.Values.Min(p => p.From);
        foreach (var id in returned.Where(r => r.Value < oldest).Select(r => r.Key).ToList())
        {
            returned.Remove(id);
        }
    }

    /// <summary>The log group's region may be another than the task's (awslogs-region): the same connection there.</summary>
    private IAmazonCloudWatchLogs ClientFor(string region) => context.InRegion(region).Logs;

    private static string Key(TaskLogStream stream) => stream.LogRegion + " " + stream.LogGroup + " " + stream.LogStream;

    private static long Milliseconds(DateTime utc) => (long)(utc - Epoch).TotalMilliseconds;

    private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private sealed class Position
    {
        public Position(TaskLogStream stream, long from)
        {
            Stream = stream;
            From = from;
        }

        public TaskLogStream Stream { get; }

        /// <summary>The startTime of the stream's next read, epoch milliseconds.</summary>
        public long From { get; set; }
    }
}
