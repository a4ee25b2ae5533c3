using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Protocol;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>Authentication, routing, error shapes, the call log and fault injection, over raw HTTP.</summary>
public sealed class FrontDoorTests : IDisposable
{
    private const string DescribeClustersTarget = "AmazonEC2ContainerServiceV20141113.DescribeClusters";
    private readonly SimulatedAccount _account;

    public FrontDoorTests()
    {
        (_account, _) = TestAccounts.Seed001();
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void The_account_listens_on_loopback_only()
    {
        Assert.Equal("127.0.0.1", _account.Endpoint.Host);
        Assert.Equal("us-east-2", _account.Region);
        Assert.Equal("123456789012", _account.AccountId);

        var otherAddresses = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
        foreach (var address in otherAddresses)
        {
            using var client = new TcpClient();
            Assert.Throws<SocketException>(() => client.Connect(address, _account.Endpoint.Port));
        }
    }

    [Fact]
    public void Json_requests_route_by_target_and_answer_with_a_request_id()
    {
        using var response = RawAws.PostJson(_account.Endpoint, DescribeClustersTarget, "{\"clusters\":[\"kaviar-cluster\"]}", RawAws.Authorization("ecs"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.RequestId());
        using var json = JsonDocument.Parse(response.Body());
        Assert.Equal("kaviar-cluster", json.RootElement.GetProperty("clusters")[0].GetProperty("clusterName").GetString());
    }

    [Fact]
    public void A_json_request_without_a_signature_is_refused()
    {
        using var response = RawAws.PostJson(_account.Endpoint, DescribeClustersTarget, "{}", authorization: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing Authentication Token\"}", response.Body());
    }

    [Fact]
    public void A_query_request_with_a_garbled_signature_is_refused_in_the_elbv2_error_shape()
    {
        var form = new Dictionary<string, string> { ["Action"] = "DescribeLoadBalancers", ["Version"] = "2015-12-01" };
        using var response = RawAws.PostQuery(_account.Endpoint, form, "AWS4-HMAC-SHA256 Credential=garbage");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = response.Body();
        Assert.StartsWith("<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\">", body);
        Assert.Contains("<Code>IncompleteSignature</Code>", body);
        Assert.Contains($"<RequestId>{response.RequestId()}</RequestId>", body);
    }

    [Fact]
    public void Query_requests_route_by_the_credential_scope()
    {
        var form = new Dictionary<string, string> { ["Action"] = "DescribeVpcs", ["Version"] = "2016-11-15" };
        using var asEc2 = RawAws.PostQuery(_account.Endpoint, form, RawAws.Authorization("ec2"));
        using var asLogs = RawAws.PostQuery(_account.Endpoint, form, RawAws.Authorization("logs"));

        Assert.Equal(HttpStatusCode.OK, asEc2.StatusCode);
        Assert.Contains("<cidrBlock>10.0.0.0/16</cidrBlock>", asEc2.Body());
        Assert.Equal(HttpStatusCode.BadRequest, asLogs.StatusCode);
        Assert.Contains("<Code>InvalidAction</Code>", asLogs.Body());
    }

    [Fact]
    public void Unknown_actions_get_each_protocols_own_error()
    {
        using var json = RawAws.PostJson(_account.Endpoint, "AmazonEC2ContainerServiceV20141113.LaunchRocket", "{}", RawAws.Authorization("ecs"));
        var form = new Dictionary<string, string> { ["Action"] = "LaunchRocket", ["Version"] = "2016-11-15" };
        using var query = RawAws.PostQuery(_account.Endpoint, form, RawAws.Authorization("ec2"));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("UnknownOperationException", JsonDocument.Parse(json.Body()).RootElement.GetProperty("__type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>InvalidAction</Code><Message>The action LaunchRocket is not valid for this web service.</Message></Error></Errors>"
            + $"<RequestID>{query.RequestId()}</RequestID></Response>",
            query.Body());
    }

    [Fact]
    public void Service_errors_render_in_the_json_shape()
    {
        using var response = RawAws.PostJson(_account.Endpoint, "AmazonEC2ContainerServiceV20141113.DescribeServices",
            "{\"cluster\":\"nope\",\"services\":[\"x\"]}", RawAws.Authorization("ecs"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}", response.Body());
    }

    [Fact]
    public void Elbv2_errors_render_as_an_error_response_with_sender_or_receiver()
    {
        var rendered = AwsErrors.Render(ServiceProtocols.Elbv2, new AwsErrorException("TargetGroupNotFound", "One or more target groups not found"), "req-1");

        Assert.Equal(400, rendered.StatusCode);
        Assert.Equal(
            "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>TargetGroupNotFound</Code>\n"
            + "    <Message>One or more target groups not found</Message>\n  </Error>\n  <RequestId>req-1</RequestId>\n</ErrorResponse>\n",
            rendered.Body);
        Assert.Contains("<Type>Receiver</Type>", AwsErrors.Render(ServiceProtocols.Elbv2, AwsErrors.ServerError(ServiceProtocols.Elbv2), "req-2").Body);
    }

    [Fact]
    public void The_call_log_records_every_call_and_which_ones_mutate()
    {
        _account.Calls.Clear();
        RawAws.PostJson(_account.Endpoint, DescribeClustersTarget, "{}", RawAws.Authorization("ecs")).Dispose();
        RawAws.PostJson(_account.Endpoint, "AmazonEC2ContainerServiceV20141113.StopTask",
            "{\"cluster\":\"kaviar-cluster\",\"task\":\"0123\"}", RawAws.Authorization("ecs")).Dispose();

        var calls = _account.Calls.Snapshot();
        Assert.Equal(new[] { ("ecs", "DescribeClusters", false, 200, (string?)null), ("ecs", "StopTask", true, 400, "InvalidParameterException") },
            calls.Select(c => (c.Service, c.Action, c.IsMutating, c.StatusCode, c.ErrorCode)));
        Assert.Equal(1, _account.Calls.CountMutating());
        Assert.Equal(_account.Clock.UtcNow, calls[0].At);

        _account.Calls.Clear();
        Assert.Empty(_account.Calls.Snapshot());
    }

    [Fact]
    public void Throttling_faults_answer_in_each_protocols_throttling_shape_and_are_logged()
    {
        _account.Faults.Add(new FaultRule { Service = "ecs", Action = "DescribeClusters", Kind = FaultKind.Throttle, Times = 1 });
        _account.Faults.Add(new FaultRule { Service = "ec2", Kind = FaultKind.Throttle, Times = 1 });
        _account.Calls.Clear();

        using var throttled = RawAws.PostJson(_account.Endpoint, DescribeClustersTarget, "{}", RawAws.Authorization("ecs"));
        using var next = RawAws.PostJson(_account.Endpoint, DescribeClustersTarget, "{}", RawAws.Authorization("ecs"));
        using var ec2 = RawAws.PostQuery(_account.Endpoint, new Dictionary<string, string> { ["Action"] = "DescribeVpcs", ["Version"] = "2016-11-15" }, RawAws.Authorization("ec2"));

        Assert.Equal(HttpStatusCode.BadRequest, throttled.StatusCode);
        Assert.Equal("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", throttled.Body());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ec2.StatusCode);
        Assert.Contains("<Code>RequestLimitExceeded</Code>", ec2.Body());
        Assert.Equal(new[] { "ThrottlingException", null, "RequestLimitExceeded" }, _account.Calls.Snapshot().Select(c => c.ErrorCode));
        Assert.Equal("Throttling", AwsErrors.Throttling(ServiceProtocols.Elbv2).Code);
    }

    [Fact]
    public void Server_error_faults_answer_500_internal_failure()
    {
        _account.Faults.Add(new FaultRule { Service = "logs", Kind = FaultKind.ServerError, Times = null });

        using var first = RawAws.PostJson(_account.Endpoint, "Logs_20140328.DescribeLogGroups", "{}", RawAws.Authorization("logs"));
        using var second = RawAws.PostJson(_account.Endpoint, "Logs_20140328.DescribeLogGroups", "{}", RawAws.Authorization("logs"));
        _account.Faults.Clear();
        using var healed = RawAws.PostJson(_account.Endpoint, "Logs_20140328.DescribeLogGroups", "{}", RawAws.Authorization("logs"));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal("InternalFailure", JsonDocument.Parse(second.Body()).RootElement.GetProperty("__type").GetString());
        Assert.Equal(HttpStatusCode.OK, healed.StatusCode);
    }

    [Fact]
    public void Latency_faults_delay_the_answer()
    {
        _account.Faults.Add(new FaultRule { Service = "ecs", Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(400) });

        var stopwatch = Stopwatch.StartNew();
        using var response = RawAws.PostJson(_account.Endpoint, DescribeClustersTarget, "{}", RawAws.Authorization("ecs"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(400), $"answered after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Requests_are_served_concurrently()
    {
        _account.Faults.Add(new FaultRule { Service = "ecs", Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(1), Times = 4 });

        var stopwatch = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => RawAws.PostJsonAsync(_account.Endpoint, DescribeClustersTarget, "{}", RawAws.Authorization("ecs"))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        // Served one after another, the four would take at least 4 s; the margin absorbs a busy CI machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"four delayed calls took {stopwatch.Elapsed}");
    }
}
