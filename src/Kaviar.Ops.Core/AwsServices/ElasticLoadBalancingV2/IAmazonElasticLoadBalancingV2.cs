using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;

/// <summary>The Elastic Load Balancing v2 operations this module uses, with AWSSDK.ElasticLoadBalancingV2 signatures.
/// Unlike the SDK it does not extend IAmazonService: that interface gains static abstract members in
/// AWSSDK.Core's net8.0 build, which a netstandard2.0 class cannot implement (TypeLoadException on pwsh 7).
/// Config is declared here instead.
/// </summary>
public interface IAmazonElasticLoadBalancingV2 : IDisposable
{
    IClientConfig Config { get; }

    Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default);

    Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeListenersResponse> DescribeListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken = default);

    Task<DescribeRulesResponse> DescribeRulesAsync(DescribeRulesRequest request, CancellationToken cancellationToken = default);

    Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken = default);

    Task<DescribeTargetGroupAttributesResponse> DescribeTargetGroupAttributesAsync(DescribeTargetGroupAttributesRequest request, CancellationToken cancellationToken = default);

    Task<ModifyListenerResponse> ModifyListenerAsync(ModifyListenerRequest request, CancellationToken cancellationToken = default);
}
