using System.Management.Automation;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Makes the path load balancer → task work for an ECS service: the tasks' security group admits each load
/// balancer group on the container port, and (with -SecurityGroup) the service's network configuration carries that
/// group — a new deployment. Idempotent; never opens 0.0.0.0/0; never removes a rule or a group.
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "EcsSecurityGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SecurityGroupRepairStep))]
public sealed class RepairEcsSecurityGroupCommand : EcsServiceCommandCmdlet
{
    /// <summary>The group the tasks must carry (id, or name in the service's VPC), e.g. kaviar-ecs-sg.</summary>
    [Parameter(Position = 2)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string? SecurityGroup { get; set; }

    /// <summary>Make the high-impact step (a new deployment of the service) without asking.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private readonly List<(OpsContext Context, ServiceReference Service)> requested = new List<(OpsContext, ServiceReference)>();

    protected override void Process()
    {
        // Collected here and planned in EndProcessing, so piped services are looked up together, in batches.
        ServiceReference reference;
        try
        {
            reference = NamedService;
        }
        catch (OpsException ex)
        {
            WriteFailure(ex, Service);
            return;
        }

        requested.Add((ContextFor(reference), reference));
    }

    protected override void End()
    {
        foreach (var region in requested.GroupBy(r => r.Context))
        {
            var context = region.Key;
            var planner = new SecurityGroupRepairPlanner(context);
            var applier = new SecurityGroupRepairApplier(context);
            foreach (var plan in Await(planner.PlanServicesAsync(region.Select(r => r.Service).ToList(), SecurityGroup, CancellationToken)))
            {
                if (plan.Result == null)
                {
                    WriteFailure(plan.Failure!, plan.Asked.Input);
                    continue;
                }

                ApplyPlan(plan.Result.Select(context.Stamp), step => applier.ApplyAsync(step, CancellationToken),
                    () => planner.PlanServiceAsync(plan.Asked, SecurityGroup, CancellationToken), Force);
            }
        }
    }
}
