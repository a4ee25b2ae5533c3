#nullable disable

using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

public class GetNamespaceRequest : AmazonServiceDiscoveryRequest
{
    /// <summary>The namespace's id (ns-…) or ARN.</summary>
    public string Id { get; set; }
}

public class GetNamespaceResponse : AmazonWebServiceResponse
{
    public Namespace Namespace { get; set; }
}

public class ListNamespacesRequest : AmazonServiceDiscoveryRequest
{
    public List<NamespaceFilter> Filters { get; set; }

    public int? MaxResults { get; set; }

    public string NextToken { get; set; }
}

public class ListNamespacesResponse : AmazonWebServiceResponse
{
    public List<NamespaceSummary> Namespaces { get; set; }

    public string NextToken { get; set; }
}

/// <summary>TYPE, NAME, HTTP_NAME or RESOURCE_OWNER, with EQ (default), IN or BEGINS_WITH.</summary>
public class NamespaceFilter
{
    public string Name { get; set; }

    public List<string> Values { get; set; }

    public string Condition { get; set; }
}

public class Namespace
{
    public string Id { get; set; }

    public string Arn { get; set; }

    public string ResourceOwner { get; set; }

    public string Name { get; set; }

    /// <summary>DNS_PUBLIC, DNS_PRIVATE or HTTP.</summary>
    public string Type { get; set; }

    public string Description { get; set; }

    public int? ServiceCount { get; set; }

    public NamespaceProperties Properties { get; set; }

    public DateTime? CreateDate { get; set; }

    public string CreatorRequestId { get; set; }
}

public class NamespaceSummary
{
    public string Id { get; set; }

    public string Arn { get; set; }

    public string ResourceOwner { get; set; }

    public string Name { get; set; }

    public string Type { get; set; }

    public string Description { get; set; }

    public int? ServiceCount { get; set; }

    public NamespaceProperties Properties { get; set; }

    public DateTime? CreateDate { get; set; }
}

public class NamespaceProperties
{
    public DnsProperties DnsProperties { get; set; }

    public HttpProperties HttpProperties { get; set; }
}

/// <summary>The Route 53 hosted zone of a DNS namespace. Cloud Map's API does not name its VPC; Route 53's GetHostedZone does.</summary>
public class DnsProperties
{
    public string HostedZoneId { get; set; }

    public SOA SOA { get; set; }
}

public class SOA
{
    public long? TTL { get; set; }
}

public class HttpProperties
{
    public string HttpName { get; set; }
}
