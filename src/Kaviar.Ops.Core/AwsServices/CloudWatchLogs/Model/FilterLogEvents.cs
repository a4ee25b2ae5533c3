#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

public class FilterLogEventsRequest : AmazonCloudWatchLogsRequest
{
    public string LogGroupName { get; set; }

    public List<string> LogStreamNames { get; set; }

    public string LogStreamNamePrefix { get; set; }

    /// <summary>Epoch milliseconds, as in the SDK.</summary>
    public long? StartTime { get; set; }

    /// <summary>Epoch milliseconds, as in the SDK.</summary>
    public long? EndTime { get; set; }

    public string FilterPattern { get; set; }

    public string NextToken { get; set; }

    public int? Limit { get; set; }
}

public class FilterLogEventsResponse : AmazonWebServiceResponse
{
    public List<FilteredLogEvent> Events { get; set; }

    public List<SearchedLogStream> SearchedLogStreams { get; set; }

    public string NextToken { get; set; }
}
