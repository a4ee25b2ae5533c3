#nullable disable

using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

/// <summary>Service deployments of one service, newest first, optionally filtered by status and creation time.</summary>
public class ListServiceDeploymentsRequest : AmazonECSRequest
{
    /// <summary>Name or ARN of the service (required).</summary>
    public string Service { get; set; }

    public string Cluster { get; set; }

    /// <summary>ServiceDeploymentStatus values; all when empty.</summary>
    public List<string> Status { get; set; }

    public CreatedAt CreatedAt { get; set; }

    public string NextToken { get; set; }

    /// <summary>1 to 100; ECS returns 20 when unset.</summary>
    public int? MaxResults { get; set; }
}

public class CreatedAt
{
    public DateTime? Before { get; set; }

    public DateTime? After { get; set; }
}

public class ListServiceDeploymentsResponse : AmazonWebServiceResponse
{
    public List<ServiceDeploymentBrief> ServiceDeployments { get; set; }

    public string NextToken { get; set; }
}

public class ServiceDeploymentBrief
{
    public string ServiceDeploymentArn { get; set; }

    public string ServiceArn { get; set; }

    public string ClusterArn { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? CreatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string TargetServiceRevisionArn { get; set; }

    /// <summary>A ServiceDeploymentStatus value.</summary>
    public string Status { get; set; }

    public string StatusReason { get; set; }
}

public class DescribeServiceDeploymentsRequest : AmazonECSRequest
{
    /// <summary>At most 20.</summary>
    public List<string> ServiceDeploymentArns { get; set; }
}

public class DescribeServiceDeploymentsResponse : AmazonWebServiceResponse
{
    public List<ServiceDeployment> ServiceDeployments { get; set; }

    public List<Failure> Failures { get; set; }
}

public class ServiceDeployment
{
    public string ServiceDeploymentArn { get; set; }

    public string ServiceArn { get; set; }

    public string ClusterArn { get; set; }

    public DateTime? CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public DateTime? StoppedAt { get; set; }

    public DateTime? UpdatedAt { get; set; }

    /// <summary>The revisions running when the deployment started.</summary>
    public List<ServiceRevisionSummary> SourceServiceRevisions { get; set; }

    public ServiceRevisionSummary TargetServiceRevision { get; set; }

    /// <summary>
    /// PENDING, SUCCESSFUL, STOPPED, STOP_REQUESTED, IN_PROGRESS, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS,
    /// ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED (ServiceDeploymentStatus).
    /// </summary>
    public string Status { get; set; }

    public string StatusReason { get; set; }

    /// <summary>RECONCILE_SERVICE, PRE_SCALE_UP, SCALE_UP, … BAKE_TIME, CLEAN_UP (ServiceDeploymentLifecycleStage).</summary>
    public string LifecycleStage { get; set; }

    /// <summary>The lifecycle hooks the deployment has reached; a PAUSE hook AWAITING_ACTION holds it.</summary>
    public List<DeploymentLifecycleHookDetail> LifecycleHookDetails { get; set; }

    public DeploymentConfiguration DeploymentConfiguration { get; set; }

    public Rollback Rollback { get; set; }

    public ServiceDeploymentCircuitBreaker DeploymentCircuitBreaker { get; set; }

    public ServiceDeploymentAlarms Alarms { get; set; }
}

public class ServiceRevisionSummary
{
    public string Arn { get; set; }

    public int? RequestedTaskCount { get; set; }

    public int? RunningTaskCount { get; set; }

    public int? PendingTaskCount { get; set; }
}

public class Rollback
{
    public string Reason { get; set; }

    public DateTime? StartedAt { get; set; }

    /// <summary>The revision rolled back to.</summary>
    public string ServiceRevisionArn { get; set; }
}

public class ServiceDeploymentCircuitBreaker
{
    /// <summary>TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED (ServiceDeploymentRollbackMonitorsStatus).</summary>
    public string Status { get; set; }

    public int? FailureCount { get; set; }

    public int? Threshold { get; set; }
}

public class ServiceDeploymentAlarms
{
    /// <summary>TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED.</summary>
    public string Status { get; set; }

    public List<string> AlarmNames { get; set; }

    public List<string> TriggeredAlarmNames { get; set; }
}

public class StopServiceDeploymentRequest : AmazonECSRequest
{
    public string ServiceDeploymentArn { get; set; }

    /// <summary>ROLLBACK or ABORT (StopServiceDeploymentStopType).</summary>
    public string StopType { get; set; }
}

public class StopServiceDeploymentResponse : AmazonWebServiceResponse
{
    public string ServiceDeploymentArn { get; set; }
}

public class DeploymentLifecycleHookDetail
{
    /// <summary>What ContinueServiceDeployment takes to continue or roll back a paused deployment.</summary>
    public string HookId { get; set; }

    /// <summary>AWS_LAMBDA or PAUSE.</summary>
    public string TargetType { get; set; }

    public string TargetArn { get; set; }

    /// <summary>AWAITING_ACTION (PAUSE), IN_PROGRESS (AWS_LAMBDA), SUCCEEDED, FAILED or TIMED_OUT.</summary>
    public string Status { get; set; }

    public DateTime? ExpiresAt { get; set; }

    /// <summary>CONTINUE or ROLLBACK, taken when the hook expires.</summary>
    public string TimeoutAction { get; set; }
}
