using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs;

/// <summary>Configuration for the CloudWatch Logs client (same names and defaults as AWSSDK.CloudWatchLogs).</summary>
public class AmazonCloudWatchLogsConfig : AwsServiceConfig
{
    public AmazonCloudWatchLogsConfig()
        : base("CloudWatch Logs", "logs", "logs")
    {
    }

    public override string RegionEndpointServiceName => "logs";

    public override string ServiceVersion => "2014-03-28";
}
