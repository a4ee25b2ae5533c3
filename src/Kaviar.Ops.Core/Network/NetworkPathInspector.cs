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
    private static readonly string[] InterfaceEndpoints = { "ecr.api", "ecr.dkr", "logs", "secretsmanager" };
    private const string AwsApis = "ECR, S3, CloudWatch Logs, Secrets Manager";

    private readonly OpsContext context;
    private readonly string region;

    // Fresh for every call: what one check read (groups, routes) is shared by the services it covers, never reused later.
    private Ec2Network ec2;
    private ServiceNetworkReader reader;

    public NetworkPathInspector(OpsContext context)
    {
        this.context = context;
        region = context.Region;
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
    }

    public async Task<IReadOnlyList<NetworkPathCheck>> InspectAsync(NetworkPathRequest request, CancellationToken cancellationToken)
    {
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
        return await InspectOneAsync(request, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Many services at once, as a piped sweep asks: one batched service lookup for all of them, and the EC2 reads of a
    /// VPC they share made once. A service that cannot be checked fails alone.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<NetworkPathRequest, IReadOnlyList<NetworkPathCheck>>>> InspectManyAsync(IReadOnlyList<NetworkPathRequest> requests, CancellationToken cancellationToken)
    {
        (ec2, reader) = ServiceNetworkReader.WithFreshReads(context);
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
        foreach (var path in network.Paths.Where(p => p.LoadBalancerSecurityGroups.Count > 0))
        {
            checks.AddRange(await LoadBalancerChecksAsync(network, loadBalancerGroups, path, expected, cancellationToken).ConfigureAwait(false));
        }

        foreach (var path in network.Paths)
        {
            var ports = PortConsistency.Check(path, network.TaskDefinition, region);
            checks.Add(Check(network, NetworkPathLinks.PortConsistency, $"target group {path.TargetGroupName}", $"container {path.ContainerName}", path.Port,
                ports.Consistent, ports.Detail, null, ports.Fix));
        }

        if (request.Database != null || request.DatabaseSecurityGroup != null)
        {
            checks.AddRange(await DatabaseChecksAsync(network, serviceGroups, expected, request, cancellationToken).ConfigureAwait(false));
        }

        checks.AddRange(await EgressChecksAsync(network, cancellationToken).ConfigureAwait(false));
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
    /// The load balancer reaches the tasks when its groups let the traffic out (egress), the tasks' groups let it in
    /// (ingress), and the network ACLs of their subnets pass the requests and the answers; each verdict names its
    /// deciding rule. Security groups and ACLs are separate links, as they have separate fixes.
    /// </summary>
    private async Task<IEnumerable<NetworkPathCheck>> LoadBalancerChecksAsync(ServiceNetwork network, IReadOnlyList<SecurityGroup> loadBalancerGroups,
        LoadBalancerPath path, SecurityGroup? expected, CancellationToken cancellationToken)
    {
        var reach = await new ReachabilityEvaluator(ec2).EvaluateAsync(path.LoadBalancerEnd, path.TaskEnd, path.Question.Protocol, path.Port, cancellationToken)
            .ConfigureAwait(false);
        var sourceGroups = loadBalancerGroups.Where(g => path.LoadBalancerSecurityGroups.Contains(g.GroupId)).ToList();
        var source = sourceGroups.Count == 0 ? string.Join(", ", path.LoadBalancerSecurityGroups) : Ec2Network.Names(sourceGroups);
        var destination = Ec2Network.Names(await ec2.GroupsByIdAsync(network.SecurityGroups, cancellationToken).ConfigureAwait(false));
        string message;
        if (reach.SecurityGroupsAllow)
        {
            message = $"{reach.Ingress.Reason}; {reach.Egress.Reason}: {string.Join(", ", path.LoadBalancerNames)} reaches the tasks of target group {path.TargetGroupName} on {path.Port}.";
        }
        else if (!reach.Ingress.Allowed)
        {
            message = $"{reach.Ingress}: health checks of target group {path.TargetGroupName} time out (Target.Timeout).";
        }
        else
        {
            message = $"{reach.Egress}: the load balancer cannot send to the tasks, so health checks of target group {path.TargetGroupName} time out (Target.Timeout). " +
                      $"Add an outbound rule for TCP {path.Port} to the tasks' group on {source}.";
        }

        var checks = new List<NetworkPathCheck>
        {
            Check(network, NetworkPathLinks.LoadBalancerToTask, source, destination, path.Port, reach.SecurityGroupsAllow, message,
                reach.Ingress.Allowed ? null : network.RepairCommand(expected),
                EgressRuleCommand(path.LoadBalancerSecurityGroups.FirstOrDefault(), network.SecurityGroups.FirstOrDefault(), path.Port)),
        };
        checks.AddRange(AclChecks(network, reach, path.LoadBalancerEnd, path.TaskEnd, path.Port,
            $"health checks of target group {path.TargetGroupName} time out (Target.Timeout) while the security groups allow them"));
        return checks;
    }

    /// <summary>The aws CLI line that lets a group send TCP on the port to another (what a missing egress rule needs; no repair command adds egress).</summary>
    private string? EgressRuleCommand(string? fromGroup, string? toGroup, int port) =>
        fromGroup == null || toGroup == null
            ? null
            : $"aws ec2 authorize-security-group-egress --region {region} --group-id {fromGroup} " +
              $"--ip-permissions 'IpProtocol=tcp,FromPort={port},ToPort={port},UserIdGroupPairs=[{{GroupId={toGroup}}}]'";

    /// <summary>The network ACL link of a flow, when it crosses subnets: passed, or the rules that drop it and the entries that fix it.</summary>
    private IEnumerable<NetworkPathCheck> AclChecks(ServiceNetwork network, Reachability reach, NetworkEnd source, NetworkEnd destination, int port, string consequence)
    {
        if (reach.Acls.Count == 0)
        {
            yield break;
        }

        var denied = reach.Acls.Where(a => !a.Allowed).ToList();
        var subnets = $"{string.Join(", ", source.SubnetIds)} -> {string.Join(", ", destination.SubnetIds)}";
        yield return Check(network, NetworkPathLinks.NetworkAcls, subnets, destination.Description, port, denied.Count == 0,
            denied.Count == 0
                ? $"The network ACLs pass requests and answers between {source.Description} and {destination.Description}: {string.Join("; ", reach.Acls.Select(a => a.Reason))}."
                : $"{string.Join("; ", denied.Select(a => a.Reason))}: {consequence}.",
            null,
            denied.Count > 0 && denied.All(a => a.FixCommand(region) != null)
                ? string.Join(" && ", denied.Select(a => a.FixCommand(region)))
                : $"aws ec2 describe-network-acls --region {region} --filters Name=association.subnet-id,Values={string.Join(",", source.SubnetIds.Concat(destination.SubnetIds))}");
    }

    /// <summary>
    /// The tasks reach the database when its groups admit them, theirs let the traffic out, and the ACLs of the
    /// subnets between pass it both ways; the database is an RDS instance or cluster (groups, subnets and port from
    /// RDS) or a group.
    /// </summary>
    private async Task<IEnumerable<NetworkPathCheck>> DatabaseChecksAsync(ServiceNetwork network, IReadOnlyList<SecurityGroup> serviceGroups, SecurityGroup? expected,
        NetworkPathRequest request, CancellationToken cancellationToken)
    {
        var source = expected ?? serviceGroups.FirstOrDefault();
        var sourceName = source?.GroupName ?? source?.GroupId ?? "<tasks' group>";
        NetworkEnd database;
        int port;
        SuggestedCommand ingressFix;
        if (request.Database != null)
        {
            var located = await DatabaseLocator.LocateAsync(context, request.Database, cancellationToken).ConfigureAwait(false);
            database = await DatabaseEnds.OfDatabaseAsync(ec2, located, cancellationToken).ConfigureAwait(false);
            port = request.DatabasePort ?? located.Port ?? 5432;
            ingressFix = Suggest.RepairDatabaseIngressOf(region, sourceName, located.Identifier);
        }
        else
        {
            var group = await ec2.ResolveGroupAsync(request.DatabaseSecurityGroup!, network.VpcId, "-DatabaseSecurityGroup", cancellationToken).ConfigureAwait(false);
            database = await DatabaseEnds.OfGroupAsync(ec2, group, cancellationToken).ConfigureAwait(false);
            port = request.DatabasePort ?? 5432;
            ingressFix = Suggest.RepairDatabaseIngress(region, sourceName, group.GroupName ?? group.GroupId, port);
        }

        var tasks = new NetworkEnd
        {
            Description = $"the tasks of {network.ServiceName}",
            GroupIds = network.SecurityGroups,
            SubnetIds = network.Subnets,
            Blocks = network.TaskBlocks,
            EphemeralPorts = PortSpan.LinuxEphemeral,
        };
        var reach = await new ReachabilityEvaluator(ec2).EvaluateAsync(tasks, database, "tcp", port, cancellationToken).ConfigureAwait(false);
        var groups = Ec2Network.Names(await ec2.GroupsByIdAsync(database.GroupIds, cancellationToken).ConfigureAwait(false));
        var checks = new List<NetworkPathCheck>
        {
            Check(network, NetworkPathLinks.TaskToDatabase, Ec2Network.Names(serviceGroups), groups.Length == 0 ? database.Description : groups, port,
                reach.SecurityGroupsAllow,
                reach.SecurityGroupsAllow
                    ? $"{reach.Ingress.Reason}; {reach.Egress.Reason}: the tasks reach {database.Description} on {port}."
                    : $"{(reach.Ingress.Allowed ? reach.Egress : reach.Ingress)}; connections to {database.Description} on {port} time out.",
                reach.Ingress.Allowed ? null : ingressFix,
                EgressRuleCommand(source?.GroupId, database.GroupIds.FirstOrDefault(), port)),
        };
        checks.AddRange(AclChecks(network, reach, tasks, database, port, $"connections to {database.Description} on {port} time out while the security groups allow them"));
        return checks;
    }

    private async Task<List<NetworkPathCheck>> EgressChecksAsync(ServiceNetwork network, CancellationToken cancellationToken)
    {
        if (network.VpcId == null || network.Subnets.Count == 0)
        {
            return new List<NetworkPathCheck>();
        }

        var tables = await ec2.RouteTablesAsync(network.VpcId, cancellationToken).ConfigureAwait(false);
        var natGateways = await ec2.NatGatewaysAsync(network.VpcId, cancellationToken).ConfigureAwait(false);
        var endpoints = await ec2.VpcEndpointsAsync(network.VpcId, cancellationToken).ConfigureAwait(false);
        var checks = new List<NetworkPathCheck>();
        foreach (var subnet in network.Subnets)
        {
            checks.Add(await EgressCheckAsync(network, subnet, tables, natGateways, endpoints, cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    /// <summary>
    /// A subnet's way out to the AWS APIs a task needs at start: a route to the internet (a public IP and an internet
    /// gateway, or a NAT gateway) that the tasks' groups let HTTPS out to, or the VPC endpoints, which the tasks must
    /// reach on 443 through both sides' groups and the ACLs between.
    /// </summary>
    private async Task<NetworkPathCheck> EgressCheckAsync(ServiceNetwork network, string subnet, IReadOnlyList<RouteTable> tables,
        IReadOnlyList<NatGateway> natGateways, IReadOnlyList<VpcEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var table = tables.FirstOrDefault(t => (t.Associations ?? new List<RouteTableAssociation>()).Any(a => a.SubnetId == subnet))
                    ?? tables.FirstOrDefault(t => (t.Associations ?? new List<RouteTableAssociation>()).Any(a => a.Main == true));
        if (table == null)
        {
            return Check(network, NetworkPathLinks.SubnetEgress, subnet, AwsApis, 443, false, $"No route table applies to {subnet}.", null,
                $"aws ec2 describe-route-tables --region {region} --filters Name=vpc-id,Values={network.VpcId}");
        }

        var defaultRoute = (table.Routes ?? new List<Route>()).FirstOrDefault(r => r.DestinationCidrBlock == "0.0.0.0/0");
        var notes = new List<string>();
        if (defaultRoute?.GatewayId is { } gateway && gateway.StartsWith("igw-", StringComparison.Ordinal))
        {
            if (network.AssignPublicIp == "ENABLED")
            {
                return await InternetEgressCheckAsync(network, subnet, $"Public IP (assignPublicIp ENABLED) and route 0.0.0.0/0 -> {gateway} in {table.RouteTableId}",
                    cancellationToken).ConfigureAwait(false);
            }

            notes.Add($"{table.RouteTableId} routes 0.0.0.0/0 to {gateway} but the service's assignPublicIp is DISABLED, so tasks have no public IP to use it");
        }
        else if (defaultRoute?.NatGatewayId is { } natId)
        {
            var nat = natGateways.FirstOrDefault(n => n.NatGatewayId == natId);
            var state = nat?.State?.Value ?? "missing";
            if (state == "available")
            {
                return await InternetEgressCheckAsync(network, subnet, $"Route 0.0.0.0/0 -> NAT gateway {natId} (available) in {table.RouteTableId}",
                    cancellationToken).ConfigureAwait(false);
            }

            notes.Add($"{table.RouteTableId} routes 0.0.0.0/0 to NAT gateway {natId}, which is {state}");
        }
        else
        {
            notes.Add($"{table.RouteTableId} has no 0.0.0.0/0 route (no internet gateway, no NAT gateway)");
        }

        var missing = MissingEndpoints(endpoints, table.RouteTableId);
        if (missing.Count == 0)
        {
            return await EndpointReachCheckAsync(network, subnet, endpoints,
                $"{string.Join("; ", notes)}; VPC endpoints for ecr.api, ecr.dkr, logs, secretsmanager and the S3 gateway endpoint on {table.RouteTableId} serve the tasks",
                cancellationToken).ConfigureAwait(false);
        }

        return Check(network, NetworkPathLinks.SubnetEgress, subnet, AwsApis, 443, false,
            $"{string.Join("; ", notes)}; VPC endpoints missing: {string.Join(", ", missing)}. Tasks cannot pull from ECR or ship logs " +
            "(CannotPullContainerError / ResourceInitializationError).", null,
            network.AssignPublicIp != "ENABLED" && defaultRoute?.GatewayId?.StartsWith("igw-", StringComparison.Ordinal) == true
                ? $"aws ecs update-service --cluster {network.Cluster} --service {network.ServiceName} --region {region} --network-configuration " +
                  $"'awsvpcConfiguration={{subnets=[{string.Join(",", network.Subnets)}],securityGroups=[{string.Join(",", network.SecurityGroups)}],assignPublicIp=ENABLED}}'"
                : $"aws ec2 create-route --region {region} --route-table-id {table.RouteTableId} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-gateway-id in a public subnet>" +
                  $" (or create the endpoints: {string.Join("; ", missing.Select(m => EndpointCommand(network, m, table.RouteTableId, subnet)))})");
    }

    /// <summary>The tasks' groups must let HTTPS out to the internet, where the public AWS endpoints are.</summary>
    private async Task<NetworkPathCheck> InternetEgressCheckAsync(ServiceNetwork network, string subnet, string route, CancellationToken cancellationToken)
    {
        var groups = await ec2.GroupsByIdAsync(network.SecurityGroups, cancellationToken).ConfigureAwait(false);
        var verdict = await ec2.EvaluateAsync(groups, TrafficDirection.Outbound, new TrafficQuestion
        {
            Protocol = "tcp",
            Port = 443,
            PeerBlocks = new[] { IpBlock.Parse("0.0.0.0/0") },
            PeerDescription = "the AWS APIs on the internet",
        }, cancellationToken).ConfigureAwait(false);
        return Check(network, NetworkPathLinks.SubnetEgress, subnet, AwsApis, 443, verdict.Allowed,
            verdict.Allowed
                ? $"{route}; {verdict.Reason}."
                : $"{route}, but {verdict}: tasks cannot pull from ECR, ship logs or read secrets (CannotPullContainerError / ResourceInitializationError).",
            null,
            $"aws ec2 authorize-security-group-egress --region {region} --group-id {network.SecurityGroups.FirstOrDefault()} " +
            "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'");
    }

    /// <summary>
    /// Interface endpoints serve the tasks only when the tasks reach them on 443: the endpoint's groups admit the
    /// tasks, the tasks' groups let the traffic out, and the ACLs between pass it both ways. An endpoint with no
    /// interface in the tasks' zone still answers (across zones), which is noted.
    /// </summary>
    private async Task<NetworkPathCheck> EndpointReachCheckAsync(ServiceNetwork network, string subnet, IReadOnlyList<VpcEndpoint> endpoints, string summary,
        CancellationToken cancellationToken)
    {
        var taskSubnet = (await ec2.CachedSubnetsAsync(new[] { subnet }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var tasks = new NetworkEnd
        {
            Description = $"the tasks in {subnet}",
            GroupIds = network.SecurityGroups,
            SubnetIds = new[] { subnet },
            Blocks = await ec2.SubnetBlocksAsync(new[] { subnet }, false, cancellationToken).ConfigureAwait(false),
            EphemeralPorts = PortSpan.LinuxEphemeral,
        };
        var problems = new List<string>();
        var fixes = new List<string>();
        var notes = new List<string>();
        foreach (var endpoint in InterfaceEndpoints.Select(name => endpoints.First(e => e.ServiceName == ServiceName(name) && e.PrivateDnsEnabled == true)))
        {
            var interfaces = await ec2.NetworkInterfacesAsync(endpoint.NetworkInterfaceIds ?? new List<string>(), cancellationToken).ConfigureAwait(false);
            var endpointSubnets = endpoint.SubnetIds ?? new List<string>();
            var target = new NetworkEnd
            {
                Description = $"endpoint {endpoint.VpcEndpointId} ({endpoint.ServiceName})",
                GroupIds = (endpoint.Groups ?? new List<SecurityGroupIdentifier>()).Select(g => g.GroupId).ToList(),
                SubnetIds = endpointSubnets,
                Blocks = interfaces.Count > 0
                    ? IpBlock.ParseAll(interfaces.Select(i => i.PrivateIpAddress))
                    : await ec2.SubnetBlocksAsync(endpointSubnets, false, cancellationToken).ConfigureAwait(false),
                EphemeralPorts = PortSpan.LinuxEphemeral,
            };
            var reach = await new ReachabilityEvaluator(ec2).EvaluateAsync(tasks, target, "tcp", 443, cancellationToken).ConfigureAwait(false);
            if (!reach.Allowed)
            {
                problems.Add(reach.Reason);
                fixes.Add(!reach.Ingress.Allowed && target.GroupIds.Count > 0
                    ? $"aws ec2 authorize-security-group-ingress --region {region} --group-id {target.GroupIds[0]} --protocol tcp --port 443 --source-group {network.SecurityGroups.FirstOrDefault()}"
                    : !reach.Egress.Allowed
                        ? EgressRuleCommand(network.SecurityGroups.FirstOrDefault(), target.GroupIds.FirstOrDefault(), 443) ?? ""
                        : string.Join(" && ", reach.Acls.Where(a => !a.Allowed).Select(a => a.FixCommand(region)).OfType<string>()));
            }

            var zones = (await ec2.CachedSubnetsAsync(endpointSubnets, cancellationToken).ConfigureAwait(false)).Select(s => s.AvailabilityZone).ToList();
            if (taskSubnet != null && !zones.Contains(taskSubnet.AvailabilityZone))
            {
                notes.Add($"{endpoint.ServiceName} has no interface in {taskSubnet.AvailabilityZone}, so the tasks there reach it in another zone (and lose it with that zone)");
            }
        }

        var noted = notes.Count == 0 ? "" : $" Note: {string.Join("; ", notes)}.";
        return problems.Count == 0
            ? Check(network, NetworkPathLinks.SubnetEgress, subnet, AwsApis, 443, true, $"{summary}; the tasks reach each on 443.{noted}", null)
            : Check(network, NetworkPathLinks.SubnetEgress, subnet, AwsApis, 443, false,
                $"{summary}, but {string.Join("; ", problems)}: tasks cannot pull from ECR, ship logs or read secrets (CannotPullContainerError / ResourceInitializationError).{noted}",
                null, string.Join(" && ", fixes.Where(f => f.Length > 0).Distinct()));
    }

    private List<string> MissingEndpoints(IReadOnlyList<VpcEndpoint> endpoints, string routeTableId)
    {
        bool Available(VpcEndpoint e) => string.Equals(e.State?.Value, "available", StringComparison.OrdinalIgnoreCase);
        var missing = InterfaceEndpoints
            .Where(name => !endpoints.Any(e => e.ServiceName == ServiceName(name) && Available(e) && e.PrivateDnsEnabled == true))
            .Select(ServiceName)
            .ToList();
        if (!endpoints.Any(e => e.ServiceName == ServiceName("s3") && Available(e) &&
                                e.VpcEndpointType?.Value == "Gateway" && (e.RouteTableIds ?? new List<string>()).Contains(routeTableId)))
        {
            missing.Add(ServiceName("s3") + " (Gateway)");
        }

        return missing;
    }

    private string EndpointCommand(ServiceNetwork network, string endpoint, string routeTableId, string subnet) =>
        endpoint.EndsWith(" (Gateway)", StringComparison.Ordinal)
            ? $"aws ec2 create-vpc-endpoint --region {region} --vpc-id {network.VpcId} --vpc-endpoint-type Gateway --service-name {endpoint.Replace(" (Gateway)", "")} --route-table-ids {routeTableId}"
            : $"aws ec2 create-vpc-endpoint --region {region} --vpc-id {network.VpcId} --vpc-endpoint-type Interface --service-name {endpoint} --subnet-ids {subnet} --private-dns-enabled";

    private string ServiceName(string shortName) => $"com.amazonaws.{region}.{shortName}";

    private static string? Detail(Kaviar.Ops.AwsServices.ECS.Model.Task task, string name) =>
        (task.Attachments ?? new List<Attachment>())
        .Where(a => a.Type == "ElasticNetworkInterface")
        .SelectMany(a => a.Details ?? new List<Kaviar.Ops.AwsServices.ECS.Model.KeyValuePair>())
        .FirstOrDefault(d => d.Name == name)?.Value;

    /// <summary>A link's verdict; a broken one names its fix: a module command, or (for what the module does not change) an aws CLI line.</summary>
    private NetworkPathCheck Check(ServiceNetwork network, string link, string source, string destination, int? port, bool passed, string detail,
        SuggestedCommand? fix, string? manualFix = null) =>
        new NetworkPathCheck
        {
            Region = region,
            Cluster = network.Cluster,
            ServiceName = network.ServiceName,
            Link = link,
            Source = source,
            Destination = destination,
            Port = port,
            Passed = passed,
            Detail = detail,
            FixCommand = passed ? null : fix,
            Fix = passed ? "" : fix?.ToString() ?? manualFix ?? "",
            Finding = passed ? null : new Finding(link, FindingSeverity.Error, detail, fix, manualFix,
                new[] { $"{source} -> {destination}{(port == null ? "" : $" on {port}")}" }),
        };
}
