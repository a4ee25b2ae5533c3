using System;
using System.Management.Automation;
using Kaviar.Ops.Deployments;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The base of the commands that deploy a service (Start-EcsDeployment, Undo-EcsDeployment): the planned deployment
/// is applied as a high-impact step, verified, and with -Wait followed until ECS marks it completed.
/// </summary>
public abstract class EcsDeploymentCmdlet : EcsServiceCommandCmdlet
{
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

    /// <summary>Writes the step as it ends (applied after confirmation; planned under -WhatIf), then, with -Wait, the completed deployment.</summary>
    protected void Deploy(OpsContext context, EcsDeploymentStep step)
    {
        var planner = new DeploymentPlanner(context);
        EcsDeploymentStep? started = null;
        ApplyPlan(new[] { context.Stamp(step) }, async planned =>
        {
            started = context.Stamp(await planner.ApplyAsync(planned, CancellationToken).ConfigureAwait(false));
            return started;
        }, () => planner.VerifyAsync(started!, CancellationToken), Force);

        if (Wait && started != null)
        {
            WriteObject(AwaitReporting(reporter => new DeploymentWaiter(context.WithReporter(reporter))
                .WaitAsync(NamedService, started.DeploymentId, TimeSpan.FromSeconds(Timeout), CancellationToken,
                    started.DeploymentId == null ? started.TaskDefinitionArn : null)));
        }
    }
}
