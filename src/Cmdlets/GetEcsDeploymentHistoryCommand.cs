using System.Management.Automation;
using Kaviar.Ops.Deployments;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// A service's deployments, newest first, from ECS's own records: when, which revision and images, how each ended
/// (completed, rolled back, failed, stopped, in progress) and why. When the role may not read those records, only the
/// current deployments from DescribeServices, with a warning naming the missing permission.
/// </summary>
[Cmdlet(VerbsCommon.Get, "EcsDeploymentHistory")]
[OutputType(typeof(EcsDeploymentRecord))]
public sealed class GetEcsDeploymentHistoryCommand : EcsServiceCommandCmdlet
{
    /// <summary>How many deployments, newest first. The default is 20.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int Last { get; set; } = 20;

    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        var history = Await(new DeploymentHistory(context).ReadAsync(service, Last, CancellationToken));
        foreach (var warning in history.Warnings)
        {
            WriteWarning(warning);
        }

        foreach (var record in history.Records)
        {
            WriteObject(record);
        }
    }
}
