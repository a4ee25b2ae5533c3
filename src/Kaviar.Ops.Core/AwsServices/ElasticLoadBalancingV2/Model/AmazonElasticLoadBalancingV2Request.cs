#nullable disable

using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

/// <summary>Base of the Elastic Load Balancing v2 requests.</summary>
public abstract class AmazonElasticLoadBalancingV2Request : AmazonWebServiceRequest
{
}
