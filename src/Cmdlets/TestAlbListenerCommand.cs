using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;

namespace Kaviar.Ops.Cmdlets;

/// <summary>Audits a load balancer's listeners: a default action that answers 404, rules forwarding to target groups with no healthy target, the host rules.</summary>
[Cmdlet(VerbsDiagnostic.Test, "AlbListener")]
[OutputType(typeof(AlbListenerFinding))]
public sealed class TestAlbListenerCommand : AwsCommandCmdlet
{
    /// <summary>The load balancer name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("LoadBalancerArn", "LoadBalancerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LoadBalancerCompleter))]
    public string LoadBalancer { get; set; } = "";

    private readonly List<(OpsContext Context, ResourceReference LoadBalancer)> requested = new List<(OpsContext, ResourceReference)>();

    protected override void Process()
    {
        // Collected here and audited in EndProcessing, so piped load balancers are looked up together.
        ResourceReference loadBalancer;
        try
        {
            loadBalancer = ResourceReference.Parse(ResourceKind.LoadBalancer, LoadBalancer, "-LoadBalancer");
        }
        catch (OpsException ex)
        {
            WriteFailure(ex, LoadBalancer);
            return;
        }

        requested.Add((ContextFor(loadBalancer), loadBalancer));
    }

    protected override void End()
    {
        foreach (var region in requested.GroupBy(r => r.Context))
        {
            var inspector = new AlbListenerInspector(region.Key.Elb, region.Key.Region);
            Await(inspector.PrefetchAsync(region.Select(r => r.LoadBalancer.Identifier), CancellationToken));
            // The same load balancer piped twice is audited once.
            foreach (var loadBalancer in region.Select(r => r.LoadBalancer).Distinct())
            {
                try
                {
                    foreach (var finding in Await(inspector.AuditAsync(loadBalancer.Identifier, CancellationToken)))
                    {
                        WriteObject(region.Key.Stamp(finding));
                    }
                }
                catch (LoadBalancingLookupException ex)
                {
                    WriteFailure(ex, loadBalancer.Input);
                }
            }
        }
    }
}
