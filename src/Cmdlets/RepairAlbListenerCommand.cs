using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Points a listener's default action at a target group (seed 002: the default returned 404). Idempotent: when it
/// already forwards there, nothing is changed and the result says AlreadyInPlace.
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "AlbListener", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AlbListenerRepair))]
public sealed class RepairAlbListenerCommand : AwsCommandCmdlet
{
    /// <summary>The load balancer name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("LoadBalancerArn", "LoadBalancerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LoadBalancerCompleter))]
    public string LoadBalancer { get; set; } = "";

    /// <summary>The listener port.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    [ArgumentCompleter(typeof(ListenerPortCompleter))]
    public int Port { get; set; }

    /// <summary>The target group (name or ARN) the default action forwards to.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetGroupArn", "TargetGroupName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetGroupCompleter))]
    public string TargetGroup { get; set; } = "";

    /// <summary>Change the default action without asking (it decides where every unmatched request goes).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var loadBalancer = ResourceReference.Parse(ResourceKind.LoadBalancer, LoadBalancer, "-LoadBalancer");
        var targetGroup = ResourceReference.Parse(ResourceKind.TargetGroup, TargetGroup, "-TargetGroup");
        var context = ContextFor(loadBalancer, targetGroup);
        var inspector = new AlbListenerInspector(context.Elb, context.Region);
        AlbListenerRepair repair;
        try
        {
            repair = context.Stamp(Await(inspector.PlanDefaultForwardAsync(loadBalancer.Identifier, Port, targetGroup.Identifier, CancellationToken)));
        }
        catch (LoadBalancingLookupException ex)
        {
            WriteFailure(ex, ex.Resource switch
            {
                LoadBalancingResource.Listener => Port,
                LoadBalancingResource.TargetGroup => TargetGroup,
                _ => LoadBalancer,
            });
            return;
        }

        ApplyPlan(new[] { repair }, async step =>
        {
            await inspector.ApplyDefaultForwardAsync(step, CancellationToken).ConfigureAwait(false);
            return step;
        }, async () => new[] { await inspector.PlanDefaultForwardAsync(loadBalancer.Identifier, Port, targetGroup.Identifier, CancellationToken).ConfigureAwait(false) }, Force);
    }
}
