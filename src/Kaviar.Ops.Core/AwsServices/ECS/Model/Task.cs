#nullable disable

using System;
using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ECS.Model;

/// <summary>A running or stopped task. Named Task like the SDK; qualify System.Threading.Tasks.Task where both are in scope.</summary>
public class Task
{
    public List<Attachment> Attachments { get; set; }

    public string AvailabilityZone { get; set; }

    public string ClusterArn { get; set; }

    public List<Container> Containers { get; set; }

    public string Cpu { get; set; }

    public DateTime? CreatedAt { get; set; }

    public string DesiredStatus { get; set; }

    public DateTime? ExecutionStoppedAt { get; set; }

    public string Group { get; set; }

    public string HealthStatus { get; set; }

    public string LastStatus { get; set; }

    public string LaunchType { get; set; }

    public string Memory { get; set; }

    public TaskOverride Overrides { get; set; }

    public string PlatformVersion { get; set; }

    public DateTime? PullStartedAt { get; set; }

    public DateTime? PullStoppedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public string StartedBy { get; set; }

    /// <summary>e.g. TaskFailedToStart, EssentialContainerExited, ServiceSchedulerInitiated.</summary>
    public string StopCode { get; set; }

    public DateTime? StoppedAt { get; set; }

    public string StoppedReason { get; set; }

    public DateTime? StoppingAt { get; set; }

    public List<Tag> Tags { get; set; }

    public string TaskArn { get; set; }

    public string TaskDefinitionArn { get; set; }
}

public class Container
{
    public string ContainerArn { get; set; }

    public string TaskArn { get; set; }

    public string Name { get; set; }

    public string Image { get; set; }

    public string ImageDigest { get; set; }

    public string RuntimeId { get; set; }

    public string LastStatus { get; set; }

    public int? ExitCode { get; set; }

    public string Reason { get; set; }

    public List<NetworkInterface> NetworkInterfaces { get; set; }

    public string HealthStatus { get; set; }
}

public class NetworkInterface
{
    public string AttachmentId { get; set; }

    public string PrivateIpv4Address { get; set; }

    public string Ipv6Address { get; set; }
}

/// <summary>For Fargate tasks, the ElasticNetworkInterface attachment (details: subnetId, networkInterfaceId, privateIPv4Address…).</summary>
public class Attachment
{
    public string Id { get; set; }

    public string Type { get; set; }

    public string Status { get; set; }

    public List<KeyValuePair> Details { get; set; }
}

public class TaskOverride
{
    public List<ContainerOverride> ContainerOverrides { get; set; }

    public string Cpu { get; set; }

    public string ExecutionRoleArn { get; set; }

    public string Memory { get; set; }

    public string TaskRoleArn { get; set; }
}

public class ContainerOverride
{
    public string Name { get; set; }

    public List<string> Command { get; set; }

    public List<KeyValuePair> Environment { get; set; }

    public int? Cpu { get; set; }

    public int? Memory { get; set; }
}
