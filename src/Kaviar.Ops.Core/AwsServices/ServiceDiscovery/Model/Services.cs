#nullable disable

using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

public class GetServiceRequest : AmazonServiceDiscoveryRequest
{
    /// <summary>The service's id (srv-…) or ARN.</summary>
    public string Id { get; set; }
}

/// <summary>The SDK names the shape ServiceInfo, so that it does not clash with the service's own name.</summary>
public class GetServiceResponse : AmazonWebServiceResponse
{
    public ServiceInfo Service { get; set; }
}

public class ListServicesRequest : AmazonServiceDiscoveryRequest
{
    public List<ServiceFilter> Filters { get; set; }

    public int? MaxResults { get; set; }

    public string NextToken { get; set; }
}

public class ListServicesResponse : AmazonWebServiceResponse
{
    public List<ServiceSummary> Services { get; set; }

    public string NextToken { get; set; }
}

/// <summary>NAMESPACE_ID or RESOURCE_OWNER, with EQ (default) or IN.</summary>
public class ServiceFilter
{
    public string Name { get; set; }

    public List<string> Values { get; set; }

    public string Condition { get; set; }
}

public class ServiceInfo
{
    public string Id { get; set; }

    public string Arn { get; set; }

    public string ResourceOwner { get; set; }

    public string Name { get; set; }

    public string NamespaceId { get; set; }

    public string Description { get; set; }

    public int? InstanceCount { get; set; }

    public DnsConfig DnsConfig { get; set; }

    /// <summary>HTTP (API only) or DNS_HTTP.</summary>
    public string Type { get; set; }

    public HealthCheckCustomConfig HealthCheckCustomConfig { get; set; }

    public DateTime? CreateDate { get; set; }

    public string CreatorRequestId { get; set; }

    public string CreatedByAccount { get; set; }
}

public class ServiceSummary
{
    public string Id { get; set; }

    public string Arn { get; set; }

    public string ResourceOwner { get; set; }

    public string Name { get; set; }

    public string Type { get; set; }

    public string Description { get; set; }

    public int? InstanceCount { get; set; }

    public DnsConfig DnsConfig { get; set; }

    public HealthCheckCustomConfig HealthCheckCustomConfig { get; set; }

    public DateTime? CreateDate { get; set; }

    public string CreatedByAccount { get; set; }
}

public class DnsConfig
{
    /// <summary>Deprecated in the API; GetService still returns it.</summary>
    public string NamespaceId { get; set; }

    /// <summary>MULTIVALUE or WEIGHTED.</summary>
    public string RoutingPolicy { get; set; }

    public List<DnsRecord> DnsRecords { get; set; }
}

public class DnsRecord
{
    /// <summary>A, AAAA, SRV or CNAME.</summary>
    public string Type { get; set; }

    public long? TTL { get; set; }
}

/// <summary>Health from UpdateInstanceCustomHealthStatus, which ECS calls for a service's tasks.</summary>
public class HealthCheckCustomConfig
{
    public int? FailureThreshold { get; set; }
}
