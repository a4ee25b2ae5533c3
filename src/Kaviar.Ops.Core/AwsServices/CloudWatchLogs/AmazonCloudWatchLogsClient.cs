using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Internal;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs;

/// <summary>CloudWatch Logs client (awsJson1_1), built on AWSSDK.Core's pipeline. Thread-safe; reuse it.</summary>
public class AmazonCloudWatchLogsClient : AwsServiceClient, IAmazonCloudWatchLogs
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("CloudWatch Logs");

    /// <summary>Credentials and region from the SDK's default chains.</summary>
    public AmazonCloudWatchLogsClient()
        : base(new AmazonCloudWatchLogsConfig())
    {
    }

    public AmazonCloudWatchLogsClient(RegionEndpoint region)
        : base(new AmazonCloudWatchLogsConfig { RegionEndpoint = region })
    {
    }

    public AmazonCloudWatchLogsClient(AmazonCloudWatchLogsConfig config)
        : base(config)
    {
    }

    public AmazonCloudWatchLogsClient(AWSCredentials credentials)
        : base(credentials, new AmazonCloudWatchLogsConfig())
    {
    }

    public AmazonCloudWatchLogsClient(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonCloudWatchLogsConfig { RegionEndpoint = region })
    {
    }

    public AmazonCloudWatchLogsClient(AWSCredentials credentials, AmazonCloudWatchLogsConfig clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(CloudWatchLogsOperations.DescribeLogStreams, request, cancellationToken);

    public virtual Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(CloudWatchLogsOperations.GetLogEvents, request, cancellationToken);

    public virtual Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(CloudWatchLogsOperations.FilterLogEvents, request, cancellationToken);
}
