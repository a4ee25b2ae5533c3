using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.ServiceDiscovery.Internal;
using Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery;

/// <summary>AWS Cloud Map client (awsJson1_1), built on AWSSDK.Core's pipeline. Thread-safe; reuse it.</summary>
public class AmazonServiceDiscoveryClient : AwsServiceClient, IAmazonServiceDiscovery
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("ServiceDiscovery");

    /// <summary>Credentials and region from the SDK's default chains.</summary>
    public AmazonServiceDiscoveryClient()
        : base(new AmazonServiceDiscoveryConfig())
    {
    }

    public AmazonServiceDiscoveryClient(RegionEndpoint region)
        : base(new AmazonServiceDiscoveryConfig { RegionEndpoint = region })
    {
    }

    public AmazonServiceDiscoveryClient(AmazonServiceDiscoveryConfig config)
        : base(config)
    {
    }

    public AmazonServiceDiscoveryClient(AWSCredentials credentials)
        : base(credentials, new AmazonServiceDiscoveryConfig())
    {
    }

    public AmazonServiceDiscoveryClient(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonServiceDiscoveryConfig { RegionEndpoint = region })
    {
    }

    public AmazonServiceDiscoveryClient(AWSCredentials credentials, AmazonServiceDiscoveryConfig clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual Task<GetNamespaceResponse> GetNamespaceAsync(GetNamespaceRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ServiceDiscoveryOperations.GetNamespace, request, cancellationToken);

    public virtual Task<ListNamespacesResponse> ListNamespacesAsync(ListNamespacesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ServiceDiscoveryOperations.ListNamespaces, request, cancellationToken);

    public virtual Task<GetServiceResponse> GetServiceAsync(GetServiceRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ServiceDiscoveryOperations.GetService, request, cancellationToken);

    public virtual Task<ListServicesResponse> ListServicesAsync(ListServicesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ServiceDiscoveryOperations.ListServices, request, cancellationToken);

    public virtual Task<ListInstancesResponse> ListInstancesAsync(ListInstancesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ServiceDiscoveryOperations.ListInstances, request, cancellationToken);

    public virtual Task<GetInstancesHealthStatusResponse> GetInstancesHealthStatusAsync(GetInstancesHealthStatusRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ServiceDiscoveryOperations.GetInstancesHealthStatus, request, cancellationToken);

    public virtual Task<DiscoverInstancesResponse> DiscoverInstancesAsync(DiscoverInstancesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ServiceDiscoveryOperations.DiscoverInstances, request, cancellationToken);
}
