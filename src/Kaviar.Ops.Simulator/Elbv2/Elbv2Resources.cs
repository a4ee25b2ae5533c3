using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator.Elbv2;

public sealed record LoadBalancerZone(string ZoneName, string SubnetId);

public sealed class LoadBalancer
{
    /// <summary>How CloudWatch's LoadBalancer dimension names it: the ARN after "loadbalancer/" (app/name/id).</summary>
    public string MetricDimension => LoadBalancerArn[(LoadBalancerArn.IndexOf(":loadbalancer/", StringComparison.Ordinal) + ":loadbalancer/".Length)..];

    internal LoadBalancer(string loadBalancerArn, string loadBalancerName, string dnsName, string canonicalHostedZoneId,
        string vpcId, IReadOnlyList<LoadBalancerZone> availabilityZones, IReadOnlyList<string> securityGroupIds, DateTime createdTime)
    {
        LoadBalancerArn = loadBalancerArn;
        LoadBalancerName = loadBalancerName;
        DnsName = dnsName;
        CanonicalHostedZoneId = canonicalHostedZoneId;
        VpcId = vpcId;
        AvailabilityZones = availabilityZones;
        SecurityGroupIds = securityGroupIds;
        CreatedTime = createdTime;
    }

    /// <summary>arn:aws:elasticloadbalancing:&lt;region&gt;:&lt;account&gt;:loadbalancer/app/&lt;name&gt;/&lt;16 hex&gt;</summary>
    public string LoadBalancerArn { get; }

    public string LoadBalancerName { get; }

    /// <summary>&lt;name&gt;-&lt;digits&gt;.&lt;region&gt;.elb.amazonaws.com, with "internal-" ahead for an internal load balancer.</summary>
    public string DnsName { get; }

    public string CanonicalHostedZoneId { get; }

    /// <summary>"internet-facing" or "internal"; set at creation, as its DNS name follows it.</summary>
    public string Scheme { get; init; } = Elbv2State.InternetFacing;

    public string VpcId { get; }

    /// <summary>One subnet per zone; SetSubnets replaces them.</summary>
    public IReadOnlyList<LoadBalancerZone> AvailabilityZones { get; internal set; }

    public IEnumerable<string> SubnetIds => AvailabilityZones.Select(z => z.SubnetId);

    public IReadOnlyList<string> SecurityGroupIds { get; }

    public string Type => "application";

    /// <summary>"ipv4", or "dualstack" (IPv4 and IPv6 addresses: every subnet has an IPv6 block).</summary>
    public string IpAddressType { get; init; } = Elbv2State.Ipv4;

    /// <summary>"provisioning", "active", "active_impaired" or "failed".</summary>
    public string State { get; set; } = "active";

    public DateTime CreatedTime { get; }

    /// <summary>"app/&lt;name&gt;/&lt;hex&gt;": the part listener ARNs and CloudWatch dimensions reuse.</summary>
    public string ResourceSuffix => LoadBalancerArn[(LoadBalancerArn.IndexOf(":loadbalancer/", StringComparison.Ordinal) + ":loadbalancer/".Length)..];
}

/// <summary>A registered target and the health the lifecycle engine last computed for it.</summary>
public sealed class RegisteredTarget
{
    internal RegisteredTarget(string id, int port, string? availabilityZone, string state, string? reason, string? description)
    {
        Id = id;
        Port = port;
        AvailabilityZone = availabilityZone;
        State = state;
        Reason = reason;
        Description = description;
    }

    /// <summary>The task's private IP (target type ip).</summary>
    public string Id { get; }

    public int Port { get; }

    public string? AvailabilityZone { get; }

    /// <summary>initial, healthy, unhealthy, unused, draining, unavailable.</summary>
    public string State { get; set; }

    /// <summary>e.g. Elb.RegistrationInProgress, Target.Timeout, Target.ResponseCodeMismatch; absent when healthy.</summary>
    public string? Reason { get; set; }

    public string? Description { get; set; }
}

public sealed class TargetGroup
{
    /// <summary>How CloudWatch's TargetGroup dimension names it: the ARN's resource (targetgroup/name/id).</summary>
    public string MetricDimension => TargetGroupArn[(TargetGroupArn.IndexOf(":targetgroup/", StringComparison.Ordinal) + 1)..];

    internal TargetGroup(string targetGroupArn, string targetGroupName, string vpcId, int port, string healthCheckPath, string matcherHttpCode)
    {
        TargetGroupArn = targetGroupArn;
        TargetGroupName = targetGroupName;
        VpcId = vpcId;
        Port = port;
        HealthCheckPath = healthCheckPath;
        MatcherHttpCode = matcherHttpCode;
    }

