using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using Kaviar.Ops.Database;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Network;

/// <summary>
/// What runs in a VPC and must reach a database and the AWS APIs: an ECS service's tasks or a Lambda function. It
/// says where it sits (groups, subnets, addresses), whether it can have a public IP, which AWS APIs it needs from its
/// subnets, and how its checks are stamped and worded.
/// </summary>
internal sealed class Workload
{
    public string Region { get; set; } = "";

    /// <summary>Stamped on every check: the service's cluster and name, or the function's name.</summary>
    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    public string? FunctionName { get; set; }

    /// <summary>The subject of a sentence: "the tasks of web", "function runner".</summary>
    public string Description { get; set; } = "";

    /// <summary>True when <see cref="Description"/> and <see cref="InSubnet"/> are plural ("the tasks reach").</summary>
    public bool Plural { get; set; }

    /// <summary>The subject in one subnet: "the tasks", "the function".</summary>
    public string InSubnet { get; set; } = "";

    public string? VpcId { get; set; }

    public IReadOnlyList<string> GroupIds { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> SubnetIds { get; set; } = Array.Empty<string>();

    /// <summary>Where its network interfaces take their addresses (the IPv4 blocks of its subnets).</summary>
    public IReadOnlyList<IpBlock> Blocks { get; set; } = Array.Empty<IpBlock>();

    /// <summary>Its interfaces get a public IP, so a route to an internet gateway takes it to the AWS APIs.</summary>
    public bool HasPublicIp { get; set; }

    /// <summary>How it got its public IP ("assignPublicIp ENABLED").</summary>
    public string PublicIpSource { get; set; } = "";

    /// <summary>Why a route to an internet gateway does not serve it ("… so tasks have no public IP to use it").</summary>
    public string NoPublicIpReason { get; set; } = "";

    /// <summary>The aws CLI line that gives it a public IP, when it can have one; null when it never can (a Lambda function).</summary>
    public string? PublicIpFix { get; set; }

    /// <summary>The interface endpoints (short names: "logs", "secretsmanager") it needs where there is no way to the internet.</summary>
    public IReadOnlyList<string> InterfaceEndpoints { get; set; } = Array.Empty<string>();

    /// <summary>It also needs the S3 gateway endpoint on its subnet's route table (ECR's image layers).</summary>
    public bool NeedsS3Gateway { get; set; }

    /// <summary>The APIs it needs, for a check's destination: "ECR, S3, CloudWatch Logs, Secrets Manager".</summary>
    public string AwsApis { get; set; } = "";

    /// <summary>What fails when it cannot reach the APIs: "tasks cannot pull from ECR, ship logs or read secrets (…)".</summary>
    public string ApiFailure { get; set; } = "";

    /// <summary>What fails when endpoints are missing, as a sentence.</summary>
    public string MissingEndpointsFailure { get; set; } = "";

    /// <summary>The link of the database check: TaskToDatabase or FunctionToDatabase.</summary>
    public string DatabaseLink { get; set; } = "";

    /// <summary>The ports answers come back on (what the network ACLs must pass back in): Linux's for tasks, 1024-65535 for Lambda.</summary>
    public PortSpan EphemeralPorts { get; set; } = PortSpan.LinuxEphemeral;

    /// <summary>The workload as the source of a flow: its groups, subnets and their blocks, on its ephemeral ports.</summary>
    public NetworkEnd End => new NetworkEnd
    {
        Description = Description,
        GroupIds = GroupIds,
        SubnetIds = SubnetIds,
        Blocks = Blocks,
        EphemeralPorts = EphemeralPorts,
    };

    /// <summary>"reach" or "reaches", to agree with <see cref="Description"/>.</summary>
    public string Reach => Plural ? "reach" : "reaches";
}

/// <summary>
/// The checks every workload shares, whatever runs it: it reaches a database (security groups both ways, then the
/// network ACLs between), and each of its subnets reaches the AWS APIs it needs (a public IP and an internet gateway,
/// a NAT gateway, or interface VPC endpoints reached on 443). Describe calls only, through one <see cref="Ec2Network"/>.
/// </summary>
internal sealed class WorkloadChecks
{
    private readonly OpsContext context;
    private readonly Ec2Network ec2;
    private readonly string region;

