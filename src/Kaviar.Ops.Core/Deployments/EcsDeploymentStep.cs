using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Deployments;

/// <summary>
/// A deployment of an ECS service as a plan step: the revision it runs now and the one it will run, what changes in
/// each container's image, and, once applied, the deployment ECS started (the id the wait follows).
/// </summary>
public sealed class EcsDeploymentStep : IRegionalOutput, IRepairStep
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    /// <summary>The revision the service runs before the deployment (family:revision).</summary>
    public string FromTaskDefinition { get; set; } = "";

    /// <summary>The revision the deployment runs (family:revision).</summary>
    public string TaskDefinition { get; set; } = "";

    public string TaskDefinitionArn { get; set; } = "";

    /// <summary>With a new image: the container whose image changes, and the image.</summary>
    public string? Container { get; set; }

    public string? Image { get; set; }

    /// <summary>The new revision to register first (the running one with the new image), with its tags; null when deploying an existing revision.</summary>
    internal string? Registration { get; set; }

    internal List<AwsServices.ECS.Model.Tag>? RegistrationTags { get; set; }

    /// <summary>A new deployment of the revision already running (its tasks are replaced).</summary>
    public bool ForceNewDeployment { get; set; }

    /// <summary>"container: old image -> new image", for each container whose image differs.</summary>
    public IReadOnlyList<string> ImageChanges { get; set; } = Array.Empty<string>();

    /// <summary>The deployment ECS started (ecs-svc/…), once applied; Wait-EcsDeployment binds it.</summary>
    public string? DeploymentId { get; set; }

    public string Status => StatusKind.ToString();

    internal StepStatus StatusKind { get; set; } = StepStatus.Planned;

    public string Detail { get; set; } = "";

    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    public bool NeedsChange => StatusKind == StepStatus.Planned;

    public string Action => StopServiceDeploymentArn == null ? "Deploy ECS service (new deployment)" : "Stop ECS deployment and roll back";

    /// <summary>A rollback of the deployment in progress that ECS makes itself (StopServiceDeployment, ROLLBACK) instead of a new deployment.</summary>
    public string? StopServiceDeploymentArn { get; set; }

    /// <summary>A deployment replaces every task the service runs.</summary>
    public bool HighImpact => true;

    public string Describe() =>
        $"service {Cluster}/{ServiceName}: {(StopServiceDeploymentArn == null ? "" : $"stop {StopServiceDeploymentArn}, ")}{FromTaskDefinition} -> {(Registration != null && NeedsChange ? $"a new revision of {FromTaskDefinition}" : TaskDefinition)}" +
        $"{(ForceNewDeployment && FromTaskDefinition == TaskDefinition ? " (new tasks)" : "")}" +
        $"{(ImageChanges.Count == 0 ? "" : $" [{string.Join("; ", ImageChanges)}]")} ({Region})";

    public IRepairStep Skipped() => With(StepStatus.Skipped, "Declined: the service was not changed.");

    internal EcsDeploymentStep With(StepStatus status, string detail)
    {
        var copy = (EcsDeploymentStep)MemberwiseClone();
        copy.StatusKind = status;
        copy.Detail = detail;
        return copy;
    }

    public override string ToString() => $"{Status}: {Describe()}{(Detail.Length == 0 ? "" : $" — {Detail}")}";

    /// <summary>The containers whose image differs between two revisions, as "container: old -> new" (added and removed containers too).</summary>
    internal static IReadOnlyList<string> ImagesChanged(AwsServices.ECS.Model.TaskDefinition? from, AwsServices.ECS.Model.TaskDefinition to)
    {
        var before = (from?.ContainerDefinitions ?? new List<AwsServices.ECS.Model.ContainerDefinition>()).ToDictionary(c => c.Name, c => c.Image);
        var after = (to.ContainerDefinitions ?? new List<AwsServices.ECS.Model.ContainerDefinition>()).ToDictionary(c => c.Name, c => c.Image);
        return before.Keys.Union(after.Keys)
            .Where(name => !before.TryGetValue(name, out var old) || !after.TryGetValue(name, out var now) || old != now)
            .Select(name => $"{name}: {(before.TryGetValue(name, out var old) ? old : "(none)")} -> {(after.TryGetValue(name, out var now) ? now : "(removed)")}")
            .ToList();
    }
}

/// <summary>How a deployment ended, as the wait observed it.</summary>
public sealed class EcsDeploymentResult : IRegionalOutput
{
    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    public string DeploymentId { get; set; } = "";

    /// <summary>The revision the deployment runs (family:revision).</summary>
    public string TaskDefinition { get; set; } = "";

    /// <summary>COMPLETED when the wait returns (IN_PROGRESS when it ended at a lifecycle stage or pause); the failures are terminating errors.</summary>
    public string RolloutState { get; set; } = "";

    public int RunningCount { get; set; }

    public int DesiredCount { get; set; }

    public int FailedTasks { get; set; }

    /// <summary>How long the wait took, in seconds.</summary>
    public double WaitedSeconds { get; set; }

    public string Detail { get; set; } = "";

    /// <summary>Set when the wait ended at a lifecycle stage or a pause, before the deployment completed.</summary>
    public string? ServiceDeploymentArn { get; set; }

    /// <summary>The stage the wait ended at; empty when it waited for completion.</summary>
    public string LifecycleStage { get; set; } = "";

    /// <summary>The PAUSE hook awaiting action, for ContinueServiceDeployment.</summary>
    public string? PausedHookId { get; set; }
}
