#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class DescribeLoadBalancersRequest : AmazonElasticLoadBalancingV2Request
{
    public List<string> LoadBalancerArns { get; set; }

    public List<string> Names { get; set; }

    public string Marker { get; set; }

    public int? PageSize { get; set; }
}

public class DescribeLoadBalancersResponse : AmazonWebServiceResponse
{
    public List<LoadBalancer> LoadBalancers { get; set; }

    public string NextMarker { get; set; }
}
