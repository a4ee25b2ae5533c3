using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Elbv2;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// "targetGroups" and "loadBalancers" (application load balancers, HTTP and HTTPS listeners and their rules):
/// <code>
/// "targetGroups": [ { "name": "shop-tg", "vpc": "shop-vpc", "port": 8080, "protocol": "HTTP", "protocolVersion": "HTTP1", "targetType": "ip",
///   "deregistrationDelaySeconds": 300, "slowStartSeconds": 30, "stickiness": { "enabled": true, "durationSeconds": 86400 },
///   "healthCheck": { "protocol": "HTTP", "path": "/health", "port": "traffic-port", "matcher": "200", "intervalSeconds": 30, "timeoutSeconds": 5,
///     "healthyThreshold": 2, "unhealthyThreshold": 3 } } ],
/// "loadBalancers": [ { "name": "shop-alb", "scheme": "internet-facing", "ipAddressType": "ipv4", "subnets": [ "shop-public-1", "shop-public-2" ], "securityGroups": [ "shop-alb-sg" ],
///   "listeners": [ { "port": 80, "defaultAction": { "forward": "shop-tg" },
///     "rules": [ { "priority": 1, "hostHeaders": [ "api.example.com" ], "pathPatterns": [ "/api/*" ], "forward": "shop-tg" } ] } ] } ]
/// </code>
/// A listener is HTTP unless <c>"protocol": "HTTPS"</c>, which names its certificate by domain name from "certificates"
/// (<c>"certificate": "shop.example.com"</c>) and may name an <c>"sslPolicy"</c> (ELBSecurityPolicy-2016-08 by default).
/// A rule's other conditions go in "conditions" (<c>{ "field": "http-header", "httpHeaderName": "X-Env", "values": [ "blue*" ] }</c>,
/// <c>{ "field": "query-string", "queryString": [ { "key": "v", "value": "1" } ] }</c>, "regexValues" for host-header, path-pattern
/// and http-header), its transforms in "transforms" (<c>{ "type": "url-rewrite", "rewrites": [ { "regex": "^/old/(.*)$", "replace": "/$1" } ] }</c>),
/// and an action other than a forward to one group in "action", written as a default action is.
/// A default action is <c>{ "forward": "tg" }</c>, a weighted forward <c>{ "forward": [ { "targetGroup": "blue", "weight": 90 }, … ] }</c>,
/// <c>{ "fixedResponse": { "statusCode": 404, "contentType": "text/plain", "messageBody": "…" } }</c>, or
/// <c>{ "redirect": { "protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301" } }</c> (also "host", "path", "query";
/// what is left out keeps the request's own, as AWS's #{…} defaults do).
/// A target group's protocol is HTTP or HTTPS, its protocol version HTTP1 or HTTP2 (gRPC health checks are not modelled),
/// its slow start 0 (off) or 30–900 seconds and its lb_cookie stickiness off unless enabled (both as
/// DescribeTargetGroupAttributes reports them; the simulated listener neither ramps nor pins targets),
/// its target type "ip" unless it says "instance" (CreateTargetGroup's own default; the file's is ip, what a Fargate
/// service registers, and ECS refuses an instance group for one). A load balancer's scheme is "internet-facing" (the
/// default) or "internal", whose DNS name starts "internal-"; its IP address type "ipv4" (the default) or "dualstack",
/// which ELBv2 refuses unless every subnet has an "ipv6Cidr". Values left at these defaults are not exported.
/// </summary>
internal sealed partial class AccountFileBuilder
{
    private Elbv2State Elbv2 => _state.Elbv2;

    private void AddTargetGroup(AccountFileNode node)
    {
        var vpc = Named(node.Required("vpc"), "VPC", Ec2.Vpcs, v => v.Name);
        var healthCheck = node.Member("healthCheck");
        var group = Elbv2.AddTargetGroup(node.RequiredString("name"), vpc.VpcId, node.Required("port").AsInt(),
            healthCheck?.String("path") ?? "/", healthCheck?.String("matcher") ?? "200",
            Checked(node.Member("protocol"), "HTTP", Elbv2State.RequireTargetGroupProtocol),
            Checked(node.Member("protocolVersion"), "HTTP1", Elbv2State.RequireProtocolVersion),
            Checked(node.Member("targetType"), "ip", Elbv2State.RequireTargetType));
        group.DeregistrationDelaySeconds = Checked(node.Member("deregistrationDelaySeconds"), group.DeregistrationDelaySeconds, Elbv2State.RequireDeregistrationDelay);
        group.SlowStartSeconds = Checked(node.Member("slowStartSeconds"), group.SlowStartSeconds, Elbv2State.RequireSlowStart);
        if (node.Member("stickiness") is { } stickiness)
        {
            group.StickinessEnabled = stickiness.Bool("enabled") ?? false;
            group.StickinessDurationSeconds = Checked(stickiness.Member("durationSeconds"), group.StickinessDurationSeconds, Elbv2State.RequireStickinessDuration);
        }

        if (healthCheck is null)
        {
            return;
        }

        group.HealthCheckIntervalSeconds = healthCheck.Int("intervalSeconds") ?? group.HealthCheckIntervalSeconds;
        group.HealthCheckTimeoutSeconds = healthCheck.Int("timeoutSeconds") ?? group.HealthCheckTimeoutSeconds;
        group.HealthyThresholdCount = healthCheck.Int("healthyThreshold") ?? group.HealthyThresholdCount;
        group.UnhealthyThresholdCount = healthCheck.Int("unhealthyThreshold") ?? group.UnhealthyThresholdCount;
        group.HealthCheckPort = healthCheck.String("port") ?? group.HealthCheckPort;
        group.HealthCheckProtocol = healthCheck.String("protocol") ?? group.HealthCheckProtocol;
    }

