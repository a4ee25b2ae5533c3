using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Protocol;
using Kaviar.Ops.Simulator.ServiceDiscovery;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>
/// What ECS does in Cloud Map for a service with serviceRegistries: each task is registered (instance id = task id,
/// AWS_INSTANCE_IPV4 = its ENI's address, the ECS attributes) once it is RUNNING; its custom health follows the task
/// (healthy while RUNNING, or, behind target groups, healthy once every target is and unhealthy when one is not); and it
/// is deregistered as the task stops — unless the account's <see cref="ServiceDiscoveryState.EcsDeregistrationsToMiss"/>
/// fault says ECS misses it.
/// </summary>
internal sealed class ServiceRegistrations
{
    private readonly AccountState _account;

    public ServiceRegistrations(AccountState account) => _account = account;

    private ServiceDiscoveryState CloudMap => _account.ServiceDiscovery;

    /// <summary>CreateService's checks: one registry, an existing Cloud Map service, a port for SRV records, a container and port the task definition has.</summary>
    public void Validate(IReadOnlyList<ServiceRegistry> registries, TaskDefinition taskDefinition)
    {
        if (registries.Count > 1)
        {
            throw new AwsErrorException("InvalidParameterException", "Only one service registry is supported per service.");
        }

        foreach (var registry in registries)
        {
            var service = CloudMap.FindService(registry.RegistryArn)
                ?? throw new AwsErrorException("InvalidParameterException", $"The service registry {registry.RegistryArn} does not exist.");
            if (registry.ContainerName is { } containerName)
            {
                var container = taskDefinition.Containers.FirstOrDefault(c => c.Name == containerName)
                    ?? throw new AwsErrorException("InvalidParameterException", $"The container {containerName} does not exist in the task definition.");
                if (registry.ContainerPort is { } port && !container.ContainerPorts.Contains(port))
                {
                    throw new AwsErrorException("InvalidParameterException", $"The container {containerName} does not have a port mapping for port {port}.");
                }
            }

            if (service.DnsRecords.Any(r => r.Type == "SRV") && registry.Port is null && registry.ContainerPort is null)
            {
                throw new AwsErrorException("InvalidParameterException",
                    "When specifying a service registry with SRV records, you must specify a containerName and containerPort combination or a port.");
            }
        }
    }

    public void Register(EcsTask task)
    {
        foreach (var (registry, service) in RegistriesOf(task))
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["AWS_INSTANCE_IPV4"] = task.Attachment.PrivateIpv4Address!,
                ["AWS_INIT_HEALTH_STATUS"] = TaskHealth(task),
                ["AVAILABILITY_ZONE"] = task.AvailabilityZone ?? string.Empty,
                ["REGION"] = _account.Region,
                ["ECS_CLUSTER_NAME"] = task.Cluster.Name,
                ["ECS_SERVICE_NAME"] = task.Service!.Name,
                ["ECS_TASK_DEFINITION_FAMILY"] = task.TaskDefinition.Family,
            };
            if ((registry.Port ?? registry.ContainerPort) is { } port)
            {
                attributes["AWS_INSTANCE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            CloudMap.RegisterInstance(service, task.Id, attributes);
            _account.Ecs.Announce(task.Service, $"(service {task.Service.Name}) registered 1 instances in (service-registry {registry.RegistryArn})");
        }
    }

    /// <summary>Called when a target's health changes: ECS reports the task's health as the instance's custom health.</summary>
    public void FollowHealth(EcsTask task)
    {
        foreach (var (_, service) in RegistriesOf(task))
        {
            if (service.HasCustomHealthCheck && service.Instances.Any(i => i.Id == task.Id))
            {
                CloudMap.SetCustomHealth(service, task.Id, TaskHealth(task));
            }
        }
    }

    public void Deregister(EcsTask task)
    {
        foreach (var (registry, service) in RegistriesOf(task).Where(r => r.Service.Instances.Any(i => i.Id == task.Id)))
        {
            if (CloudMap.EcsDeregistrationsToMiss > 0)
            {
                CloudMap.EcsDeregistrationsToMiss--;
                continue;
            }

            CloudMap.DeregisterInstance(service, task.Id);
            _account.Ecs.Announce(task.Service!, $"(service {task.Service!.Name}) deregistered 1 instances in (service-registry {registry.RegistryArn})");
        }
    }

    private static string TaskHealth(EcsTask task) =>
        task.LastStatus == "RUNNING" && task.Targets.All(t => t.State == "healthy") ? ServiceDiscoveryState.Healthy : ServiceDiscoveryState.Unhealthy;

    /// <summary>The task's service's registries whose Cloud Map service still exists (one deleted under the service takes no instances).</summary>
    private IEnumerable<(ServiceRegistry Registry, CloudMapService Service)> RegistriesOf(EcsTask task) =>
        (task.Service?.ServiceRegistries ?? Array.Empty<ServiceRegistry>())
            .Select(registry => (registry, CloudMap.FindService(registry.RegistryArn)))
            .Where(pair => pair.Item2 is not null)
            .Select(pair => (pair.registry, pair.Item2!));
}
