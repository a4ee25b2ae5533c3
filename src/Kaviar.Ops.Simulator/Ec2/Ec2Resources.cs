using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Simulator.Ec2;

public sealed class Vpc
{
    internal Vpc(string vpcId, string cidrBlock, string name, string dhcpOptionsId, string cidrAssociationId)
    {
        VpcId = vpcId;
        CidrBlock = cidrBlock;
        Name = name;
        DhcpOptionsId = dhcpOptionsId;
        CidrAssociationId = cidrAssociationId;
    }

    public string VpcId { get; }

    public string CidrBlock { get; }

    /// <summary>The Name tag.</summary>
    public string Name { get; }

    public string DhcpOptionsId { get; }

    public string CidrAssociationId { get; }

    /// <summary>The Amazon-provided IPv6 block, when the VPC has one.</summary>
    public string? Ipv6CidrBlock { get; internal set; }

    /// <summary>DNS through the Amazon resolver and DNS hostnames: on, as interface endpoints with private DNS need both.</summary>
    public bool EnableDnsSupport => true;

    public bool EnableDnsHostnames => true;

    public string State => "available";
}

public sealed class Subnet
{
    internal Subnet(string subnetId, string vpcId, string cidrBlock, string availabilityZone, bool mapPublicIpOnLaunch, string name)
    {
        SubnetId = subnetId;
        VpcId = vpcId;
        CidrBlock = cidrBlock;
        AvailabilityZone = availabilityZone;
        MapPublicIpOnLaunch = mapPublicIpOnLaunch;
        Name = name;
    }

    public string SubnetId { get; }

    public string VpcId { get; }

    public string CidrBlock { get; }

    public string AvailabilityZone { get; }

    public bool MapPublicIpOnLaunch { get; set; }

    /// <summary>The subnet's IPv6 block, inside its VPC's; null for an IPv4-only subnet.</summary>
    public string? Ipv6CidrBlock { get; init; }

    public string? Ipv6CidrAssociationId { get; init; }

    /// <summary>The Name tag.</summary>
    public string Name { get; }

    public string State => "available";
}

/// <summary>What a rule allows and from (or to) whom: one IPv4 or IPv6 CIDR, or one security group.</summary>
public sealed record SecurityGroupPermission(
    string IpProtocol,
    int? FromPort,
    int? ToPort,
    string? CidrIpv4,
    string? ReferencedGroupId,
    string? Description = null,
    string? CidrIpv6 = null,
    string? PrefixListId = null);

/// <summary>
/// One security group rule with exactly one source or destination, the way AWS stores it
/// (DescribeSecurityGroupRules); DescribeSecurityGroups regroups them into IpPermissions.
/// </summary>
public sealed class SecurityGroupRule
{
    internal SecurityGroupRule(string ruleId, string groupId, bool isEgress, string ipProtocol, int? fromPort, int? toPort,
        string? cidrIpv4, string? referencedGroupId, string? description, string? cidrIpv6 = null, string? prefixListId = null)
    {
        CidrIpv6 = cidrIpv6;
        PrefixListId = prefixListId;
        RuleId = ruleId;
        GroupId = groupId;
        IsEgress = isEgress;
        IpProtocol = ipProtocol;
        FromPort = fromPort;
        ToPort = toPort;
        CidrIpv4 = cidrIpv4;
        ReferencedGroupId = referencedGroupId;
        Description = description;
    }

    /// <summary>sgr-…</summary>
    public string RuleId { get; }

    public string GroupId { get; }

    public bool IsEgress { get; }

    /// <summary>"tcp", "udp", "icmp" or "-1" (all traffic).</summary>
    public string IpProtocol { get; }

    /// <summary>Absent for protocol "-1", as AWS reports it.</summary>
    public int? FromPort { get; }

    public int? ToPort { get; }

    public string? CidrIpv4 { get; }

    /// <summary>An IPv6 peer: it admits IPv6 traffic only.</summary>
    public string? CidrIpv6 { get; }

    public string? ReferencedGroupId { get; }

    /// <summary>A managed prefix list peer: its entries' CIDRs, as they are when the traffic flows.</summary>
    public string? PrefixListId { get; }

    public string? Description { get; }

