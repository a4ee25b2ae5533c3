using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatch;
using Kaviar.Ops.AwsServices.CloudWatch.Model;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.AwsServices.SecretsManager;
using Kaviar.Ops.AwsServices.SecretsManager.Model;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.Lambda;
using Kaviar.Ops.AwsServices.Lambda.Model;
using Kaviar.Ops.AwsServices.RDS;
using Kaviar.Ops.AwsServices.RDS.Model;
using Kaviar.Ops.AwsServices.ServiceDiscovery;
using Kaviar.Ops.AwsServices.ServiceDiscovery.Model;
using ListServicesRequest = Kaviar.Ops.AwsServices.ECS.Model.ListServicesRequest;
using LoadBalancer = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.LoadBalancer;

namespace Kaviar.Ops.AwsServices;

/// <summary>
/// Walks every page of the paged List/Describe operations and returns the items of all pages.
/// Each page is sent as a shallow copy of the caller's request with the token set, so the
/// caller's request is never modified. The walk stops at an empty token, or when the service
/// hands back the token it was sent (how GetLogEvents says "no more").
/// </summary>
public static class Paging
{
    public static Task<List<FunctionConfiguration>> ListAllFunctionsAsync(this IAmazonLambda lambda, ListFunctionsRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.Marker = t, lambda.ListFunctionsAsync, p => p.Functions, p => p.NextMarker, cancellationToken);

    public static Task<List<SecretListEntry>> ListAllSecretsAsync(this IAmazonSecretsManager secrets, ListSecretsRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, secrets.ListSecretsAsync, p => p.SecretList, p => p.NextToken, cancellationToken);

    public static Task<List<string>> ListAllClusterArnsAsync(this IAmazonECS ecs, ListClustersRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, ecs.ListClustersAsync, p => p.ClusterArns, p => p.NextToken, cancellationToken);

    public static Task<List<string>> ListAllServiceArnsAsync(this IAmazonECS ecs, ListServicesRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, ecs.ListServicesAsync, p => p.ServiceArns, p => p.NextToken, cancellationToken);

    /// <summary>ListTasks with the given filters (cluster, serviceName, desiredStatus…), all pages.</summary>
    public static Task<List<string>> ListAllTaskArnsAsync(this IAmazonECS ecs, ListTasksRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, ecs.ListTasksAsync, p => p.TaskArns, p => p.NextToken, cancellationToken);

    public static Task<List<string>> ListAllTaskDefinitionArnsAsync(this IAmazonECS ecs, ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, ecs.ListTaskDefinitionsAsync, p => p.TaskDefinitionArns, p => p.NextToken, cancellationToken);

    public static Task<List<LoadBalancer>> DescribeAllLoadBalancersAsync(this IAmazonElasticLoadBalancingV2 elb, DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.Marker = t, elb.DescribeLoadBalancersAsync, p => p.LoadBalancers, p => p.NextMarker, cancellationToken);

    public static Task<List<TargetGroup>> DescribeAllTargetGroupsAsync(this IAmazonElasticLoadBalancingV2 elb, DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.Marker = t, elb.DescribeTargetGroupsAsync, p => p.TargetGroups, p => p.NextMarker, cancellationToken);

    public static Task<List<Listener>> DescribeAllListenersAsync(this IAmazonElasticLoadBalancingV2 elb, DescribeListenersRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.Marker = t, elb.DescribeListenersAsync, p => p.Listeners, p => p.NextMarker, cancellationToken);

    public static Task<List<Rule>> DescribeAllRulesAsync(this IAmazonElasticLoadBalancingV2 elb, DescribeRulesRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.Marker = t, elb.DescribeRulesAsync, p => p.Rules, p => p.NextMarker, cancellationToken);

    public static Task<List<DBInstance>> DescribeAllDBInstancesAsync(this IAmazonRDS rds, DescribeDBInstancesRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.Marker = t, rds.DescribeDBInstancesAsync, p => p.DBInstances, p => p.Marker, cancellationToken);

