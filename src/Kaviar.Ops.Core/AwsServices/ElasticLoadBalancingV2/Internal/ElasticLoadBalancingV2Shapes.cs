using System.Xml.Linq;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Internal;

/// <summary>Readers and writers of the Elastic Load Balancing v2 structures, member names as in the service model.</summary>
internal static class ElasticLoadBalancingV2Shapes
{
    internal static LoadBalancer ReadLoadBalancer(XElement e) => new LoadBalancer
    {
        LoadBalancerArn = e.Str("LoadBalancerArn"),
        DNSName = e.Str("DNSName"),
        CanonicalHostedZoneId = e.Str("CanonicalHostedZoneId"),
        CreatedTime = e.Time("CreatedTime"),
        LoadBalancerName = e.Str("LoadBalancerName"),
        Scheme = e.Str("Scheme"),
        VpcId = e.Str("VpcId"),
        State = e.Obj("State", s => new LoadBalancerState { Code = s.Str("Code"), Reason = s.Str("Reason") }),
        Type = e.Str("Type"),
        AvailabilityZones = e.Members("AvailabilityZones", z => new AvailabilityZone { ZoneName = z.Str("ZoneName"), SubnetId = z.Str("SubnetId") }),
        SecurityGroups = e.Strings("SecurityGroups"),
        IpAddressType = e.Str("IpAddressType"),
    };

    internal static TargetGroup ReadTargetGroup(XElement e) => new TargetGroup
    {
        TargetGroupArn = e.Str("TargetGroupArn"),
        TargetGroupName = e.Str("TargetGroupName"),
        Protocol = e.Str("Protocol"),
        Port = e.Int("Port"),
        VpcId = e.Str("VpcId"),
        HealthCheckProtocol = e.Str("HealthCheckProtocol"),
        HealthCheckPort = e.Str("HealthCheckPort"),
        HealthCheckEnabled = e.Bool("HealthCheckEnabled"),
        HealthCheckIntervalSeconds = e.Int("HealthCheckIntervalSeconds"),
        HealthCheckTimeoutSeconds = e.Int("HealthCheckTimeoutSeconds"),
        HealthyThresholdCount = e.Int("HealthyThresholdCount"),
        UnhealthyThresholdCount = e.Int("UnhealthyThresholdCount"),
        HealthCheckPath = e.Str("HealthCheckPath"),
        Matcher = e.Obj("Matcher", m => new Matcher { HttpCode = m.Str("HttpCode"), GrpcCode = m.Str("GrpcCode") }),
        LoadBalancerArns = e.Strings("LoadBalancerArns"),
        TargetType = e.Str("TargetType"),
        IpAddressType = e.Str("IpAddressType"),
    };

    internal static Listener ReadListener(XElement e) => new Listener
    {
        ListenerArn = e.Str("ListenerArn"),
        LoadBalancerArn = e.Str("LoadBalancerArn"),
        Port = e.Int("Port"),
        Protocol = e.Str("Protocol"),
        SslPolicy = e.Str("SslPolicy"),
        DefaultActions = e.Members("DefaultActions", ReadAction),
    };

    internal static Rule ReadRule(XElement e) => new Rule
    {
        RuleArn = e.Str("RuleArn"),
        Priority = e.Str("Priority"),
        Conditions = e.Members("Conditions", c => new RuleCondition
        {
            Field = c.Str("Field"),
            Values = c.Strings("Values"),
            RegexValues = c.Strings("RegexValues"),
            HostHeaderConfig = c.Obj("HostHeaderConfig", h => new HostHeaderConditionConfig { Values = h.Strings("Values"), RegexValues = h.Strings("RegexValues") }),
            PathPatternConfig = c.Obj("PathPatternConfig", p => new PathPatternConditionConfig { Values = p.Strings("Values"), RegexValues = p.Strings("RegexValues") }),
            HttpHeaderConfig = c.Obj("HttpHeaderConfig", h => new HttpHeaderConditionConfig
            {
                HttpHeaderName = h.Str("HttpHeaderName"),
                Values = h.Strings("Values"),
                RegexValues = h.Strings("RegexValues"),
            }),
            QueryStringConfig = c.Obj("QueryStringConfig", q => new QueryStringConditionConfig
            {
                Values = q.Members("Values", v => new QueryStringKeyValuePair { Key = v.Str("Key"), Value = v.Str("Value") }),
            }),
            HttpRequestMethodConfig = c.Obj("HttpRequestMethodConfig", m => new HttpRequestMethodConditionConfig { Values = m.Strings("Values") }),
            SourceIpConfig = c.Obj("SourceIpConfig", i => new SourceIpConditionConfig { Values = i.Strings("Values") }),
        }),
        Actions = e.Members("Actions", ReadAction),
        IsDefault = e.Bool("IsDefault"),
        Transforms = e.Members("Transforms", t => new RuleTransform
        {
            Type = t.Str("Type"),
            HostHeaderRewriteConfig = t.Obj("HostHeaderRewriteConfig", h => new HostHeaderRewriteConfig { Rewrites = h.Members("Rewrites", ReadRewrite) }),
            UrlRewriteConfig = t.Obj("UrlRewriteConfig", u => new UrlRewriteConfig { Rewrites = u.Members("Rewrites", ReadRewrite) }),
        }),
    };

