using System.Management.Automation;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The base of the commands that act on an ECS service (-Cluster and -Service, positions 0 and 1) or on named tasks
/// of a cluster (-TaskArn), each bound by property name from the service and task outputs.
/// </summary>
public abstract class EcsServiceOrTaskCmdlet : AwsCommandCmdlet
{
    protected const string ByService = "ByService";
    protected const string ByTask = "ByTask";

    /// <summary>The cluster name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName", "ClusterArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClusterCompleter))]
    public string Cluster { get; set; } = "";

    /// <summary>The service name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByService, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName", "ServiceArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceCompleter))]
    public string Service { get; set; } = "";

    /// <summary>A task (ARN or id) of the cluster.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByTask, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string TaskArn { get; set; } = "";
}
