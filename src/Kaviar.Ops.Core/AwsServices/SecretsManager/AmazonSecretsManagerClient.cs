using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.SecretsManager.Internal;
using Kaviar.Ops.AwsServices.SecretsManager.Model;

namespace Kaviar.Ops.AwsServices.SecretsManager;

/// <summary>Secrets Manager client (awsJson1_1), built on AWSSDK.Core's pipeline. Thread-safe; reuse it.</summary>
public class AmazonSecretsManagerClient : AwsServiceClient, IAmazonSecretsManager
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("Secrets Manager");

    /// <summary>Credentials and region from the SDK's default chains.</summary>
    public AmazonSecretsManagerClient()
        : base(new AmazonSecretsManagerConfig())
    {
    }

    public AmazonSecretsManagerClient(RegionEndpoint region)
        : base(new AmazonSecretsManagerConfig { RegionEndpoint = region })
    {
    }

    public AmazonSecretsManagerClient(AmazonSecretsManagerConfig config)
        : base(config)
    {
    }

    public AmazonSecretsManagerClient(AWSCredentials credentials)
        : base(credentials, new AmazonSecretsManagerConfig())
    {
    }

    public AmazonSecretsManagerClient(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonSecretsManagerConfig { RegionEndpoint = region })
    {
    }

    public AmazonSecretsManagerClient(AWSCredentials credentials, AmazonSecretsManagerConfig clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual Task<ListSecretsResponse> ListSecretsAsync(ListSecretsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SecretsManagerOperations.ListSecrets, request, cancellationToken);

    public virtual Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SecretsManagerOperations.GetSecretValue, request, cancellationToken);
}
