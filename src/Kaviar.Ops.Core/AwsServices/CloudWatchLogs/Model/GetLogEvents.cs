#nullable disable

using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

public class GetLogEventsRequest : AmazonCloudWatchLogsRequest
{
    public string LogGroupName { get; set; }

    public string LogStreamName { get; set; }

    public DateTime? StartTime { get; set; }

    public DateTime? EndTime { get; set; }

    /// <summary>Oldest first when true; the service default (false) returns the newest events.</summary>
    public bool? StartFromHead { get; set; }

    public string NextToken { get; set; }

    public int? Limit { get; set; }
}

public class GetLogEventsResponse : AmazonWebServiceResponse
{
    public List<OutputLogEvent> Events { get; set; }

    /// <summary>Always present; equal to the token sent when there is nothing further.</summary>
    public string NextForwardToken { get; set; }

    public string NextBackwardToken { get; set; }
}
