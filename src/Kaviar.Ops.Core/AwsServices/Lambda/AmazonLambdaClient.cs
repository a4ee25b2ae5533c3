using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.Lambda.Internal;
using Kaviar.Ops.AwsServices.Lambda.Model;

namespace Kaviar.Ops.AwsServices.Lambda;

/// <summary>Lambda client (restJson1), built on AWSSDK.Core's pipeline. Thread-safe; reuse it.</summary>
public class AmazonLambdaClient : AwsServiceClient, IAmazonLambda
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("Lambda");

    /// <summary>Credentials and region from the SDK's default chains.</summary>
    public AmazonLambdaClient()
        : base(new AmazonLambdaConfig())
    {
    }

    public AmazonLambdaClient(RegionEndpoint region)
        : base(new AmazonLambdaConfig { RegionEndpoint = region })
    {
    }

    public AmazonLambdaClient(AmazonLambdaConfig config)
        : base(config)
    {
    }

    public AmazonLambdaClient(AWSCredentials credentials)
        : base(credentials, new AmazonLambdaConfig())
    {
    }

    public AmazonLambdaClient(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonLambdaConfig { RegionEndpoint = region })
    {
    }

    public AmazonLambdaClient(AWSCredentials credentials, AmazonLambdaConfig clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual Task<ListFunctionsResponse> ListFunctionsAsync(ListFunctionsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(LambdaOperations.ListFunctions, request, cancellationToken);

    public virtual Task<InvokeResponse> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(LambdaOperations.Invoke, request, cancellationToken);

    public virtual Task<GetFunctionConfigurationResponse> GetFunctionConfigurationAsync(GetFunctionConfigurationRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(LambdaOperations.GetFunctionConfiguration, request, cancellationToken);

    public virtual Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(LambdaOperations.ListTags, request, cancellationToken);
}
