using System.Threading;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.ECS.Internal;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ECS;

/// <summary>Amazon ECS client (awsJson1_1), built on AWSSDK.Core's pipeline. Thread-safe; reuse it.</summary>
public class AmazonECSClient : AwsServiceClient, IAmazonECS
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("ECS");

    /// <summary>Credentials and region from the SDK's default chains.</summary>
    public AmazonECSClient()
        : base(new AmazonECSConfig())
    {
    }

    public AmazonECSClient(RegionEndpoint region)
        : base(new AmazonECSConfig { RegionEndpoint = region })
    {
    }

    public AmazonECSClient(AmazonECSConfig config)
        : base(config)
    {
    }

    public AmazonECSClient(AWSCredentials credentials)
        : base(credentials, new AmazonECSConfig())
    {
    }

    public AmazonECSClient(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonECSConfig { RegionEndpoint = region })
    {
    }

    public AmazonECSClient(AWSCredentials credentials, AmazonECSConfig clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual System.Threading.Tasks.Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.DescribeClusters, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.ListClusters, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<ListServicesResponse> ListServicesAsync(ListServicesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.ListServices, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.DescribeServices, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.ListTasks, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.DescribeTasks, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.DescribeTaskDefinition, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.ListTaskDefinitions, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.RunTask, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.StopTask, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.UpdateService, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.RegisterTaskDefinition, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<ListServiceDeploymentsResponse> ListServiceDeploymentsAsync(ListServiceDeploymentsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.ListServiceDeployments, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<DescribeServiceDeploymentsResponse> DescribeServiceDeploymentsAsync(DescribeServiceDeploymentsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.DescribeServiceDeployments, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<DescribeServiceRevisionsResponse> DescribeServiceRevisionsAsync(DescribeServiceRevisionsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.DescribeServiceRevisions, request, cancellationToken);

    public virtual System.Threading.Tasks.Task<StopServiceDeploymentResponse> StopServiceDeploymentAsync(StopServiceDeploymentRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ECSOperations.StopServiceDeployment, request, cancellationToken);
}