    private static RewriteConfig ReadRewrite(XElement e) => new RewriteConfig { Regex = e.Str("Regex"), Replace = e.Str("Replace") };

    internal static TargetHealthDescription ReadTargetHealthDescription(XElement e) => new TargetHealthDescription
    {
        Target = e.Obj("Target", t => new TargetDescription { Id = t.Str("Id"), Port = t.Int("Port"), AvailabilityZone = t.Str("AvailabilityZone") }),
        HealthCheckPort = e.Str("HealthCheckPort"),
        TargetHealth = e.Obj("TargetHealth", h => new TargetHealth { State = h.Str("State"), Reason = h.Str("Reason"), Description = h.Str("Description") }),
    };

    private static Action ReadAction(XElement e) => new Action
    {
        Type = e.Str("Type"),
        TargetGroupArn = e.Str("TargetGroupArn"),
        Order = e.Int("Order"),
        RedirectConfig = e.Obj("RedirectConfig", r => new RedirectActionConfig
        {
            Protocol = r.Str("Protocol"),
            Port = r.Str("Port"),
            Host = r.Str("Host"),
            Path = r.Str("Path"),
            Query = r.Str("Query"),
            StatusCode = r.Str("StatusCode"),
        }),
        FixedResponseConfig = e.Obj("FixedResponseConfig", f => new FixedResponseActionConfig
        {
            MessageBody = f.Str("MessageBody"),
            StatusCode = f.Str("StatusCode"),
            ContentType = f.Str("ContentType"),
        }),
        ForwardConfig = e.Obj("ForwardConfig", f => new ForwardActionConfig
        {
            TargetGroups = f.Members("TargetGroups", t => new TargetGroupTuple { TargetGroupArn = t.Str("TargetGroupArn"), Weight = t.Int("Weight") }),
            TargetGroupStickinessConfig = f.Obj("TargetGroupStickinessConfig", c => new TargetGroupStickinessConfig
            {
                Enabled = c.Bool("Enabled"),
                DurationSeconds = c.Int("DurationSeconds"),
            }),
        }),
    };

    internal static void WriteTargetDescription(QueryWriter q, TargetDescription target)
    {
        q.Opt("Id", target.Id);
        q.Opt("Port", target.Port);
        q.Opt("AvailabilityZone", target.AvailabilityZone);
    }

    internal static void WriteAction(QueryWriter q, Action action)
    {
        q.Opt("Type", action.Type);
        q.Opt("TargetGroupArn", action.TargetGroupArn);
        q.Opt("Order", action.Order);
        q.Opt("RedirectConfig", action.RedirectConfig, (rq, r) =>
        {
            rq.Opt("Protocol", r.Protocol);
            rq.Opt("Port", r.Port);
            rq.Opt("Host", r.Host);
            rq.Opt("Path", r.Path);
            rq.Opt("Query", r.Query);
            rq.Opt("StatusCode", r.StatusCode);
        });
        q.Opt("FixedResponseConfig", action.FixedResponseConfig, (fq, f) =>
        {
            fq.Opt("MessageBody", f.MessageBody);
            fq.Opt("StatusCode", f.StatusCode);
            fq.Opt("ContentType", f.ContentType);
        });
        q.Opt("ForwardConfig", action.ForwardConfig, (fq, f) =>
        {
            fq.Opt("TargetGroups", f.TargetGroups, (tq, t) =>
            {
                tq.Opt("TargetGroupArn", t.TargetGroupArn);
                tq.Opt("Weight", t.Weight);
            });
            fq.Opt("TargetGroupStickinessConfig", f.TargetGroupStickinessConfig, (sq, c) =>
            {
                sq.Opt("Enabled", c.Enabled);
                sq.Opt("DurationSeconds", c.DurationSeconds);
            });
        });
    }
}
