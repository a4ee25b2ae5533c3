#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

public class DescribeLogStreamsRequest : AmazonCloudWatchLogsRequest
{
    public string LogGroupName { get; set; }

    /// <summary>Not allowed together with OrderBy = LastEventTime.</summary>
    public string LogStreamNamePrefix { get; set; }

    /// <summary>LogStreamName (default) or LastEventTime.</summary>
    public string OrderBy { get; set; }

    public bool? Descending { get; set; }

    public string NextToken { get; set; }

    public int? Limit { get; set; }
}

public class DescribeLogStreamsResponse : AmazonWebServiceResponse
{
    public List<LogStream> LogStreams { get; set; }

    public string NextToken { get; set; }
}
