using System.Management.Automation;
using Kaviar.Ops.Deployments;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Rolls an ECS service back to the revision that last completed a deployment, chosen from the service's deployment
/// history (never "revision − 1"); deregisters nothing; -Wait follows the rollback's deployment.
/// </summary>
[Cmdlet(VerbsCommon.Undo, "EcsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EcsDeploymentStep), typeof(EcsDeploymentResult))]
public sealed class UndoEcsDeploymentCommand : EcsDeploymentCmdlet
{
    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        Deploy(context, Await(new RollbackPlanner(context).PlanAsync(service, CancellationToken)));
    }
}
