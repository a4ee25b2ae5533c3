using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.AwsServices.Lambda.Model;
using Kaviar.Ops.AwsServices.SecretsManager.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Completion;

/// <summary>Which names a parameter completes.</summary>
public enum NameKind
{
    Cluster,
    Service,
    LoadBalancer,
    TargetGroup,
    SecurityGroup,
    Secret,
    Function,

    /// <summary>Active task definitions: each family, then each family:revision.</summary>
    TaskDefinition,

    /// <summary>The listener ports of the load balancer named on the line.</summary>
    ListenerPort,
}

/// <summary>
/// The names tab completion offers, listed from the account the command line points at. Lists are kept for a minute
/// per account, region and kind, so completing again is instant; a list that does not come within the time allowed
/// offers nothing rather than hanging the prompt.
/// </summary>
public static class ResourceNames
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private static readonly ConcurrentDictionary<string, (DateTime ListedAt, IReadOnlyList<string> Names)> Cache =
        new ConcurrentDictionary<string, (DateTime, IReadOnlyList<string>)>(StringComparer.Ordinal);

    /// <param name="scope">What the names belong to: the cluster of services, the load balancer of listener ports.</param>
    public static IReadOnlyList<string> List(OpsContext context, NameKind kind, string? scope, TimeSpan allowed)
    {
        var key = string.Join("\n", context.EndpointUrl, context.Region, context.Connection.CredentialSource, kind, scope);
        var now = context.Clock.UtcNow;
        if (Cache.TryGetValue(key, out var kept) && now - kept.ListedAt < KeptFor)
        {
            return kept.Names;
        }

        using var timeout = new CancellationTokenSource(allowed);
        var listing = ListAsync(context, kind, scope, timeout.Token);
        try
        {
            if (!listing.Wait(allowed))
            {
                return Array.Empty<string>();
            }
        }
        catch (AggregateException)
        {
            // Unreachable, denied, throttled: completion offers nothing rather than an error at the prompt.
            return Array.Empty<string>();
        }

        Cache[key] = (now, listing.Result);
        return listing.Result;
    }

    private static async Task<IReadOnlyList<string>> ListAsync(OpsContext context, NameKind kind, string? scope, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case NameKind.TaskDefinition:
                var revisions = (await context.Ecs.ListAllTaskDefinitionArnsAsync(new ListTaskDefinitionsRequest { Status = "ACTIVE" }, cancellationToken)
                    .ConfigureAwait(false)).Select(arn => arn.Substring(arn.LastIndexOf('/') + 1)).ToList();
                return revisions.Select(r => r.Substring(0, r.LastIndexOf(':') is var colon && colon > 0 ? colon : r.Length)).Distinct()
                    .OrderBy(n => n, StringComparer.Ordinal)
                    .Concat(revisions.OrderBy(r => r, StringComparer.Ordinal))
                    .ToList();
            case NameKind.Function:
                return (await context.Lambda.ListAllFunctionsAsync(new ListFunctionsRequest(), cancellationToken).ConfigureAwait(false))
                    .Select(f => f.FunctionName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            case NameKind.Secret:
                return (await context.SecretsManager.ListAllSecretsAsync(new ListSecretsRequest(), cancellationToken).ConfigureAwait(false))
                    .Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
            case NameKind.SecurityGroup:
                return (await context.Ec2.DescribeSecurityGroupsAsync(new Amazon.EC2.Model.DescribeSecurityGroupsRequest(), cancellationToken).ConfigureAwait(false))
                    .SecurityGroups.Select(g => g.GroupName).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            case NameKind.ListenerPort when scope != null:
                var balancer = (await context.Elb.DescribeAllLoadBalancersAsync(
                    Arn.LooksLikeArn(scope)
                        ? new DescribeLoadBalancersRequest { LoadBalancerArns = new List<string> { scope } }
                        : new DescribeLoadBalancersRequest { Names = new List<string> { scope } }, cancellationToken).ConfigureAwait(false)).Single();
                return (await context.Elb.DescribeAllListenersAsync(new DescribeListenersRequest { LoadBalancerArn = balancer.LoadBalancerArn }, cancellationToken)
                    .ConfigureAwait(false)).Select(l => l.Port.ToString()).ToList();
            case NameKind.ListenerPort:
                return Array.Empty<string>();
            case NameKind.Cluster:
                return LastSegments(await context.Ecs.ListAllClusterArnsAsync(new ListClustersRequest(), cancellationToken).ConfigureAwait(false));
            case NameKind.Service:
                return LastSegments(await context.Ecs.ListAllServiceArnsAsync(new ListServicesRequest { Cluster = scope }, cancellationToken).ConfigureAwait(false));
            case NameKind.LoadBalancer:
                return (await context.Elb.DescribeAllLoadBalancersAsync(new DescribeLoadBalancersRequest(), cancellationToken).ConfigureAwait(false))
                    .Select(l => l.LoadBalancerName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            default:
                return (await context.Elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest(), cancellationToken).ConfigureAwait(false))
                    .Select(g => g.TargetGroupName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Every region name AWSSDK.Core's partition data knows: no call needed.</summary>
    public static IReadOnlyList<string> Regions() =>
        Amazon.RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).OrderBy(n => n, StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string> LastSegments(IEnumerable<string> arns) =>
        arns.Select(arn => arn.Substring(arn.LastIndexOf('/') + 1)).OrderBy(n => n, StringComparer.Ordinal).ToList();
}
