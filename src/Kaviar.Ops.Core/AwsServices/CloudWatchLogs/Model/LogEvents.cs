#nullable disable

using System;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

// The SDK maps GetLogEvents timestamps to DateTime but keeps FilterLogEvents ones as epoch-millisecond longs.
public class OutputLogEvent
{
    public DateTime? IngestionTime { get; set; }

    public string Message { get; set; }

    public DateTime? Timestamp { get; set; }
}

public class FilteredLogEvent
{
    public string EventId { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long? IngestionTime { get; set; }

    public string LogStreamName { get; set; }

    public string Message { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long? Timestamp { get; set; }
}

public class SearchedLogStream
{
    public string LogStreamName { get; set; }

    public bool? SearchedCompletely { get; set; }
}
