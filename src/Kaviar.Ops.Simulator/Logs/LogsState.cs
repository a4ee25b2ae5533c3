using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Logs;

public sealed record LogEvent(DateTime Timestamp, string Message, DateTime IngestedAt)
{
    /// <summary>The order the stream received it in: with the timestamp, what keeps its eventId when a late event is slotted in before it.</summary>
    public int Sequence { get; init; }
}

public sealed class LogStream
{
    private readonly List<LogEvent> _events = new();
    private int _received;

    internal LogStream(string name, string arn, DateTime createdAt)
    {
        Name = name;
        Arn = arn;
        CreatedAt = createdAt;
    }

    public string Name { get; }

    public string Arn { get; }

    public DateTime CreatedAt { get; }

    /// <summary>Oldest first, like CloudWatch stores them.</summary>
    public IReadOnlyList<LogEvent> Events => _events;

    internal void Append(LogEvent logEvent)
    {
        // Events usually arrive in order; a late one is slotted in by timestamp.
        var index = _events.FindLastIndex(e => e.Timestamp <= logEvent.Timestamp) + 1;
        _events.Insert(index, logEvent with { Sequence = _received++ });
    }
}

public sealed class LogGroup
{
    private readonly SortedDictionary<string, LogStream> _streams = new(StringComparer.Ordinal);

    internal LogGroup(string name, string arn, DateTime createdAt, int? retentionInDays, string logGroupClass)
    {
        Name = name;
        Arn = arn;
        CreatedAt = createdAt;
        RetentionInDays = retentionInDays;
        LogGroupClass = logGroupClass;
    }

    public string Name { get; }

    /// <summary>The log group ARN without the trailing ":*" that DescribeLogGroups' "arn" member carries.</summary>
    public string Arn { get; }

    public DateTime CreatedAt { get; }

    public int? RetentionInDays { get; }

    /// <summary>"STANDARD", "INFREQUENT_ACCESS" or "DELIVERY"; fixed when the group is created.</summary>
    public string LogGroupClass { get; }

    /// <summary>Ordered by name, the order DescribeLogStreams uses by default.</summary>
    public IReadOnlyCollection<LogStream> Streams => _streams.Values;

    public LogStream? FindStream(string name) => _streams.GetValueOrDefault(name);

    internal void Add(LogStream stream) => _streams.Add(stream.Name, stream);
}

/// <summary>CloudWatch Logs of the simulated account: groups, streams and their events.</summary>
public sealed class LogsState
{
    private readonly SortedDictionary<string, LogGroup> _groups = new(StringComparer.Ordinal);

    public LogsState(AccountState account) => Account = account;

    public AccountState Account { get; }

    public IReadOnlyCollection<LogGroup> Groups => _groups.Values;

    public LogGroup? FindGroup(string name) => _groups.GetValueOrDefault(name);

    public LogGroup RequireGroup(string name) =>
        FindGroup(name) ?? throw new AwsErrorException("ResourceNotFoundException", "The specified log group does not exist.");

    public const string StandardClass = "STANDARD";

    public LogGroup AddLogGroup(string name, int? retentionInDays = null, string logGroupClass = StandardClass)
    {
        if (_groups.ContainsKey(name))
        {
            throw new AwsErrorException("ResourceAlreadyExistsException", "The specified log group already exists");
        }

        var group = new LogGroup(name, $"arn:aws:logs:{Account.Region}:{Account.AccountId}:log-group:{name}", Account.Now, retentionInDays, logGroupClass);
        _groups.Add(name, group);
        return group;
    }

    public LogStream AddLogStream(string groupName, string streamName)
    {
        var group = RequireGroup(groupName);
        if (group.FindStream(streamName) is not null)
        {
            throw new AwsErrorException("ResourceAlreadyExistsException", "The specified log stream already exists");
        }

        var stream = new LogStream(streamName, $"{group.Arn}:log-stream:{streamName}", Account.Now);
        group.Add(stream);
        return stream;
    }

    /// <summary>Appends events as an agent would ship them: ingested now, stamped when they were written.</summary>
    public void Write(string groupName, string streamName, IEnumerable<(DateTime Timestamp, string Message)> events)
    {
        var stream = RequireGroup(groupName).FindStream(streamName)
            ?? throw new AwsErrorException("ResourceNotFoundException", "The specified log stream does not exist.");
        foreach (var (timestamp, message) in events)
        {
            stream.Append(new LogEvent(timestamp, message, Account.Now > timestamp ? Account.Now : timestamp));
        }
    }

    /// <summary>Every event of the group, oldest first, with the stream it is in.</summary>
    internal IEnumerable<(LogStream Stream, LogEvent Event)> EventsOf(LogGroup group, Func<LogStream, bool> includeStream) =>
        group.Streams.Where(includeStream)
            .SelectMany(stream => stream.Events.Select(e => (Stream: stream, Event: e)))
            .OrderBy(item => item.Event.Timestamp)
            .ThenBy(item => item.Stream.Name, StringComparer.Ordinal);
}
