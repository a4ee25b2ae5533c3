#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class Listener
{
    public string ListenerArn { get; set; }

    public string LoadBalancerArn { get; set; }

    public int? Port { get; set; }

    public string Protocol { get; set; }

    public string SslPolicy { get; set; }

    public List<Action> DefaultActions { get; set; }
}

public class Rule
{
    public string RuleArn { get; set; }

    /// <summary>A number as a string, or "default".</summary>
    public string Priority { get; set; }

    public List<RuleCondition> Conditions { get; set; }

    public List<Action> Actions { get; set; }

    public bool? IsDefault { get; set; }

    /// <summary>Rewrites of the host header or URL the targets receive; they never change which rule matched.</summary>
    public List<RuleTransform> Transforms { get; set; }
}

public class RuleCondition
{
    /// <summary>host-header, path-pattern, http-header, http-request-method, query-string or source-ip.</summary>
    public string Field { get; set; }

    /// <summary>The older form of a host-header or path-pattern condition's values.</summary>
    public List<string> Values { get; set; }

    public List<string> RegexValues { get; set; }

    public HostHeaderConditionConfig HostHeaderConfig { get; set; }

    public PathPatternConditionConfig PathPatternConfig { get; set; }

    public HttpHeaderConditionConfig HttpHeaderConfig { get; set; }

    public QueryStringConditionConfig QueryStringConfig { get; set; }

    public HttpRequestMethodConditionConfig HttpRequestMethodConfig { get; set; }

    public SourceIpConditionConfig SourceIpConfig { get; set; }
}

public class HostHeaderConditionConfig
{
    public List<string> Values { get; set; }

    public List<string> RegexValues { get; set; }
}

public class PathPatternConditionConfig
{
    public List<string> Values { get; set; }

    public List<string> RegexValues { get; set; }
}

public class HttpHeaderConditionConfig
{
    public string HttpHeaderName { get; set; }

    public List<string> Values { get; set; }

    public List<string> RegexValues { get; set; }
}

public class QueryStringConditionConfig
{
    public List<QueryStringKeyValuePair> Values { get; set; }
}

public class QueryStringKeyValuePair
{
    /// <summary>Null to match the value of any key.</summary>
    public string Key { get; set; }

    public string Value { get; set; }
}

public class HttpRequestMethodConditionConfig
{
    public List<string> Values { get; set; }
}

public class SourceIpConditionConfig
{
    /// <summary>IPv4 or IPv6 CIDR blocks.</summary>
    public List<string> Values { get; set; }
}

public class RuleTransform
{
    /// <summary>host-header-rewrite or url-rewrite.</summary>
    public string Type { get; set; }

    public HostHeaderRewriteConfig HostHeaderRewriteConfig { get; set; }

    public UrlRewriteConfig UrlRewriteConfig { get; set; }
}

public class HostHeaderRewriteConfig
{
    public List<RewriteConfig> Rewrites { get; set; }
}

public class UrlRewriteConfig
{
    public List<RewriteConfig> Rewrites { get; set; }
}

public class RewriteConfig
{
    public string Regex { get; set; }

    public string Replace { get; set; }
}

/// <summary>A listener or rule action. Named Action like the SDK; qualify System.Action where both are in scope.</summary>
public class Action
{
    /// <summary>forward, redirect, fixed-response, authenticate-oidc, authenticate-cognito.</summary>
    public string Type { get; set; }

    public string TargetGroupArn { get; set; }

    public int? Order { get; set; }

    public RedirectActionConfig RedirectConfig { get; set; }

    public FixedResponseActionConfig FixedResponseConfig { get; set; }

    public ForwardActionConfig ForwardConfig { get; set; }
}

public class ForwardActionConfig
{
    public List<TargetGroupTuple> TargetGroups { get; set; }

    public TargetGroupStickinessConfig TargetGroupStickinessConfig { get; set; }
}

public class TargetGroupStickinessConfig
{
    public bool? Enabled { get; set; }

    /// <summary>1 to 604800 seconds; required to enable stickiness.</summary>
    public int? DurationSeconds { get; set; }
}

public class TargetGroupTuple
{
    public string TargetGroupArn { get; set; }

    public int? Weight { get; set; }
}

public class FixedResponseActionConfig
{
    public string MessageBody { get; set; }

    public string StatusCode { get; set; }

    public string ContentType { get; set; }
}

public class RedirectActionConfig
{
    public string Protocol { get; set; }

    public string Port { get; set; }

    public string Host { get; set; }

    public string Path { get; set; }

    public string Query { get; set; }

    /// <summary>HTTP_301 or HTTP_302.</summary>
    public string StatusCode { get; set; }
}
