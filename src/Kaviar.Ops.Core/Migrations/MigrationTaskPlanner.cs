using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Migrations;

/// <summary>What the user asked to run; everything else comes from the live service or task definition.</summary>
public sealed class MigrationRequest
{
    public IReadOnlyList<string> Command { get; set; } = Array.Empty<string>();

    /// <summary>The container to run the command in; by default the task definition's one essential container.</summary>
    public string? Container { get; set; }

    /// <summary>Environment overrides for this run; secrets, never shown.</summary>
    public IReadOnlyDictionary<string, SecretValue> Environment { get; set; } = new Dictionary<string, SecretValue>();

    /// <summary>Overrides the derived RunTask idempotency token.</summary>
    public string? ClientToken { get; set; }
}

/// <summary>Explicit network settings, for a dedicated migrations task definition run without a service to copy.</summary>
public sealed class MigrationNetwork
{
    public IReadOnlyList<string> Subnets { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> SecurityGroups { get; set; } = Array.Empty<string>();

    public bool AssignPublicIp { get; set; }

    public string LaunchType { get; set; } = "FARGATE";

    public string? PlatformVersion { get; set; }
}

/// <summary>
/// Builds a <see cref="MigrationTaskPlan"/> from what is live, the way the seeds did by hand: the service's current
/// task definition, subnets, security groups, public IP setting, launch type or capacity providers and platform.
/// Only Describe calls: planning is what -WhatIf runs.
/// </summary>
public sealed class MigrationTaskPlanner
{
    private readonly OpsContext context;

    public MigrationTaskPlanner(OpsContext context)
    {
        this.context = context;
    }

    /// <summary>Copies the service's settings; <paramref name="taskDefinition"/> replaces its task definition (a dedicated migrations one).</summary>
    public async Task<MigrationTaskPlan> FromServiceAsync(
        ServiceReference service, string? taskDefinition, MigrationRequest request, CancellationToken cancellationToken)
    {
        var live = (await new EcsServiceLocator(context).LocateOneAsync(service, ServiceParts.None).ConfigureAwait(false)).Service;
        var clusterName = service.Cluster;
        var network = live.NetworkConfiguration?.AwsvpcConfiguration
                      ?? throw new MigrationRunException(MigrationRunProblem.NetworkMissing,
                          $"Service '{live.ServiceName}' has no awsvpc network configuration to copy; pass -TaskDefinition with -Subnet and -SecurityGroup.",
                          target: service.Input);

        var plan = await PlanAsync(clusterName, taskDefinition ?? live.TaskDefinition, request, cancellationToken).ConfigureAwait(false);
        plan.SourceService = live.ServiceName;
        plan.Subnets = network.Subnets ?? new List<string>();
        plan.SecurityGroups = network.SecurityGroups ?? new List<string>();
        plan.AssignPublicIp = network.AssignPublicIp ?? "DISABLED";
        plan.PlatformVersion = live.PlatformVersion;
        if (live.CapacityProviderStrategy is { Count: > 0 } strategy)
        {
            plan.CapacityProviderStrategy = strategy
                .Select(s => new CapacityProviderShare { CapacityProvider = s.CapacityProvider, Weight = s.Weight ?? 0, Base = s.Base ?? 0 })
                .ToList();
        }
        else
        {
            plan.LaunchType = live.LaunchType ?? "FARGATE";
        }

        plan.ClientToken = request.ClientToken;
        return plan;
    }

    public async Task<MigrationTaskPlan> FromTaskDefinitionAsync(
        ResourceReference cluster, string taskDefinition, MigrationNetwork network, MigrationRequest request, CancellationToken cancellationToken)
    {
        if (network.Subnets.Count == 0)
        {
            throw new MigrationRunException(MigrationRunProblem.NetworkMissing,
                "A task definition run needs its network: pass -Subnet and -SecurityGroup, or -Service to copy a service's.");
        }

        var plan = await PlanAsync(cluster.Name, taskDefinition, request, cancellationToken).ConfigureAwait(false);
        plan.Subnets = network.Subnets;
        plan.SecurityGroups = network.SecurityGroups;
        plan.AssignPublicIp = network.AssignPublicIp ? "ENABLED" : "DISABLED";
        plan.LaunchType = network.LaunchType;
        plan.PlatformVersion = network.PlatformVersion;
        plan.ClientToken = request.ClientToken;
        return plan;
    }

    private async Task<MigrationTaskPlan> PlanAsync(string cluster, string taskDefinition, MigrationRequest request, CancellationToken cancellationToken)
    {
        var definition = await TaskDefinitions.DescribeAsync(context, taskDefinition, cancellationToken).ConfigureAwait(false);
        var container = ChooseContainer(definition, request.Container);
        return new MigrationTaskPlan
        {
            Region = context.Region,
            Cluster = cluster,
            TaskDefinitionArn = definition.TaskDefinitionArn,
            Family = definition.Family,
            Container = container.Name,
            Command = request.Command,
            Environment = request.Environment,
            Log = ContainerLogLocation.Of(container, context.Region),
        };
    }

    internal static ContainerDefinition ChooseContainer(TaskDefinition definition, string? requested)
    {
        var containers = definition.ContainerDefinitions ?? new List<ContainerDefinition>();
        var names = string.Join(", ", containers.Select(c => c.Name));
        if (requested != null)
        {
            return containers.FirstOrDefault(c => c.Name == requested)
                   ?? throw new MigrationRunException(MigrationRunProblem.ContainerNotFound,
                       $"Task definition {definition.TaskDefinitionArn} has no container '{requested}'; its containers are: {names}.");
        }

        // ECS treats a container without "essential" as essential.
        var essential = containers.Where(c => c.Essential ?? true).ToList();
        if (essential.Count == 1)
        {
            return essential[0];
        }

        throw new MigrationRunException(MigrationRunProblem.ContainerAmbiguous,
            $"Task definition {definition.TaskDefinitionArn} has {essential.Count} essential containers ({names}); say which one runs the migration with -Container.");
    }
}
