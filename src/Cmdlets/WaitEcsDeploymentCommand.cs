using System;
using System.Management.Automation;
using Kaviar.Ops.Deployments;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Waits until an ECS deployment completes by its own record (rollout COMPLETED as the PRIMARY deployment); a rollout
/// that fails, is rolled back by the circuit breaker or is replaced by another deployment is a terminating error.
/// -UntilStage and -UntilPaused end the wait earlier, at a lifecycle stage or at a pause hook awaiting action.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "EcsDeployment", DefaultParameterSetName = UntilCompleted)]
[OutputType(typeof(EcsDeploymentResult))]
public sealed class WaitEcsDeploymentCommand : EcsServiceCommandCmdlet
{
    /// <summary>The deployment to follow (ecs-svc/…); by default the service's PRIMARY deployment when the wait starts.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? DeploymentId { get; set; }

    private const string UntilCompleted = "UntilCompleted";
    private const string UntilStageSet = "UntilStage";
    private const string UntilPausedSet = "UntilPaused";

    /// <summary>Return once the deployment reaches this lifecycle stage or a later one (BAKE_TIME: production traffic has shifted).</summary>
    [Parameter(Mandatory = true, ParameterSetName = UntilStageSet)]
    [ValidateSet("RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
        "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT", "BAKE_TIME", "CLEAN_UP")]
    public string? UntilStage { get; set; }

    /// <summary>Return once a PAUSE lifecycle hook holds the deployment awaiting action; the result carries the hook id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UntilPausedSet)]
    public SwitchParameter UntilPaused { get; set; }

    /// <summary>Seconds to wait. The default is 1800.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 1800;

    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        var milestone = UntilStage != null ? DeploymentMilestone.Stage(UntilStage) : UntilPaused ? DeploymentMilestone.Paused : null;
        WriteObject(AwaitReporting(reporter => new DeploymentWaiter(context.WithReporter(reporter))
            .WaitAsync(service, DeploymentId, TimeSpan.FromSeconds(Timeout), CancellationToken, milestone: milestone)));
    }
}
