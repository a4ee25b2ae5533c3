using System;

namespace Kaviar.Ops.Ecs;

/// <summary>A service named by the user: a name (with the cluster given separately) or an ARN.</summary>
public sealed class ServiceReference : IEquatable<ServiceReference>
{
    public ServiceReference(string cluster, string serviceName, string input)
    {
        Cluster = cluster;
        ServiceName = serviceName;
        Input = input;
    }

    /// <summary>The cluster name.</summary>
    public string Cluster { get; }

    public string ServiceName { get; }

    /// <summary>What the user typed, for error messages and error-record targets.</summary>
    public string Input { get; }

    public bool Equals(ServiceReference? other) =>
        other != null && string.Equals(Cluster, other.Cluster, StringComparison.Ordinal) && string.Equals(ServiceName, other.ServiceName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ServiceReference);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Cluster) ^ StringComparer.Ordinal.GetHashCode(ServiceName);

    public override string ToString() => $"{Cluster}/{ServiceName}";
}

/// <summary>Reads ECS names and ARNs the way the ECS API accepts them.</summary>
public static class EcsNames
{
    /// <summary>ECS uses this cluster when none is named.</summary>
    public const string DefaultCluster = "default";

    /// <summary>"kaviar-cluster" or "arn:aws:ecs:us-east-2:123456789012:cluster/kaviar-cluster" → "kaviar-cluster".</summary>
    public static string ClusterName(string clusterNameOrArn)
    {
        var value = clusterNameOrArn.Trim();
        return IsArn(value) ? AfterResourceType(value, "cluster/") : value;
    }

    /// <summary>
    /// A service name or ARN, with the cluster the caller gave. A new-format ARN
    /// (service/cluster/name) names its own cluster and wins; an old-format ARN (service/name) does not.
    /// </summary>
    public static ServiceReference Service(string serviceNameOrArn, string? cluster)
    {
        var value = serviceNameOrArn.Trim();
        var clusterName = string.IsNullOrWhiteSpace(cluster) ? DefaultCluster : ClusterName(cluster!);
        if (!IsArn(value))
        {
            return new ServiceReference(clusterName, value, serviceNameOrArn);
        }

        var path = AfterResourceType(value, "service/");
        var slash = path.IndexOf('/');
        return slash < 0
            ? new ServiceReference(clusterName, path, serviceNameOrArn)
            : new ServiceReference(path.Substring(0, slash), path.Substring(slash + 1), serviceNameOrArn);
    }

    /// <summary>The task id (the last ARN segment) of a task ARN; a bare id is returned as it is.</summary>
    public static string TaskId(string taskArnOrId)
    {
        var slash = taskArnOrId.LastIndexOf('/');
        return slash < 0 ? taskArnOrId : taskArnOrId.Substring(slash + 1);
    }

    /// <summary>"arn:aws:ecs:…:task-definition/kaviar-backend:2" → "kaviar-backend:2".</summary>
    public static string TaskDefinitionName(string taskDefinitionArn)
    {
        var marker = taskDefinitionArn.IndexOf("task-definition/", StringComparison.Ordinal);
        return marker < 0 ? taskDefinitionArn : taskDefinitionArn.Substring(marker + "task-definition/".Length);
    }

    private static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);

    private static string AfterResourceType(string arn, string resourceType)
    {
        var marker = arn.IndexOf(":" + resourceType, StringComparison.Ordinal);
        if (marker < 0)
        {
            throw new ArgumentException($"'{arn}' is not an ECS {resourceType.TrimEnd('/')} ARN.", nameof(arn));
        }

        return arn.Substring(marker + resourceType.Length + 1);
    }
}
