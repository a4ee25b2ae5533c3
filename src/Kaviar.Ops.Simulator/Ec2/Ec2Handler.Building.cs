using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Protocol;
using static Kaviar.Ops.Simulator.Protocol.QueryXmlWriter;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>
/// The calls that lay a network out (VPCs, subnets, groups and their egress, prefix lists, interfaces), so an account
/// can be built over the wire as a user builds one with the CLI or Terraform, and contract tests build the same shapes
/// here and in other emulators.
/// </summary>
public sealed partial class Ec2Handler
{
    private object?[] CreateVpc(IReadOnlyDictionary<string, string> parameters)
    {
        var cidr = Required(parameters, "CidrBlock");
        if (!Ipv4Cidr.TryParse(cidr, out var block) || block.PrefixLength is < 16 or > 28)
        {
            throw new AwsErrorException("InvalidVpc.Range", $"The CIDR '{cidr}' is invalid.");
        }

        var vpc = Ec2.AddVpc(cidr, NameTag(parameters, "vpc"));
        return new object?[] { Renamed("vpc", VpcXml(vpc)) };
    }

    private object?[] CreateSubnet(IReadOnlyDictionary<string, string> parameters)
    {
        var vpc = Ec2.RequireVpc(Required(parameters, "VpcId"));
        var cidr = Required(parameters, "CidrBlock");
        if (!Ipv4Cidr.TryParse(cidr, out var block) || block.PrefixLength is < 16 or > 28 || !Ipv4Cidr.Parse(vpc.CidrBlock).Contains(block))
        {
            throw new AwsErrorException("InvalidSubnet.Range", $"The CIDR '{cidr}' is invalid.");
        }

        if (Ec2.Subnets.Any(s => s.VpcId == vpc.VpcId && (Ipv4Cidr.Parse(s.CidrBlock).Contains(block) || block.Contains(Ipv4Cidr.Parse(s.CidrBlock)))))
        {
            throw new AwsErrorException("InvalidSubnet.Conflict", $"The CIDR '{cidr}' conflicts with another subnet");
        }

        var zone = Optional(parameters, "AvailabilityZone") ?? _account.Region + "a";
        var subnet = Ec2.AddSubnet(vpc.VpcId, cidr, zone, NameTag(parameters, "subnet"), mapPublicIp: false);
        return new object?[] { Renamed("subnet", SubnetXml(subnet)) };
    }

    private object?[] CreateSecurityGroup(IReadOnlyDictionary<string, string> parameters)
    {
        var name = Required(parameters, "GroupName");
        var vpcId = Optional(parameters, "VpcId") ?? Ec2.Vpcs.FirstOrDefault()?.VpcId
            ?? throw new AwsErrorException("VPCIdNotSpecified", "No default VPC for this user");
        Ec2.RequireVpc(vpcId);
        if (Ec2.FindSecurityGroupByName(vpcId, name) is not null)
        {
            throw new AwsErrorException("InvalidGroup.Duplicate", $"The security group '{name}' already exists for VPC '{vpcId}'");
        }

        var group = Ec2.AddSecurityGroup(vpcId, name, Required(parameters, "GroupDescription"));
        return new object?[]
        {
            Value("return", true),
            Value("groupId", group.GroupId),
            Value("securityGroupArn", $"arn:aws:ec2:{_account.Region}:{_account.AccountId}:security-group/{group.GroupId}"),
        };
    }

    private object?[] AuthorizeSecurityGroupEgress(IReadOnlyDictionary<string, string> parameters) =>
        Authorized(Ec2.AuthorizeEgress(Required(parameters, "GroupId"), Permissions(parameters)));

    private object?[] RevokeSecurityGroupEgress(IReadOnlyDictionary<string, string> parameters) =>
        Revoked(Ec2.RevokeEgress(Required(parameters, "GroupId"), Permissions(parameters)));

    private object?[] CreateManagedPrefixList(IReadOnlyDictionary<string, string> parameters)
    {
        var entries = ListPrefixes(parameters, "Entry")
            .Select(prefix => (Cidr: Required(parameters, prefix + ".Cidr"), Description: Optional(parameters, prefix + ".Description")))
            .ToList();
        var maxEntries = OptionalInt(parameters, "MaxEntries", InvalidParameterValue)
            ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter MaxEntries");
        var list = Ec2.CreateManagedPrefixList(Required(parameters, "PrefixListName"), Required(parameters, "AddressFamily"), maxEntries, entries);
        return new object?[] { PrefixListXml("prefixList", list) };
    }

