using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Ec2;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// "prefixLists" and "vpcs": each VPC with its subnets, internet gateway, NAT gateways, route tables, security groups
/// and rules, VPC endpoints and network ACLs.
/// <code>
/// { "name": "shop-vpc", "cidr": "10.0.0.0/16",
///   "subnets": [ { "name": "shop-public-1", "cidr": "10.0.1.0/24", "availabilityZone": "eu-west-1a", "mapPublicIpOnLaunch": true } ],
///   "internetGateway": true,
///   "natGateways": [ { "name": "shop-nat", "subnet": "shop-public-1" } ],
///   "routeTables": [ { "name": "shop-private", "subnets": [ "shop-private-1" ], "routes": [ { "destination": "0.0.0.0/0", "natGateway": "shop-nat" } ] } ],
///   "securityGroups": [ { "name": "shop-ecs-sg", "description": "tasks",
///     "ingress": [ { "protocol": "tcp", "port": 8080, "group": "shop-alb-sg" } ], "egress": [ … ] } ],
///   "vpcEndpoints": [ { "service": "com.amazonaws.eu-west-1.secretsmanager", "type": "Interface", "subnets": [ … ], "securityGroups": [ … ] },
///                     { "service": "com.amazonaws.eu-west-1.s3", "type": "Gateway", "routeTables": [ "shop-private" ] } ],
///   "networkAcls": [ { "name": "shop-private-acl", "subnets": [ … ], "entries": [ { "ruleNumber": 100, "egress": false,
///     "protocol": "6", "ruleAction": "allow", "cidr": "10.0.0.0/16", "fromPort": 8080, "toPort": 8080 } ] } ] }
/// </code>
/// A VPC with an "ipv6Cidr" (a /56) may give its subnets one too, each a /64 of it (<c>"ipv6Cidr": "2600:1f18:abc:1::/64"</c>),
/// which a dualstack load balancer's subnets need.
/// A rule's peer is one of "cidr", "ipv6Cidr", "group" (a group of the same VPC) or "prefixList"; "port" or
/// "fromPort"/"toPort"; protocol "tcp" unless said ("-1" for all traffic). "egress", when given, replaces AWS's default
/// all-traffic egress rule. A group named "default" is the one AWS made with the VPC: its entry adds rules to it. A route goes to "internetGateway": true or a "natGateway" by name; a Gateway endpoint adds
/// its own prefix-list route to its route tables.
/// </summary>
internal sealed partial class AccountFileBuilder
{
    private static readonly string[] VpcMembers =
    {
        "name", "cidr", "ipv6Cidr", "subnets", "internetGateway", "natGateways", "routeTables", "securityGroups", "vpcEndpoints", "networkAcls",
    };

    /// <summary>The group AWS creates with every VPC.</summary>
    internal const string DefaultGroup = "default";

    private readonly Dictionary<string, string> _internetGatewayByVpc = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _natGatewayByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _routeTableByName = new(StringComparer.Ordinal);

    private Ec2State Ec2 => _state.Ec2;

    private void AddPrefixList(AccountFileNode list)
    {
        var entries = list.Items("entries").Select(e => (e.RequiredString("cidr"), e.String("description"))).ToList();
        Ec2.CreateManagedPrefixList(list.RequiredString("name"), list.String("addressFamily") ?? "IPv4", list.Int("maxEntries") ?? Math.Max(entries.Count, 1), entries);
    }

    private void AddVpcAndSubnets(AccountFileNode vpcNode)
    {
        vpcNode.RejectUnknownMembers(VpcMembers);
        var vpc = Ec2.AddVpc(vpcNode.RequiredString("cidr"), vpcNode.RequiredString("name"), vpcNode.String("ipv6Cidr"));
        ForEach(vpcNode.Items("subnets"), subnet => Ec2.AddSubnet(vpc.VpcId, subnet.RequiredString("cidr"),
            subnet.String("availabilityZone") ?? _state.Region + "a", subnet.RequiredString("name"), subnet.Bool("mapPublicIpOnLaunch") ?? false,
            subnet.String("ipv6Cidr")));
        if (vpcNode.Bool("internetGateway") ?? false)
        {
            _internetGatewayByVpc[vpc.VpcId] = Ec2.AddInternetGateway(vpc.VpcId);
        }

        ForEach(vpcNode.Items("natGateways"), nat =>
            _natGatewayByName[nat.RequiredString("name")] = Ec2.AddNatGateway(SubnetOf(vpc, nat.Required("subnet")).SubnetId));
        ForEach(vpcNode.Items("securityGroups").Where(group => group.RequiredString("name") != DefaultGroup), group =>
            Ec2.AddSecurityGroup(vpc.VpcId, group.RequiredString("name"), group.String("description") ?? group.RequiredString("name")));
    }

    private void AddRulesRoutesAndEndpoints(AccountFileNode vpcNode)
    {
        var vpc = Named(vpcNode.Required("name"), "VPC", Ec2.Vpcs, v => v.Name);
        ForEach(vpcNode.Items("securityGroups"), group => AddRules(vpc, group));
        ForEach(vpcNode.Items("routeTables"), table => _routeTableByName[table.RequiredString("name")] = Ec2.AddRouteTable(
            vpc.VpcId,
            table.Items("subnets").Select(s => SubnetOf(vpc, s).SubnetId),
            table.Items("routes").Select(route => (route.RequiredString("destination"), RouteTarget(vpc, route))).ToList()));
        ForEach(vpcNode.Items("vpcEndpoints"), endpoint => AddEndpoint(vpc, endpoint));
        ForEach(vpcNode.Items("networkAcls"), acl => AddNetworkAcl(vpc, acl));
    }

