#nullable disable

using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

/// <summary>Service revisions by ARN, as ListServiceDeployments and DescribeServiceDeployments name them.</summary>
public class DescribeServiceRevisionsRequest : AmazonECSRequest
{
    /// <summary>1 to 20.</summary>
    public List<string> ServiceRevisionArns { get; set; }
}

public class DescribeServiceRevisionsResponse : AmazonWebServiceResponse
{
    public List<ServiceRevision> ServiceRevisions { get; set; }

    /// <summary>ARNs ECS does not know (reason MISSING).</summary>
    public List<Failure> Failures { get; set; }
}

/// <summary>What a service ran with from one deployment on: task definition, capacity, network, load balancers.</summary>
public class ServiceRevision
{
    public string ServiceRevisionArn { get; set; }

    public string ServiceArn { get; set; }

    public string ClusterArn { get; set; }

    public string TaskDefinition { get; set; }

    public List<CapacityProviderStrategyItem> CapacityProviderStrategy { get; set; }

    /// <summary>EC2, FARGATE or EXTERNAL.</summary>
    public string LaunchType { get; set; }

    public string PlatformVersion { get; set; }

    public List<LoadBalancer> LoadBalancers { get; set; }

    public List<ServiceRegistry> ServiceRegistries { get; set; }

    public NetworkConfiguration NetworkConfiguration { get; set; }

    /// <summary>The image each container resolved to when the revision was created.</summary>
    public List<ContainerImage> ContainerImages { get; set; }

    public bool? GuardDutyEnabled { get; set; }

    public DateTime? CreatedAt { get; set; }
}

public class ServiceRegistry
{
    public string RegistryArn { get; set; }

    public int? Port { get; set; }

    public string ContainerName { get; set; }

    public int? ContainerPort { get; set; }
}

public class ContainerImage
{
    public string ContainerName { get; set; }

    public string ImageDigest { get; set; }

    public string Image { get; set; }
}