    private void AddLoadBalancer(AccountFileNode node)
    {
        var subnets = node.Items("subnets").Select(SubnetOf).ToList();
        var vpcId = subnets.Select(s => s.VpcId).FirstOrDefault() ?? string.Empty;
        var groups = node.Items("securityGroups").Select(g => GroupOf(vpcId, g).GroupId).ToList();
        var loadBalancer = Elbv2.AddLoadBalancer(node.RequiredString("name"), subnets.Select(s => s.SubnetId), groups,
            Checked(node.Member("scheme"), Elbv2State.InternetFacing, Elbv2State.RequireScheme),
            Checked(node.Member("ipAddressType"), Elbv2State.Ipv4, Elbv2State.RequireIpAddressType));
        ForEach(node.Items("listeners"), listener =>
        {
            var listenerArn = AddListener(loadBalancer, listener);
            ForEach(listener.Items("rules"), rule => Elbv2.AddRule(listenerArn, rule.Required("priority").AsInt(), RuleConditions(rule),
                new[] { rule.Member("action") is { } action ? Action(action) : ListenerAction.Forward(TargetGroupOf(rule.Required("forward")).TargetGroupArn) },
                rule.Items("transforms").Select(RuleTransformOf).ToList()));
        });
    }

    private string AddListener(LoadBalancer loadBalancer, AccountFileNode listener)
    {
        var protocol = listener.String("protocol") ?? "HTTP";
        var certificateArn = listener.Member("certificate") is { } certificate ? CertificateOf(certificate).Arn : null;
        return Elbv2.CreateListener(loadBalancer.LoadBalancerArn, protocol, listener.Required("port").AsInt(), new[] { Action(listener.Required("defaultAction")) },
            Elbv2.TlsFor(protocol, certificateArn, listener.String("sslPolicy"))).ListenerArn;
    }

    /// <summary>"hostHeaders" and "pathPatterns" (plain values, the common case), then "conditions" of any form.</summary>
    private static IReadOnlyList<RuleCondition> RuleConditions(AccountFileNode rule) =>
        new[] { new RuleCondition("host-header", rule.Strings("hostHeaders")), new RuleCondition("path-pattern", rule.Strings("pathPatterns")) }
            .Where(c => c.Values.Count > 0)
            .Concat(rule.Items("conditions").Select(c => new RuleCondition(c.RequiredString("field"), c.Strings("values"))
            {
                RegexValues = c.Strings("regexValues"),
                HttpHeaderName = c.String("httpHeaderName"),
                QueryPairs = c.Items("queryString").Select(p => new QueryStringPair(p.String("key"), p.RequiredString("value"))).ToList(),
            }))
            .ToList();

    private static RuleTransform RuleTransformOf(AccountFileNode transform) => new(
        transform.RequiredString("type"),
        transform.Items("rewrites").Select(r => new RewriteConfig(r.RequiredString("regex"), r.RequiredString("replace"))).ToList());

    private ListenerAction Action(AccountFileNode action)
    {
        if (action.Member("fixedResponse") is { } fixedResponse)
        {
            return ListenerAction.FixedResponseOf(fixedResponse.Required("statusCode").AsInt(), fixedResponse.String("contentType") ?? "text/plain",
                fixedResponse.String("messageBody"));
        }

        if (action.Member("redirect") is { } redirect)
        {
            return new ListenerAction("redirect", null, null, null, null, new RedirectConfig(redirect.String("protocol"), redirect.String("port"),
                redirect.String("host"), redirect.String("path"), redirect.String("query"), redirect.String("statusCode") ?? "HTTP_301"));
        }

        var forward = action.Member("forward")
            ?? throw action.Fail("needs \"forward\" (a target group, or weighted target groups), \"fixedResponse\" or \"redirect\".");
        if (forward.Element.ValueKind == System.Text.Json.JsonValueKind.String)
        {
            return ListenerAction.Forward(TargetGroupOf(forward).TargetGroupArn);
        }

        var weighted = forward.AsItems()
            .Select(g => new WeightedTargetGroup(TargetGroupOf(g.Required("targetGroup")).TargetGroupArn, g.Int("weight") ?? 1))
            .ToList();
        return new ListenerAction("forward", null, null, weighted, null, null);
    }

    private TargetGroup TargetGroupOf(AccountFileNode reference) => Named(reference, "target group", Elbv2.TargetGroups, t => t.TargetGroupName);
}
