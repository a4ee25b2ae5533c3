using System;
using System.Collections.Generic;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Network;

public enum SecurityGroupRepairAction
{
    /// <summary>Add an ingress rule: TCP on the port from the source group.</summary>
    AuthorizeIngress,

    /// <summary>Put the intended group on the service's awsvpc network configuration (a new deployment).</summary>
    UpdateServiceNetwork,
}

/// <summary>One step of a security group repair: what it changes (or found already in place), and how it ended.</summary>
public sealed class SecurityGroupRepairStep : IRegionalOutput, IRepairStep
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>The cluster, for Repair-EcsSecurityGroup steps; null for Repair-DatabaseIngress.</summary>
    public string? Cluster { get; set; }

    public string? ServiceName { get; set; }

    /// <summary>AuthorizeIngress or UpdateServiceNetwork, as a name (so JSON and CLIXML show it as one).</summary>
    public string Action => ActionKind.ToString();

    internal SecurityGroupRepairAction ActionKind { get; set; }

    /// <summary>The group that receives the rule, or that the service is given.</summary>
    public string GroupId { get; set; } = "";

    public string? GroupName { get; set; }

    /// <summary>The group admitted by the rule (AuthorizeIngress only).</summary>
    public string? SourceGroupId { get; set; }

    public string? SourceGroupName { get; set; }

    /// <summary>The TCP port of the rule (AuthorizeIngress only).</summary>
    public int? Port { get; set; }

    /// <summary>Planned, Applied, AlreadyInPlace or Skipped, as a name.</summary>
    public string Status => StatusKind.ToString();

    internal StepStatus StatusKind { get; set; }

    /// <summary>True when this run made the change.</summary>
    public bool Changed => StatusKind == StepStatus.Applied;

    /// <summary>The service's security groups before the step (UpdateServiceNetwork only).</summary>
    public IReadOnlyList<string> PreviousSecurityGroups { get; set; } = Array.Empty<string>();

    /// <summary>The service's security groups after the step (UpdateServiceNetwork only).</summary>
    public IReadOnlyList<string> SecurityGroups { get; set; } = Array.Empty<string>();

    public string Detail { get; set; } = "";

    /// <summary>
    /// What the change exposes beyond the path it repairs: a group open to the internet given to the tasks, a group
    /// other interfaces also carry, a rule trusting a load balancer group open to the world. Never blocks the step.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    /// <summary>Kept as they are by UpdateServiceNetwork.</summary>
    internal IReadOnlyList<string> Subnets { get; set; } = Array.Empty<string>();

    internal string AssignPublicIp { get; set; } = "DISABLED";

    public bool NeedsChange => StatusKind == StepStatus.Planned;

    IRepairStep IRepairStep.Skipped() => With(StepStatus.Skipped, "Declined at the confirmation prompt; nothing changed.");

    string IRepairStep.Action => Operation;

    /// <summary>A new deployment replaces every running task; an added ingress rule from a named group changes nothing that runs.</summary>
    public bool HighImpact => ActionKind == SecurityGroupRepairAction.UpdateServiceNetwork;

    /// <summary>The ShouldProcess action.</summary>
    public string Operation => ActionKind == SecurityGroupRepairAction.AuthorizeIngress
        ? "Authorize security group ingress"
        : "Update ECS service network configuration (new deployment)";

    /// <summary>The ShouldProcess target: exactly what the step changes.</summary>
    public string Describe() => ActionKind == SecurityGroupRepairAction.AuthorizeIngress
        ? $"{NetworkNames.Group(GroupId, GroupName)}: allow TCP {Port} from {NetworkNames.Group(SourceGroupId ?? "", SourceGroupName)} ({Region})"
        : $"service {Cluster}/{ServiceName}: securityGroups [{string.Join(", ", PreviousSecurityGroups)}] -> [{string.Join(", ", SecurityGroups)}], " +
          $"subnets [{string.Join(", ", Subnets)}] and assignPublicIp {AssignPublicIp} kept ({Region})";

    internal SecurityGroupRepairStep With(StepStatus status, string detail)
    {
        var copy = (SecurityGroupRepairStep)MemberwiseClone();
        copy.StatusKind = status;
        copy.Detail = detail;
        return copy;
    }

    public override string ToString() => $"{Action} {Status}: {Describe()}";
}

/// <summary>
/// One link of the path ALB → task → database and task → AWS APIs (an ECS service), or function → database and
/// function → AWS APIs (a Lambda function), with its verdict and, when broken, the fix.
/// </summary>
public sealed class NetworkPathCheck : IRegionalOutput
{
    public string Region { get; set; } = "";

