using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;

namespace Kaviar.Ops.Cmdlets;

/// <summary>Audits a load balancer's listeners: a default action that answers 404, rules forwarding to target groups with no healthy target, the host rules.</summary>
[Cmdlet(VerbsDiagnostic.Test, "AlbListener")]
[OutputType(typeof(AlbListenerFinding))]
public sealed class TestAlbListenerCommand : KaviarAwsCmdlet
{
    /// <summary>The load balancer name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("LoadBalancerArn", "LoadBalancerName")]
    [ValidateNotNullOrEmpty]
    public string LoadBalancer { get; set; } = "";

    protected override void Process()
    {
        var loadBalancer = ResourceReference.Parse(ResourceKind.LoadBalancer, LoadBalancer, "-LoadBalancer");
        var context = ContextFor(loadBalancer);
        var inspector = new AlbListenerInspector(context.Elb, context.Region);
        try
        {
            foreach (var finding in Await(inspector.AuditAsync(loadBalancer.Identifier, CancellationToken)))
            {
                WriteObject(context.Stamp(finding));
            }
        }
        catch (LoadBalancingLookupException ex)
        {
            WriteFailure(ex, LoadBalancer);
        }
    }
}
