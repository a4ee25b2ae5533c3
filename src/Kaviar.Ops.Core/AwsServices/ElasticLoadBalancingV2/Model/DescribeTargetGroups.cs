#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class DescribeTargetGroupsRequest : AmazonElasticLoadBalancingV2Request
{
    public string LoadBalancerArn { get; set; }

    public List<string> TargetGroupArns { get; set; }

    public List<string> Names { get; set; }

    public string Marker { get; set; }

    public int? PageSize { get; set; }
}

public class DescribeTargetGroupsResponse : AmazonWebServiceResponse
{
    public List<TargetGroup> TargetGroups { get; set; }

    public string NextMarker { get; set; }
}
