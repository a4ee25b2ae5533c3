using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Lambda.Model;

/// <summary>Base of the Lambda requests, as in AWSSDK.Lambda.</summary>
public abstract class AmazonLambdaRequest : AmazonWebServiceRequest
{
}
