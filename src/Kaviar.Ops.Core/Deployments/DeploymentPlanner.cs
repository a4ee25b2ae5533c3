using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Deployments;

/// <summary>What to deploy: the service, and the revision (family:revision or ARN; by default the one it runs).</summary>
public sealed class DeploymentRequest
{
    public ServiceReference Service { get; set; } = null!;

    public string? TaskDefinition { get; set; }

    /// <summary>Start new tasks even when the service already runs the revision.</summary>
    public bool ForceNewDeployment { get; set; }

    /// <summary>Register a new revision from the running one with this image (tag or digest) and deploy it.</summary>
    public string? Image { get; set; }

    /// <summary>The container that gets <see cref="Image"/>; by default the one the load balancer routes to, or the only one.</summary>
    public string? Container { get; set; }
}

/// <summary>
/// Plans a deployment with Describe calls only (the revision must be ACTIVE and of the service's family; a deployment
/// still rolling out is warned about) and starts it with one UpdateService.
/// </summary>
public sealed class DeploymentPlanner
{
    private readonly OpsContext context;

    public DeploymentPlanner(OpsContext context) => this.context = context;

    public async Task<EcsDeploymentStep> PlanAsync(DeploymentRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await new EcsServiceLocator(context).LocateOneAsync(request.Service, ServiceParts.TaskDefinition).ConfigureAwait(false);
        DeploymentControllers.RequireEcs(snapshot, context.Region, request.TaskDefinition == null && request.Image == null ? "a new deployment" : "deploying another revision");
        var service = snapshot.Service;
        var current = snapshot.TaskDefinition;
        var target = request.TaskDefinition == null
            ? current ?? await DescribeAsync(service.TaskDefinition, cancellationToken).ConfigureAwait(false)
            : await DescribeAsync(request.TaskDefinition, cancellationToken).ConfigureAwait(false);
        var targetName = $"{target.Family}:{target.Revision}";
        if (target.Status == "INACTIVE")
        {
            throw new OpsException(ErrorTable.EcsTaskDefinitionInactive,
                $"Task definition {targetName} is INACTIVE (deregistered): ECS starts no new task from it, so a deployment of it cannot complete.", targetName,
                $"Deploy an ACTIVE revision of {target.Family}; list them with 'aws ecs list-task-definitions --family-prefix {target.Family} --status ACTIVE --sort DESC --region {context.Region}'.");
        }

        if (current != null && current.Family != target.Family)
        {
            throw new OpsException(ErrorTable.EcsTaskDefinitionFamilyMismatch,
                $"Task definition {targetName} is of family {target.Family}, but service {snapshot.Cluster}/{service.ServiceName} runs family {current.Family}: " +
                "deploying another family's revision changes what the service is.", targetName,
                $"Name a revision of {current.Family} (list them with 'aws ecs list-task-definitions --family-prefix {current.Family} --region {context.Region}').");
        }

        if (request.Image != null)
        {
            return await PlanImageAsync(request, snapshot, InProgress(service).ToList(), cancellationToken).ConfigureAwait(false);
        }

        var step = new EcsDeploymentStep
        {
            Region = context.Region,
            Cluster = snapshot.Cluster,
            ServiceName = service.ServiceName,
            FromTaskDefinition = current == null ? EcsNames.TaskDefinitionName(service.TaskDefinition ?? "") : $"{current.Family}:{current.Revision}",
            TaskDefinition = targetName,
            TaskDefinitionArn = target.TaskDefinitionArn,
            ForceNewDeployment = request.ForceNewDeployment,
            ImageChanges = EcsDeploymentStep.ImagesChanged(current, target),
            Warnings = InProgress(service).ToList(),
        };
        return service.TaskDefinition == target.TaskDefinitionArn && !request.ForceNewDeployment
            ? step.With(StepStatus.AlreadyInPlace, $"The service already runs {targetName}; -ForceNewDeployment replaces its tasks with new ones.")
            : step.With(StepStatus.Planned, $"UpdateService will start a deployment of {targetName}; ECS replaces the tasks as the deployment configuration allows.");
    }

