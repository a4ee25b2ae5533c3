using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.SecretsManager;

/// <summary>Configuration for the Secrets Manager client (same names and defaults as AWSSDK.SecretsManager).</summary>
public class AmazonSecretsManagerConfig : AwsServiceConfig
{
    public AmazonSecretsManagerConfig()
        : base("Secrets Manager", "secretsmanager", "secretsmanager")
    {
    }

    public override string RegionEndpointServiceName => "secretsmanager";

    public override string ServiceVersion => "2017-10-17";
}
