#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class TargetGroup
{
    public string TargetGroupArn { get; set; }

    public string TargetGroupName { get; set; }

    public string Protocol { get; set; }

    public int? Port { get; set; }

    public string VpcId { get; set; }

    public string HealthCheckProtocol { get; set; }

    /// <summary>A port number or "traffic-port".</summary>
    public string HealthCheckPort { get; set; }

    public bool? HealthCheckEnabled { get; set; }

    public int? HealthCheckIntervalSeconds { get; set; }

    public int? HealthCheckTimeoutSeconds { get; set; }

    public int? HealthyThresholdCount { get; set; }

    public int? UnhealthyThresholdCount { get; set; }

    public string HealthCheckPath { get; set; }

    public Matcher Matcher { get; set; }

    public List<string> LoadBalancerArns { get; set; }

    /// <summary>ipv4 or ipv6: the address family the load balancer uses to reach the targets.</summary>
    public string IpAddressType { get; set; }

    /// <summary>instance, ip, lambda or alb; Fargate services need ip.</summary>
    public string TargetType { get; set; }
}

public class Matcher
{
    /// <summary>e.g. "200" or "200-399".</summary>
    public string HttpCode { get; set; }

    public string GrpcCode { get; set; }
}
