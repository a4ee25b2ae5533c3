#nullable disable

using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

/// <summary>Base of the CloudWatch Logs requests.</summary>
public abstract class AmazonCloudWatchLogsRequest : AmazonWebServiceRequest
{
}
