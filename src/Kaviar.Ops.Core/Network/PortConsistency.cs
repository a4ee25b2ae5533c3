using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kaviar.Ops.AwsServices.ECS.Model;

namespace Kaviar.Ops.Network;

/// <summary>A port disagreement on a load balancer path: where traffic or health checks are sent vs where the app listens.</summary>
public sealed class PortVerdict
{
    public bool Consistent { get; set; }

    public string Detail { get; set; } = "";

    /// <summary>What to change, as an aws CLI line or a task definition edit; empty when consistent.</summary>
    public string Fix { get; set; } = "";
}

/// <summary>
/// Compares the ports of one load balancer path: the service's container port (where ECS registers each target),
/// the container's port mappings, the port the app reads from its PORT environment variable when it has one, and the
/// target group's health check port. A disagreement is a port problem, never a security group one.
/// </summary>
internal static class PortConsistency
{
    private const string TrafficPort = "traffic-port";

    public static PortVerdict Check(LoadBalancerPath path, TaskDefinition? taskDefinition, string region)
    {
        var container = taskDefinition?.ContainerDefinitions?.FirstOrDefault(c => c.Name == path.ContainerName);
        if (container == null)
        {
            return new PortVerdict
            {
                Consistent = true,
                Detail = $"The task definition could not be compared (container '{path.ContainerName}' not read); the service sends target group {path.TargetGroupName} to port {path.Port}.",
            };
        }

        var mapped = (container.PortMappings ?? new List<PortMapping>()).Select(m => m.ContainerPort).OfType<int>().ToList();
        var listening = ListeningPort(container);
        var healthPort = string.IsNullOrEmpty(path.HealthCheckPort) || path.HealthCheckPort == TrafficPort
            ? path.Port
            : int.TryParse(path.HealthCheckPort, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? numeric : path.Port;
        var problems = new List<string>();
        var fixes = new List<string>();
        if (!mapped.Contains(path.Port))
        {
            problems.Add($"the service sends target group {path.TargetGroupName} to container port {path.Port}, but container {container.Name} maps " +
                         (mapped.Count == 0 ? "no port" : string.Join(", ", mapped)));
            fixes.Add($"register a task definition revision whose container {container.Name} maps port {path.Port}");
        }

        if (listening != null && listening != path.Port)
        {
            problems.Add($"the app listens on {listening} (PORT in its environment) but the load balancer sends to {path.Port}: connections are refused (Target.FailedHealthChecks)");
            fixes.Add($"set PORT={path.Port} in container {container.Name}'s environment, or route the service to container port {listening}");
        }

        var appPort = listening ?? path.Port;
        if (healthPort != appPort)
        {
            problems.Add($"target group {path.TargetGroupName} sends health checks to port {healthPort}, where the app does not listen ({appPort}): Target.FailedHealthChecks");
            fixes.Add($"aws elbv2 modify-target-group --region {region} --target-group-arn {path.TargetGroupArn} --health-check-port {TrafficPort}");
        }

        if (problems.Count == 0)
        {
            var note = path.TargetGroupPort != null && path.TargetGroupPort != path.Port
                ? $" (the target group's own port {path.TargetGroupPort} is only a default; ECS registers the tasks on {path.Port})"
                : "";
            return new PortVerdict
            {
                Consistent = true,
                Detail = $"Container {container.Name} maps and listens on {appPort}, where target group {path.TargetGroupName} sends traffic and health checks{note}.",
            };
        }

        return new PortVerdict
        {
            Consistent = false,
            Detail = "Port mismatch: " + string.Join("; ", problems) + ". Security groups are not the cause.",
            Fix = string.Join("; ", fixes),
        };
    }

    /// <summary>The port in the container's PORT variable, when it sets one.</summary>
    private static int? ListeningPort(ContainerDefinition container)
    {
        var value = (container.Environment ?? new List<Kaviar.Ops.AwsServices.ECS.Model.KeyValuePair>()).FirstOrDefault(e => e.Name == "PORT")?.Value;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : (int?)null;
    }
}
