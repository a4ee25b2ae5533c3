#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class DescribeTargetGroupAttributesRequest : AmazonElasticLoadBalancingV2Request
{
    public string TargetGroupArn { get; set; }
}

public class DescribeTargetGroupAttributesResponse : AmazonWebServiceResponse
{
    public List<TargetGroupAttribute> Attributes { get; set; }
}

/// <summary>deregistration_delay.timeout_seconds, stickiness.enabled, slow_start.duration_seconds…; every value is a string.</summary>
public class TargetGroupAttribute
{
    public string Key { get; set; }

    public string Value { get; set; }
}
