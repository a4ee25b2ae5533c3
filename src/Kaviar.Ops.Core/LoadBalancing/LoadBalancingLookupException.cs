using System;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.LoadBalancing;

public enum LoadBalancingResource
{
    LoadBalancer,
    Listener,
    TargetGroup,
}

/// <summary>A load balancer, listener, target group or service that was named does not exist; the message says how to list them.</summary>
public sealed class LoadBalancingLookupException : OpsException
{
    public LoadBalancingLookupException(LoadBalancingResource resource, string message, object? target = null)
        : base(resource switch
        {
            LoadBalancingResource.LoadBalancer => ErrorTable.AlbLoadBalancerNotFound,
            LoadBalancingResource.Listener => ErrorTable.AlbListenerNotFound,
            _ => ErrorTable.AlbTargetGroupNotFound,
        }, message, target)
    {
        Resource = resource;
    }

    public LoadBalancingResource Resource { get; }

    public static LoadBalancingLookupException LoadBalancer(string name, string region) =>
        new LoadBalancingLookupException(LoadBalancingResource.LoadBalancer,
            $"Load balancer '{name}' was not found in {region}. List them with 'aws elbv2 describe-load-balancers --region {region} --query LoadBalancers[].LoadBalancerName'.", name);

    public static LoadBalancingLookupException TargetGroup(string name, string region) =>
        new LoadBalancingLookupException(LoadBalancingResource.TargetGroup,
            $"Target group '{name}' was not found in {region}. List them with 'aws elbv2 describe-target-groups --region {region} --query TargetGroups[].TargetGroupName'.", name);
}
