using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.RDS.Internal;
using Kaviar.Ops.AwsServices.RDS.Model;

namespace Kaviar.Ops.AwsServices.RDS;

/// <summary>Amazon RDS client (awsQuery), built on AWSSDK.Core's pipeline. Thread-safe; reuse it.</summary>
public class AmazonRDSClient : AwsServiceClient, IAmazonRDS
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("RDS");

    /// <summary>Credentials and region from the SDK's default chains.</summary>
    public AmazonRDSClient()
        : base(new AmazonRDSConfig())
    {
    }

    public AmazonRDSClient(RegionEndpoint region)
        : base(new AmazonRDSConfig { RegionEndpoint = region })
    {
    }

    public AmazonRDSClient(AmazonRDSConfig config)
        : base(config)
    {
    }

    public AmazonRDSClient(AWSCredentials credentials)
        : base(credentials, new AmazonRDSConfig())
    {
    }

    public AmazonRDSClient(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonRDSConfig { RegionEndpoint = region })
    {
    }

    public AmazonRDSClient(AWSCredentials credentials, AmazonRDSConfig clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual Task<DescribeDBInstancesResponse> DescribeDBInstancesAsync(DescribeDBInstancesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RDSOperations.DescribeDBInstances, request, cancellationToken);

    public virtual Task<DescribeDBClustersResponse> DescribeDBClustersAsync(DescribeDBClustersRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RDSOperations.DescribeDBClusters, request, cancellationToken);
}