    private void AddRules(Vpc vpc, AccountFileNode groupNode)
    {
        var group = GroupOf(vpc.VpcId, groupNode.Required("name"));
        var ingress = groupNode.Items("ingress").Select(rule => Permission(vpc, rule)).ToList();
        if (ingress.Count > 0)
        {
            Ec2.AuthorizeIngress(group.GroupId, ingress);
        }

        if (groupNode.Member("egress") is not null)
        {
            var defaults = group.EgressRules.Select(r => new SecurityGroupPermission(r.IpProtocol, r.FromPort, r.ToPort, r.CidrIpv4, r.ReferencedGroupId)).ToList();
            Ec2.RevokeEgress(group.GroupId, defaults);
            var egress = groupNode.Items("egress").Select(rule => Permission(vpc, rule)).ToList();
            if (egress.Count > 0)
            {
                Ec2.AuthorizeEgress(group.GroupId, egress);
            }
        }
    }

    private SecurityGroupPermission Permission(Vpc vpc, AccountFileNode rule)
    {
        var protocol = rule.String("protocol") ?? "tcp";
        var (from, to) = rule.Int("port") is { } port ? (port, port) : (rule.Int("fromPort"), rule.Int("toPort"));
        var peers = new[] { "cidr", "ipv6Cidr", "group", "prefixList" }.Where(peer => rule.Member(peer) is not null).ToList();
        if (peers.Count != 1)
        {
            throw rule.Fail("needs exactly one peer: cidr, ipv6Cidr, group or prefixList.");
        }

        return new SecurityGroupPermission(
            protocol,
            protocol == "-1" ? null : from,
            protocol == "-1" ? null : to,
            rule.String("cidr"),
            rule.Member("group") is { } peerGroup ? GroupOf(vpc.VpcId, peerGroup).GroupId : null,
            rule.String("description"),
            rule.String("ipv6Cidr"),
            rule.Member("prefixList") is { } list ? Named(list, "prefix list", Ec2.PrefixLists, p => p.PrefixListName).PrefixListId : null);
    }

    private string RouteTarget(Vpc vpc, AccountFileNode route)
    {
        if (route.Bool("internetGateway") ?? false)
        {
            return _internetGatewayByVpc.TryGetValue(vpc.VpcId, out var gateway)
                ? gateway
                : throw route.Fail($"routes to an internet gateway, but VPC '{vpc.Name}' has none (\"internetGateway\": true).");
        }

        if (route.Member("natGateway") is { } nat)
        {
            return _natGatewayByName[Named(nat, "NAT gateway", _natGatewayByName.Keys, name => name)];
        }

        throw route.Fail("needs a target: \"internetGateway\": true or a \"natGateway\" by name.");
    }

    private void AddEndpoint(Vpc vpc, AccountFileNode endpoint)
    {
        var type = endpoint.String("type") ?? "Interface";
        var placement = type == "Gateway"
            ? endpoint.Items("routeTables").Select(t => Named(t, "route table", _routeTableByName.Keys, name => name)).Select(name => _routeTableByName[name])
            : endpoint.Items("subnets").Select(s => SubnetOf(vpc, s).SubnetId);
        var groups = endpoint.Member("securityGroups") is null ? null : endpoint.Items("securityGroups").Select(g => GroupOf(vpc.VpcId, g).GroupId).ToList();
        var endpointId = Ec2.AddVpcEndpoint(vpc.VpcId, endpoint.RequiredString("service"), type, placement.ToList(), groups);
        if (endpoint.Bool("privateDnsEnabled") is { } privateDns)
        {
            Ec2.VpcEndpoints.Single(e => e.VpcEndpointId == endpointId).PrivateDnsEnabled = privateDns;
        }
    }

    private void AddNetworkAcl(Vpc vpc, AccountFileNode aclNode)
    {
        var acl = Ec2.CreateNetworkAcl(vpc.VpcId, new Dictionary<string, string> { ["Name"] = aclNode.RequiredString("name") });
        ForEach(aclNode.Items("entries"), entry => Ec2.CreateNetworkAclEntry(acl.NetworkAclId, new NetworkAclEntry(
            entry.Required("ruleNumber").AsInt(),
            entry.String("protocol") ?? "6",
            entry.String("ruleAction") ?? "allow",
            entry.Bool("egress") ?? false,
            entry.String("cidr"),
            entry.String("ipv6Cidr"),
            entry.Int("fromPort") is { } from ? new PortRange(from, entry.Int("toPort") ?? from) : null)));
        foreach (var subnet in aclNode.Items("subnets"))
        {
            Ec2.AssociateNetworkAcl(SubnetOf(vpc, subnet).SubnetId, acl.NetworkAclId);
        }
    }

    private Subnet SubnetOf(Vpc vpc, AccountFileNode reference) =>
        Named(reference, $"subnet in VPC '{vpc.Name}'", Ec2.Subnets.Where(s => s.VpcId == vpc.VpcId), s => s.Name);

    private Subnet SubnetOf(AccountFileNode reference) => Named(reference, "subnet", Ec2.Subnets, s => s.Name);

    private SecurityGroup GroupOf(string vpcId, AccountFileNode reference) =>
        Named(reference, "security group in the VPC", Ec2.SecurityGroups.Where(g => g.VpcId == vpcId), g => g.GroupName);
}
