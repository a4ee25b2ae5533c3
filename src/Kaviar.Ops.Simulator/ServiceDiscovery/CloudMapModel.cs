using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Simulator.ServiceDiscovery;

/// <summary>A Cloud Map namespace: DNS_PRIVATE (a Route 53 private hosted zone in one VPC) or HTTP (API discovery only).</summary>
public sealed class CloudMapNamespace
{
    internal CloudMapNamespace(string id, string arn, string name, string type, DateTime createDate)
    {
        Id = id;
        Arn = arn;
        Name = name;
        Type = type;
        CreateDate = createDate;
    }

    /// <summary>ns-…</summary>
    public string Id { get; }

    public string Arn { get; }

    /// <summary>The domain (internal.tinyurl.local) and, for every type, the HTTP name DiscoverInstances looks it up by.</summary>
    public string Name { get; }

    /// <summary>DNS_PRIVATE, DNS_PUBLIC or HTTP.</summary>
    public string Type { get; }

    /// <summary>The VPC of a private DNS namespace's hosted zone; null for HTTP.</summary>
    public string? VpcId { get; init; }

    /// <summary>The Route 53 hosted zone Cloud Map made for a DNS namespace; null for HTTP.</summary>
    public string? HostedZoneId { get; init; }

    public string? Description { get; init; }

    public string? CreatorRequestId { get; init; }

    public DateTime CreateDate { get; }

    public bool IsDns => Type != "HTTP";
}

public sealed record DnsRecord(string Type, long Ttl);

/// <summary>A Cloud Map service: the DNS records each instance gets and how its health is decided.</summary>
public sealed class CloudMapService
{
    internal CloudMapService(string id, string arn, string name, CloudMapNamespace ns, DateTime createDate)
    {
        Id = id;
        Arn = arn;
        Name = name;
        Namespace = ns;
        CreateDate = createDate;
    }

    /// <summary>srv-…</summary>
    public string Id { get; }

    public string Arn { get; }

    public string Name { get; }

    public CloudMapNamespace Namespace { get; }

    /// <summary>A, AAAA, SRV or CNAME records of each instance; empty for a service of an HTTP namespace.</summary>
    public IReadOnlyList<DnsRecord> DnsRecords { get; init; } = Array.Empty<DnsRecord>();

    /// <summary>MULTIVALUE or WEIGHTED; null without DNS records.</summary>
    public string? RoutingPolicy { get; init; }

    /// <summary>HealthCheckCustomConfig: health comes from UpdateInstanceCustomHealthStatus (ECS does this). FailureThreshold is always 1 now.</summary>
    public bool HasCustomHealthCheck { get; init; }

    public int? FailureThreshold { get; init; }

    public string? Description { get; init; }

    public string? CreatorRequestId { get; init; }

    public DateTime CreateDate { get; }

    /// <summary>Registration order; AWS lists instances in no promised order.</summary>
    public List<CloudMapInstance> Instances { get; } = new();

    /// <summary>DiscoverInstances' InstancesRevision: bumped by every registration, deregistration and health change.</summary>
    public long Revision { get; internal set; } = 1;

    /// <summary>"observability.internal.tinyurl.local", the name DNS answers for.</summary>
    public string DnsName => $"{Name}.{Namespace.Name}";
}

public sealed class CloudMapInstance
{
    internal CloudMapInstance(string id, IReadOnlyDictionary<string, string> attributes, string healthStatus)
    {
        Id = id;
        Attributes = attributes;
        HealthStatus = healthStatus;
    }

    /// <summary>An ECS task's id when ECS registered it.</summary>
    public string Id { get; }

    public IReadOnlyDictionary<string, string> Attributes { get; internal set; }

    /// <summary>HEALTHY, UNHEALTHY or UNKNOWN (a service without a health check).</summary>
    public string HealthStatus { get; internal set; }

    public string? CreatorRequestId { get; init; }
}

/// <summary>An asynchronous Cloud Map change; the simulated account finishes each at once (SUCCESS).</summary>
public sealed record CloudMapOperation(string Id, string Type, string Status, DateTime CreateDate, IReadOnlyDictionary<string, string> Targets);