    /// <summary>arn:aws:elasticloadbalancing:&lt;region&gt;:&lt;account&gt;:targetgroup/&lt;name&gt;/&lt;16 hex&gt;</summary>
    public string TargetGroupArn { get; }

    public string TargetGroupName { get; }

    /// <summary>"HTTP" or "HTTPS": an Application Load Balancer's target group protocols.</summary>
    public string Protocol { get; init; } = "HTTP";

    /// <summary>"HTTP1" or "HTTP2": how the load balancer speaks to targets.</summary>
    public string ProtocolVersion { get; init; } = "HTTP1";

    public int Port { get; }

    public string VpcId { get; }

    /// <summary>"ip" (what a Fargate service's awsvpc tasks register as) or "instance", which ECS refuses for them.</summary>
    public string TargetType { get; init; } = "ip";

    /// <summary>"HTTP" or "HTTPS": the only health check protocols of an HTTP target group.</summary>
    public string HealthCheckProtocol { get; set; } = "HTTP";

    /// <summary>"traffic-port" or a port number.</summary>
    public string HealthCheckPort { get; set; } = "traffic-port";

    public string HealthCheckPath { get; set; }

    public int HealthCheckIntervalSeconds { get; set; } = 30;

    /// <summary>deregistration_delay.timeout_seconds: how long a deregistering target drains (0–3600, 300 by default).</summary>
    public int DeregistrationDelaySeconds { get; set; } = 300;

    /// <summary>slow_start.duration_seconds: 0 (off) or 30–900. Reported, not modelled: a new target gets its full share at once.</summary>
    public int SlowStartSeconds { get; set; }

    /// <summary>stickiness.enabled with stickiness.type lb_cookie. Reported, not modelled: the listener spreads every request.</summary>
    public bool StickinessEnabled { get; set; }

    /// <summary>stickiness.lb_cookie.duration_seconds: 1–604800, a day by default.</summary>
    public int StickinessDurationSeconds { get; set; } = DefaultStickinessSeconds;

    public const int DefaultStickinessSeconds = 86400;

    public int HealthCheckTimeoutSeconds { get; set; } = 5;

    public int HealthyThresholdCount { get; set; } = 5;

    public int UnhealthyThresholdCount { get; set; } = 2;

    /// <summary>"200", "200-399", "200,302".</summary>
    public string MatcherHttpCode { get; set; }

    public List<RegisteredTarget> Targets { get; } = new();

    public RegisteredTarget? FindTarget(string id, int port) => Targets.Find(t => t.Id == id && t.Port == port);
}

public sealed record WeightedTargetGroup(string TargetGroupArn, int Weight);

/// <summary>A weighted forward's target group stickiness: off unless enabled with a duration of 1 to 604800 seconds.</summary>
public sealed record TargetGroupStickiness(bool Enabled, int? DurationSeconds)
{
    public static readonly TargetGroupStickiness Disabled = new(false, null);
}

public sealed record FixedResponseConfig(string StatusCode, string? ContentType, string? MessageBody);

public sealed record RedirectConfig(string? Protocol, string? Port, string? Host, string? Path, string? Query, string StatusCode);

/// <summary>What a listener or rule does with a request: forward, fixed-response or redirect.</summary>
public sealed record ListenerAction(
    string Type,
    int? Order,
    string? TargetGroupArn,
    IReadOnlyList<WeightedTargetGroup>? ForwardTargetGroups,
    FixedResponseConfig? FixedResponse,
    RedirectConfig? Redirect,
    TargetGroupStickiness? Stickiness = null)
{
    /// <summary>Forward to one group, reported the way AWS does: TargetGroupArn plus a ForwardConfig with weight 1.</summary>
    public static ListenerAction Forward(string targetGroupArn) =>
        new("forward", null, targetGroupArn, new[] { new WeightedTargetGroup(targetGroupArn, 1) }, null, null);

    public static ListenerAction FixedResponseOf(int statusCode, string contentType = "text/plain", string? messageBody = null) =>
        new("fixed-response", null, null, null, new FixedResponseConfig(statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), contentType, messageBody), null);

    public IEnumerable<string> ForwardedTargetGroupArns =>
        (ForwardTargetGroups?.Select(g => g.TargetGroupArn) ?? Enumerable.Empty<string>())
            .Concat(TargetGroupArn is null ? Enumerable.Empty<string>() : new[] { TargetGroupArn })
            .Distinct(StringComparer.Ordinal);
}

