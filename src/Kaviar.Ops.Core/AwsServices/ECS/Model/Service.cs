#nullable disable

using System;
using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class Service
{
    public string ServiceArn { get; set; }

    public string ServiceName { get; set; }

    public string ClusterArn { get; set; }

    public List<LoadBalancer> LoadBalancers { get; set; }

    /// <summary>The Cloud Map services ECS registers the service's tasks in.</summary>
    public List<ServiceRegistry> ServiceRegistries { get; set; }

    public string Status { get; set; }

    public int? DesiredCount { get; set; }

    public int? RunningCount { get; set; }

    public int? PendingCount { get; set; }

    public string LaunchType { get; set; }

    public List<CapacityProviderStrategyItem> CapacityProviderStrategy { get; set; }

    public string PlatformVersion { get; set; }

    public string TaskDefinition { get; set; }

    public DeploymentConfiguration DeploymentConfiguration { get; set; }

    /// <summary>ECS (rolling or ECS blue/green), CODE_DEPLOY or EXTERNAL: who may change what the service runs.</summary>
    public DeploymentController DeploymentController { get; set; }

    public List<Deployment> Deployments { get; set; }

    public string RoleArn { get; set; }

    public List<ServiceEvent> Events { get; set; }

    public DateTime? CreatedAt { get; set; }

    public NetworkConfiguration NetworkConfiguration { get; set; }

    public int? HealthCheckGracePeriodSeconds { get; set; }

    public string SchedulingStrategy { get; set; }

    public bool? EnableExecuteCommand { get; set; }

    /// <summary>Only when DescribeServices asked to include TAGS.</summary>
    public List<Tag> Tags { get; set; }
}

public class Deployment
{
    public string Id { get; set; }

    /// <summary>PRIMARY, ACTIVE or INACTIVE.</summary>
    public string Status { get; set; }

    public string TaskDefinition { get; set; }

    public int? DesiredCount { get; set; }

    public int? PendingCount { get; set; }

    public int? RunningCount { get; set; }

    public int? FailedTasks { get; set; }

    public DateTime? CreatedAt { get; set; }

    public DateTime? UpdatedAt { get; set; }

    public List<CapacityProviderStrategyItem> CapacityProviderStrategy { get; set; }

    public string LaunchType { get; set; }

    public string PlatformVersion { get; set; }

    public NetworkConfiguration NetworkConfiguration { get; set; }

    /// <summary>COMPLETED, FAILED or IN_PROGRESS (circuit breaker).</summary>
    public string RolloutState { get; set; }

    public string RolloutStateReason { get; set; }
}

public class ServiceEvent
{
    public string Id { get; set; }

    public DateTime? CreatedAt { get; set; }

    public string Message { get; set; }
}

public class LoadBalancer
{
    public string TargetGroupArn { get; set; }

    public string LoadBalancerName { get; set; }

    public string ContainerName { get; set; }

    public int? ContainerPort { get; set; }
}

public class DeploymentConfiguration
{
    public DeploymentCircuitBreaker DeploymentCircuitBreaker { get; set; }

    public int? MaximumPercent { get; set; }

    public int? MinimumHealthyPercent { get; set; }
}

public class DeploymentCircuitBreaker
{
    public bool? Enable { get; set; }

    public bool? Rollback { get; set; }
}

public class DeploymentController
{
    public string Type { get; set; }
}
