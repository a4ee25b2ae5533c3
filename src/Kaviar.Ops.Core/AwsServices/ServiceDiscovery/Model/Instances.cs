#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

public class ListInstancesRequest : AmazonServiceDiscoveryRequest
{
    public string ServiceId { get; set; }

    public int? MaxResults { get; set; }

    public string NextToken { get; set; }
}

public class ListInstancesResponse : AmazonWebServiceResponse
{
    public string ResourceOwner { get; set; }

    public List<InstanceSummary> Instances { get; set; }

    public string NextToken { get; set; }
}

public class InstanceSummary
{
    /// <summary>The ECS task id when ECS registered it.</summary>
    public string Id { get; set; }

    /// <summary>AWS_INSTANCE_IPV4, AWS_INSTANCE_PORT, ECS_CLUSTER_NAME, ECS_SERVICE_NAME…</summary>
    public Dictionary<string, string> Attributes { get; set; }

    public string CreatedByAccount { get; set; }
}

public class GetInstancesHealthStatusRequest : AmazonServiceDiscoveryRequest
{
    public string ServiceId { get; set; }

    /// <summary>Instance ids to ask about; all of the service's when empty.</summary>
    public List<string> Instances { get; set; }

    public int? MaxResults { get; set; }

    public string NextToken { get; set; }
}

public class GetInstancesHealthStatusResponse : AmazonWebServiceResponse
{
    /// <summary>Instance id to HEALTHY, UNHEALTHY or UNKNOWN.</summary>
    public Dictionary<string, string> Status { get; set; }

    public string NextToken { get; set; }
}

public class DiscoverInstancesRequest : AmazonServiceDiscoveryRequest
{
    /// <summary>The namespace's HTTP name (for a DNS namespace, its domain).</summary>
    public string NamespaceName { get; set; }

    public string ServiceName { get; set; }

    public int? MaxResults { get; set; }

    public Dictionary<string, string> QueryParameters { get; set; }

    public Dictionary<string, string> OptionalParameters { get; set; }

    /// <summary>HEALTHY, UNHEALTHY, ALL or HEALTHY_OR_ELSE_ALL.</summary>
    public string HealthStatus { get; set; }

    public string OwnerAccount { get; set; }
}

public class DiscoverInstancesResponse : AmazonWebServiceResponse
{
    public List<HttpInstanceSummary> Instances { get; set; }

    public long? InstancesRevision { get; set; }
}

public class HttpInstanceSummary
{
    public string InstanceId { get; set; }

    public string NamespaceName { get; set; }

    public string ServiceName { get; set; }

    /// <summary>HEALTHY, UNHEALTHY or UNKNOWN.</summary>
    public string HealthStatus { get; set; }

    public Dictionary<string, string> Attributes { get; set; }
}
