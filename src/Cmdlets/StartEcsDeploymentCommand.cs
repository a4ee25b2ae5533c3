using System;
using System.Management.Automation;
using Kaviar.Ops.Deployments;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Deploys an ECS service: a given revision of its family, or new tasks of the revision it runs
/// (-ForceNewDeployment); -Wait follows the deployment until ECS marks it completed, and fails when it fails.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "EcsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EcsDeploymentStep), typeof(EcsDeploymentResult))]
public sealed class StartEcsDeploymentCommand : EcsServiceCommandCmdlet
{
    /// <summary>The revision to deploy: family:revision or ARN (of the service's family, ACTIVE). By default the one it runs.</summary>
    [Parameter(Position = 2)]
    [ValidateNotNullOrEmpty]
    public string? TaskDefinition { get; set; }

    /// <summary>Start new tasks even when the service already runs the revision.</summary>
    [Parameter]
    public SwitchParameter ForceNewDeployment { get; set; }

    /// <summary>Wait until ECS marks the deployment completed; a failed or rolled-back deployment is a terminating error.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds to wait with -Wait. The default is 1800.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 1800;

    /// <summary>Deploy without asking (a deployment replaces every task of the service).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        var planner = new DeploymentPlanner(context);
        var step = context.Stamp(Await(planner.PlanAsync(new DeploymentRequest
        {
            Service = service,
            TaskDefinition = TaskDefinition,
            ForceNewDeployment = ForceNewDeployment,
        }, CancellationToken)));

        EcsDeploymentStep? started = null;
        ApplyPlan(new[] { step }, async planned =>
        {
            started = context.Stamp(await planner.ApplyAsync(planned, CancellationToken).ConfigureAwait(false));
            return started;
        }, () => planner.VerifyAsync(started!, CancellationToken), Force);

        if (Wait && started != null)
        {
            WriteObject(AwaitReporting(reporter => new DeploymentWaiter(context.WithReporter(reporter))
                .WaitAsync(service, started.DeploymentId, TimeSpan.FromSeconds(Timeout), CancellationToken)));
        }
    }
}