    public WorkloadChecks(OpsContext context, Ec2Network ec2)
    {
        this.context = context;
        this.ec2 = ec2;
        region = context.Region;
    }

    /// <summary>
    /// The workload reaches the database when its groups admit the workload's, the workload's let the traffic out, and
    /// the ACLs of the subnets between pass it both ways; the database is an RDS instance or cluster (groups, subnets
    /// and port from RDS) or a group. <paramref name="source"/> is the group a repair names.
    /// </summary>
    public async Task<IEnumerable<NetworkPathCheck>> DatabaseChecksAsync(Workload workload, SecurityGroup? source, ResourceReference? databaseReference,
        string? databaseSecurityGroup, int? databasePort, CancellationToken cancellationToken)
    {
        var sourceName = source?.GroupName ?? source?.GroupId ?? "<workload's group>";
        NetworkEnd database;
        int port;
        SuggestedCommand ingressFix;
        if (databaseReference != null)
        {
            var located = await DatabaseLocator.LocateAsync(context, databaseReference, cancellationToken).ConfigureAwait(false);
            database = await DatabaseEnds.OfDatabaseAsync(ec2, located, cancellationToken).ConfigureAwait(false);
            port = databasePort ?? located.Port ?? 5432;
            ingressFix = Suggest.RepairDatabaseIngressOf(region, sourceName, located.Identifier);
        }
        else
        {
            var group = await ec2.ResolveGroupAsync(databaseSecurityGroup!, workload.VpcId, "-DatabaseSecurityGroup", cancellationToken).ConfigureAwait(false);
            database = await DatabaseEnds.OfGroupAsync(ec2, group, cancellationToken).ConfigureAwait(false);
            port = databasePort ?? 5432;
            ingressFix = Suggest.RepairDatabaseIngress(region, sourceName, group.GroupName ?? group.GroupId, port);
        }

        var from = workload.End;
        var reach = await new ReachabilityEvaluator(ec2).EvaluateAsync(from, database, "tcp", port, cancellationToken).ConfigureAwait(false);
        var groups = Ec2Network.Names(await ec2.GroupsByIdAsync(database.GroupIds, cancellationToken).ConfigureAwait(false));
        var workloadGroups = Ec2Network.Names(await ec2.GroupsByIdAsync(workload.GroupIds, cancellationToken).ConfigureAwait(false));
        var checks = new List<NetworkPathCheck>
        {
            Check(workload, workload.DatabaseLink, workloadGroups, groups.Length == 0 ? database.Description : groups, port,
                reach.SecurityGroupsAllow,
                reach.SecurityGroupsAllow
                    ? $"{reach.Ingress.Reason}; {reach.Egress.Reason}: {workload.InSubnet} {workload.Reach} {database.Description} on {port}."
                    : $"{(reach.Ingress.Allowed ? reach.Egress : reach.Ingress)}; connections to {database.Description} on {port} time out.",
                reach.Ingress.Allowed ? null : ingressFix,
                EgressRuleCommand(source?.GroupId, database.GroupIds.FirstOrDefault(), port)),
        };
        checks.AddRange(AclChecks(workload, reach, from, database, port, $"connections to {database.Description} on {port} time out while the security groups allow them"));
        return checks;
    }

    /// <summary>The aws CLI line that lets a group send TCP on the port to another (what a missing egress rule needs; no repair command adds egress).</summary>
    public string? EgressRuleCommand(string? fromGroup, string? toGroup, int port) =>
        fromGroup == null || toGroup == null
            ? null
            : $"aws ec2 authorize-security-group-egress --region {region} --group-id {fromGroup} " +
              $"--ip-permissions 'IpProtocol=tcp,FromPort={port},ToPort={port},UserIdGroupPairs=[{{GroupId={toGroup}}}]'";

