using System;
using System.Collections.Generic;
using System.Management.Automation;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Makes the path load balancer → task work for an ECS service: the tasks' security group admits each load
/// balancer group on the container port, and (with -SecurityGroup) the service's network configuration carries that
/// group — a new deployment. Idempotent; never opens 0.0.0.0/0; never removes a rule or a group.
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "EcsSecurityGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SecurityGroupRepairStep))]
public sealed class RepairEcsSecurityGroupCommand : KaviarAwsCmdlet
{
    /// <summary>The cluster name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName", "ClusterArn")]
    [ValidateNotNullOrEmpty]
    public string Cluster { get; set; } = "";

    /// <summary>The service name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName", "ServiceArn")]
    [ValidateNotNullOrEmpty]
    public string Service { get; set; } = "";

    /// <summary>The group the tasks must carry (id, or name in the service's VPC), e.g. kaviar-ecs-sg.</summary>
    [Parameter(Position = 2)]
    [ValidateNotNullOrEmpty]
    public string? SecurityGroup { get; set; }

    protected override void Process()
    {
        var reference = EcsNames.Service(Service, Cluster);
        var planner = new SecurityGroupRepairPlanner(
            Connection.CreateEcsClient(), Connection.CreateElasticLoadBalancingV2Client(), Connection.CreateEc2Client(), Connection.Region.SystemName);
        if (NetworkErrors.Run(this, reference.Input, () => Await(planner.PlanServiceAsync(reference, SecurityGroup, CancellationToken))) is { } steps)
        {
            NetworkErrors.ApplySteps(this, steps, new SecurityGroupRepairApplier(Connection.CreateEcsClient(), Connection.CreateEc2Client()),
                step => Await(step), CancellationToken);
        }
    }
}

/// <summary>Error records and the confirm-then-apply loop the network commands share.</summary>
internal static class NetworkErrors
{
    /// <summary>
    /// Runs core work; a <see cref="NetworkRepairException"/> becomes an error record: terminating for a refused
    /// 0.0.0.0/0, else non-terminating (the next pipeline item still runs) and null is returned.
    /// </summary>
    public static T? Run<T>(PSCmdlet cmdlet, object? target, Func<T> work)
        where T : class
    {
        try
        {
            return work();
        }
        catch (NetworkRepairException ex)
        {
            var record = Record(ex, target);
            if (ex.Problem == NetworkProblem.OpenIngressRefused)
            {
                cmdlet.ThrowTerminatingError(record);
            }

            cmdlet.WriteError(record);
            return null;
        }
    }

    /// <summary>One ShouldProcess per Planned step; every step is written, with its final status.</summary>
    public static void ApplySteps(PSCmdlet cmdlet, IReadOnlyList<SecurityGroupRepairStep> steps, SecurityGroupRepairApplier applier,
        Func<System.Threading.Tasks.Task<SecurityGroupRepairStep>, SecurityGroupRepairStep> await, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            if (step.Status == SecurityGroupRepairStatus.Planned && cmdlet.ShouldProcess(step.Describe(), step.Operation))
            {
                cmdlet.WriteObject(await(applier.ApplyAsync(step, cancellationToken)));
                continue;
            }

            cmdlet.WriteVerbose($"{step.Action} {step.Status}: {step.Detail}");
            cmdlet.WriteObject(step);
        }
    }

    public static ErrorRecord Record(NetworkRepairException exception, object? target)
    {
        var (errorId, category, inner) = exception.Problem switch
        {
            NetworkProblem.ClusterNotFound => ("EcsClusterNotFound", ErrorCategory.ObjectNotFound, (Exception)new ItemNotFoundException(exception.Message, exception)),
            NetworkProblem.ServiceNotFound => ("EcsServiceNotFound", ErrorCategory.ObjectNotFound, new ItemNotFoundException(exception.Message, exception)),
            NetworkProblem.TaskNotFound => ("EcsTaskNotFound", ErrorCategory.ObjectNotFound, new ItemNotFoundException(exception.Message, exception)),
            NetworkProblem.SecurityGroupNotFound => ("SecurityGroupNotFound", ErrorCategory.ObjectNotFound, new ItemNotFoundException(exception.Message, exception)),
            NetworkProblem.SecurityGroupAmbiguous => ("SecurityGroupAmbiguous", ErrorCategory.InvalidArgument, new ArgumentException(exception.Message, exception)),
            NetworkProblem.OpenIngressRefused => ("OpenIngressRefused", ErrorCategory.SecurityError, new ArgumentException(exception.Message, exception)),
            NetworkProblem.NoLoadBalancer => ("EcsServiceHasNoLoadBalancer", ErrorCategory.InvalidOperation, new InvalidOperationException(exception.Message, exception)),
            _ => ("EcsServiceNetworkMissing", ErrorCategory.InvalidOperation, new InvalidOperationException(exception.Message, exception)),
        };
        return new ErrorRecord(inner, errorId, category, exception.Target ?? target);
    }
}
