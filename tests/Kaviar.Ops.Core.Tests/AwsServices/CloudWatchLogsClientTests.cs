using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class CloudWatchLogsClientTests : IDisposable
{
    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly AmazonCloudWatchLogsClient client;

    public CloudWatchLogsClientTests()
    {
        client = new AmazonCloudWatchLogsClient(
            FakeAwsServer.Credentials,
            new AmazonCloudWatchLogsConfig { ServiceURL = server.Url, AuthenticationRegion = "ap-southeast-2", RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 });
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task GetLogEvents_SendsMillisecondTimesAndParsesEvents()
    {
        server.EnqueueJson(@"{""events"":[
            {""timestamp"":1714636801123,""message"":""FATAL: password authentication failed for user \""app\"""",""ingestionTime"":1714636802000},
            {""timestamp"":1714636801999,""message"":""exit 1""}],
          ""nextForwardToken"":""f/38000000000000000000000000000000000000000000000000000001"",""nextBackwardToken"":""b/38000000000000000000000000000000000000000000000000000000""}");

        var response = await client.GetLogEventsAsync(new GetLogEventsRequest
        {
            LogGroupName = "/ecs/web",
            LogStreamName = "web/app/t1",
            StartTime = new DateTime(2024, 5, 2, 8, 0, 0, DateTimeKind.Utc),
            EndTime = new DateTime(2024, 5, 2, 8, 10, 0, 250, DateTimeKind.Utc),
            StartFromHead = true,
            Limit = 100,
        });

        var request = server.SingleRequest;
        Assert.Equal("Logs_20140328.GetLogEvents", request.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Contains("/ap-southeast-2/logs/aws4_request", request.Header("Authorization"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDKAVIARTEST/", request.Header("Authorization"));
        Assert.Equal(
            "{\"logGroupName\":\"/ecs/web\",\"logStreamName\":\"web/app/t1\",\"startTime\":1714636800000,\"endTime\":1714637400250,\"limit\":100,\"startFromHead\":true}",
            request.Body);

        Assert.Equal("f/38000000000000000000000000000000000000000000000000000001", response.NextForwardToken);
        Assert.Equal("b/38000000000000000000000000000000000000000000000000000000", response.NextBackwardToken);
        Assert.Equal(2, response.Events.Count);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 1, 123, DateTimeKind.Utc), response.Events[0].Timestamp);
        Assert.Equal(DateTimeKind.Utc, response.Events[0].Timestamp!.Value.Kind);
        Assert.Equal("FATAL: password authentication failed for user \"app\"", response.Events[0].Message);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 2, DateTimeKind.Utc), response.Events[0].IngestionTime);
        Assert.Null(response.Events[1].IngestionTime);
    }

    [Fact]
    public async Task DescribeLogStreams_SendsOrderingAndParsesStreams()
    {
        server.EnqueueJson(@"{""logStreams"":[{""logStreamName"":""web/app/t1"",""creationTime"":1714636800000,""firstEventTimestamp"":1714636801123,
            ""lastEventTimestamp"":1714636890000,""lastIngestionTime"":1714636891000,""uploadSequenceToken"":""4961"",
            ""arn"":""arn:aws:logs:ap-southeast-2:123456789012:log-group:/ecs/web:log-stream:web/app/t1"",""storedBytes"":0},
            {""logStreamName"":""web/app/t0"",""creationTime"":1714550400000}],""nextToken"":""n-2""}");

        var response = await client.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = "/ecs/web", OrderBy = "LastEventTime", Descending = true, Limit = 5 });

        Assert.Equal("Logs_20140328.DescribeLogStreams", server.SingleRequest.Header("X-Amz-Target"));
        Assert.Equal("{\"logGroupName\":\"/ecs/web\",\"orderBy\":\"LastEventTime\",\"descending\":true,\"limit\":5}", server.SingleRequest.Body);
        Assert.Equal("n-2", response.NextToken);
        Assert.Equal(2, response.LogStreams.Count);
        var stream = response.LogStreams[0];
        Assert.Equal("web/app/t1", stream.LogStreamName);
        Assert.Equal("arn:aws:logs:ap-southeast-2:123456789012:log-group:/ecs/web:log-stream:web/app/t1", stream.Arn);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 0, DateTimeKind.Utc), stream.CreationTime);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 1, 123, DateTimeKind.Utc), stream.FirstEventTimestamp);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 1, 30, DateTimeKind.Utc), stream.LastEventTimestamp);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 1, 31, DateTimeKind.Utc), stream.LastIngestionTime);
        Assert.Null(response.LogStreams[1].LastEventTimestamp);
    }

    [Fact]
    public async Task FilterLogEvents_KeepsEpochMillisecondLongs()
    {
        server.EnqueueJson(@"{""events"":[{""logStreamName"":""web/app/t1"",""timestamp"":1714636801123,""message"":""connection refused"",
            ""ingestionTime"":1714636802000,""eventId"":""3799""}],
          ""searchedLogStreams"":[{""logStreamName"":""web/app/t1"",""searchedCompletely"":true}],""nextToken"":""n-1""}");

        var response = await client.FilterLogEventsAsync(new FilterLogEventsRequest
        {
            LogGroupName = "/ecs/web",
            LogStreamNames = new List<string> { "web/app/t1", "web/app/t2" },
            StartTime = 1714636800000,
            EndTime = 1714640400000,
            FilterPattern = "?ERROR ?FATAL",
            Limit = 50,
        });

        Assert.Equal("Logs_20140328.FilterLogEvents", server.SingleRequest.Header("X-Amz-Target"));
        Assert.Equal(
            "{\"logGroupName\":\"/ecs/web\",\"logStreamNames\":[\"web/app/t1\",\"web/app/t2\"],\"startTime\":1714636800000,\"endTime\":1714640400000,\"filterPattern\":\"?ERROR ?FATAL\",\"limit\":50}",
            server.SingleRequest.Body);
        var e = Assert.Single(response.Events);
        Assert.Equal("web/app/t1", e.LogStreamName);
        Assert.Equal(1714636801123, e.Timestamp);
        Assert.Equal(1714636802000, e.IngestionTime);
        Assert.Equal("connection refused", e.Message);
        Assert.Equal("3799", e.EventId);
        var searched = Assert.Single(response.SearchedLogStreams);
        Assert.Equal("web/app/t1", searched.LogStreamName);
        Assert.True(searched.SearchedCompletely);
        Assert.Equal("n-1", response.NextToken);
    }

    [Theory]
    [InlineData("ResourceNotFoundException", typeof(ResourceNotFoundException))]
    [InlineData("com.amazonaws.logs#ResourceNotFoundException", typeof(ResourceNotFoundException))]
    [InlineData("InvalidParameterException", typeof(InvalidParameterException))]
    [InlineData("UnrecognizedClientException", typeof(AmazonCloudWatchLogsException))]
    public async Task Errors_MapToTypedExceptions(string wireType, Type expected)
    {
        server.EnqueueJson("{\"__type\":\"" + wireType + "\",\"message\":\"The specified log group does not exist.\"}", 400);

        var error = await Assert.ThrowsAnyAsync<AmazonCloudWatchLogsException>(() => client.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = "/ecs/nope", LogStreamName = "x" }));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(wireType.Substring(wireType.IndexOf('#') + 1), error.ErrorCode);
        Assert.Equal("The specified log group does not exist.", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public async Task Throttling_IsRetriedByStandardModeThenSucceeds()
    {
        server.EnqueueJson("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", 400)
            .EnqueueJson("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", 400)
            .EnqueueJson("{\"logStreams\":[]}");

        var response = await client.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = "/ecs/web" });

        Assert.Empty(response.LogStreams);
        Assert.Null(response.NextToken);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Throttling_SurfacesAfterMaxErrorRetry()
    {
        for (var i = 0; i < 3; i++)
        {
            server.EnqueueJson("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", 400);
        }

        var error = await Assert.ThrowsAsync<AmazonCloudWatchLogsException>(() => client.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = "/ecs/web" }));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal(3, server.Requests.Count);
    }
}
