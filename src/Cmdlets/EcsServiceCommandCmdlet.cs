using System.Management.Automation;
using Kaviar.Ops.Ecs;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The base of the commands that act on one ECS service named by -Cluster and -Service (positions 0 and 1, bound by
/// property name from Get-EcsServiceHealth and the other service outputs).
/// </summary>
public abstract class EcsServiceCommandCmdlet : AwsCommandCmdlet
{
    /// <summary>The cluster name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName", "ClusterArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClusterCompleter))]
    public string Cluster { get; set; } = "";

    /// <summary>The service name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName", "ServiceArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceCompleter))]
    public string Service { get; set; } = "";

    /// <summary>The service the user named, parsed (a malformed name or ARN is an error before any call).</summary>
    protected ServiceReference NamedService => EcsNames.Service(Service, Cluster, "-Service");
}
