using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;

namespace Kaviar.Ops.Cmdlets;

/// <summary>Tells which rule and target group of a listener a request with a given Host header and path reaches.</summary>
[Cmdlet(VerbsDiagnostic.Resolve, "AlbRoute")]
[OutputType(typeof(AlbRoute))]
public sealed class ResolveAlbRouteCommand : AwsCommandCmdlet
{
    /// <summary>The load balancer name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("LoadBalancerArn", "LoadBalancerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LoadBalancerCompleter))]
    public string LoadBalancer { get; set; } = "";

    /// <summary>The Host header of the request (qa-fax.faxi.jp); none for a request to the load balancer's own DNS name.</summary>
    [Parameter(Position = 1)]
    public string? HostHeader { get; set; }

    /// <summary>The request path. The default is /.</summary>
    [Parameter(Position = 2)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    /// <summary>The listener port; by default 80, or the only listener.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    [ArgumentCompleter(typeof(ListenerPortCompleter))]
    public int? Port { get; set; }

    protected override void Process()
    {
        var loadBalancer = ResourceReference.Parse(ResourceKind.LoadBalancer, LoadBalancer, "-LoadBalancer");
        var context = ContextFor(loadBalancer);
        var inspector = new AlbListenerInspector(context.Elb, context.Region);
        try
        {
            WriteObject(context.Stamp(Await(inspector.ResolveAsync(loadBalancer.Identifier, Port, HostHeader, Path, CancellationToken))));
        }
        catch (LoadBalancingLookupException ex)
        {
            WriteFailure(ex, ex.Resource == LoadBalancingResource.Listener ? Port : LoadBalancer);
        }
    }
}
