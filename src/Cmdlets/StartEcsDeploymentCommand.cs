using System.Management.Automation;
using Kaviar.Ops.Deployments;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Deploys an ECS service: a given revision of its family, or new tasks of the revision it runs
/// (-ForceNewDeployment); -Wait follows the deployment until ECS marks it completed, and fails when it fails.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "EcsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByRevision)]
[OutputType(typeof(EcsDeploymentStep), typeof(EcsDeploymentResult))]
public sealed class StartEcsDeploymentCommand : EcsDeploymentCmdlet
{
    private const string ByRevision = "ByRevision";
    private const string ByImage = "ByImage";

    /// <summary>The revision to deploy: family:revision or ARN (of the service's family, ACTIVE). By default the one it runs.</summary>
    [Parameter(Position = 2, ParameterSetName = ByRevision)]
    [ValidateNotNullOrEmpty]
    public string? TaskDefinition { get; set; }

    /// <summary>Register a new revision from the running one with this image (a tag or a digest) and deploy it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByImage)]
    [ValidateNotNullOrEmpty]
    public string? Image { get; set; }

    /// <summary>The container that gets -Image; by default the one the load balancer routes to, or the only one.</summary>
    [Parameter(ParameterSetName = ByImage)]
    [ValidateNotNullOrEmpty]
    public string? Container { get; set; }

    /// <summary>Start new tasks even when the service already runs the revision.</summary>
    [Parameter]
    public SwitchParameter ForceNewDeployment { get; set; }

    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        var step = Await(new DeploymentPlanner(context).PlanAsync(new DeploymentRequest
        {
            Service = service,
            TaskDefinition = TaskDefinition,
            Image = Image,
            Container = Container,
            ForceNewDeployment = ForceNewDeployment,
        }, CancellationToken));

        Deploy(context, step);
    }
}
