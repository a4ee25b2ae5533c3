#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class DescribeTargetHealthRequest : AmazonElasticLoadBalancingV2Request
{
    public string TargetGroupArn { get; set; }

    public List<TargetDescription> Targets { get; set; }
}

public class DescribeTargetHealthResponse : AmazonWebServiceResponse
{
    public List<TargetHealthDescription> TargetHealthDescriptions { get; set; }
}
