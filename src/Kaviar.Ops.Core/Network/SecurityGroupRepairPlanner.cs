using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using Kaviar.Ops.Database;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Network;

/// <summary>
/// Works out what is missing on the path load balancer → task (and source → database) and returns it as steps,
/// each Planned or AlreadyInPlace. Describe calls only: planning is what -WhatIf runs.
/// </summary>
public sealed class SecurityGroupRepairPlanner
{
    /// <summary>ECS accepts at most five security groups per awsvpc configuration.</summary>
    private const int MaxServiceGroups = 5;

    /// <summary>The service's tasks (desired RUNNING, pending ones too): their interfaces are not "others" sharing a group.</summary>
    private const ServiceParts TaskParts = ServiceParts.RunningTasks;

    private readonly OpsContext context;
    private readonly string region;

    // Fresh for every plan: a plan made after a repair must see the rules as they are now.
    private Ec2Network ec2;
    private ServiceNetworkReader reader;

    public SecurityGroupRepairPlanner(OpsContext context)
    {
        this.context = context;
        region = context.Region;
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
    }

    /// <summary>
    /// The steps that make load balancer → task work for the service: an ingress rule on the tasks' group for each
    /// load balancer group and port, then (when <paramref name="securityGroup"/> is given and the service does not
    /// use it) the service's network configuration with that group added, subnets and public IP setting kept.
    /// Without <paramref name="securityGroup"/> the rule goes on the service's group that already admits the load
    /// balancer, or else its first group.
    /// </summary>
    public async Task<IReadOnlyList<SecurityGroupRepairStep>> PlanServiceAsync(ServiceReference service, string? securityGroup, CancellationToken cancellationToken)
    {
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
        if (securityGroup != null)
        {
            NetworkNames.RefuseAnywhere(securityGroup, "-SecurityGroup");
        }

        return await PlanFromNetworkAsync(service, securityGroup, await reader.ReadAsync(service, cancellationToken, TaskParts).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Plans for many services at once, as a piped repair asks: one batched service lookup, the EC2 reads of a VPC
    /// they share made once. A service that cannot be planned for fails alone.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<ServiceReference, IReadOnlyList<SecurityGroupRepairStep>>>> PlanServicesAsync(IReadOnlyList<ServiceReference> services, string? securityGroup, CancellationToken cancellationToken)
    {
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
        if (securityGroup != null)
        {
            NetworkNames.RefuseAnywhere(securityGroup, "-SecurityGroup");
        }

        var outcomes = new List<Outcome<ServiceReference, IReadOnlyList<SecurityGroupRepairStep>>>();
        foreach (var lookup in await new EcsServiceLocator(context).LocateAsync(services, ServiceNetworkReader.Parts | TaskParts).ConfigureAwait(false))
        {
            try
            {
                var network = await reader.FromSnapshotAsync(lookup.Result ?? throw lookup.Failure!, cancellationToken).ConfigureAwait(false);
                outcomes.Add(Outcome<ServiceReference, IReadOnlyList<SecurityGroupRepairStep>>.Of(lookup.Asked,
                    await PlanFromNetworkAsync(lookup.Asked, securityGroup, network, cancellationToken).ConfigureAwait(false)));
            }
            catch (OpsException ex) when (ex.Code != ErrorTable.OpenIngressRefused)
            {
                outcomes.Add(Outcome<ServiceReference, IReadOnlyList<SecurityGroupRepairStep>>.Failed(lookup.Asked, ex));
            }
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<SecurityGroupRepairStep>> PlanFromNetworkAsync(
        ServiceReference service, string? securityGroup, ServiceNetwork network, CancellationToken cancellationToken)
    {
        if (network.Paths.Count == 0 || network.Paths.All(p => p.LoadBalancerSecurityGroups.Count == 0))
        {
            throw new NetworkRepairException(NetworkProblem.NoLoadBalancer,
                $"Service '{network.ServiceName}' in cluster '{network.Cluster}' has no Application Load Balancer with security groups in front of it; " +
                "there is no load balancer → task rule to repair.", service.Input);
        }

        var serviceGroups = await ec2.GroupsByIdAsync(network.SecurityGroups, cancellationToken).ConfigureAwait(false);
        var sources = await ec2.GroupsByIdAsync(network.LoadBalancerGroups, cancellationToken).ConfigureAwait(false);

        // The rule goes on the group the user named, else on the service's own first group: never on a group the service does not carry.
        var taskGroup = securityGroup != null
            ? await ec2.ResolveGroupAsync(securityGroup, network.VpcId, "-SecurityGroup", cancellationToken).ConfigureAwait(false)
            : serviceGroups.FirstOrDefault()
              ?? throw new NetworkRepairException(NetworkProblem.SecurityGroupNotFound,
                  $"Service '{network.ServiceName}' has no security group; name the one its tasks should use with -SecurityGroup.", service.Input);
        var judged = securityGroup != null ? new List<SecurityGroup> { taskGroup } : serviceGroups;
        var warnings = new SecurityGroupRepairWarnings(ec2);

        var steps = new List<SecurityGroupRepairStep>();
        foreach (var (path, port) in network.Paths.Where(p => p.RepairSource != null).SelectMany(p => p.Ports.Select(port => (p, port))))
        {
            var source = sources.FirstOrDefault(g => g.GroupId == path.RepairSource);
            var step = new SecurityGroupRepairStep
            {
                Region = region,
                Cluster = network.Cluster,
                ServiceName = network.ServiceName,
                ActionKind = SecurityGroupRepairAction.AuthorizeIngress,
                GroupId = taskGroup.GroupId,
                GroupName = taskGroup.GroupName,
                SourceGroupId = path.RepairSource,
                SourceGroupName = source?.GroupName,
                Port = port,
            };
            if (steps.Any(s => s.GroupId == step.GroupId && s.SourceGroupId == step.SourceGroupId && s.Port == step.Port))
            {
                continue;
            }

            step = IngressStatus(step, await ec2.EvaluateAsync(judged, TrafficDirection.Inbound, path.QuestionOn(port), cancellationToken).ConfigureAwait(false));
            if (step.NeedsChange)
            {
                step.Warnings = await warnings.ForIngressAsync(taskGroup, source, port, network, cancellationToken).ConfigureAwait(false);
            }

            steps.Add(step);
        }

        if (securityGroup != null)
        {
            var step = NetworkStep(network, taskGroup);
            if (step.NeedsChange)
            {
                step.Warnings = await warnings.ForNewServiceGroupAsync(taskGroup, network, cancellationToken).ConfigureAwait(false);
            }

            steps.Add(step);
        }

        return steps;
    }

    /// <summary>One AuthorizeIngress step per source group: database group admits TCP <paramref name="port"/> from it.</summary>
    public async Task<IReadOnlyList<SecurityGroupRepairStep>> PlanDatabaseIngressAsync(
        IReadOnlyList<string> sourceSecurityGroups, string databaseSecurityGroup, int port, string? vpcId, CancellationToken cancellationToken)
    {
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
        foreach (var source in sourceSecurityGroups)
        {
            NetworkNames.RefuseAnywhere(source, "-SourceSecurityGroup");
        }

        NetworkNames.RefuseAnywhere(databaseSecurityGroup, "-DatabaseSecurityGroup");

        // Names resolve in the VPC given, else in the VPC of whichever group was given by id.
        var vpc = vpcId;
        if (vpc == null && new[] { databaseSecurityGroup }.Concat(sourceSecurityGroups).FirstOrDefault(Ec2Network.IsGroupId) is { } anyId)
        {
            vpc = (await ec2.ResolveGroupAsync(anyId, null, anyId == databaseSecurityGroup ? "-DatabaseSecurityGroup" : "-SourceSecurityGroup", cancellationToken)
                .ConfigureAwait(false)).VpcId;
        }

        var database = await ec2.ResolveGroupAsync(databaseSecurityGroup, vpc, "-DatabaseSecurityGroup", cancellationToken).ConfigureAwait(false);
        return await PlanIngressAsync(sourceSecurityGroups, new[] { database }, port, vpc ?? database.VpcId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The same for an RDS instance or Aurora cluster: the traffic counts as admitted when any of its groups admits
    /// it; otherwise the rule goes on its first group, on its own port unless <paramref name="port"/> says otherwise.
    /// </summary>
    public async Task<IReadOnlyList<SecurityGroupRepairStep>> PlanDatabaseIngressAsync(
        IReadOnlyList<string> sourceSecurityGroups, ResourceReference database, int? port, CancellationToken cancellationToken)
    {
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
        foreach (var source in sourceSecurityGroups)
        {
            NetworkNames.RefuseAnywhere(source, "-SourceSecurityGroup");
        }

        var located = await DatabaseLocator.LocateAsync(context, database, cancellationToken).ConfigureAwait(false);
        var groups = await ec2.GroupsByIdAsync(located.SecurityGroupIds, cancellationToken).ConfigureAwait(false);
        if (groups.Count == 0)
        {
            throw new NetworkRepairException(NetworkProblem.SecurityGroupNotFound,
                $"{located.Kind} {located.Identifier} has no active VPC security group to add a rule to.", database.Input);
        }

        return await PlanIngressAsync(sourceSecurityGroups, groups, port ?? located.Port ?? 5432, located.VpcId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<SecurityGroupRepairStep>> PlanIngressAsync(
        IReadOnlyList<string> sourceSecurityGroups, IReadOnlyList<SecurityGroup> databaseGroups, int port, string? vpc, CancellationToken cancellationToken)
    {
        var database = databaseGroups[0];
        var steps = new List<SecurityGroupRepairStep>();
        var warnings = new SecurityGroupRepairWarnings(ec2);
        foreach (var name in sourceSecurityGroups.Distinct(StringComparer.Ordinal))
        {
            var source = await ec2.ResolveGroupAsync(name, vpc, "-SourceSecurityGroup", cancellationToken).ConfigureAwait(false);
            // The source's traffic comes from the interfaces that carry its group: a CIDR rule counts only when it holds them all.
            var addresses = await ec2.AddressesOfGroupAsync(source.GroupId, cancellationToken).ConfigureAwait(false);
            var question = new TrafficQuestion
            {
                Protocol = "tcp",
                Port = port,
                PeerGroupIds = new[] { source.GroupId },
                PeerBlocks = addresses,
                PeerDescription = $"the interfaces of {NetworkNames.Group(source.GroupId, source.GroupName)}",
            };
            var verdict = await ec2.EvaluateAsync(databaseGroups, TrafficDirection.Inbound, question, cancellationToken).ConfigureAwait(false);
            var step = IngressStatus(new SecurityGroupRepairStep
            {
                Region = region,
                ActionKind = SecurityGroupRepairAction.AuthorizeIngress,
                GroupId = database.GroupId,
                GroupName = database.GroupName,
                SourceGroupId = source.GroupId,
                SourceGroupName = source.GroupName,
                Port = port,
            }, verdict);
            if (step.NeedsChange)
            {
                step.Warnings = await warnings.ForIngressAsync(database, source, port, null, cancellationToken).ConfigureAwait(false);
            }

            steps.Add(step);
        }

        return steps;
    }

    /// <summary>Planned unless the evaluator already admits the traffic: a repair never reports in place while the path fails.</summary>
    private static SecurityGroupRepairStep IngressStatus(SecurityGroupRepairStep step, RuleVerdict verdict) =>
        verdict.Allowed
            ? step.With(StepStatus.AlreadyInPlace, $"Already in place: {verdict.Reason}.")
            : step.With(StepStatus.Planned,
                $"{verdict}. The rule TCP {step.Port} from {NetworkNames.Group(step.SourceGroupId!, step.SourceGroupName)} will be added to " +
                $"{NetworkNames.Group(step.GroupId, step.GroupName)} (no other rule is changed).");

    private SecurityGroupRepairStep NetworkStep(ServiceNetwork network, SecurityGroup taskGroup)
    {
        var step = new SecurityGroupRepairStep
        {
            Region = region,
            Cluster = network.Cluster,
            ServiceName = network.ServiceName,
            ActionKind = SecurityGroupRepairAction.UpdateServiceNetwork,
            GroupId = taskGroup.GroupId,
            GroupName = taskGroup.GroupName,
            PreviousSecurityGroups = network.SecurityGroups,
            SecurityGroups = network.SecurityGroups,
            Subnets = network.Subnets,
            AssignPublicIp = network.AssignPublicIp,
        };
        if (network.SecurityGroups.Contains(taskGroup.GroupId))
        {
            return step.With(StepStatus.AlreadyInPlace,
                $"Already in place: the service's tasks get {NetworkNames.Group(taskGroup.GroupId, taskGroup.GroupName)}.");
        }

        if (network.SecurityGroups.Count >= MaxServiceGroups)
        {
            throw new NetworkRepairException(NetworkProblem.SecurityGroupAmbiguous,
                $"Service '{network.ServiceName}' already has {MaxServiceGroups} security groups ({string.Join(", ", network.SecurityGroups)}), ECS's limit; " +
                $"remove one with 'aws ecs update-service' before adding {taskGroup.GroupName}.", taskGroup.GroupId);
        }

        step.SecurityGroups = network.SecurityGroups.Concat(new[] { taskGroup.GroupId }).ToList();
        return step.With(StepStatus.Planned,
            $"The service's tasks do not get {NetworkNames.Group(taskGroup.GroupId, taskGroup.GroupName)}; adding it to the service's network " +
            "configuration starts a new deployment (the existing groups, subnets and public IP setting are kept).");
    }
}
