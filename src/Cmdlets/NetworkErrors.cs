using System;
using System.Collections.Generic;
using System.Management.Automation;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Cmdlets;

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
