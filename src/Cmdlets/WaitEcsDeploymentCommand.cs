using System;
using System.Management.Automation;
using Kaviar.Ops.Deployments;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Waits until an ECS deployment completes by its own record (rollout COMPLETED as the PRIMARY deployment); a rollout
/// that fails, is rolled back by the circuit breaker or is replaced by another deployment is a terminating error.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "EcsDeployment")]
[OutputType(typeof(EcsDeploymentResult))]
public sealed class WaitEcsDeploymentCommand : EcsServiceCommandCmdlet
{
    /// <summary>The deployment to follow (ecs-svc/…); by default the service's PRIMARY deployment when the wait starts.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? DeploymentId { get; set; }

    /// <summary>Seconds to wait. The default is 1800.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 1800;

    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        WriteObject(AwaitReporting(reporter => new DeploymentWaiter(context.WithReporter(reporter))
            .WaitAsync(service, DeploymentId, TimeSpan.FromSeconds(Timeout), CancellationToken)));
    }
}
