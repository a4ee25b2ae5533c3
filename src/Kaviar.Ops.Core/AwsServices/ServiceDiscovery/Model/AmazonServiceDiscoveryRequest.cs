using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

/// <summary>Base of the Cloud Map requests, as in AWSSDK.ServiceDiscovery.</summary>
public abstract class AmazonServiceDiscoveryRequest : AmazonWebServiceRequest
{
}
