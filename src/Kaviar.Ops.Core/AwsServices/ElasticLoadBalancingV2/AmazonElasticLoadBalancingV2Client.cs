using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Internal;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;

/// <summary>Elastic Load Balancing v2 client (awsQuery), built on AWSSDK.Core's pipeline. Thread-safe; reuse it.</summary>
public class AmazonElasticLoadBalancingV2Client : AwsServiceClient, IAmazonElasticLoadBalancingV2
{
    private static readonly IServiceMetadata ServiceMetadataInstance = new Metadata("Elastic Load Balancing v2");

    /// <summary>Credentials and region from the SDK's default chains.</summary>
    public AmazonElasticLoadBalancingV2Client()
        : base(new AmazonElasticLoadBalancingV2Config())
    {
    }

    public AmazonElasticLoadBalancingV2Client(RegionEndpoint region)
        : base(new AmazonElasticLoadBalancingV2Config { RegionEndpoint = region })
    {
    }

    public AmazonElasticLoadBalancingV2Client(AmazonElasticLoadBalancingV2Config config)
        : base(config)
    {
    }

    public AmazonElasticLoadBalancingV2Client(AWSCredentials credentials)
        : base(credentials, new AmazonElasticLoadBalancingV2Config())
    {
    }

    public AmazonElasticLoadBalancingV2Client(AWSCredentials credentials, RegionEndpoint region)
        : base(credentials, new AmazonElasticLoadBalancingV2Config { RegionEndpoint = region })
    {
    }

    public AmazonElasticLoadBalancingV2Client(AWSCredentials credentials, AmazonElasticLoadBalancingV2Config clientConfig)
        : base(credentials, clientConfig)
    {
    }

    protected override IServiceMetadata ServiceMetadata => ServiceMetadataInstance;

    public virtual Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ElasticLoadBalancingV2Operations.DescribeLoadBalancers, request, cancellationToken);

    public virtual Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ElasticLoadBalancingV2Operations.DescribeTargetGroups, request, cancellationToken);

    public virtual Task<DescribeListenersResponse> DescribeListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ElasticLoadBalancingV2Operations.DescribeListeners, request, cancellationToken);

    public virtual Task<DescribeRulesResponse> DescribeRulesAsync(DescribeRulesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ElasticLoadBalancingV2Operations.DescribeRules, request, cancellationToken);

    public virtual Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ElasticLoadBalancingV2Operations.DescribeTargetHealth, request, cancellationToken);

    public virtual Task<DescribeTargetGroupAttributesResponse> DescribeTargetGroupAttributesAsync(DescribeTargetGroupAttributesRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ElasticLoadBalancingV2Operations.DescribeTargetGroupAttributes, request, cancellationToken);

    public virtual Task<ModifyListenerResponse> ModifyListenerAsync(ModifyListenerRequest request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ElasticLoadBalancingV2Operations.ModifyListener, request, cancellationToken);
}
