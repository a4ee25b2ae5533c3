using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.Route53.Internal;
using Kaviar.Ops.AwsServices.Route53.Model;

namespace Kaviar.Ops.AwsServices.Route53;

/// <summary>Route 53 client (REST-XML), built on AWSSDK.Core's pipeline. Thread-safe; reuse it.</summary>
public class AmazonRoute53Client : AwsServiceClient, IAmazonRoute53
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("Route 53");

    public AmazonRoute53Client(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonRoute53Config { RegionEndpoint = region, AuthenticationRegion = AmazonRoute53Config.SigningRegionFor(region.SystemName) })
    {
    }

    public AmazonRoute53Client(AWSCredentials credentials, AmazonRoute53Config clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual Task<GetHostedZoneResponse> GetHostedZoneAsync(GetHostedZoneRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Route53Operations.GetHostedZone, request, cancellationToken);
}