    /// <summary>
    /// A new revision that is the running one with one container's image replaced (copied as ECS described it, so
    /// nothing this client does not model is lost), deployed; registering it waits for the confirmation too.
    /// </summary>
    private async Task<EcsDeploymentStep> PlanImageAsync(DeploymentRequest request, ServiceSnapshot snapshot, IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        var described = await TaskDefinitions.DescribeWithTagsAsync(context, snapshot.Service.TaskDefinition, true, cancellationToken).ConfigureAwait(false);
        var current = described.TaskDefinition;
        var container = ChooseContainer(snapshot, current, request.Container);
        var name = $"{current.Family}:{current.Revision}";
        var step = new EcsDeploymentStep
        {
            Region = context.Region,
            Cluster = snapshot.Cluster,
            ServiceName = snapshot.ServiceName,
            FromTaskDefinition = name,
            TaskDefinition = name,
            TaskDefinitionArn = current.TaskDefinitionArn,
            ForceNewDeployment = request.ForceNewDeployment,
            Container = container.Name,
            Image = request.Image,
            ImageChanges = container.Image == request.Image ? Array.Empty<string>() : new[] { $"{container.Name}: {container.Image} -> {request.Image}" },
            Warnings = warnings,
        };
        if (container.Image == request.Image && !request.ForceNewDeployment)
        {
            return step.With(StepStatus.AlreadyInPlace, $"{name} already runs {request.Image} in container {container.Name}; -ForceNewDeployment replaces its tasks.");
        }

        step.Registration = TaskDefinitions.WithImage(current, container.Name, request.Image!);
        step.RegistrationTags = described.Tags;
        return step.With(StepStatus.Planned, $"RegisterTaskDefinition will copy {name} with {container.Name}'s image {request.Image} (every other setting as it is), then UpdateService deploys it.");
    }

    private static ContainerDefinition ChooseContainer(ServiceSnapshot snapshot, TaskDefinition definition, string? named)
    {
        var containers = definition.ContainerDefinitions ?? new List<ContainerDefinition>();
        var name = $"{definition.Family}:{definition.Revision}";
        if (named != null)
        {
            return containers.FirstOrDefault(c => c.Name == named)
                   ?? throw new OpsException(ErrorTable.EcsContainerNotFound,
                       $"{name} has no container '{named}'; its containers are {string.Join(", ", containers.Select(c => c.Name))}.", named);
        }

        var routed = snapshot.Service.LoadBalancers?.Select(l => l.ContainerName).FirstOrDefault(c => c != null);
        return containers.FirstOrDefault(c => c.Name == routed)
               ?? (containers.Count == 1 ? containers[0] : null)
               ?? throw new OpsException(ErrorTable.EcsContainerAmbiguous,
                   $"{name} has {containers.Count} containers ({string.Join(", ", containers.Select(c => c.Name))}); say which gets the image with -Container.", name);
    }

