using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.SecretsManager.Model;

/// <summary>Base of the Secrets Manager requests, as in AWSSDK.SecretsManager.</summary>
public abstract class AmazonSecretsManagerRequest : AmazonWebServiceRequest
{
}
