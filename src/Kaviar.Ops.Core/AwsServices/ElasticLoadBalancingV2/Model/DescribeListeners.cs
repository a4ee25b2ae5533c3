#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class DescribeListenersRequest : AmazonElasticLoadBalancingV2Request
{
    public string LoadBalancerArn { get; set; }

    public List<string> ListenerArns { get; set; }

    public string Marker { get; set; }

    public int? PageSize { get; set; }
}

public class DescribeListenersResponse : AmazonWebServiceResponse
{
    public List<Listener> Listeners { get; set; }

    public string NextMarker { get; set; }
}