    /// <summary>Same traffic and same peer: AWS refuses a second such rule (InvalidPermission.Duplicate).</summary>
    public bool SamePermissionAs(SecurityGroupPermission other) =>
        IpProtocol == other.IpProtocol
        && FromPort == other.FromPort
        && ToPort == other.ToPort
        && CidrIpv4 == other.CidrIpv4
        && CidrIpv6 == other.CidrIpv6
        && PrefixListId == other.PrefixListId
        && ReferencedGroupId == other.ReferencedGroupId;

    public bool AllowsTcpPort(int port) =>
        IpProtocol == "-1" || (IpProtocol == "tcp" && FromPort <= port && port <= ToPort);
}

/// <summary>A customer-managed prefix list: named CIDRs of one address family that rules and routes refer to by id.</summary>
public sealed class ManagedPrefixList
{
    internal ManagedPrefixList(string prefixListId, string prefixListName, string addressFamily, int maxEntries)
    {
        PrefixListId = prefixListId;
        PrefixListName = prefixListName;
        AddressFamily = addressFamily;
        MaxEntries = maxEntries;
    }

    public string PrefixListId { get; }

    public string PrefixListName { get; }

    /// <summary>"IPv4" or "IPv6".</summary>
    public string AddressFamily { get; }

    public int MaxEntries { get; }

    public List<(string Cidr, string? Description)> Entries { get; } = new();

    public string State => "create-complete";

    public long Version => 1;
}

public sealed class SecurityGroup
{
    internal SecurityGroup(string groupId, string groupName, string description, string vpcId)
    {
        GroupId = groupId;
        GroupName = groupName;
        Description = description;
        VpcId = vpcId;
    }

    public string GroupId { get; }

    public string GroupName { get; }

    public string Description { get; }

    public string VpcId { get; }

    public List<SecurityGroupRule> IngressRules { get; } = new();

    public List<SecurityGroupRule> EgressRules { get; } = new();
}

public sealed class NetworkInterface
{
    internal NetworkInterface(string networkInterfaceId, Subnet subnet, string privateIpAddress, string? publicIp,
        IReadOnlyList<string> groupIds, string description, string macAddress)
    {
        NetworkInterfaceId = networkInterfaceId;
        SubnetId = subnet.SubnetId;
        VpcId = subnet.VpcId;
        AvailabilityZone = subnet.AvailabilityZone;
        PrivateIpAddress = privateIpAddress;
        PublicIp = publicIp;
        GroupIds = groupIds;
        Description = description;
        MacAddress = macAddress;
    }

    public string NetworkInterfaceId { get; }

    public string SubnetId { get; }

    public string VpcId { get; }

    public string AvailabilityZone { get; }

    public string PrivateIpAddress { get; }

    public string? PublicIp { get; }

    public IReadOnlyList<string> GroupIds { get; }

    public string Description { get; }

    /// <summary>"in-use" once attached to a task; Fargate ENIs are created attached.</summary>
    public string Status { get; set; } = "in-use";

    public string MacAddress { get; }

    /// <summary>"interface" for Fargate task ENIs.</summary>
    public string InterfaceType { get; set; } = "interface";
}

/// <summary>A route to a CIDR (or, for gateway endpoints, to a prefix list) via "local", igw-, nat- or vpce-.</summary>
public sealed record Route(
    string? DestinationCidrBlock,
    string? DestinationPrefixListId,
    string? GatewayId,
    string? NatGatewayId,
    string Origin)
{
    public string State => "active";
}

public sealed record RouteTableAssociation(string AssociationId, string RouteTableId, string? SubnetId, bool Main);

public sealed class RouteTable
{
    internal RouteTable(string routeTableId, string vpcId)
    {
        RouteTableId = routeTableId;
        VpcId = vpcId;
    }

    public string RouteTableId { get; }

    public string VpcId { get; }

    public List<Route> Routes { get; } = new();

    public List<RouteTableAssociation> Associations { get; } = new();

    public bool IsMain => Associations.Exists(a => a.Main);
}

public sealed class InternetGateway
{
    internal InternetGateway(string internetGatewayId) => InternetGatewayId = internetGatewayId;

    public string InternetGatewayId { get; }

    /// <summary>VPC ids this gateway is attached to (state "available").</summary>
    public List<string> AttachedVpcIds { get; } = new();
}

