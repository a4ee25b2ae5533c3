using System.Management.Automation;
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
        var inspector = new AlbListenerInspector(Connection.CreateElasticLoadBalancingV2Client(), Connection.Region.SystemName);
        try
        {
            WriteObject(Await(inspector.AuditAsync(LoadBalancer, CancellationToken)), enumerateCollection: true);
        }
        catch (LoadBalancingLookupException ex)
        {
            WriteError(AlbErrorRecords.NotFound(ex, LoadBalancer));
        }
    }
}