    /// <summary>The endpoint used, when one was given (-EndpointUrl); the next command binds it.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>The service's cluster; empty for a function's check.</summary>
    public string Cluster { get; set; } = "";

    /// <summary>The service; empty for a function's check.</summary>
    public string ServiceName { get; set; } = "";

    /// <summary>The Lambda function checked (Test-LambdaNetworkPath); null for a service's check. The next command binds it (Invoke-LambdaMigration).</summary>
    public string? FunctionName { get; set; }

    /// <summary>TaskSecurityGroups, LoadBalancerToTask, PortConsistency, TaskToDatabase, FunctionVpc, FunctionToDatabase, NetworkAcls or SubnetEgress.</summary>
    public string Link { get; set; } = "";

    public string Source { get; set; } = "";

    public string Destination { get; set; } = "";

    public int? Port { get; set; }

    public bool Passed { get; set; }

    public string Detail { get; set; } = "";

    /// <summary>The line that repairs a failed link; empty when it passed.</summary>
    public string Fix { get; set; } = "";

    /// <summary>The module command that repairs a failed link, when the module can; null for a manual (aws CLI) fix or a passed link.</summary>
    public SuggestedCommand? FixCommand { get; set; }

    /// <summary>A failed link as a finding (its code is the link's name); null when the link passed.</summary>
    public Finding? Finding { get; set; }

    public override string ToString() => $"{Link} {(Passed ? "passed" : "FAILED")}: {Source} -> {Destination}";
}

public static class NetworkPathLinks
{
    public const string TaskSecurityGroups = "TaskSecurityGroups";
    public const string ClientToLoadBalancer = "ClientToLoadBalancer";
    public const string LoadBalancerToTask = "LoadBalancerToTask";
    public const string NetworkAcls = "NetworkAcls";
    public const string PortConsistency = "PortConsistency";
    public const string LoadBalancerZones = "LoadBalancerZones";
    public const string TaskToDatabase = "TaskToDatabase";
    public const string FunctionVpc = "FunctionVpc";
    public const string FunctionToDatabase = "FunctionToDatabase";
    public const string SubnetEgress = "SubnetEgress";
}

public enum NetworkProblem
{
    ClusterNotFound,
    ServiceNotFound,
    TaskNotFound,
    NetworkMissing,
    NoLoadBalancer,
    SecurityGroupNotFound,
    SecurityGroupAmbiguous,
    OpenIngressRefused,
}

/// <summary>A repair or check that cannot go on; the message says what is wrong and what to do.</summary>
public sealed class NetworkRepairException : OpsException
{
    public NetworkRepairException(NetworkProblem problem, string message, string? target = null)
        : base(CodeFor(problem), message, target)
    {
        Problem = problem;
    }

    public NetworkProblem Problem { get; }

    private static ErrorCode CodeFor(NetworkProblem problem) => problem switch
    {
        NetworkProblem.ClusterNotFound => ErrorTable.EcsClusterNotFound,
        NetworkProblem.ServiceNotFound => ErrorTable.EcsServiceNotFound,
        NetworkProblem.TaskNotFound => ErrorTable.EcsTaskNotFound,
        NetworkProblem.SecurityGroupNotFound => ErrorTable.SecurityGroupNotFound,
        NetworkProblem.SecurityGroupAmbiguous => ErrorTable.SecurityGroupAmbiguous,
        NetworkProblem.OpenIngressRefused => ErrorTable.OpenIngressRefused,
        NetworkProblem.NoLoadBalancer => ErrorTable.EcsServiceHasNoLoadBalancer,
        _ => ErrorTable.EcsServiceNetworkMissing,
    };
}

internal static class NetworkNames
{
    public static string Group(string id, string? name) => string.IsNullOrEmpty(name) ? id : $"{name} ({id})";

    /// <summary>0.0.0.0/0 and ::/0 (any spelling of them): never opened by this module.</summary>
    public static bool IsAnywhere(string value)
    {
        var trimmed = value.Trim();
        var slash = trimmed.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        var address = trimmed.Substring(0, slash);
        var length = trimmed.Substring(slash + 1);
        return (length == "0" || length == "00") &&
               (address.Replace("0", "").Replace(".", "").Length == 0 || address.Replace("0", "").Replace(":", "").Length == 0);
    }

    public static void RefuseAnywhere(string value, string parameter)
    {
        if (IsAnywhere(value))
        {
            throw new NetworkRepairException(NetworkProblem.OpenIngressRefused,
                $"{parameter} '{value}' would open the port to the whole internet; this module never adds 0.0.0.0/0 or ::/0 rules. " +
                "Name the security group that needs access (the ALB's, the tasks', the Lambda's).", value);
        }
    }
}
