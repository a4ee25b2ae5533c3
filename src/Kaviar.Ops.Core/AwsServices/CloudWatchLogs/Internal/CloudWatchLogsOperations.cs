using System;
using System.Text.Json;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Internal;

/// <summary>Wire mapping of the CloudWatch Logs operations (awsJson1_1, camelCase members, epoch-millisecond timestamps).</summary>
internal static class CloudWatchLogsOperations
{
    internal static readonly ServiceOperation<DescribeLogStreamsRequest, DescribeLogStreamsResponse> DescribeLogStreams = Operation<DescribeLogStreamsRequest, DescribeLogStreamsResponse>(
        "DescribeLogStreams",
        (w, r) =>
        {
            w.Opt("logGroupName", r.LogGroupName);
            w.Opt("logStreamNamePrefix", r.LogStreamNamePrefix);
            w.Opt("orderBy", r.OrderBy);
            w.Opt("descending", r.Descending);
            w.Opt("nextToken", r.NextToken);
            w.Opt("limit", r.Limit);
        },
        body => new DescribeLogStreamsResponse
        {
            LogStreams = body.List("logStreams", s => new LogStream
            {
                Arn = s.Str("arn"),
                CreationTime = s.EpochMilliseconds("creationTime"),
                FirstEventTimestamp = s.EpochMilliseconds("firstEventTimestamp"),
                LastEventTimestamp = s.EpochMilliseconds("lastEventTimestamp"),
                LastIngestionTime = s.EpochMilliseconds("lastIngestionTime"),
                LogStreamName = s.Str("logStreamName"),
            }),
            NextToken = body.Str("nextToken"),
        });

    internal static readonly ServiceOperation<GetLogEventsRequest, GetLogEventsResponse> GetLogEvents = Operation<GetLogEventsRequest, GetLogEventsResponse>(
        "GetLogEvents",
        (w, r) =>
        {
            w.Opt("logGroupName", r.LogGroupName);
            w.Opt("logStreamName", r.LogStreamName);
            w.OptEpochMilliseconds("startTime", r.StartTime);
            w.OptEpochMilliseconds("endTime", r.EndTime);
            w.Opt("nextToken", r.NextToken);
            w.Opt("limit", r.Limit);
            w.Opt("startFromHead", r.StartFromHead);
        },
        body => new GetLogEventsResponse
        {
            Events = body.List("events", e => new OutputLogEvent
            {
                Timestamp = e.EpochMilliseconds("timestamp"),
                Message = e.Str("message"),
                IngestionTime = e.EpochMilliseconds("ingestionTime"),
            }),
            NextForwardToken = body.Str("nextForwardToken"),
            NextBackwardToken = body.Str("nextBackwardToken"),
        });

    internal static readonly ServiceOperation<FilterLogEventsRequest, FilterLogEventsResponse> FilterLogEvents = Operation<FilterLogEventsRequest, FilterLogEventsResponse>(
        "FilterLogEvents",
        (w, r) =>
        {
            w.Opt("logGroupName", r.LogGroupName);
            w.Opt("logStreamNames", r.LogStreamNames);
            w.Opt("logStreamNamePrefix", r.LogStreamNamePrefix);
            w.Opt("startTime", r.StartTime);
            w.Opt("endTime", r.EndTime);
            w.Opt("filterPattern", r.FilterPattern);
            w.Opt("nextToken", r.NextToken);
            w.Opt("limit", r.Limit);
        },
        body => new FilterLogEventsResponse
        {
            Events = body.List("events", e => new FilteredLogEvent
            {
                LogStreamName = e.Str("logStreamName"),
                Timestamp = e.Long("timestamp"),
                Message = e.Str("message"),
                IngestionTime = e.Long("ingestionTime"),
                EventId = e.Str("eventId"),
            }),
            SearchedLogStreams = body.List("searchedLogStreams", s => new SearchedLogStream
            {
                LogStreamName = s.Str("logStreamName"),
                SearchedCompletely = s.Bool("searchedCompletely"),
            }),
            NextToken = body.Str("nextToken"),
        });

    private static ServiceOperation<TRequest, TResponse> Operation<TRequest, TResponse>(
        string name, Action<Utf8JsonWriter, TRequest> writeMembers, Func<JsonElement, TResponse> read)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse, new() =>
        new ServiceOperation<TRequest, TResponse>(
            new JsonRpcRequestMarshaller<TRequest>("Amazon.CloudWatchLogs", "Logs_20140328." + name, "2014-03-28", writeMembers),
            new JsonRpcResponseUnmarshaller<TResponse>(read, CloudWatchLogsErrors.Create));
}
