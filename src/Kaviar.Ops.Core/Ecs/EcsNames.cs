using System;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Ecs;

/// <summary>
/// A service named by the user: a name with its cluster, or an ARN. Equal when they name the same service in the
/// same region, so the same service asked twice is looked up once.
/// </summary>
public sealed class ServiceReference : IEquatable<ServiceReference>
{
    internal ServiceReference(ResourceReference service, ResourceReference? cluster, string clusterName, string? region)
    {
        Service = service;
        ClusterReference = cluster;
        Cluster = clusterName;
        Region = region;
    }

    public ResourceReference Service { get; }

    /// <summary>The cluster as the user named it; null when the service ARN named it or ECS's default cluster is meant.</summary>
    public ResourceReference? ClusterReference { get; }

    /// <summary>The cluster name.</summary>
    public string Cluster { get; }

    public string ServiceName => Service.Name;

    /// <summary>What the user typed, for error messages and error-record targets.</summary>
    public string Input => Service.Input;

    /// <summary>The region the service or cluster ARN names; null when both were given by name.</summary>
    public string? Region { get; }

    public bool Equals(ServiceReference? other) =>
        other != null && string.Equals(Cluster, other.Cluster, StringComparison.Ordinal) &&
        string.Equals(ServiceName, other.ServiceName, StringComparison.Ordinal) && string.Equals(Region, other.Region, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ServiceReference);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Cluster) ^ StringComparer.Ordinal.GetHashCode(ServiceName);

    public override string ToString() => $"{Cluster}/{ServiceName}";
}

/// <summary>Reads ECS names and ARNs the way the ECS API accepts them.</summary>
public static class EcsNames
{
    /// <summary>ECS uses this cluster when none is named.</summary>
    public const string DefaultCluster = "default";

    /// <summary>A cluster name or ARN, validated; an ARN keeps its region.</summary>
    public static ResourceReference Cluster(string? clusterNameOrArn, string parameter = "-Cluster") =>
        ResourceReference.Parse(ResourceKind.EcsCluster, clusterNameOrArn, parameter);

    /// <summary>
    /// A service name or ARN, with the cluster the caller gave. A new-format ARN (service/cluster/name) names its own
    /// cluster, which wins (the ARN is exact); an old-format ARN (service/name) does not name one.
    /// </summary>
    public static ServiceReference Service(string? serviceNameOrArn, string? cluster, string parameter = "-ServiceName")
    {
        var service = ResourceReference.Parse(ResourceKind.EcsService, serviceNameOrArn, parameter);
        // No cluster means ECS's default one; a blank one is a mistake, not a request for the default.
        var clusterReference = cluster == null ? null : Cluster(cluster);
        var clusterInArn = service.Arn?.ResourcePath is { } path && path.IndexOf('/') is var slash && slash > 0 ? path.Substring(0, slash) : null;
        var region = ArnRegions.Required(new[] { service, clusterInArn == null ? clusterReference : null }, null);
        return new ServiceReference(service, clusterInArn == null ? clusterReference : null, clusterInArn ?? clusterReference?.Name ?? DefaultCluster, region);
    }

    /// <summary>The task id (the last ARN segment) of a task ARN; a bare id is returned as it is.</summary>
    public static string TaskId(string taskArnOrId) => LastSegment(taskArnOrId);

    /// <summary>The cluster name of a cluster ARN; a bare name is returned as it is.</summary>
    public static string ClusterName(string clusterNameOrArn) => LastSegment(clusterNameOrArn);

    private static string LastSegment(string arnOrName)
    {
        var slash = arnOrName.LastIndexOf('/');
        return slash < 0 ? arnOrName : arnOrName.Substring(slash + 1);
    }

    /// <summary>"arn:aws:ecs:…:task-definition/kaviar-backend:2" → "kaviar-backend:2".</summary>
    public static string TaskDefinitionName(string taskDefinitionArn)
    {
        var marker = taskDefinitionArn.IndexOf("task-definition/", StringComparison.Ordinal);
        return marker < 0 ? taskDefinitionArn : taskDefinitionArn.Substring(marker + "task-definition/".Length);
    }
}
