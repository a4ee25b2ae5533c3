using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Xunit;
using ElbAction = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.Action;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class ElasticLoadBalancingV2ClientTests : IDisposable
{
    private const string Ns = "xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"";

    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly AmazonElasticLoadBalancingV2Client client;

    public ElasticLoadBalancingV2ClientTests()
    {
        client = new AmazonElasticLoadBalancingV2Client(
            FakeAwsServer.Credentials,
            new AmazonElasticLoadBalancingV2Config { ServiceURL = server.Url, AuthenticationRegion = "us-west-2", RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 });
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task DescribeLoadBalancers_SendsSignedQueryAndParsesXml()
    {
        server.EnqueueXml($@"<DescribeLoadBalancersResponse {Ns}>
  <DescribeLoadBalancersResult>
    <LoadBalancers>
      <member>
        <LoadBalancerArn>arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/50dc6c495c0c9188</LoadBalancerArn>
        <Scheme>internet-facing</Scheme>
        <LoadBalancerName>web</LoadBalancerName>
        <VpcId>vpc-3ac0fb5f</VpcId>
        <CanonicalHostedZoneId>Z2P70J7EXAMPLE</CanonicalHostedZoneId>
        <CreatedTime>2016-03-25T21:26:12.920Z</CreatedTime>
        <AvailabilityZones>
          <member><SubnetId>subnet-8360a9e7</SubnetId><ZoneName>us-west-2a</ZoneName></member>
          <member><SubnetId>subnet-b7d581c0</SubnetId><ZoneName>us-west-2b</ZoneName></member>
        </AvailabilityZones>
        <SecurityGroups><member>sg-5943793c</member></SecurityGroups>
        <DNSName>web-1234567890.us-west-2.elb.amazonaws.com</DNSName>
        <State><Code>active_impaired</Code><Reason>one zone impaired</Reason></State>
        <Type>application</Type>
        <IpAddressType>ipv4</IpAddressType>
      </member>
      <member>
        <LoadBalancerArn>arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/nlb/1</LoadBalancerArn>
        <LoadBalancerName>nlb</LoadBalancerName>
        <SecurityGroups/>
        <State><Code>active</Code></State>
        <Type>network</Type>
      </member>
    </LoadBalancers>
    <NextMarker>m-2</NextMarker>
  </DescribeLoadBalancersResult>
  <ResponseMetadata><RequestId>6581c0ac-f39f-11e5-bb98-57195a6eb84a</RequestId></ResponseMetadata>
</DescribeLoadBalancersResponse>");

        var response = await client.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { Names = new List<string> { "web", "nlb" }, PageSize = 20, Marker = "m-1" });

        var request = server.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDKAVIARTEST/", request.Header("Authorization"));
        Assert.Contains("/us-west-2/elasticloadbalancing/aws4_request", request.Header("Authorization"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "DescribeLoadBalancers",
                ["Version"] = "2015-12-01",
                ["Names.member.1"] = "web",
                ["Names.member.2"] = "nlb",
                ["Marker"] = "m-1",
                ["PageSize"] = "20",
            },
            request.Form());

        Assert.Equal("6581c0ac-f39f-11e5-bb98-57195a6eb84a", response.ResponseMetadata.RequestId);
        Assert.Equal("m-2", response.NextMarker);
        Assert.Equal(2, response.LoadBalancers.Count);
        var web = response.LoadBalancers[0];
        Assert.Equal("arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/50dc6c495c0c9188", web.LoadBalancerArn);
        Assert.Equal("web", web.LoadBalancerName);
        Assert.Equal("web-1234567890.us-west-2.elb.amazonaws.com", web.DNSName);
        Assert.Equal("Z2P70J7EXAMPLE", web.CanonicalHostedZoneId);
        Assert.Equal("internet-facing", web.Scheme);
        Assert.Equal("vpc-3ac0fb5f", web.VpcId);
        Assert.Equal(new DateTime(2016, 3, 25, 21, 26, 12, 920, DateTimeKind.Utc), web.CreatedTime);
        Assert.Equal(DateTimeKind.Utc, web.CreatedTime!.Value.Kind);
        Assert.Equal("active_impaired", web.State.Code);
        Assert.Equal("one zone impaired", web.State.Reason);
        Assert.Equal("application", web.Type);
        Assert.Equal("ipv4", web.IpAddressType);
        Assert.Equal(new[] { "sg-5943793c" }, web.SecurityGroups);
        Assert.Equal(new[] { "us-west-2a/subnet-8360a9e7", "us-west-2b/subnet-b7d581c0" }, web.AvailabilityZones.Select(z => z.ZoneName + "/" + z.SubnetId));

        var nlb = response.LoadBalancers[1];
        Assert.Empty(nlb.SecurityGroups);
        Assert.Null(nlb.AvailabilityZones);
        Assert.Null(nlb.CreatedTime);
        Assert.Equal("active", nlb.State.Code);
        Assert.Null(nlb.State.Reason);
    }

    [Fact]
    public async Task DescribeTargetGroups_ParsesHealthCheckSettings()
    {
        server.EnqueueXml($@"<DescribeTargetGroupsResponse {Ns}><DescribeTargetGroupsResult><TargetGroups><member>
  <TargetGroupArn>arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web/73e2d6bc24d8a067</TargetGroupArn>
  <TargetGroupName>web</TargetGroupName><Protocol>HTTP</Protocol><Port>8080</Port><VpcId>vpc-3ac0fb5f</VpcId>
  <HealthCheckProtocol>HTTP</HealthCheckProtocol><HealthCheckPort>traffic-port</HealthCheckPort><HealthCheckEnabled>true</HealthCheckEnabled>
  <HealthCheckIntervalSeconds>30</HealthCheckIntervalSeconds><HealthCheckTimeoutSeconds>5</HealthCheckTimeoutSeconds>
  <HealthyThresholdCount>5</HealthyThresholdCount><UnhealthyThresholdCount>2</UnhealthyThresholdCount><HealthCheckPath>/healthz</HealthCheckPath>
  <Matcher><HttpCode>200-299</HttpCode></Matcher>
  <LoadBalancerArns><member>arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/50dc6c495c0c9188</member></LoadBalancerArns>
  <TargetType>ip</TargetType>
</member></TargetGroups></DescribeTargetGroupsResult><ResponseMetadata><RequestId>r-tg</RequestId></ResponseMetadata></DescribeTargetGroupsResponse>");

        var response = await client.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest
        {
            LoadBalancerArn = "arn:lb",
            TargetGroupArns = new List<string>(),
        });

        Assert.Equal(
            new Dictionary<string, string> { ["Action"] = "DescribeTargetGroups", ["Version"] = "2015-12-01", ["LoadBalancerArn"] = "arn:lb", ["TargetGroupArns"] = "" },
            server.SingleRequest.Form());
        Assert.Null(response.NextMarker);
        var group = Assert.Single(response.TargetGroups);
        Assert.Equal("arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web/73e2d6bc24d8a067", group.TargetGroupArn);
        Assert.Equal("web", group.TargetGroupName);
        Assert.Equal("HTTP", group.Protocol);
        Assert.Equal(8080, group.Port);
        Assert.Equal("vpc-3ac0fb5f", group.VpcId);
        Assert.Equal("HTTP", group.HealthCheckProtocol);
        Assert.Equal("traffic-port", group.HealthCheckPort);
        Assert.True(group.HealthCheckEnabled);
        Assert.Equal(30, group.HealthCheckIntervalSeconds);
        Assert.Equal(5, group.HealthCheckTimeoutSeconds);
        Assert.Equal(5, group.HealthyThresholdCount);
        Assert.Equal(2, group.UnhealthyThresholdCount);
        Assert.Equal("/healthz", group.HealthCheckPath);
        Assert.Equal("200-299", group.Matcher.HttpCode);
        Assert.Null(group.Matcher.GrpcCode);
        Assert.Equal(new[] { "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/50dc6c495c0c9188" }, group.LoadBalancerArns);
        Assert.Equal("ip", group.TargetType);
    }

    [Fact]
    public async Task DescribeListenersAndRules_ParseActionsAndConditions()
    {
        server.EnqueueXml($@"<DescribeListenersResponse {Ns}><DescribeListenersResult><Listeners><member>
  <ListenerArn>arn:listener/1</ListenerArn><LoadBalancerArn>arn:lb</LoadBalancerArn><Port>443</Port><Protocol>HTTPS</Protocol>
  <SslPolicy>ELBSecurityPolicy-2016-08</SslPolicy>
  <DefaultActions>
    <member><Type>forward</Type><TargetGroupArn>arn:tg/web</TargetGroupArn><Order>1</Order>
      <ForwardConfig><TargetGroups><member><TargetGroupArn>arn:tg/web</TargetGroupArn><Weight>90</Weight></member>
        <member><TargetGroupArn>arn:tg/canary</TargetGroupArn><Weight>10</Weight></member></TargetGroups></ForwardConfig></member>
  </DefaultActions>
</member></Listeners></DescribeListenersResult><ResponseMetadata><RequestId>r-l</RequestId></ResponseMetadata></DescribeListenersResponse>")
            .EnqueueXml($@"<DescribeRulesResponse {Ns}><DescribeRulesResult><Rules>
  <member><RuleArn>arn:rule/1</RuleArn><Priority>10</Priority><IsDefault>false</IsDefault>
    <Conditions>
      <member><Field>host-header</Field><Values><member>api.example.com</member></Values>
        <HostHeaderConfig><Values><member>api.example.com</member></Values></HostHeaderConfig></member>
      <member><Field>path-pattern</Field><PathPatternConfig><Values><member>/v1/*</member><member>/v2/*</member></Values></PathPatternConfig></member>
    </Conditions>
    <Actions><member><Type>fixed-response</Type><Order>1</Order>
      <FixedResponseConfig><StatusCode>503</StatusCode><ContentType>text/plain</ContentType><MessageBody>maintenance</MessageBody></FixedResponseConfig></member></Actions>
  </member>
  <member><RuleArn>arn:rule/default</RuleArn><Priority>default</Priority><IsDefault>true</IsDefault><Conditions/>
    <Actions><member><Type>redirect</Type>
      <RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port><Host>#{{host}}</Host><Path>/#{{path}}</Path><Query>#{{query}}</Query><StatusCode>HTTP_301</StatusCode></RedirectConfig></member></Actions>
  </member>
</Rules></DescribeRulesResult><ResponseMetadata><RequestId>r-r</RequestId></ResponseMetadata></DescribeRulesResponse>");

        var listeners = await client.DescribeListenersAsync(new DescribeListenersRequest { LoadBalancerArn = "arn:lb" });
        var rules = await client.DescribeRulesAsync(new DescribeRulesRequest { ListenerArn = "arn:listener/1", PageSize = 5 });

        Assert.Equal(new Dictionary<string, string> { ["Action"] = "DescribeListeners", ["Version"] = "2015-12-01", ["LoadBalancerArn"] = "arn:lb" }, server.Requests[0].Form());
        Assert.Equal(new Dictionary<string, string> { ["Action"] = "DescribeRules", ["Version"] = "2015-12-01", ["ListenerArn"] = "arn:listener/1", ["PageSize"] = "5" }, server.Requests[1].Form());

        var listener = Assert.Single(listeners.Listeners);
        Assert.Equal("arn:listener/1", listener.ListenerArn);
        Assert.Equal("arn:lb", listener.LoadBalancerArn);
        Assert.Equal(443, listener.Port);
        Assert.Equal("HTTPS", listener.Protocol);
        Assert.Equal("ELBSecurityPolicy-2016-08", listener.SslPolicy);
        var forward = Assert.Single(listener.DefaultActions);
        Assert.Equal("forward", forward.Type);
        Assert.Equal("arn:tg/web", forward.TargetGroupArn);
        Assert.Equal(1, forward.Order);
        Assert.Null(forward.RedirectConfig);
        Assert.Equal(new[] { "arn:tg/web=90", "arn:tg/canary=10" }, forward.ForwardConfig.TargetGroups.Select(t => t.TargetGroupArn + "=" + t.Weight));

        Assert.Equal(2, rules.Rules.Count);
        var rule = rules.Rules[0];
        Assert.Equal("arn:rule/1", rule.RuleArn);
        Assert.Equal("10", rule.Priority);
        Assert.False(rule.IsDefault);
        Assert.Equal("host-header", rule.Conditions[0].Field);
        Assert.Equal(new[] { "api.example.com" }, rule.Conditions[0].Values);
        Assert.Equal(new[] { "api.example.com" }, rule.Conditions[0].HostHeaderConfig.Values);
        Assert.Null(rule.Conditions[0].PathPatternConfig);
        Assert.Equal("path-pattern", rule.Conditions[1].Field);
        Assert.Null(rule.Conditions[1].Values);
        Assert.Equal(new[] { "/v1/*", "/v2/*" }, rule.Conditions[1].PathPatternConfig.Values);
        var fixedResponse = Assert.Single(rule.Actions).FixedResponseConfig;
        Assert.Equal("503", fixedResponse.StatusCode);
        Assert.Equal("text/plain", fixedResponse.ContentType);
        Assert.Equal("maintenance", fixedResponse.MessageBody);

        var defaultRule = rules.Rules[1];
        Assert.True(defaultRule.IsDefault);
        Assert.Equal("default", defaultRule.Priority);
        Assert.Empty(defaultRule.Conditions);
        var redirect = Assert.Single(defaultRule.Actions).RedirectConfig;
        Assert.Equal("HTTPS", redirect.Protocol);
        Assert.Equal("443", redirect.Port);
        Assert.Equal("#{host}", redirect.Host);
        Assert.Equal("/#{path}", redirect.Path);
        Assert.Equal("#{query}", redirect.Query);
        Assert.Equal("HTTP_301", redirect.StatusCode);
    }

    [Fact]
    public async Task DescribeTargetHealth_FlattensTargetsAndParsesStates()
    {
        server.EnqueueXml($@"<DescribeTargetHealthResponse {Ns}><DescribeTargetHealthResult><TargetHealthDescriptions>
  <member><HealthCheckPort>8080</HealthCheckPort><Target><Id>10.0.1.25</Id><Port>8080</Port><AvailabilityZone>us-west-2a</AvailabilityZone></Target>
    <TargetHealth><State>unhealthy</State><Reason>Target.ResponseCodeMismatch</Reason><Description>Health checks failed with these codes: [502]</Description></TargetHealth></member>
  <member><HealthCheckPort>8080</HealthCheckPort><Target><Id>10.0.2.9</Id><Port>8080</Port></Target><TargetHealth><State>healthy</State></TargetHealth></member>
</TargetHealthDescriptions></DescribeTargetHealthResult><ResponseMetadata><RequestId>r-th</RequestId></ResponseMetadata></DescribeTargetHealthResponse>");

        var response = await client.DescribeTargetHealthAsync(new DescribeTargetHealthRequest
        {
            TargetGroupArn = "arn:tg/web",
            Targets = new List<TargetDescription> { new TargetDescription { Id = "10.0.1.25", Port = 8080 }, new TargetDescription { Id = "10.0.2.9", AvailabilityZone = "all" } },
        });

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "DescribeTargetHealth",
                ["Version"] = "2015-12-01",
                ["TargetGroupArn"] = "arn:tg/web",
                ["Targets.member.1.Id"] = "10.0.1.25",
                ["Targets.member.1.Port"] = "8080",
                ["Targets.member.2.Id"] = "10.0.2.9",
                ["Targets.member.2.AvailabilityZone"] = "all",
            },
            server.SingleRequest.Form());
        Assert.Equal(2, response.TargetHealthDescriptions.Count);
        var sick = response.TargetHealthDescriptions[0];
        Assert.Equal("8080", sick.HealthCheckPort);
        Assert.Equal("10.0.1.25", sick.Target.Id);
        Assert.Equal(8080, sick.Target.Port);
        Assert.Equal("us-west-2a", sick.Target.AvailabilityZone);
        Assert.Equal("unhealthy", sick.TargetHealth.State);
        Assert.Equal("Target.ResponseCodeMismatch", sick.TargetHealth.Reason);
        Assert.Equal("Health checks failed with these codes: [502]", sick.TargetHealth.Description);
        var well = response.TargetHealthDescriptions[1];
        Assert.Equal("healthy", well.TargetHealth.State);
        Assert.Null(well.TargetHealth.Reason);
        Assert.Null(well.Target.AvailabilityZone);
    }

    [Fact]
    public async Task ModifyListener_FlattensNestedActions()
    {
        server.EnqueueXml($@"<ModifyListenerResponse {Ns}><ModifyListenerResult><Listeners><member>
  <ListenerArn>arn:listener/1</ListenerArn><Port>80</Port><Protocol>HTTP</Protocol>
  <DefaultActions><member><Type>fixed-response</Type><FixedResponseConfig><StatusCode>503</StatusCode></FixedResponseConfig></member></DefaultActions>
</member></Listeners></ModifyListenerResult><ResponseMetadata><RequestId>r-m</RequestId></ResponseMetadata></ModifyListenerResponse>");

        var response = await client.ModifyListenerAsync(new ModifyListenerRequest
        {
            ListenerArn = "arn:listener/1",
            DefaultActions = new List<ElbAction>
            {
                new ElbAction
                {
                    Type = "forward",
                    Order = 1,
                    ForwardConfig = new ForwardActionConfig
                    {
                        TargetGroups = new List<TargetGroupTuple> { new TargetGroupTuple { TargetGroupArn = "arn:tg/a", Weight = 80 }, new TargetGroupTuple { TargetGroupArn = "arn:tg/b", Weight = 20 } },
                    },
                },
                new ElbAction { Type = "fixed-response", Order = 2, FixedResponseConfig = new FixedResponseActionConfig { StatusCode = "503", ContentType = "text/plain", MessageBody = "down for maintenance" } },
                new ElbAction { Type = "redirect", Order = 3, RedirectConfig = new RedirectActionConfig { Protocol = "HTTPS", Port = "443", StatusCode = "HTTP_301" } },
            },
        });

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "ModifyListener",
                ["Version"] = "2015-12-01",
                ["ListenerArn"] = "arn:listener/1",
                ["DefaultActions.member.1.Type"] = "forward",
                ["DefaultActions.member.1.Order"] = "1",
                ["DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn"] = "arn:tg/a",
                ["DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight"] = "80",
                ["DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn"] = "arn:tg/b",
                ["DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight"] = "20",
                ["DefaultActions.member.2.Type"] = "fixed-response",
                ["DefaultActions.member.2.Order"] = "2",
                ["DefaultActions.member.2.FixedResponseConfig.StatusCode"] = "503",
                ["DefaultActions.member.2.FixedResponseConfig.ContentType"] = "text/plain",
                ["DefaultActions.member.2.FixedResponseConfig.MessageBody"] = "down for maintenance",
                ["DefaultActions.member.3.Type"] = "redirect",
                ["DefaultActions.member.3.Order"] = "3",
                ["DefaultActions.member.3.RedirectConfig.Protocol"] = "HTTPS",
                ["DefaultActions.member.3.RedirectConfig.Port"] = "443",
                ["DefaultActions.member.3.RedirectConfig.StatusCode"] = "HTTP_301",
            },
            server.SingleRequest.Form());
        var listener = Assert.Single(response.Listeners);
        Assert.Equal(80, listener.Port);
        Assert.Equal("503", Assert.Single(listener.DefaultActions).FixedResponseConfig.StatusCode);
    }

    [Theory]
    [InlineData("LoadBalancerNotFound", typeof(LoadBalancerNotFoundException))]
    [InlineData("TargetGroupNotFound", typeof(TargetGroupNotFoundException))]
    [InlineData("ListenerNotFound", typeof(ListenerNotFoundException))]
    [InlineData("RuleNotFound", typeof(RuleNotFoundException))]
    [InlineData("InvalidTarget", typeof(InvalidTargetException))]
    [InlineData("ValidationError", typeof(AmazonElasticLoadBalancingV2Exception))]
    public async Task Errors_MapToTypedExceptions(string code, Type expected)
    {
        server.EnqueueXml($@"<ErrorResponse {Ns}>
  <Error><Type>Sender</Type><Code>{code}</Code><Message>One or more target groups not found</Message></Error>
  <RequestId>9f4b5d8e-0000-4c1e-a1b2-123456789abc</RequestId>
</ErrorResponse>", 400);

        var error = await Assert.ThrowsAnyAsync<AmazonElasticLoadBalancingV2Exception>(() => client.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = "arn:tg/gone" }));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("One or more target groups not found", error.Message);
        Assert.Equal(ErrorType.Sender, error.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("9f4b5d8e-0000-4c1e-a1b2-123456789abc", error.RequestId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Throttling_IsRetriedByStandardModeThenSucceeds()
    {
        server.EnqueueXml($@"<ErrorResponse {Ns}><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-t</RequestId></ErrorResponse>", 400)
            .EnqueueXml($@"<DescribeTargetHealthResponse {Ns}><DescribeTargetHealthResult><TargetHealthDescriptions/></DescribeTargetHealthResult></DescribeTargetHealthResponse>");

        var response = await client.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = "arn:tg/web" });

        Assert.Empty(response.TargetHealthDescriptions);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].Form(), server.Requests[1].Form());
    }
}
