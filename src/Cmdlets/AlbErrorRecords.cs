using System.Management.Automation;
using Kaviar.Ops.LoadBalancing;

namespace Kaviar.Ops.Cmdlets;

internal static class AlbErrorRecords
{
    public static ErrorRecord NotFound(LoadBalancingLookupException exception, object? target) =>
        new ErrorRecord(exception, exception.Resource switch
        {
            LoadBalancingResource.LoadBalancer => "AlbLoadBalancerNotFound",
            LoadBalancingResource.Listener => "AlbListenerNotFound",
            LoadBalancingResource.TargetGroup => "AlbTargetGroupNotFound",
            _ => "EcsServiceNotFound",
        }, ErrorCategory.ObjectNotFound, target);
}
