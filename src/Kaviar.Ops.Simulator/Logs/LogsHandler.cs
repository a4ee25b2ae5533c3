using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Logs;

/// <summary>CloudWatch Logs over JSON 1.1 (X-Amz-Target: Logs_20140328.*).</summary>
public sealed partial class LogsHandler : IServiceHandler
{
    private const int MaxEventsPerPage = 10000;
    private const int MaxGroupsOrStreamsPerPage = 50;
    private const int MaxStreamNames = 100;
    private readonly AccountState _state;

    public LogsHandler(AccountState state) => _state = state;

    public string ServiceName => ServiceProtocols.Logs.ServiceName;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request)
    {
        var args = new JsonArgs(request.JsonBody);
        return JsonWire.Ok(request.Action switch
        {
            "CreateLogGroup" => CreateLogGroup(args),
            "DescribeLogGroups" => DescribeLogGroups(args),
            "DescribeLogStreams" => DescribeLogStreams(args),
            "GetLogEvents" => GetLogEvents(args),
            "FilterLogEvents" => FilterLogEvents(args),
            _ => throw AwsErrors.UnknownAction(ServiceProtocols.Logs, request.Action),
        });
    }

    /// <summary>A name of 1 to 512 characters from AWS's set (letters, digits, '.', '-', '_', '/', '#'), unique in the region.</summary>
    private JsonObject CreateLogGroup(JsonArgs args)
    {
        var name = args.RequiredString("logGroupName");
        if (name.Length > 512 || !LogGroupNamePattern().IsMatch(name))
        {
            throw new AwsErrorException("InvalidParameterException",
                $"1 validation error detected: Value '{name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }

        var logGroupClass = args.String("logGroupClass") ?? LogsState.StandardClass;
        if (logGroupClass is not (LogsState.StandardClass or "INFREQUENT_ACCESS" or "DELIVERY"))
        {
            throw new AwsErrorException("InvalidParameterException", $"Log group class '{logGroupClass}' is not one of STANDARD, INFREQUENT_ACCESS, DELIVERY.");
        }

        _state.Logs.AddLogGroup(name, logGroupClass: logGroupClass);
        return new JsonObject();
    }

    [GeneratedRegex(@"^[.\-_/#A-Za-z0-9]+$")]
    private static partial Regex LogGroupNamePattern();

    private JsonObject DescribeLogGroups(JsonArgs args)
    {
        var prefix = args.String("logGroupNamePrefix") ?? string.Empty;
        var groups = _state.Logs.Groups.Where(g => g.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var (page, next) = PageToken.Slice(groups, args.String("nextToken"), PageSize(args.Int("limit"), MaxGroupsOrStreamsPerPage));
        return new JsonObject { ["logGroups"] = page.ToJsonArray(g => GroupJson(g)) }.AddIfPresent("nextToken", next);
    }

    private JsonObject DescribeLogStreams(JsonArgs args)
    {
        var group = _state.Logs.RequireGroup(GroupName(args));
        var prefix = args.String("logStreamNamePrefix");
        var byLastEvent = args.String("orderBy") == "LastEventTime";
        if (byLastEvent && prefix is not null)
        {
            throw new AwsErrorException("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        IEnumerable<LogStream> streams = group.Streams.Where(s => prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal));
        if (byLastEvent)
        {
            streams = streams.OrderBy(LastActivity).ThenBy(s => s.Name, StringComparer.Ordinal);
        }

        if (args.Bool("descending") == true)
        {
            streams = streams.Reverse();
        }

        var (page, next) = PageToken.Slice(streams.ToList(), args.String("nextToken"), PageSize(args.Int("limit"), MaxGroupsOrStreamsPerPage));
        return new JsonObject { ["logStreams"] = page.ToJsonArray(s => StreamJson(s)) }.AddIfPresent("nextToken", next);
    }

    /// <summary>
    /// Forward and backward tokens are positions in the time-filtered stream ("f/…" reads on from there,
    /// "b/…" reads what lies before). At the end the forward token comes back unchanged, which is how
    /// callers know to stop.
    /// </summary>
    private JsonObject GetLogEvents(JsonArgs args)
    {
        var group = _state.Logs.RequireGroup(GroupName(args));
        var stream = group.FindStream(args.RequiredString("logStreamName"))
            ?? throw new AwsErrorException("ResourceNotFoundException", "The specified log stream does not exist.");
        var events = stream.Events.Where(InTimeRange(args)).ToList();
        var limit = PageSize(args.Int("limit"), MaxEventsPerPage);

        int start;
        int end;
        switch (EventToken.Parse(args.String("nextToken")))
        {
            case { Forward: true } forward:
                start = Math.Min(forward.Position, events.Count);
                end = Math.Min(start + limit, events.Count);
                break;
            case { Forward: false } backward:
                end = Math.Min(backward.Position, events.Count);
                start = Math.Max(0, end - limit);
                break;
            default:
                if (args.Bool("startFromHead") == true)
                {
                    start = 0;
                    end = Math.Min(limit, events.Count);
                }
                else
                {
                    end = events.Count;
                    start = Math.Max(0, end - limit);
                }

                break;
        }

        return new JsonObject
        {
            ["events"] = events.Skip(start).Take(end - start).ToJsonArray(e => new JsonObject
            {
                ["timestamp"] = JsonWire.EpochMillis(e.Timestamp),
                ["message"] = e.Message,
                ["ingestionTime"] = JsonWire.EpochMillis(e.IngestedAt),
            }),
            ["nextForwardToken"] = new EventToken(true, end).ToString(),
            ["nextBackwardToken"] = new EventToken(false, start).ToString(),
        };
    }

    private JsonObject FilterLogEvents(JsonArgs args)
    {
        var group = _state.Logs.RequireGroup(GroupName(args));
        var names = args.Strings("logStreamNames");
        if (names.Count > MaxStreamNames)
        {
            throw new AwsErrorException("InvalidParameterException",
                $"1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to {MaxStreamNames}");
        }

        var prefix = args.String("logStreamNamePrefix");
        if (names.Count > 0 && prefix is not null)
        {
            throw new AwsErrorException("InvalidParameterException", "logStreamNames and logStreamNamePrefix are mutually exclusive");
        }

        bool Included(LogStream s) => names.Count > 0 ? names.Contains(s.Name) : prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal);
        var pattern = FilterPattern.Parse(args.String("filterPattern"));
        var inRange = InTimeRange(args);
        var matches = _state.Logs.EventsOf(group, Included)
            .Where(item => inRange(item.Event) && pattern.Matches(item.Event.Message))
            .ToList();
        var (page, next) = PageToken.Slice(matches, args.String("nextToken"), PageSize(args.Int("limit"), MaxEventsPerPage));
        return new JsonObject
        {
            ["events"] = page.ToJsonArray(item => new JsonObject
            {
                ["logStreamName"] = item.Stream.Name,
                ["timestamp"] = JsonWire.EpochMillis(item.Event.Timestamp),
                ["message"] = item.Event.Message,
                ["ingestionTime"] = JsonWire.EpochMillis(item.Event.IngestedAt),
                ["eventId"] = EventId(item.Stream, item.Event),
            }),
            ["searchedLogStreams"] = group.Streams.Where(Included).ToJsonArray(s => new JsonObject
            {
                ["logStreamName"] = s.Name,
                ["searchedCompletely"] = true,
            }),
        }.AddIfPresent("nextToken", next);
    }

    private static string GroupName(JsonArgs args) =>
        args.String("logGroupName")
        ?? args.String("logGroupIdentifier")?.Split(":log-group:").Last().TrimEnd('*').TrimEnd(':')
        ?? throw new AwsErrorException("InvalidParameterException", "Either logGroupName or logGroupIdentifier must be specified.");

    private static int PageSize(int? limit, int max)
    {
        if (limit is < 1 || limit > max)
        {
            throw new AwsErrorException("InvalidParameterException", $"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to {max}");
        }

        return limit ?? max;
    }

    private static Func<LogEvent, bool> InTimeRange(JsonArgs args)
    {
        var startTime = args.Long("startTime");
        var endTime = args.Long("endTime");
        return e =>
        {
            var millis = JsonWire.EpochMillis(e.Timestamp);
            return (startTime is null || millis >= startTime) && (endTime is null || millis <= endTime);
        };
    }

    private static DateTime LastActivity(LogStream stream) => stream.Events.Count > 0 ? stream.Events[^1].Timestamp : stream.CreatedAt;

    private static JsonObject GroupJson(LogGroup group) => new JsonObject
    {
        ["logGroupName"] = group.Name,
        ["creationTime"] = JsonWire.EpochMillis(group.CreatedAt),
    }
        .AddIfPresent("retentionInDays", group.RetentionInDays)
        .AddIfPresent("metricFilterCount", 0)
        .AddIfPresent("arn", group.Arn + ":*")
        .AddIfPresent("storedBytes", group.Streams.Sum(StoredBytes))
        .AddIfPresent("logGroupClass", group.LogGroupClass)
        .AddIfPresent("logGroupArn", group.Arn);

    private static JsonObject StreamJson(LogStream stream)
    {
        var json = new JsonObject
        {
            ["logStreamName"] = stream.Name,
            ["creationTime"] = JsonWire.EpochMillis(stream.CreatedAt),
        };
        if (stream.Events.Count > 0)
        {
            json["firstEventTimestamp"] = JsonWire.EpochMillis(stream.Events[0].Timestamp);
            json["lastEventTimestamp"] = JsonWire.EpochMillis(stream.Events[^1].Timestamp);
            json["lastIngestionTime"] = JsonWire.EpochMillis(stream.Events.Max(e => e.IngestedAt));
        }

        json["arn"] = stream.Arn;
        json["storedBytes"] = 0;
        return json;
    }

    private static long StoredBytes(LogStream stream) => stream.Events.Sum(e => (long)e.Message.Length);

    /// <summary>Stable per event, shaped like CloudWatch's 56-digit ids.</summary>
    private static string EventId(LogStream stream, LogEvent logEvent)
    {
        // A fixed hash (string.GetHashCode changes per process), so ids are stable across runs.
        var streamHash = stream.Name.Aggregate(17u, (hash, c) => unchecked((hash * 31) + c)) % 1_000_000;
        return JsonWire.EpochMillis(logEvent.Timestamp).ToString("D20", CultureInfo.InvariantCulture)
            + streamHash.ToString("D18", CultureInfo.InvariantCulture)
            + logEvent.Sequence.ToString("D18", CultureInfo.InvariantCulture);
    }

    private sealed record EventToken(bool Forward, int Position)
    {
        public static EventToken? Parse(string? token)
        {
            if (token is null)
            {
                return null;
            }

            if (token.Length > 2 && (token[0] == 'f' || token[0] == 'b') && token[1] == '/'
                && int.TryParse(token.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return new EventToken(token[0] == 'f', position);
            }

            throw new AwsErrorException("InvalidParameterException", "The specified nextToken is invalid.");
        }

        public override string ToString() => (Forward ? "f/" : "b/") + Position.ToString("D56", CultureInfo.InvariantCulture);
    }
}