    /// <summary>Starts the deployment (registering the new revision first, when it has one); the step comes back Applied with the id of the deployment ECS made PRIMARY.</summary>
    public async Task<EcsDeploymentStep> ApplyAsync(EcsDeploymentStep step, CancellationToken cancellationToken)
    {
        if (step.StopServiceDeploymentArn != null)
        {
            return await StopWithRollbackAsync(step, cancellationToken).ConfigureAwait(false);
        }

        if (step.Registration != null)
        {
            step = await RegisterAsync(step, cancellationToken).ConfigureAwait(false);
        }

        UpdateServiceResponse response;
        try
        {
            response = await context.Ecs.UpdateServiceAsync(new UpdateServiceRequest
            {
                Cluster = step.Cluster,
                Service = step.ServiceName,
                TaskDefinition = step.TaskDefinitionArn,
                ForceNewDeployment = step.ForceNewDeployment ? true : null,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            throw AwsFailures.From(ex, context.Region, step.Describe());
        }

        var primary = response.Service?.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY");
        var applied = step.With(StepStatus.Applied, $"Deployment {primary?.Id} of {step.TaskDefinition} started.");
        applied.DeploymentId = primary?.Id;
        return applied;
    }

    /// <summary>ECS rolls the deployment in progress back itself; the wait then follows the PRIMARY deployment of the revision rolled back to.</summary>
    private async Task<EcsDeploymentStep> StopWithRollbackAsync(EcsDeploymentStep step, CancellationToken cancellationToken)
    {
        try
        {
            await context.Ecs.StopServiceDeploymentAsync(new StopServiceDeploymentRequest { ServiceDeploymentArn = step.StopServiceDeploymentArn, StopType = "ROLLBACK" },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            throw AwsFailures.From(ex, context.Region, step.Describe());
        }

        return step.With(StepStatus.Applied, $"ECS is rolling {step.StopServiceDeploymentArn} back to {step.TaskDefinition}.");
    }

    private async Task<EcsDeploymentStep> RegisterAsync(EcsDeploymentStep step, CancellationToken cancellationToken)
    {
        TaskDefinition registered;
        try
        {
            registered = (await context.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
            {
                Document = step.Registration,
                Tags = step.RegistrationTags is { Count: > 0 } tags ? tags : null,
            }, cancellationToken).ConfigureAwait(false)).TaskDefinition;
        }
        catch (AmazonServiceException ex)
        {
            throw AwsFailures.From(ex, context.Region, step.Describe());
        }

        var withRevision = step.With(step.StatusKind, step.Detail);
        withRevision.TaskDefinition = $"{registered.Family}:{registered.Revision}";
        withRevision.TaskDefinitionArn = registered.TaskDefinitionArn;
        return withRevision;
    }

    /// <summary>After applying: nothing, when the service's PRIMARY deployment is the one started; else the step, still needed.</summary>
    public async Task<IReadOnlyList<EcsDeploymentStep>> VerifyAsync(EcsDeploymentStep applied, CancellationToken cancellationToken)
    {
        if (applied.StopServiceDeploymentArn != null)
        {
            // A stopped deployment is verified by its own record: it is no longer in progress.
            var record = (await context.Ecs.DescribeServiceDeploymentsAsync(new DescribeServiceDeploymentsRequest
                    { ServiceDeploymentArns = new List<string> { applied.StopServiceDeploymentArn } }, cancellationToken).ConfigureAwait(false))
                .ServiceDeployments?.FirstOrDefault();
            return record != null && record.Status != "IN_PROGRESS" && record.Status != "PENDING"
                ? Array.Empty<EcsDeploymentStep>()
                : new[] { applied.With(StepStatus.Planned, $"Deployment {applied.StopServiceDeploymentArn} is still in progress.") };
        }

        var snapshot = await new EcsServiceLocator(context).LocateOneAsync(EcsNames.Service(applied.ServiceName, applied.Cluster), ServiceParts.None).ConfigureAwait(false);
        var primary = snapshot.PrimaryDeployment;
        var shown = primary != null && primary.Id == applied.DeploymentId && primary.TaskDefinition == applied.TaskDefinitionArn;
        return shown ? Array.Empty<EcsDeploymentStep>() : new[] { applied.With(StepStatus.Planned, "The service's PRIMARY deployment is not the one started.") };
    }

    private static IEnumerable<string> InProgress(Service service) =>
        (service.Deployments ?? new List<Deployment>())
        .Where(d => d.Status != "PRIMARY" || d.RolloutState == "IN_PROGRESS")
        .Where(d => d.Status != "INACTIVE")
        .Select(d => $"Deployment {d.Id} ({EcsNames.TaskDefinitionName(d.TaskDefinition ?? "")}, {d.Status}) is still in progress " +
                     $"({d.RunningCount ?? 0} of {d.DesiredCount ?? 0} running, {d.FailedTasks ?? 0} failed); a new deployment takes over from it.");

    private Task<TaskDefinition> DescribeAsync(string taskDefinition, CancellationToken cancellationToken) =>
        TaskDefinitions.DescribeAsync(context, taskDefinition, cancellationToken);
}
