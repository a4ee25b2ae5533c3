using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.Database;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using ElbLoadBalancer = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.LoadBalancer;
using NetworkInterface = Amazon.EC2.Model.NetworkInterface;

namespace Kaviar.Ops.Network;

/// <summary>What to check: a service (or the service of one task), and optionally the group its tasks should carry and the database's group.</summary>
public sealed class NetworkPathRequest
{
    public ServiceReference? Service { get; set; }

    /// <summary>With <see cref="Cluster"/> instead of <see cref="Service"/>: check this task (and its service's network).</summary>
    public string? TaskArn { get; set; }

    public string Cluster { get; set; } = EcsNames.DefaultCluster;

    /// <summary>The group the tasks must carry (id or name); by default the tasks' groups are judged by whether they admit the load balancer.</summary>
    public string? SecurityGroup { get; set; }

    public string? DatabaseSecurityGroup { get; set; }

    /// <summary>An RDS instance or Aurora cluster (identifier or ARN) the tasks must reach: its groups, subnets and port come from RDS.</summary>
    public ResourceReference? Database { get; set; }

    /// <summary>The database port; by default the database's own (with <see cref="Database"/>), else 5432.</summary>
    public int? DatabasePort { get; set; }
}

/// <summary>
/// Checks each link of the service's network path and says how to fix a broken one: the tasks' ENIs carry the
/// expected groups; the tasks' groups admit the load balancer's on the container port; optionally the database's
/// group admits the tasks'; and each subnet reaches ECR, S3, CloudWatch Logs and Secrets Manager (public IP and an
/// internet gateway, a NAT gateway, or VPC endpoints). Describe calls only.
/// </summary>
public sealed class NetworkPathInspector
{
    private const string InternetFacing = "internet-facing";

    private readonly OpsContext context;
    private readonly string region;

    // Fresh for every call: what one check read (groups, routes) is shared by the services it covers, never reused later.
    private Ec2Network ec2;
    private ServiceNetworkReader reader;
    private WorkloadChecks shared;

    public NetworkPathInspector(OpsContext context)
    {
        this.context = context;
        region = context.Region;
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
        shared = new WorkloadChecks(context, ec2);
    }

    private void FreshReads()
    {
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
        shared = new WorkloadChecks(context, ec2);
    }