    /// <summary>The network ACL link of a flow, when it crosses subnets: passed, or the rules that drop it and the entries that fix it.</summary>
    public IEnumerable<NetworkPathCheck> AclChecks(Workload workload, Reachability reach, NetworkEnd source, NetworkEnd destination, int port, string consequence)
    {
        if (reach.Acls.Count == 0)
        {
            yield break;
        }

        var denied = reach.Acls.Where(a => !a.Allowed).ToList();
        var subnets = $"{string.Join(", ", source.SubnetIds)} -> {string.Join(", ", destination.SubnetIds)}";
        yield return Check(workload, NetworkPathLinks.NetworkAcls, subnets, destination.Description, port, denied.Count == 0,
            denied.Count == 0
                ? $"The network ACLs pass requests and answers between {source.Description} and {destination.Description}: {string.Join("; ", reach.Acls.Select(a => a.Reason))}."
                : $"{string.Join("; ", denied.Select(a => a.Reason))}: {consequence}.",
            null,
            denied.Count > 0 && denied.All(a => a.FixCommand(region) != null)
                ? string.Join(" && ", denied.Select(a => a.FixCommand(region)))
                : $"aws ec2 describe-network-acls --region {region} --filters Name=association.subnet-id,Values={string.Join(",", source.SubnetIds.Concat(destination.SubnetIds))}");
    }

