using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.CloudWatch.Internal;
using Kaviar.Ops.AwsServices.CloudWatch.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.CloudWatch;

/// <summary>
/// CloudWatch client, built on AWSSDK.Core's pipeline. It speaks awsJson1_0, one of the three protocols the service
/// model declares (smithy-rpc-v2-cbor, json, query) and the one the aws CLI picks. Thread-safe; reuse it.
/// </summary>
public class AmazonCloudWatchClient : AwsServiceClient, IAmazonCloudWatch
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("CloudWatch");

    /// <summary>Credentials and region from the SDK's default chains.</summary>
    public AmazonCloudWatchClient()
        : base(new AmazonCloudWatchConfig())
    {
    }

    public AmazonCloudWatchClient(RegionEndpoint region)
        : base(new AmazonCloudWatchConfig { RegionEndpoint = region })
    {
    }

    public AmazonCloudWatchClient(AmazonCloudWatchConfig config)
        : base(config)
    {
    }

    public AmazonCloudWatchClient(AWSCredentials credentials)
        : base(credentials, new AmazonCloudWatchConfig())
    {
    }

    public AmazonCloudWatchClient(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonCloudWatchConfig { RegionEndpoint = region })
    {
    }

    public AmazonCloudWatchClient(AWSCredentials credentials, AmazonCloudWatchConfig clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(CloudWatchOperations.DescribeAlarms, request, cancellationToken);
}
