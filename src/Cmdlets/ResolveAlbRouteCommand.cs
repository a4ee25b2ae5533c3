using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Tells which rule and target group of a listener a request reaches, by every condition a rule can have: Host
/// header, path and query string, method, headers and source address.
/// </summary>
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

    /// <summary>The request path, with its query string when it has one (/search?v=2). The default is /.</summary>
    [Parameter(Position = 2)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "/";

    /// <summary>The request method, as clients send it (case matters to a method condition). The default is GET.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Method { get; set; } = "GET";

    /// <summary>Request headers: @{ 'X-Env' = 'blue' }; an array value sends the header once per value.</summary>
    [Parameter]
    public IDictionary? Header { get; set; }

    /// <summary>The address the connection comes from (the client's, or its proxy's); without it, source-ip rules are reported as undecided.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SourceIp { get; set; }

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
            var request = new AlbRequest(HostHeader, Path, Method, Headers(), SourceIp);
            WriteObject(context.Stamp(Await(inspector.ResolveAsync(loadBalancer.Identifier, Port, request, CancellationToken))));
        }
        catch (LoadBalancingLookupException ex)
        {
            WriteFailure(ex, ex.Resource == LoadBalancingResource.Listener ? Port : LoadBalancer);
        }
    }

    private IEnumerable<KeyValuePair<string, string>> Headers() =>
        (Header ?? new Hashtable()).Cast<DictionaryEntry>().SelectMany(entry =>
            (LanguagePrimitives.GetEnumerable(entry.Value)?.Cast<object?>() ?? new[] { entry.Value })
            .Select(value => new KeyValuePair<string, string>(entry.Key.ToString() ?? "", value?.ToString() ?? "")));
}
