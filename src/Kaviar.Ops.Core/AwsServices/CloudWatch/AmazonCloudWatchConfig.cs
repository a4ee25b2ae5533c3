using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.CloudWatch;

/// <summary>Configuration for the CloudWatch client (same names and defaults as AWSSDK.CloudWatch).</summary>
public class AmazonCloudWatchConfig : AwsServiceConfig
{
    public AmazonCloudWatchConfig()
        : base("CloudWatch", "monitoring", "monitoring")
    {
    }

    public override string RegionEndpointServiceName => "monitoring";

    public override string ServiceVersion => "2010-08-01";
}