    public static Task<List<DBCluster>> DescribeAllDBClustersAsync(this IAmazonRDS rds, DescribeDBClustersRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.Marker = t, rds.DescribeDBClustersAsync, p => p.DBClusters, p => p.Marker, cancellationToken);

    public static Task<List<LogStream>> DescribeAllLogStreamsAsync(this IAmazonCloudWatchLogs logs, DescribeLogStreamsRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, logs.DescribeLogStreamsAsync, p => p.LogStreams, p => p.NextToken, cancellationToken);

    /// <summary>Follows nextForwardToken (oldest to newest within the range) until the service returns the same token again.</summary>
    public static Task<List<OutputLogEvent>> GetAllLogEventsAsync(this IAmazonCloudWatchLogs logs, GetLogEventsRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, logs.GetLogEventsAsync, p => p.Events, p => p.NextForwardToken, cancellationToken);

    public static Task<List<FilteredLogEvent>> FilterAllLogEventsAsync(this IAmazonCloudWatchLogs logs, FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, logs.FilterLogEventsAsync, p => p.Events, p => p.NextToken, cancellationToken);

    public static Task<List<MetricAlarm>> DescribeAllAlarmsAsync(this IAmazonCloudWatch cloudWatch, DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, cloudWatch.DescribeAlarmsAsync, p => p.MetricAlarms, p => p.NextToken, cancellationToken);
    public static Task<List<NamespaceSummary>> ListAllNamespacesAsync(this IAmazonServiceDiscovery cloudMap, ListNamespacesRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, cloudMap.ListNamespacesAsync, p => p.Namespaces, p => p.NextToken, cancellationToken);

    public static Task<List<ServiceSummary>> ListAllServicesAsync(this IAmazonServiceDiscovery cloudMap, ServiceDiscovery.Model.ListServicesRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, cloudMap.ListServicesAsync, p => p.Services, p => p.NextToken, cancellationToken);

    public static Task<List<InstanceSummary>> ListAllInstancesAsync(this IAmazonServiceDiscovery cloudMap, ListInstancesRequest request, CancellationToken cancellationToken = default) =>
        CollectAsync(request, (r, t) => r.NextToken = t, cloudMap.ListInstancesAsync, p => p.Instances, p => p.NextToken, cancellationToken);

    /// <summary>Every page of GetInstancesHealthStatus, merged into one map of instance id to health.</summary>
    public static async Task<Dictionary<string, string>> GetAllInstancesHealthStatusAsync(this IAmazonServiceDiscovery cloudMap, GetInstancesHealthStatusRequest request, CancellationToken cancellationToken = default)
    {
        var pages = await CollectAsync(request, (r, t) => r.NextToken = t, cloudMap.GetInstancesHealthStatusAsync,
            p => p.Status == null ? null : new List<KeyValuePair<string, string>>(p.Status), p => p.NextToken, cancellationToken).ConfigureAwait(false);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pages)
        {
            all[pair.Key] = pair.Value;
        }

        return all;
    }

    private static async Task<List<TItem>> CollectAsync<TRequest, TResponse, TItem>(
        TRequest request,
        Action<TRequest, string> setToken,
        Func<TRequest, CancellationToken, Task<TResponse>> call,
        Func<TResponse, List<TItem>?> items,
        Func<TResponse, string?> nextToken,
        CancellationToken cancellationToken)
        where TRequest : AmazonWebServiceRequest
    {
        var all = new List<TItem>();
        var page = RequestCopy.Shallow(request);
        string? sent = null;
        while (true)
        {
            var response = await call(page, cancellationToken).ConfigureAwait(false);
            if (items(response) is { } pageItems)
            {
                all.AddRange(pageItems);
            }

            var token = nextToken(response);
            if (string.IsNullOrEmpty(token) || token == sent)
            {
                return all;
            }

            page = RequestCopy.Shallow(request);
            setToken(page, token!);
            sent = token;
        }
    }
}
