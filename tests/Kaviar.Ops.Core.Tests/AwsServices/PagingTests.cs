using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Xunit;
using Task = System.Threading.Tasks.Task;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class PagingTests : IDisposable
{
    private const string Ns = "xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"";

    private readonly FakeAwsServer server = new FakeAwsServer();

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task ListAllTaskArns_FollowsNextTokenWithoutTouchingTheCallersRequest()
    {
        server.EnqueueJson("{\"taskArns\":[\"t1\",\"t2\"],\"nextToken\":\"p2\"}")
            .EnqueueJson("{\"taskArns\":[],\"nextToken\":\"p3\"}")
            .EnqueueJson("{\"taskArns\":[\"t3\"]}");
        using var ecs = Ecs();
        var request = new ListTasksRequest { Cluster = "prod", ServiceName = "web", DesiredStatus = "STOPPED" };

        var arns = await ecs.ListAllTaskArnsAsync(request);

        Assert.Equal(new[] { "t1", "t2", "t3" }, arns);
        Assert.Equal(
            new[]
            {
                "{\"cluster\":\"prod\",\"serviceName\":\"web\",\"desiredStatus\":\"STOPPED\"}",
                "{\"cluster\":\"prod\",\"nextToken\":\"p2\",\"serviceName\":\"web\",\"desiredStatus\":\"STOPPED\"}",
                "{\"cluster\":\"prod\",\"nextToken\":\"p3\",\"serviceName\":\"web\",\"desiredStatus\":\"STOPPED\"}",
            },
            server.Requests.Select(r => r.Body));
        Assert.Null(request.NextToken);
    }

    [Fact]
    public async Task ListAllServiceArnsAndTaskDefinitionArns_FollowNextToken()
    {
        server.EnqueueJson("{\"serviceArns\":[\"s1\"],\"nextToken\":\"p2\"}")
            .EnqueueJson("{\"serviceArns\":[\"s2\"]}")
            .EnqueueJson("{\"taskDefinitionArns\":[\"d1\"],\"nextToken\":\"q2\"}")
            .EnqueueJson("{\"taskDefinitionArns\":[\"d2\"],\"nextToken\":\"\"}");
        using var ecs = Ecs();

        var services = await ecs.ListAllServiceArnsAsync(new ListServicesRequest { Cluster = "prod" });
        var definitions = await ecs.ListAllTaskDefinitionArnsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = "web" });

        Assert.Equal(new[] { "s1", "s2" }, services);
        Assert.Equal(new[] { "d1", "d2" }, definitions);
        Assert.Equal("{\"cluster\":\"prod\",\"nextToken\":\"p2\"}", server.Requests[1].Body);
        Assert.Equal("{\"familyPrefix\":\"web\",\"nextToken\":\"q2\"}", server.Requests[3].Body);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task DescribeAllElbResources_FollowNextMarker()
    {
        server.EnqueueXml(Page("DescribeLoadBalancers", "<LoadBalancers><member><LoadBalancerName>a</LoadBalancerName></member></LoadBalancers>", "m2"))
            .EnqueueXml(Page("DescribeLoadBalancers", "<LoadBalancers><member><LoadBalancerName>b</LoadBalancerName></member></LoadBalancers>", null))
            .EnqueueXml(Page("DescribeTargetGroups", "<TargetGroups><member><TargetGroupName>tg1</TargetGroupName></member></TargetGroups>", "m2"))
            .EnqueueXml(Page("DescribeTargetGroups", "<TargetGroups><member><TargetGroupName>tg2</TargetGroupName></member></TargetGroups>", null))
            .EnqueueXml(Page("DescribeListeners", "<Listeners><member><Port>80</Port></member></Listeners>", "m2"))
            .EnqueueXml(Page("DescribeListeners", "<Listeners><member><Port>443</Port></member></Listeners>", null))
            .EnqueueXml(Page("DescribeRules", "<Rules><member><Priority>1</Priority></member></Rules>", "m2"))
            .EnqueueXml(Page("DescribeRules", "<Rules><member><Priority>default</Priority></member></Rules>", null));
        using var elb = Elb();

        var loadBalancers = await elb.DescribeAllLoadBalancersAsync(new DescribeLoadBalancersRequest { PageSize = 1 });
        var targetGroups = await elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { LoadBalancerArn = "arn:lb" });
        var listeners = await elb.DescribeAllListenersAsync(new DescribeListenersRequest { LoadBalancerArn = "arn:lb" });
        var rules = await elb.DescribeAllRulesAsync(new DescribeRulesRequest { ListenerArn = "arn:l" });

        Assert.Equal(new[] { "a", "b" }, loadBalancers.Select(l => l.LoadBalancerName));
        Assert.Equal(new[] { "tg1", "tg2" }, targetGroups.Select(t => t.TargetGroupName));
        Assert.Equal(new int?[] { 80, 443 }, listeners.Select(l => l.Port));
        Assert.Equal(new[] { "1", "default" }, rules.Select(r => r.Priority));
        Assert.Equal(8, server.Requests.Count);
        for (var i = 0; i < 8; i += 2)
        {
            Assert.False(server.Requests[i].Form().ContainsKey("Marker"));
            Assert.Equal("m2", server.Requests[i + 1].Form()["Marker"]);
        }

        Assert.Equal("1", server.Requests[1].Form()["PageSize"]);
        Assert.Equal("arn:lb", server.Requests[3].Form()["LoadBalancerArn"]);
    }

    [Fact]
    public async Task DescribeAllLogStreamsAndFilterAllLogEvents_FollowNextToken()
    {
        server.EnqueueJson("{\"logStreams\":[{\"logStreamName\":\"s1\"}],\"nextToken\":\"n2\"}")
            .EnqueueJson("{\"logStreams\":[{\"logStreamName\":\"s2\"}]}")
            .EnqueueJson("{\"events\":[{\"eventId\":\"e1\"}],\"nextToken\":\"f2\"}")
            .EnqueueJson("{\"events\":[],\"nextToken\":\"f3\"}")
            .EnqueueJson("{\"events\":[{\"eventId\":\"e2\"}]}");
        using var logs = Logs();

        var streams = await logs.DescribeAllLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = "/ecs/web", LogStreamNamePrefix = "web/" });
        var events = await logs.FilterAllLogEventsAsync(new FilterLogEventsRequest { LogGroupName = "/ecs/web", FilterPattern = "ERROR" });

        Assert.Equal(new[] { "s1", "s2" }, streams.Select(s => s.LogStreamName));
        Assert.Equal(new[] { "e1", "e2" }, events.Select(e => e.EventId));
        Assert.Equal("{\"logGroupName\":\"/ecs/web\",\"logStreamNamePrefix\":\"web/\",\"nextToken\":\"n2\"}", server.Requests[1].Body);
        Assert.Equal("{\"logGroupName\":\"/ecs/web\",\"filterPattern\":\"ERROR\",\"nextToken\":\"f2\"}", server.Requests[3].Body);
        Assert.Equal("{\"logGroupName\":\"/ecs/web\",\"filterPattern\":\"ERROR\",\"nextToken\":\"f3\"}", server.Requests[4].Body);
    }

    [Fact]
    public async Task GetAllLogEvents_StopsWhenTheForwardTokenRepeats()
    {
        server.EnqueueJson("{\"events\":[{\"timestamp\":1000,\"message\":\"a\"}],\"nextForwardToken\":\"f/1\",\"nextBackwardToken\":\"b/0\"}")
            .EnqueueJson("{\"events\":[{\"timestamp\":2000,\"message\":\"b\"}],\"nextForwardToken\":\"f/2\",\"nextBackwardToken\":\"b/1\"}")
            .EnqueueJson("{\"events\":[],\"nextForwardToken\":\"f/2\",\"nextBackwardToken\":\"b/2\"}");
        using var logs = Logs();
        var request = new GetLogEventsRequest { LogGroupName = "/ecs/web", LogStreamName = "web/app/t1", StartFromHead = true };

        var events = await logs.GetAllLogEventsAsync(request);

        Assert.Equal(new[] { "a", "b" }, events.Select(e => e.Message));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("{\"logGroupName\":\"/ecs/web\",\"logStreamName\":\"web/app/t1\",\"nextToken\":\"f/2\",\"startFromHead\":true}", server.Requests[2].Body);
        Assert.Null(request.NextToken);
    }

    private static string Page(string action, string members, string? nextMarker) =>
        $"<{action}Response {Ns}><{action}Result>{members}{(nextMarker == null ? string.Empty : $"<NextMarker>{nextMarker}</NextMarker>")}</{action}Result>"
        + $"<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{action}Response>";

    private AmazonECSClient Ecs() => new AmazonECSClient(FakeAwsServer.Credentials, new AmazonECSConfig { ServiceURL = server.Url, AuthenticationRegion = "eu-west-1" });

    private AmazonElasticLoadBalancingV2Client Elb() =>
        new AmazonElasticLoadBalancingV2Client(FakeAwsServer.Credentials, new AmazonElasticLoadBalancingV2Config { ServiceURL = server.Url, AuthenticationRegion = "eu-west-1" });

    private AmazonCloudWatchLogsClient Logs() =>
        new AmazonCloudWatchLogsClient(FakeAwsServer.Credentials, new AmazonCloudWatchLogsConfig { ServiceURL = server.Url, AuthenticationRegion = "eu-west-1" });
}
