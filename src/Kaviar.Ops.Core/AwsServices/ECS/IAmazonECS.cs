using System.Threading;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ECS.Model;

namespace Kaviar.Ops.AwsServices.ECS;

/// <summary>The Amazon ECS operations this module uses, with AWSSDK.ECS signatures.
/// Unlike the SDK it does not extend IAmazonService: that interface gains static abstract members in
/// AWSSDK.Core's net8.0 build, which a netstandard2.0 class cannot implement (TypeLoadException on pwsh 7).
/// Config is declared here instead.
/// </summary>
public interface IAmazonECS : System.IDisposable
{
    IClientConfig Config { get; }

    System.Threading.Tasks.Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<ListServicesResponse> ListServicesAsync(ListServicesRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<ListServiceDeploymentsResponse> ListServiceDeploymentsAsync(ListServiceDeploymentsRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<DescribeServiceDeploymentsResponse> DescribeServiceDeploymentsAsync(DescribeServiceDeploymentsRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<DescribeServiceRevisionsResponse> DescribeServiceRevisionsAsync(DescribeServiceRevisionsRequest request, CancellationToken cancellationToken = default);

    System.Threading.Tasks.Task<StopServiceDeploymentResponse> StopServiceDeploymentAsync(StopServiceDeploymentRequest request, CancellationToken cancellationToken = default);
}