public sealed class Listener
{
    internal Listener(string listenerArn, string loadBalancerArn, int port, string protocol, IReadOnlyList<ListenerAction> defaultActions, string defaultRuleArn)
    {
        ListenerArn = listenerArn;
        LoadBalancerArn = loadBalancerArn;
        Port = port;
        Protocol = protocol;
        DefaultActions = defaultActions;
        DefaultRuleArn = defaultRuleArn;
    }

    /// <summary>arn:aws:elasticloadbalancing:&lt;region&gt;:&lt;account&gt;:listener/app/&lt;lb&gt;/&lt;lb hex&gt;/&lt;16 hex&gt;</summary>
    public string ListenerArn { get; }

    public string LoadBalancerArn { get; }

    public int Port { get; set; }

    public string Protocol { get; set; }

    public IReadOnlyList<ListenerAction> DefaultActions { get; set; }

    /// <summary>The ARN of the listener's "default" rule, which DescribeRules lists last.</summary>
    public string DefaultRuleArn { get; }

    /// <summary>An HTTPS listener's default certificate and security policy; null for HTTP.</summary>
    public ListenerTls? Tls { get; set; }
}

/// <summary>What an HTTPS listener terminates TLS with: its default ACM certificate and its security policy.</summary>
public sealed record ListenerTls(string CertificateArn, string SslPolicy)
{
    /// <summary>CreateListener's default when no policy is named (AWS's default for the CLI, CloudFormation and the CDK).</summary>
    public const string DefaultSslPolicy = "ELBSecurityPolicy-2016-08";

    /// <summary>The predefined security policies of Application Load Balancers (Security policies for your Application Load Balancer).</summary>
    public static readonly IReadOnlySet<string> PredefinedSslPolicies = new HashSet<string>(StringComparer.Ordinal)
    {
        "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-2021-06",
        "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-TLS-1-2-2017-01",
        "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05",
        "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-FS-1-2-Res-2019-08", "ELBSecurityPolicy-FS-1-2-2019-08",
        "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-FS-2018-06",
        "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    };
}

/// <summary>One query-string match: a value, and optionally the key it must be found under.</summary>
public sealed record QueryStringPair(string? Key, string Value);

/// <summary>
/// A rule condition. host-header and path-pattern hold Values or RegexValues; http-header adds the header's name;
/// http-request-method and source-ip hold Values; query-string holds its key/value pairs in <see cref="QueryPairs"/>.
/// </summary>
public sealed record RuleCondition(string Field, IReadOnlyList<string> Values)
{
    public IReadOnlyList<string> RegexValues { get; init; } = Array.Empty<string>();

    public string? HttpHeaderName { get; init; }

    public IReadOnlyList<QueryStringPair> QueryPairs { get; init; } = Array.Empty<QueryStringPair>();

    /// <summary>What AWS's quotas count: each value, regular expression or key/value pair is one match evaluation.</summary>
    public int MatchEvaluations => Values.Count + RegexValues.Count + QueryPairs.Count;

    public static RuleCondition HttpHeader(string name, IReadOnlyList<string> values) => new("http-header", values) { HttpHeaderName = name };

    public static RuleCondition QueryString(IReadOnlyList<QueryStringPair> pairs) => new("query-string", Array.Empty<string>()) { QueryPairs = pairs };
}

/// <summary>One rewrite of a transform: the first match of Regex is replaced by Replace ($1… name its groups).</summary>
public sealed record RewriteConfig(string Regex, string Replace);

/// <summary>A rule's transform: "host-header-rewrite" or "url-rewrite", applied to what the target receives.</summary>
public sealed record RuleTransform(string Type, IReadOnlyList<RewriteConfig> Rewrites)
{
    public const string HostHeaderRewrite = "host-header-rewrite";
    public const string UrlRewrite = "url-rewrite";
}

public sealed class Rule
{
    internal Rule(string ruleArn, string listenerArn, string priority, IReadOnlyList<RuleCondition> conditions, IReadOnlyList<ListenerAction> actions,
        IReadOnlyList<RuleTransform> transforms, bool isDefault)
    {
        RuleArn = ruleArn;
        ListenerArn = listenerArn;
        Priority = priority;
        Conditions = conditions;
        Actions = actions;
        Transforms = transforms;
        IsDefault = isDefault;
    }

    public string RuleArn { get; }

    public string ListenerArn { get; }

    /// <summary>"1".."50000", or "default" for the listener's default rule.</summary>
    public string Priority { get; internal set; }

    public IReadOnlyList<RuleCondition> Conditions { get; internal set; }

    public IReadOnlyList<ListenerAction> Actions { get; internal set; }

    public IReadOnlyList<RuleTransform> Transforms { get; internal set; }

    public bool IsDefault { get; }
}
