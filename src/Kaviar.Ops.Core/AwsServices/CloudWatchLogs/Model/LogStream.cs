#nullable disable

using System;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

public class LogStream
{
    public string Arn { get; set; }

    public DateTime? CreationTime { get; set; }

    public DateTime? FirstEventTimestamp { get; set; }

    /// <summary>Updated eventually (usually within an hour), so only a hint of recent activity.</summary>
    public DateTime? LastEventTimestamp { get; set; }

    public DateTime? LastIngestionTime { get; set; }

    public string LogStreamName { get; set; }
}