public sealed class NatGateway
{
    internal NatGateway(string natGatewayId, Subnet subnet, string privateIp, string publicIp, string networkInterfaceId,
        string allocationId, DateTime createTime)
    {
        NatGatewayId = natGatewayId;
        SubnetId = subnet.SubnetId;
        VpcId = subnet.VpcId;
        PrivateIp = privateIp;
        PublicIp = publicIp;
        NetworkInterfaceId = networkInterfaceId;
        AllocationId = allocationId;
        CreateTime = createTime;
    }

    public string NatGatewayId { get; }

    public string SubnetId { get; }

    public string VpcId { get; }

    public string PrivateIp { get; }

    public string PublicIp { get; }

    public string NetworkInterfaceId { get; }

    public string AllocationId { get; }

    public DateTime CreateTime { get; }

    public string State { get; set; } = "available";

    public string ConnectivityType => "public";
}

public sealed class VpcEndpoint
{
    internal VpcEndpoint(string vpcEndpointId, string vpcId, string serviceName, string vpcEndpointType, DateTime creationTimestamp)
    {
        VpcEndpointId = vpcEndpointId;
        VpcId = vpcId;
        ServiceName = serviceName;
        VpcEndpointType = vpcEndpointType;
        CreationTimestamp = creationTimestamp;
    }

    public string VpcEndpointId { get; }

    public string VpcId { get; }

    /// <summary>e.g. com.amazonaws.us-east-2.ecr.api</summary>
    public string ServiceName { get; }

    /// <summary>"Interface" or "Gateway".</summary>
    public string VpcEndpointType { get; }

    public string State { get; set; } = "available";

    /// <summary>Interface endpoints only.</summary>
    public List<string> SubnetIds { get; } = new();

    /// <summary>Gateway endpoints only.</summary>
    public List<string> RouteTableIds { get; } = new();

    /// <summary>Interface endpoints only.</summary>
    public List<string> GroupIds { get; } = new();

    public List<string> NetworkInterfaceIds { get; } = new();

    public bool PrivateDnsEnabled { get; set; }

    public DateTime CreationTimestamp { get; }
}

/// <summary>An inclusive TCP/UDP port range, as a network ACL entry (or a client's ephemeral ports) has it.</summary>
public sealed record PortRange(int From, int To)
{
    /// <summary>What load balancers, NAT gateways and Lambda functions use as clients (AWS's network ACL guide).</summary>
    public static readonly PortRange ElasticEphemeral = new(1024, 65535);

    /// <summary>The Linux kernel's default, which Fargate tasks use as clients.</summary>
    public static readonly PortRange LinuxEphemeral = new(32768, 60999);

    public static PortRange Single(int port) => new(port, port);
}

public sealed record IcmpTypeCode(int? Type, int? Code);

/// <summary>
/// One network ACL rule as AWS stores it: the protocol as a number ("-1" all), allow or deny, one IPv4 or IPv6 CIDR,
/// ports for TCP (6) and UDP (17), type and code for ICMP. Rule 32767 (32768 for IPv6) is the "*" rule.
/// </summary>
public sealed record NetworkAclEntry(
    int RuleNumber,
    string Protocol,
    string RuleAction,
    bool Egress,
    string? CidrBlock,
    string? Ipv6CidrBlock,
    PortRange? PortRange = null,
    IcmpTypeCode? IcmpTypeCode = null)
{
    public const int LastUserRuleNumber = 32766;

    public bool IsAllow => RuleAction == "allow";
}

public sealed record NetworkAclAssociation(string NetworkAclAssociationId, string NetworkAclId, string SubnetId);

/// <summary>A VPC's stateless subnet firewall. Every subnet is associated with exactly one.</summary>
public sealed class NetworkAcl
{
    internal NetworkAcl(string networkAclId, string vpcId, bool isDefault)
    {
        NetworkAclId = networkAclId;
        VpcId = vpcId;
        IsDefault = isDefault;
    }

    public string NetworkAclId { get; }

    public string VpcId { get; }

    public bool IsDefault { get; }

    public List<NetworkAclEntry> Entries { get; } = new();

    public List<NetworkAclAssociation> Associations { get; } = new();

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One end of a TCP connection as the simulated account judges it: the security groups it carries, the subnets it
/// may sit in (none for an end outside the VPC), the IPv4 ranges its addresses come from (null when only its groups
/// identify it to security groups), and the ephemeral ports it uses when it is the client.
/// </summary>
public sealed record TcpEnd(
    IReadOnlyList<string> SecurityGroupIds,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<string>? Ranges,
    PortRange EphemeralPorts);
