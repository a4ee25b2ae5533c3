using Amazon.Runtime.Endpoints;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.Route53;

/// <summary>
/// Configuration for the Route 53 client (same names as AWSSDK.Route53). Route 53 is global: one endpoint per partition
/// (route53.amazonaws.com), whatever the region, signed for the partition's home region (<see cref="SigningRegionFor"/>).
/// </summary>
public class AmazonRoute53Config : AwsServiceConfig
{
    public AmazonRoute53Config()
        : base("Route 53", "route53", "route53")
    {
        EndpointProvider = new Internal.GlobalRoute53EndpointProvider();
    }

    public override string RegionEndpointServiceName => "route53";

    public override string ServiceVersion => "2013-04-01";

    /// <summary>The region Route 53 requests are signed for in the region's partition: us-east-1, cn-northwest-1, us-gov-west-1.</summary>
    public static string SigningRegionFor(string region) =>
        region.StartsWith("cn-", System.StringComparison.Ordinal) ? "cn-northwest-1"
        : region.StartsWith("us-gov-", System.StringComparison.Ordinal) ? "us-gov-west-1"
        : "us-east-1";
}
