using System;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>What the service behind a target group is, as far as the explanation needs it.</summary>
public sealed class ServiceContext
{
    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    public int? HealthCheckGracePeriodSeconds { get; set; }

    /// <summary>When the service's newest deployment started (the grace period counts from its tasks' start).</summary>
    public DateTime? DeployedAt { get; set; }
}

/// <summary>Each ELB health reason code, explained with its likely cause and the command that checks or fixes it.</summary>
public static class TargetHealthExplanations
{
    public static (string? Explanation, string? NextStep) For(TargetState target, TargetGroupHealth group, ServiceContext? service, DateTime now)
    {
        var serviceArgs = service == null ? "-Cluster <cluster> -Service <service>" : $"-Cluster {service.Cluster} -Service {service.ServiceName}";
        var healthArgs = service == null ? "-Cluster <cluster> -ServiceName <service>" : $"-Cluster {service.Cluster} -ServiceName {service.ServiceName}";
        switch (target.Reason)
        {
            case null when target.State == "healthy":
                return (null, null);
            case "Target.Timeout":
                return ($"The health check to {target.Id}:{target.Port} got no answer in time. Usually the task's security group does not admit " +
                        $"the load balancer's on port {target.Port}; otherwise the app listens on another port or is too slow to answer.",
                    $"Test-EcsNetworkPath {serviceArgs}; fix the rule with Repair-EcsSecurityGroup {serviceArgs} -SecurityGroup <the tasks' group>");
            case "Target.ResponseCodeMismatch":
                return ($"The app answered {group.HealthCheckPath} with a code outside the matcher {group.Matcher} ({target.Description}).",
                    $"Compare the health check path and matcher with what the app answers: aws elbv2 describe-target-groups --target-group-arns {group.TargetGroupArn}; " +
                    "change them with aws elbv2 modify-target-group --health-check-path <path> --matcher HttpCode=200");
            case "Target.FailedHealthChecks":
                return ("The health checks failed: the connection was refused or reset, or the app crashed while being checked.",
                    $"Get-EcsServiceHealth {healthArgs} shows why its tasks stop");
            case "Target.NotRegistered":
                return ("The target is not registered: the service's task is not running.", $"Get-EcsServiceHealth {healthArgs}");
            case "Target.NotInUse":
                return ("No listener or rule of a load balancer forwards to this target group, so it is never checked.",
                    "Point a listener at it: aws elbv2 modify-listener --listener-arn <arn> --default-actions Type=forward,TargetGroupArn=" + group.TargetGroupArn);
            case "Target.DeregistrationInProgress":
                return ("The target is draining: ECS replaced or stopped its task.", $"Get-EcsServiceHealth {healthArgs}");
            case "Target.InvalidState":
                return ("The target is stopped or terminated.", $"Get-EcsServiceHealth {healthArgs}");
            case "Elb.RegistrationInProgress":
                return ("The target is being registered; health checks start next.", "Wait: Test-AlbTargetHealth -Wait");
            case "Elb.InitialHealthChecking":
                return (InitialCheckingExplanation(service, now), "Wait: Test-AlbTargetHealth -Wait -Timeout 300");
            default:
                return ($"{target.State}: {target.Description}", $"Get-EcsServiceHealth {healthArgs}");
        }
    }

    private static string InitialCheckingExplanation(ServiceContext? service, DateTime now)
    {
        const string Starting = "The first health checks are still running.";
        if (service?.HealthCheckGracePeriodSeconds is not int grace || service.DeployedAt is not DateTime deployedAt)
        {
            return Starting;
        }

        var graceEnds = deployedAt.AddSeconds(grace);
        return now < graceEnds
            ? $"{Starting} The service's {grace} s grace period runs until {graceEnds:u}: ECS does not stop the task for failed checks before then."
            : $"{Starting} The service's {grace} s grace period ended at {graceEnds:u}: if the target stays here, the checks are failing.";
    }
}
