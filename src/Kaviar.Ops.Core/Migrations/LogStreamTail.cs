using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

namespace Kaviar.Ops.Migrations;

/// <summary>
/// Follows one CloudWatch Logs stream from its start, returning only what is new on each read and keeping the last
/// lines. A stream that does not exist yet is normal while a task starts (and forever for a task that never started).
/// </summary>
public sealed class LogStreamTail
{
    private readonly IAmazonCloudWatchLogs logs;
    private readonly int keep;
    private readonly Queue<string> lastLines = new Queue<string>();
    private string? nextToken;

    public LogStreamTail(IAmazonCloudWatchLogs logs, string logGroup, string logStream, int keep)
    {
        this.logs = logs;
        LogGroup = logGroup;
        LogStream = logStream;
        this.keep = keep;
    }

    public string LogGroup { get; }

    public string LogStream { get; }

    /// <summary>False until the stream has been seen.</summary>
    public bool StreamExists { get; private set; }

    public IReadOnlyList<string> LastLines => lastLines.ToArray();

    public async Task<IReadOnlyList<string>> ReadNewAsync(CancellationToken cancellationToken)
    {
        var fresh = new List<string>();
        try
        {
            while (true)
            {
                var page = await logs.GetLogEventsAsync(
                    new GetLogEventsRequest { LogGroupName = LogGroup, LogStreamName = LogStream, StartFromHead = true, NextToken = nextToken },
                    cancellationToken).ConfigureAwait(false);
                StreamExists = true;
                foreach (var logEvent in page.Events ?? new List<OutputLogEvent>())
                {
                    fresh.Add(logEvent.Message);
                    Remember(logEvent.Message);
                }

                // The forward token repeats once the end of the stream is reached.
                var reachedEnd = page.NextForwardToken == nextToken || page.Events == null || page.Events.Count == 0;
                nextToken = page.NextForwardToken;
                if (reachedEnd)
                {
                    return fresh;
                }
            }
        }
        catch (ResourceNotFoundException)
        {
            return fresh;
        }
    }

    private void Remember(string line)
    {
        lastLines.Enqueue(line);
        while (lastLines.Count > keep)
        {
            lastLines.Dequeue();
        }
    }
}
