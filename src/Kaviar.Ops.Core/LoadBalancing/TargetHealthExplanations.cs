using System;
using Kaviar.Ops.Kernel;

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
    /// <summary>The target's state as a finding whose code is ELB's reason code; null for a healthy target.</summary>
    public static Finding? For(TargetState target, TargetGroupHealth group, ServiceContext? service, DateTime now)
    {
        var code = target.Reason ?? target.State;
        var severity = target.State switch
        {
            // A Lambda target group with health checks off reports its function "unavailable", and still sends it requests.
            _ when target.Reason == "Target.HealthCheckDisabled" => FindingSeverity.Info,
            "unhealthy" or "unavailable" => FindingSeverity.Error,
            "initial" or "draining" => FindingSeverity.Info,
            _ => FindingSeverity.Warning,
        };
        Finding Explained(string text, SuggestedCommand? next = null, string? manualNext = null) =>
            new Finding(code, severity, text, next, manualNext, new[] { $"{target.Id}:{target.Port} {target.State}{(target.Description == null ? "" : ": " + target.Description)}" });

        var health = service == null ? null : Suggest.GetEcsServiceHealth(group.Region, service.Cluster, service.ServiceName);
        var serviceHint = service == null ? " Check the service whose tasks register here with Get-EcsServiceHealth." : "";
        switch (target.Reason)
        {
            case null when target.State == "healthy":
                return null;
            case "Target.Timeout":
                return Explained(
                    $"The health check to {target.Id}:{target.Port} got no answer in time. Usually the task's security group does not admit " +
                    $"the load balancer's on port {target.Port}; otherwise the app listens on another port or is too slow to answer." +
                    (service == null ? " Test-EcsNetworkPath on the service whose tasks register here shows which link fails." : ""),
                    service == null ? null : Suggest.TestEcsNetworkPath(group.Region, service.Cluster, service.ServiceName));
            case "Target.ResponseCodeMismatch":
                return Explained($"The app answered {group.HealthCheckPath} with a code outside the matcher {group.Matcher} ({target.Description}).",
                    manualNext: $"aws elbv2 describe-target-groups --region {group.Region} --target-group-arns {group.TargetGroupArn}; change them with " +
                                $"aws elbv2 modify-target-group --region {group.Region} --target-group-arn {group.TargetGroupArn} --health-check-path <path> --matcher HttpCode=200");
            // An HTTPS check to an app that serves plain HTTP fails its TLS handshake, which ELB reports as this reason too.
            case "Target.FailedHealthChecks" when string.Equals(group.HealthCheckProtocol, "HTTPS", StringComparison.OrdinalIgnoreCase):
                return Explained(
                    $"The health checks speak HTTPS to {target.Id}:{target.Port} and failed: an app that serves plain HTTP there fails the TLS " +
                    "handshake (otherwise the connection was refused or reset). If the app serves HTTP, check it over HTTP.",
                    manualNext: $"aws elbv2 modify-target-group --region {group.Region} --target-group-arn {group.TargetGroupArn} --health-check-protocol HTTP");
            case "Target.FailedHealthChecks":
                return Explained("The health checks failed: the connection was refused or reset, or the app crashed while being checked." + serviceHint, health);
            case "Target.NotRegistered":
                return Explained("The target is not registered: the service's task is not running." + serviceHint, health);
            // ELB gives one reason for two causes: a group no load balancer uses, or a target in a zone its load balancer has no subnet in.
            case "Target.NotInUse" when group.LoadBalancerArns.Count == 0:
                return Explained("No listener or rule of a load balancer forwards to this target group, so it is never checked.",
                    manualNext: $"aws elbv2 modify-listener --region {group.Region} --listener-arn <arn> --default-actions Type=forward,TargetGroupArn={group.TargetGroupArn}");
            case "Target.NotInUse":
                var zone = target.AvailabilityZone ?? "its Availability Zone";
                return Explained(
                    $"The target is in {zone}, where its load balancer has no subnet: the load balancer sends it nothing and does not check it. " +
                    $"Give the load balancer a subnet in {zone}, or run the tasks only in subnets of the load balancer's zones" +
                    (service == null ? "." : $" (the service's awsvpcConfiguration subnets)."),
                    manualNext: $"aws elbv2 set-subnets --region {group.Region} --load-balancer-arn {group.LoadBalancerArns[0]} --subnets <its current subnets> <a subnet in {zone}>");
            case "Target.IpUnusable":
                return Explained($"ELB cannot use {target.Id} as a target: the address is reserved for the load balancer's own use." + serviceHint, health);
            case "Target.HealthCheckDisabled":
                return Explained("Health checks are off for this target group (a Lambda target group's default): the load balancer still sends it requests.",
                    manualNext: $"aws elbv2 modify-target-group --region {group.Region} --target-group-arn {group.TargetGroupArn} --health-check-enabled");
            case "Elb.InternalError":
                return Explained("The health checks failed inside Elastic Load Balancing, not in the app. If it lasts, see https://health.aws.amazon.com/ for the region.");
            case "Target.DeregistrationInProgress":
                return Explained("The target is draining: ECS replaced or stopped its task." + serviceHint, health);
            case "Target.InvalidState":
                return Explained("The target is stopped or terminated." + serviceHint, health);
            case "Elb.RegistrationInProgress":
                return Explained("The target is being registered; health checks start next.",
                    service == null ? null : Suggest.WaitForAlbTargets(group.Region, service.Cluster, service.ServiceName, 300));
            case "Elb.InitialHealthChecking":
                return Explained(InitialCheckingExplanation(service, now),
                    service == null ? null : Suggest.WaitForAlbTargets(group.Region, service.Cluster, service.ServiceName, 300));
            default:
                return Explained($"{target.State}: {target.Description}" + serviceHint, health);
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