    private object?[] DescribeManagedPrefixLists(IReadOnlyDictionary<string, string> parameters)
    {
        var lists = Requested(parameters, "PrefixListId", Ec2.PrefixLists, p => p.PrefixListId, id => Ec2.RequirePrefixList(id));
        var matching = Filtered(parameters, lists, new Dictionary<string, Func<ManagedPrefixList, IEnumerable<string?>>>
        {
            ["prefix-list-id"] = p => new[] { p.PrefixListId },
            ["prefix-list-name"] = p => new[] { p.PrefixListName },
            ["owner-id"] = _ => new[] { _account.AccountId },
        });
        return new object?[] { List("prefixListSet", "item", matching.Select(p => PrefixListXml("item", p))) };
    }

    private object?[] GetManagedPrefixListEntries(IReadOnlyDictionary<string, string> parameters)
    {
        var list = Ec2.RequirePrefixList(Required(parameters, "PrefixListId"));
        return new object?[]
        {
            List("entrySet", "item", list.Entries.Select(e => new XElement("item", Value("cidr", e.Cidr), Value("description", e.Description)))),
        };
    }

    private object?[] CreateNetworkInterface(IReadOnlyDictionary<string, string> parameters)
    {
        var subnet = Ec2.RequireSubnet(Required(parameters, "SubnetId"));
        var groups = Strings(parameters, "SecurityGroupId");
        if (groups.Count == 0)
        {
            // Without groups an interface gets its VPC's default group, as on AWS.
            groups = new[] { Ec2.FindSecurityGroupByName(subnet.VpcId, "default")!.GroupId };
        }

        var networkInterface = Ec2.CreateNetworkInterface(subnet.SubnetId, groups, Optional(parameters, "Description") ?? string.Empty, assignPublicIp: false);
        networkInterface.Status = "available";
        return new object?[] { Renamed("networkInterface", NetworkInterfaceXml(networkInterface)) };
    }

    private XElement PrefixListXml(string element, ManagedPrefixList list) => new(
        element,
        Value("prefixListId", list.PrefixListId),
        Value("addressFamily", list.AddressFamily),
        Value("state", list.State),
        Value("prefixListArn", $"arn:aws:ec2:{_account.Region}:{_account.AccountId}:prefix-list/{list.PrefixListId}"),
        Value("prefixListName", list.PrefixListName),
        Value("maxEntries", list.MaxEntries),
        Value("version", list.Version),
        new XElement("tagSet"),
        Value("ownerId", _account.AccountId));

    private object?[] CreateRoute(IReadOnlyDictionary<string, string> parameters)
    {
        var routeTableId = Required(parameters, "RouteTableId");
        var destination = Optional(parameters, "DestinationCidrBlock")
            ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter destinationCidrBlock");
        Ec2.CreateRoute(routeTableId, destination, Optional(parameters, "GatewayId"), Optional(parameters, "NatGatewayId"));
        return new object?[] { Value("return", true) };
    }

    /// <summary>A Gateway endpoint (the API's default type) on RouteTableId.N, or an Interface endpoint in SubnetId.N.</summary>
    private object?[] CreateVpcEndpoint(IReadOnlyDictionary<string, string> parameters)
    {
        var type = Optional(parameters, "VpcEndpointType") ?? "Gateway";
        var securityGroupIds = Strings(parameters, "SecurityGroupId");
        var endpointId = Ec2.AddVpcEndpoint(
            Required(parameters, "VpcId"),
            Required(parameters, "ServiceName"),
            type,
            Strings(parameters, type == "Gateway" ? "RouteTableId" : "SubnetId"),
            securityGroupIds.Count > 0 ? securityGroupIds.Select(id => Ec2.RequireSecurityGroup(id).GroupId) : null,
            privateDnsEnabled: Optional(parameters, "PrivateDnsEnabled") is not { } privateDns || privateDns.Equals("true", StringComparison.OrdinalIgnoreCase));
        return new object?[]
        {
            Renamed("vpcEndpoint", VpcEndpointXml(Ec2.VpcEndpoints.Single(e => e.VpcEndpointId == endpointId))),
            Value("clientToken", Optional(parameters, "ClientToken")),
        };
    }

    private static XElement Renamed(string name, XElement item) => new(name, item.Elements());

    private static string Required(IReadOnlyDictionary<string, string> parameters, string name) =>
        Optional(parameters, name) ?? throw new AwsErrorException("MissingParameter", $"The request must contain the parameter {name}");

    /// <summary>The Name tag of TagSpecification.N for the resource type, or "" (the resource then has none).</summary>
    private static string NameTag(IReadOnlyDictionary<string, string> parameters, string resourceType) =>
        ListPrefixes(parameters, "TagSpecification")
            .Where(spec => Optional(parameters, spec + ".ResourceType") == resourceType)
            .SelectMany(spec => ListPrefixes(parameters, spec + ".Tag"))
            .Where(tag => Optional(parameters, tag + ".Key") == "Name")
            .Select(tag => Optional(parameters, tag + ".Value"))
            .FirstOrDefault() ?? string.Empty;
}