    /// <summary>One <see cref="NetworkPathLinks.SubnetEgress"/> check per subnet of the workload.</summary>
    public async Task<List<NetworkPathCheck>> EgressChecksAsync(Workload workload, CancellationToken cancellationToken)
    {
        if (workload.VpcId == null || workload.SubnetIds.Count == 0)
        {
            return new List<NetworkPathCheck>();
        }

        var tables = await ec2.RouteTablesAsync(workload.VpcId, cancellationToken).ConfigureAwait(false);
        var natGateways = await ec2.NatGatewaysAsync(workload.VpcId, cancellationToken).ConfigureAwait(false);
        var endpoints = await ec2.VpcEndpointsAsync(workload.VpcId, cancellationToken).ConfigureAwait(false);
        var checks = new List<NetworkPathCheck>();
        foreach (var subnet in workload.SubnetIds)
        {
            checks.Add(await EgressCheckAsync(workload, subnet, tables, natGateways, endpoints, cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    /// <summary>
    /// A subnet's way out to the AWS APIs the workload needs: a route to the internet (a public IP and an internet
    /// gateway, or a NAT gateway) that its groups let HTTPS out to, or the VPC endpoints, which it must reach on 443
    /// through both sides' groups and the ACLs between.
    /// </summary>
    private async Task<NetworkPathCheck> EgressCheckAsync(Workload workload, string subnet, IReadOnlyList<RouteTable> tables,
        IReadOnlyList<NatGateway> natGateways, IReadOnlyList<VpcEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var table = tables.FirstOrDefault(t => (t.Associations ?? new List<RouteTableAssociation>()).Any(a => a.SubnetId == subnet))
                    ?? tables.FirstOrDefault(t => (t.Associations ?? new List<RouteTableAssociation>()).Any(a => a.Main == true));
        if (table == null)
        {
            return Check(workload, NetworkPathLinks.SubnetEgress, subnet, workload.AwsApis, 443, false, $"No route table applies to {subnet}.", null,
                $"aws ec2 describe-route-tables --region {region} --filters Name=vpc-id,Values={workload.VpcId}");
        }

        var defaultRoute = (table.Routes ?? new List<Route>()).FirstOrDefault(r => r.DestinationCidrBlock == "0.0.0.0/0");
        var notes = new List<string>();
        var internetGateway = defaultRoute?.GatewayId is { } gateway && gateway.StartsWith("igw-", StringComparison.Ordinal) ? gateway : null;
        if (internetGateway != null)
        {
            if (workload.HasPublicIp)
            {
                return await InternetEgressCheckAsync(workload, subnet, $"Public IP ({workload.PublicIpSource}) and route 0.0.0.0/0 -> {internetGateway} in {table.RouteTableId}",
                    cancellationToken).ConfigureAwait(false);
            }

            notes.Add($"{table.RouteTableId} routes 0.0.0.0/0 to {internetGateway} but {workload.NoPublicIpReason}");
        }
        else if (defaultRoute?.NatGatewayId is { } natId)
        {
            var nat = natGateways.FirstOrDefault(n => n.NatGatewayId == natId);
            var state = nat?.State?.Value ?? "missing";
            if (state == "available")
            {
                return await InternetEgressCheckAsync(workload, subnet, $"Route 0.0.0.0/0 -> NAT gateway {natId} (available) in {table.RouteTableId}",
                    cancellationToken).ConfigureAwait(false);
            }

            notes.Add($"{table.RouteTableId} routes 0.0.0.0/0 to NAT gateway {natId}, which is {state}");
        }
        else
        {
            notes.Add($"{table.RouteTableId} has no 0.0.0.0/0 route (no internet gateway, no NAT gateway)");
        }

        var missing = MissingEndpoints(workload, endpoints, table.RouteTableId);
        if (missing.Count == 0)
        {
            var names = string.Join(", ", workload.InterfaceEndpoints) + (workload.NeedsS3Gateway ? $" and the S3 gateway endpoint on {table.RouteTableId}" : "");
            var one = workload.InterfaceEndpoints.Count + (workload.NeedsS3Gateway ? 1 : 0) == 1;
            return await EndpointReachCheckAsync(workload, subnet, endpoints,
                $"{string.Join("; ", notes)}; {(one ? $"the VPC endpoint for {names} serves" : $"VPC endpoints for {names} serve")} {workload.InSubnet}", cancellationToken)
                .ConfigureAwait(false);
        }

        var endpointCommands = string.Join("; ", missing.Select(m => EndpointCommand(workload, m, table.RouteTableId, subnet)));
        return Check(workload, NetworkPathLinks.SubnetEgress, subnet, workload.AwsApis, 443, false,
            $"{string.Join("; ", notes)}; VPC endpoints missing: {string.Join(", ", missing)}. {workload.MissingEndpointsFailure}", null,
            internetGateway != null && workload.PublicIpFix != null
                ? workload.PublicIpFix
                : internetGateway != null
                    ? endpointCommands
                    : $"aws ec2 create-route --region {region} --route-table-id {table.RouteTableId} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-gateway-id in a public subnet>" +
                      $" (or create the endpoints: {endpointCommands})");
    }

    /// <summary>The workload's groups must let HTTPS out to the internet, where the public AWS endpoints are.</summary>
    private async Task<NetworkPathCheck> InternetEgressCheckAsync(Workload workload, string subnet, string route, CancellationToken cancellationToken)
    {
        var groups = await ec2.GroupsByIdAsync(workload.GroupIds, cancellationToken).ConfigureAwait(false);
        var verdict = await ec2.EvaluateAsync(groups, TrafficDirection.Outbound, new TrafficQuestion
        {
            Protocol = "tcp",
            Port = 443,
            PeerBlocks = new[] { IpBlock.AnyIpv4 },
            PeerDescription = "the AWS APIs on the internet",
        }, cancellationToken).ConfigureAwait(false);
        return Check(workload, NetworkPathLinks.SubnetEgress, subnet, workload.AwsApis, 443, verdict.Allowed,
            verdict.Allowed ? $"{route}; {verdict.Reason}." : $"{route}, but {verdict}: {workload.ApiFailure}.",
            null,
            $"aws ec2 authorize-security-group-egress --region {region} --group-id {workload.GroupIds.FirstOrDefault()} " +
            "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'");
    }

    /// <summary>
    /// Interface endpoints serve the workload only when it reaches them on 443: the endpoint's groups admit it, its
    /// groups let the traffic out, and the ACLs between pass it both ways. An endpoint with no interface in the
    /// workload's zone still answers (across zones), which is noted.
    /// </summary>
    private async Task<NetworkPathCheck> EndpointReachCheckAsync(Workload workload, string subnet, IReadOnlyList<VpcEndpoint> endpoints, string summary,
        CancellationToken cancellationToken)
    {
        var workloadSubnet = (await ec2.CachedSubnetsAsync(new[] { subnet }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var from = new NetworkEnd
        {
            Description = $"{workload.InSubnet} in {subnet}",
            GroupIds = workload.GroupIds,
            SubnetIds = new[] { subnet },
            Blocks = await ec2.SubnetBlocksAsync(new[] { subnet }, false, cancellationToken).ConfigureAwait(false),
            EphemeralPorts = workload.EphemeralPorts,
        };
        var problems = new List<string>();
        var fixes = new List<string>();
        var notes = new List<string>();
        foreach (var endpoint in workload.InterfaceEndpoints.Select(name => endpoints.First(e => e.ServiceName == ServiceName(name) && e.PrivateDnsEnabled == true)))
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
            var reach = await new ReachabilityEvaluator(ec2).EvaluateAsync(from, target, "tcp", 443, cancellationToken).ConfigureAwait(false);
            if (!reach.Allowed)
            {
                problems.Add(reach.Reason);
                fixes.Add(!reach.Ingress.Allowed && target.GroupIds.Count > 0
                    ? $"aws ec2 authorize-security-group-ingress --region {region} --group-id {target.GroupIds[0]} --protocol tcp --port 443 --source-group {workload.GroupIds.FirstOrDefault()}"
                    : !reach.Egress.Allowed
                        ? EgressRuleCommand(workload.GroupIds.FirstOrDefault(), target.GroupIds.FirstOrDefault(), 443) ?? ""
                        : string.Join(" && ", reach.Acls.Where(a => !a.Allowed).Select(a => a.FixCommand(region)).OfType<string>()));
            }

            var zones = (await ec2.CachedSubnetsAsync(endpointSubnets, cancellationToken).ConfigureAwait(false)).Select(s => s.AvailabilityZone).ToList();
            if (workloadSubnet != null && !zones.Contains(workloadSubnet.AvailabilityZone))
            {
                notes.Add($"{endpoint.ServiceName} has no interface in {workloadSubnet.AvailabilityZone}, so {workload.InSubnet} there {workload.Reach} it in another zone (and lose{(workload.Plural ? "" : "s")} it with that zone)");
            }
        }

        var noted = notes.Count == 0 ? "" : $" Note: {string.Join("; ", notes)}.";
        return problems.Count == 0
            ? Check(workload, NetworkPathLinks.SubnetEgress, subnet, workload.AwsApis, 443, true,
                $"{summary}; {workload.InSubnet} {workload.Reach} {(workload.InterfaceEndpoints.Count == 1 ? "it" : "each")} on 443.{noted}", null)
            : Check(workload, NetworkPathLinks.SubnetEgress, subnet, workload.AwsApis, 443, false,
                $"{summary}, but {string.Join("; ", problems)}: {workload.ApiFailure}.{noted}",
                null, string.Join(" && ", fixes.Where(f => f.Length > 0).Distinct()));
    }

    private List<string> MissingEndpoints(Workload workload, IReadOnlyList<VpcEndpoint> endpoints, string routeTableId)
    {
        bool Available(VpcEndpoint e) => string.Equals(e.State?.Value, "available", StringComparison.OrdinalIgnoreCase);
        var missing = workload.InterfaceEndpoints
            .Where(name => !endpoints.Any(e => e.ServiceName == ServiceName(name) && Available(e) && e.PrivateDnsEnabled == true))
            .Select(ServiceName)
            .ToList();
        if (workload.NeedsS3Gateway && !endpoints.Any(e => e.ServiceName == ServiceName("s3") && Available(e) &&
                                                        e.VpcEndpointType?.Value == "Gateway" && (e.RouteTableIds ?? new List<string>()).Contains(routeTableId)))
        {
            missing.Add(ServiceName("s3") + " (Gateway)");
        }

        return missing;
    }

    private string EndpointCommand(Workload workload, string endpoint, string routeTableId, string subnet) =>
        endpoint.EndsWith(" (Gateway)", StringComparison.Ordinal)
            ? $"aws ec2 create-vpc-endpoint --region {region} --vpc-id {workload.VpcId} --vpc-endpoint-type Gateway --service-name {endpoint.Replace(" (Gateway)", "")} --route-table-ids {routeTableId}"
            : $"aws ec2 create-vpc-endpoint --region {region} --vpc-id {workload.VpcId} --vpc-endpoint-type Interface --service-name {endpoint} --subnet-ids {subnet} --private-dns-enabled";

    private string ServiceName(string shortName) => $"com.amazonaws.{region}.{shortName}";

    /// <summary>A link's verdict; a broken one names its fix: a module command, or (for what the module does not change) an aws CLI line.</summary>
    public NetworkPathCheck Check(Workload workload, string link, string source, string destination, int? port, bool passed, string detail,
        SuggestedCommand? fix, string? manualFix = null) =>
        new NetworkPathCheck
        {
            Region = region,
            Cluster = workload.Cluster,
            ServiceName = workload.ServiceName,
            FunctionName = workload.FunctionName,
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
