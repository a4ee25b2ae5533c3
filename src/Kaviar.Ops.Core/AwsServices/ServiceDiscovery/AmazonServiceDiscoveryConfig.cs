using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery;

/// <summary>Configuration for the AWS Cloud Map client (same names and defaults as AWSSDK.ServiceDiscovery).</summary>
public class AmazonServiceDiscoveryConfig : AwsServiceConfig
{
    public AmazonServiceDiscoveryConfig()
        : base("ServiceDiscovery", "servicediscovery", "servicediscovery")
    {
    }

    public override string RegionEndpointServiceName => "servicediscovery";

    public override string ServiceVersion => "2017-03-14";
}