    public async Task<IReadOnlyList<NetworkPathCheck>> InspectAsync(NetworkPathRequest request, CancellationToken cancellationToken)
    {
        FreshReads();
        return await InspectOneAsync(request, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Many services at once, as a piped sweep asks: one batched service lookup for all of them, and the EC2 reads of a
    /// VPC they share made once. A service that cannot be checked fails alone.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<NetworkPathRequest, IReadOnlyList<NetworkPathCheck>>>> InspectManyAsync(IReadOnlyList<NetworkPathRequest> requests, CancellationToken cancellationToken)
    {
        FreshReads();
        var services = requests.Where(r => r.TaskArn == null && r.Service != null).Select(r => r.Service!).Distinct().ToList();
        var lookups = (await new EcsServiceLocator(context).LocateAsync(services, ServiceNetworkReader.Parts | ServiceParts.RunningTasks).ConfigureAwait(false))
            .ToDictionary(l => l.Asked);
        // The groups and interfaces of every service, read together rather than a service at a time.
        var snapshots = lookups.Values.Where(l => l.Result != null).Select(l => l.Result!).ToList();
        await ec2.GroupsByIdAsync(snapshots.SelectMany(s => (s.AwsVpc?.SecurityGroups ?? new List<string>())
            .Concat(s.LoadBalancers.SelectMany(l => l.SecurityGroups ?? new List<string>()))), cancellationToken).ConfigureAwait(false);
        await ec2.NetworkInterfacesAsync(snapshots.SelectMany(s => s.RunningTasks).Select(t => Detail(t, "networkInterfaceId")).OfType<string>(), cancellationToken)
            .ConfigureAwait(false);

        var outcomes = new List<Outcome<NetworkPathRequest, IReadOnlyList<NetworkPathCheck>>>();
        foreach (var request in requests)
        {
            try
            {
                var snapshot = request.TaskArn == null ? lookups[request.Service!].Result ?? throw lookups[request.Service!].Failure! : null;
                outcomes.Add(Outcome<NetworkPathRequest, IReadOnlyList<NetworkPathCheck>>.Of(request, await InspectOneAsync(request, snapshot, cancellationToken).ConfigureAwait(false)));
            }
            catch (OpsException ex)
            {
                outcomes.Add(Outcome<NetworkPathRequest, IReadOnlyList<NetworkPathCheck>>.Failed(request, ex));
            }
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<NetworkPathCheck>> InspectOneAsync(NetworkPathRequest request, ServiceSnapshot? snapshot, CancellationToken cancellationToken)
    {
        List<Kaviar.Ops.AwsServices.ECS.Model.Task>? tasks = null;
        ServiceNetwork network;
        if (snapshot != null)
        {
            network = await reader.FromSnapshotAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            ServiceReference service;
            (service, tasks) = await ServiceAndTasksAsync(request, cancellationToken).ConfigureAwait(false);
            network = await reader.ReadAsync(service, cancellationToken, tasks == null ? ServiceParts.RunningTasks : ServiceParts.None).ConfigureAwait(false);
        }

        var expected = request.SecurityGroup == null
            ? null
            : await ec2.ResolveGroupAsync(request.SecurityGroup, network.VpcId, "-SecurityGroup", cancellationToken).ConfigureAwait(false);
        var serviceGroups = await ec2.GroupsByIdAsync(network.SecurityGroups, cancellationToken).ConfigureAwait(false);
        var loadBalancerGroups = await ec2.GroupsByIdAsync(network.LoadBalancerGroups, cancellationToken).ConfigureAwait(false);

        var checks = new List<NetworkPathCheck>();
        checks.AddRange(await TaskGroupChecksAsync(network, tasks ?? network.RunningTasks.ToList(), expected, cancellationToken).ConfigureAwait(false));
        foreach (var loadBalancer in network.LoadBalancers.Where(l => l.Scheme == InternetFacing))
        {
            checks.AddRange(await ClientChecksAsync(network, loadBalancer, cancellationToken).ConfigureAwait(false));
        }

        foreach (var path in network.Paths.Where(p => p.LoadBalancerSecurityGroups.Count > 0))
        {
            foreach (var port in path.Ports)
            {
                checks.AddRange(await LoadBalancerChecksAsync(network, loadBalancerGroups, path, port, expected, cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var path in network.Paths)
        {
            var ports = PortConsistency.Check(path, network.TaskDefinition, region);
            checks.Add(Check(network, NetworkPathLinks.PortConsistency, $"target group {path.TargetGroupName}", $"container {path.ContainerName}", path.Port,
                ports.Consistent, ports.Detail, null, ports.Fix));
        }

        foreach (var path in network.Paths.Where(p => p.LoadBalancerEnd.SubnetIds.Count > 0))
        {
            checks.Add(await ZoneCheckAsync(network, path, cancellationToken).ConfigureAwait(false));
        }

        if (request.Database != null || request.DatabaseSecurityGroup != null)
        {
            // The group a repair names: the one the tasks must carry, else their first.
            checks.AddRange(await shared.DatabaseChecksAsync(network.AsWorkload(), expected ?? serviceGroups.FirstOrDefault(), request.Database,
                request.DatabaseSecurityGroup, request.DatabasePort, cancellationToken).ConfigureAwait(false));
        }

        checks.AddRange(await shared.EgressChecksAsync(network.AsWorkload(), cancellationToken).ConfigureAwait(false));
        return checks;
    }

    private async Task<(ServiceReference Service, List<Kaviar.Ops.AwsServices.ECS.Model.Task>? Tasks)> ServiceAndTasksAsync(
        NetworkPathRequest request, CancellationToken cancellationToken)
    {
        if (request.TaskArn == null)
        {
            return (request.Service ?? throw new ArgumentException("A service or a task ARN is required.", nameof(request)), null);
        }

        var cluster = request.Cluster;
        DescribeTasksResponse described;
        try
        {
            described = await context.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = cluster, Tasks = new List<string> { request.TaskArn } }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ClusterNotFoundException)
        {
            throw new NetworkRepairException(NetworkProblem.ClusterNotFound, $"Cluster '{cluster}' was not found in {region}.", cluster);
        }

        var task = described.Tasks?.FirstOrDefault()
                   ?? throw new NetworkRepairException(NetworkProblem.TaskNotFound,
                       $"Task '{request.TaskArn}' was not found in cluster '{cluster}' ({region}). List tasks with 'aws ecs list-tasks --cluster {cluster} --region {region}'.",
                       request.TaskArn);
        const string servicePrefix = "service:";
        if (task.Group == null || !task.Group.StartsWith(servicePrefix, StringComparison.Ordinal))
        {
            throw new NetworkRepairException(NetworkProblem.ServiceNotFound,
                $"Task '{request.TaskArn}' was not started by a service (group '{task.Group}'); check a service with -Service instead.", request.TaskArn);
        }

        return (EcsNames.Service(task.Group.Substring(servicePrefix.Length), cluster), new List<Kaviar.Ops.AwsServices.ECS.Model.Task> { task });
    }

    private async Task<List<NetworkPathCheck>> TaskGroupChecksAsync(ServiceNetwork network, List<Kaviar.Ops.AwsServices.ECS.Model.Task> tasks,
        SecurityGroup? expected, CancellationToken cancellationToken)
    {
        var enis = tasks.Select(t => (Task: t, EniId: Detail(t, "networkInterfaceId"))).ToList();
        var interfaces = enis.Any(e => e.EniId != null)
            ? await ec2.NetworkInterfacesAsync(enis.Select(e => e.EniId).OfType<string>(), cancellationToken).ConfigureAwait(false)
            : new List<NetworkInterface>();
        var groups = await ec2.GroupsByIdAsync(interfaces.SelectMany(i => (i.Groups ?? new List<GroupIdentifier>()).Select(g => g.GroupId)), cancellationToken)
            .ConfigureAwait(false);
        var wanted = expected == null ? "groups that admit the load balancer" : NetworkNames.Group(expected.GroupId, expected.GroupName);
        var checks = new List<NetworkPathCheck>();
        if (tasks.Count == 0)
        {
            checks.Add(Check(network, NetworkPathLinks.TaskSecurityGroups, "(no running task)", wanted, null, false,
                "The service has no running or pending task whose network interface could be checked.",
                Suggest.GetEcsServiceHealth(region, network.Cluster, network.ServiceName)));
            return checks;
        }

        foreach (var (task, eniId) in enis)
        {
            var taskId = EcsNames.TaskId(task.TaskArn);
            var eni = interfaces.FirstOrDefault(i => i.NetworkInterfaceId == eniId);
            if (eni == null)
            {
                checks.Add(Check(network, NetworkPathLinks.TaskSecurityGroups, $"task {taskId}", wanted, null, false,
                    $"Task {taskId} ({task.LastStatus}) has no network interface yet{(eniId == null ? "" : $" ({eniId} is gone)")}; check again when it is RUNNING.",
                    Suggest.TestEcsNetworkPathOfTask(region, network.Cluster, task.TaskArn)));
                continue;
            }

            var carried = (eni.Groups ?? new List<GroupIdentifier>()).Select(g => groups.FirstOrDefault(x => x.GroupId == g.GroupId)
                                                                              ?? new SecurityGroup { GroupId = g.GroupId, GroupName = g.GroupName }).ToList();
            // The load balancer reaches this one interface: its own address is the destination, whatever the subnet.
            var refused = new List<RuleVerdict>();
            if (expected == null)
            {
                foreach (var path in network.Paths.Where(p => p.LoadBalancerSecurityGroups.Count > 0))
                {
                    var verdict = await ec2.EvaluateAsync(carried, TrafficDirection.Inbound, path.Question, cancellationToken).ConfigureAwait(false);
                    if (!verdict.Allowed)
                    {
                        refused.Add(verdict);
                    }
                }
            }

            var passed = expected != null ? carried.Any(g => g.GroupId == expected.GroupId) : refused.Count == 0;
            checks.Add(Check(network, NetworkPathLinks.TaskSecurityGroups, $"task {taskId} ({eni.NetworkInterfaceId}, {eni.PrivateIpAddress})",
                Ec2Network.Names(carried), null, passed,
                passed
                    ? $"Task {taskId} carries {Ec2Network.Names(carried)}, which {(expected == null ? "admit the load balancer" : $"includes {wanted}")}."
                    : expected != null
                        ? $"Task {taskId} carries {Ec2Network.Names(carried)}, not {wanted}; the load balancer's health checks time out (Target.Timeout) and ECS replaces the task."
                        : $"Task {taskId} carries {Ec2Network.Names(carried)}: {string.Join("; ", refused)}; the load balancer's health checks time out (Target.Timeout) and ECS replaces the task.",
                network.RepairCommand(expected)));
        }

        return checks;
    }

    /// <summary>
    /// Clients on the internet reach an internet-facing load balancer on each of its listener ports (80 that redirects
    /// as much as 443 that forwards) only when its groups admit them there: a group open on 80 alone leaves HTTPS
    /// clients timing out. An internal load balancer's clients are not known, so it is not judged; neither are the
    /// network ACLs of its subnets on this link.
    /// </summary>
    private async Task<IEnumerable<NetworkPathCheck>> ClientChecksAsync(ServiceNetwork network, ElbLoadBalancer loadBalancer, CancellationToken cancellationToken)
    {
        var listeners = await context.Elb.DescribeAllListenersAsync(new DescribeListenersRequest { LoadBalancerArn = loadBalancer.LoadBalancerArn }, cancellationToken)
            .ConfigureAwait(false);
        var groupIds = loadBalancer.SecurityGroups ?? new List<string>();
        var groups = await ec2.GroupsByIdAsync(groupIds, cancellationToken).ConfigureAwait(false);
        var destination = groups.Count == 0 ? loadBalancer.LoadBalancerName : $"{loadBalancer.LoadBalancerName}: {Ec2Network.Names(groups)}";
        var checks = new List<NetworkPathCheck>();
        foreach (var listener in listeners.Where(l => l.Port != null).OrderBy(l => l.Port))
        {
            var port = listener.Port!.Value;
            var verdict = await ec2.EvaluateAsync(groups, TrafficDirection.Inbound, new TrafficQuestion
            {
                Port = port,
                PeerBlocks = new[] { IpBlock.AnyIpv4 },
                PeerDescription = "the internet (0.0.0.0/0)",
            }, cancellationToken).ConfigureAwait(false);
            // A load balancer meant for some clients only (CloudFront's prefix list, an office, a VPN) is not broken: only
            // a port nobody is admitted on is.
            var admitted = verdict.Allowed ? Array.Empty<string>() : SecurityGroupEvaluator.SourcesAdmitting(groups, "tcp", port);
            var reached = verdict.Allowed || admitted.Count > 0;
            var detail = verdict.Allowed
                ? $"{verdict.Reason}: clients on the internet reach the {listener.Protocol} listener of {loadBalancer.LoadBalancerName} on {port}."
                : admitted.Count > 0
                    ? $"{verdict}: the {listener.Protocol} listener of {loadBalancer.LoadBalancerName} on {port} admits only {string.Join(", ", admitted)}; " +
                      "other clients' connections time out, which is right when the load balancer is meant for those alone."
                    : $"{verdict}: no client reaches the {listener.Protocol} listener of {loadBalancer.LoadBalancerName} on {port}; " +
                      "their connections time out. Let the load balancer's group admit the listener's port from the clients.";
            checks.Add(Check(network, NetworkPathLinks.ClientToLoadBalancer, "the internet (0.0.0.0/0)", destination, port, reached, detail, null,
                reached ? null : $"aws ec2 authorize-security-group-ingress --region {region} --group-id {groupIds.FirstOrDefault() ?? "<the load balancer's group>"} " +
                                 $"--protocol tcp --port {port} --cidr 0.0.0.0/0"));
        }

        return checks;
    }

    /// <summary>
    /// The load balancer reaches the tasks when its groups let the traffic out (egress), the tasks' groups let it in
    /// (ingress), and the network ACLs of their subnets pass the requests and the answers; each verdict names its
    /// deciding rule. Security groups and ACLs are separate links, as they have separate fixes.
    /// </summary>
    private async Task<IEnumerable<NetworkPathCheck>> LoadBalancerChecksAsync(ServiceNetwork network, IReadOnlyList<SecurityGroup> loadBalancerGroups,
        LoadBalancerPath path, int port, SecurityGroup? expected, CancellationToken cancellationToken)
    {
        var reach = await new ReachabilityEvaluator(ec2).EvaluateAsync(path.LoadBalancerEnd, path.TaskEnd, path.Question.Protocol, port, cancellationToken)
            .ConfigureAwait(false);
        var sourceGroups = loadBalancerGroups.Where(g => path.LoadBalancerSecurityGroups.Contains(g.GroupId)).ToList();
        var source = sourceGroups.Count == 0 ? string.Join(", ", path.LoadBalancerSecurityGroups) : Ec2Network.Names(sourceGroups);
        var destination = Ec2Network.Names(await ec2.GroupsByIdAsync(network.SecurityGroups, cancellationToken).ConfigureAwait(false));
        var what = port == path.Port ? $"on {port}" : $"on {port}, its health check port";
        string message;
        if (reach.SecurityGroupsAllow)
        {
            message = $"{reach.Ingress.Reason}; {reach.Egress.Reason}: {string.Join(", ", path.LoadBalancerNames)} reaches the tasks of target group {path.TargetGroupName} {what}.";
        }
        else if (!reach.Ingress.Allowed)
        {
            message = $"{reach.Ingress}: health checks of target group {path.TargetGroupName} {what} time out (Target.Timeout).";
        }
        else
        {
            message = $"{reach.Egress}: the load balancer cannot send to the tasks, so health checks of target group {path.TargetGroupName} time out (Target.Timeout). " +
                      $"Add an outbound rule for TCP {port} to the tasks' group on {source}.";
        }

        var checks = new List<NetworkPathCheck>
        {
            Check(network, NetworkPathLinks.LoadBalancerToTask, source, destination, port, reach.SecurityGroupsAllow, message,
                reach.Ingress.Allowed ? null : network.RepairCommand(expected),
                shared.EgressRuleCommand(path.LoadBalancerSecurityGroups.FirstOrDefault(), network.SecurityGroups.FirstOrDefault(), port)),
        };
        checks.AddRange(shared.AclChecks(network.AsWorkload(), reach, path.LoadBalancerEnd, path.TaskEnd, port,
            $"health checks of target group {path.TargetGroupName} time out (Target.Timeout) while the security groups allow them"));
        return checks;
    }

    /// <summary>
    /// A load balancer sends nothing to targets in a zone where it has no subnet (they stay Target.NotInUse), so every
    /// subnet the service may place tasks in must be in one of the load balancer's zones.
    /// </summary>
    private async Task<NetworkPathCheck> ZoneCheckAsync(ServiceNetwork network, LoadBalancerPath path, CancellationToken cancellationToken)
    {
        var loadBalancerZones = (await ec2.CachedSubnetsAsync(path.LoadBalancerEnd.SubnetIds, cancellationToken).ConfigureAwait(false))
            .Select(s => s.AvailabilityZone).Distinct().OrderBy(z => z, StringComparer.Ordinal).ToList();
        var taskSubnets = await ec2.CachedSubnetsAsync(network.Subnets, cancellationToken).ConfigureAwait(false);
        var outside = taskSubnets.Where(s => !loadBalancerZones.Contains(s.AvailabilityZone)).ToList();
        var balancers = string.Join(", ", path.LoadBalancerNames);
        if (outside.Count == 0)
        {
            return Check(network, NetworkPathLinks.LoadBalancerZones, balancers, $"target group {path.TargetGroupName}", null, true,
                $"Every subnet of the service is in a zone of {balancers} ({string.Join(", ", loadBalancerZones)}).", null);
        }

        var inside = network.Subnets.Where(id => !outside.Any(s => s.SubnetId == id)).ToList();
        var consequence = inside.Count == 0
            ? "every task is placed there, so the service gets no request at all"
            : "tasks ECS places there get no requests, and the others carry all the traffic";
        return Check(network, NetworkPathLinks.LoadBalancerZones, balancers, $"target group {path.TargetGroupName}", null, false,
            $"{string.Join(", ", outside.Select(s => $"{s.SubnetId} ({s.AvailabilityZone})"))} of the service {(outside.Count == 1 ? "is" : "are")} in no zone of {balancers} " +
            $"({string.Join(", ", loadBalancerZones)}): its targets there stay Target.NotInUse and {consequence}. " +
            "Run the tasks only in subnets of the load balancer's zones, or give the load balancer a subnet in each of the service's zones.",
            null,
            inside.Count == 0 || network.DeploymentController != Deployments.DeploymentControllers.Ecs
                ? $"aws elbv2 set-subnets --region {region} --load-balancer-arn <arn of {path.LoadBalancerNames.FirstOrDefault()}> --subnets <its subnets> " +
                  string.Join(" ", outside.Select(s => s.AvailabilityZone).Distinct().Select(z => $"<a subnet in {z}>"))
                : $"aws ecs update-service --region {region} --cluster {network.Cluster} --service {network.ServiceName} --network-configuration " +
                  $"\"awsvpcConfiguration={{subnets=[{string.Join(",", inside)}],securityGroups=[{string.Join(",", network.SecurityGroups)}],assignPublicIp={network.AssignPublicIp}}}\"");
    }

    private static string? Detail(Kaviar.Ops.AwsServices.ECS.Model.Task task, string name) =>
        (task.Attachments ?? new List<Attachment>())
        .Where(a => a.Type == "ElasticNetworkInterface")
        .SelectMany(a => a.Details ?? new List<Kaviar.Ops.AwsServices.ECS.Model.KeyValuePair>())
        .FirstOrDefault(d => d.Name == name)?.Value;

    /// <summary>A link's verdict, stamped with the service.</summary>
    private NetworkPathCheck Check(ServiceNetwork network, string link, string source, string destination, int? port, bool passed, string detail,
        SuggestedCommand? fix, string? manualFix = null) =>
        shared.Check(network.AsWorkload(), link, source, destination, port, passed, detail, fix, manualFix);
}
