using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery;

/// <summary>
/// The AWS Cloud Map operations this module uses, with AWSSDK.ServiceDiscovery signatures. Like the other clients it
/// does not extend IAmazonService (see IAmazonSecretsManager for why); Config is declared here instead.
/// </summary>
public interface IAmazonServiceDiscovery : IDisposable
{
    IClientConfig Config { get; }

    Task<GetNamespaceResponse> GetNamespaceAsync(GetNamespaceRequest request, CancellationToken cancellationToken = default);

    Task<ListNamespacesResponse> ListNamespacesAsync(ListNamespacesRequest request, CancellationToken cancellationToken = default);

    Task<GetServiceResponse> GetServiceAsync(GetServiceRequest request, CancellationToken cancellationToken = default);

    Task<ListServicesResponse> ListServicesAsync(ListServicesRequest request, CancellationToken cancellationToken = default);

    Task<ListInstancesResponse> ListInstancesAsync(ListInstancesRequest request, CancellationToken cancellationToken = default);

    Task<GetInstancesHealthStatusResponse> GetInstancesHealthStatusAsync(GetInstancesHealthStatusRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sent to the data-servicediscovery host, as the SDK does; with a custom endpoint set DisableHostPrefixInjection.</summary>
    Task<DiscoverInstancesResponse> DiscoverInstancesAsync(DiscoverInstancesRequest request, CancellationToken cancellationToken = default);
}
