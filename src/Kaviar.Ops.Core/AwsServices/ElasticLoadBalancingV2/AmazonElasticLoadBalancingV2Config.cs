using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;

/// <summary>Configuration for the Elastic Load Balancing v2 client (same names and defaults as AWSSDK.ElasticLoadBalancingV2).</summary>
public class AmazonElasticLoadBalancingV2Config : AwsServiceConfig
{
    public AmazonElasticLoadBalancingV2Config()
        : base("Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing")
    {
    }

    public override string RegionEndpointServiceName => "elasticloadbalancing";

    public override string ServiceVersion => "2015-12-01";
}
