using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>
/// The account's VPC networking: what Fargate tasks attach to and what decides whether the ALB can reach them.
/// Lists keep creation order, which is the order the Describe calls return.
/// </summary>
public sealed partial class Ec2State
{
    private const string AllTraffic = "-1";
    private const string Anywhere = "0.0.0.0/0";

    private readonly List<Vpc> _vpcs = new();
    private readonly List<Subnet> _subnets = new();
    private readonly List<SecurityGroup> _securityGroups = new();
    private readonly List<NetworkInterface> _networkInterfaces = new();
    private readonly List<RouteTable> _routeTables = new();
    private readonly List<InternetGateway> _internetGateways = new();
    private readonly List<NatGateway> _natGateways = new();
    private readonly List<VpcEndpoint> _vpcEndpoints = new();
    private readonly List<ManagedPrefixList> _prefixLists = new();

    public Ec2State(AccountState account) => Account = account;

    public AccountState Account { get; }

    public IReadOnlyList<Vpc> Vpcs => _vpcs;

    public IReadOnlyList<Subnet> Subnets => _subnets;

    public IReadOnlyList<SecurityGroup> SecurityGroups => _securityGroups;

    public IReadOnlyList<NetworkInterface> NetworkInterfaces => _networkInterfaces;

    public IReadOnlyList<RouteTable> RouteTables => _routeTables;

    public IReadOnlyList<InternetGateway> InternetGateways => _internetGateways;

    public IReadOnlyList<NatGateway> NatGateways => _natGateways;

    public IReadOnlyList<VpcEndpoint> VpcEndpoints => _vpcEndpoints;

    public IReadOnlyList<ManagedPrefixList> PrefixLists => _prefixLists;

    public Vpc? FindVpc(string vpcId) => _vpcs.Find(v => v.VpcId == vpcId);

    public Subnet? FindSubnet(string subnetId) => _subnets.Find(s => s.SubnetId == subnetId);

    public SecurityGroup? FindSecurityGroup(string groupId) => _securityGroups.Find(g => g.GroupId == groupId);

    public SecurityGroup? FindSecurityGroupByName(string vpcId, string name) =>
        _securityGroups.Find(g => g.VpcId == vpcId && g.GroupName == name);

    public NetworkInterface? FindNetworkInterface(string networkInterfaceId) =>
        _networkInterfaces.Find(n => n.NetworkInterfaceId == networkInterfaceId);

    /// <summary>Free addresses as DescribeSubnets reports them.</summary>
    public int AvailableIpAddressCount(Subnet subnet) =>
        (int)(Ipv4Cidr.Parse(subnet.CidrBlock).Size - Ipv4Cidr.ReservedAddressesPerSubnet)
        - _networkInterfaces.Count(n => n.SubnetId == subnet.SubnetId);

    /// <summary>
    /// Whether a TCP connection from <paramref name="source"/> to <paramref name="destination"/> on
    /// <paramref name="port"/> gets through, as AWS judges it.
    /// <para>Security groups (stateful): the source's groups must let it out and the destination's let it in. A rule
    /// admits the other end when it names one of its groups, or when its IPv4 CIDR holds every range the other end's
    /// addresses come from (a load balancer's nodes may take any address of its subnets); IPv6 rules never admit IPv4
    /// traffic. An end whose ranges are not known (null) is admitted by group rules only.</para>
    /// <para>Network ACLs (stateless, per subnet, at the subnet's boundary): for every pair of subnets the two ends may
    /// sit in, unless it is one subnet, the source subnet's ACL must pass the request out and the reply in (on the
    /// source's ephemeral ports), and the destination subnet's ACL the request in and the reply out. An end outside the
    /// VPC (no subnets) crosses no ACL of its own.</para>
    /// </summary>
    public bool AllowsTcp(TcpEnd source, TcpEnd destination, int port) =>
        Permits(destination.SecurityGroupIds, egress: false, source.SecurityGroupIds, source.Ranges, port)
        && (destination.Ranges is null || Permits(source.SecurityGroupIds, egress: true, destination.SecurityGroupIds, destination.Ranges, port))
        && NetworkAclsPass(source, destination, port);

    /// <summary>The IPv4 CIDRs of the subnets: where addresses in them come from.</summary>
    public IReadOnlyList<string> SubnetRanges(IEnumerable<string> subnetIds) =>
        subnetIds.Select(FindSubnet).OfType<Subnet>().Select(s => s.CidrBlock).ToList();

    private bool NetworkAclsPass(TcpEnd source, TcpEnd destination, int port)
    {
        var request = PortRange.Single(port);
        foreach (var (sourceSubnet, sourceRanges) in AclSides(source))
        {
            foreach (var (destinationSubnet, destinationRanges) in AclSides(destination))
            {
                if (sourceSubnet is not null && sourceSubnet == destinationSubnet)
                {
                    continue;
                }

                // The request leaves the source subnet and its reply comes back in; it enters the destination subnet and the reply leaves.
                if ((sourceSubnet is not null && !Crosses(sourceSubnet, requestLeaves: true, destinationRanges, request, source.EphemeralPorts))
                    || (destinationSubnet is not null && !Crosses(destinationSubnet, requestLeaves: false, sourceRanges, request, source.EphemeralPorts)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Both packets of a connection through the subnet's ACL: the request on its port, the reply on the client's ephemeral ports.</summary>
    private bool Crosses(string subnetId, bool requestLeaves, IReadOnlyList<string> peerRanges, PortRange request, PortRange reply)
    {
        var acl = NetworkAclOf(subnetId);
        return NetworkAclRules.AllowsTcp(acl, egress: requestLeaves, peerRanges, request)
            && NetworkAclRules.AllowsTcp(acl, egress: !requestLeaves, peerRanges, reply);
    }

    /// <summary>
    /// Each subnet the end may sit in with the addresses it may use there (its ranges inside the subnet, else the whole
    /// subnet); an end outside the VPC is one side without a subnet, from its ranges or anywhere.
    /// </summary>
    private IEnumerable<(string? SubnetId, IReadOnlyList<string> Ranges)> AclSides(TcpEnd end)
    {
        if (end.SubnetIds.Count == 0)
        {
            yield return (null, end.Ranges ?? new[] { Anywhere });
            yield break;
        }

        foreach (var subnet in end.SubnetIds.Distinct().Select(RequireSubnet))
        {
            var block = Ipv4Cidr.Parse(subnet.CidrBlock);
            var inside = (end.Ranges ?? Array.Empty<string>()).Where(r => block.Contains(Ipv4Cidr.Parse(r))).ToList();
            yield return (subnet.SubnetId, inside.Count > 0 ? inside : new[] { subnet.CidrBlock });
        }
    }

    private bool Permits(IReadOnlyList<string> groupIds, bool egress, IReadOnlyList<string> peerGroupIds, IReadOnlyList<string>? peerRanges, int port)
    {
        var rules = groupIds.Select(FindSecurityGroup).OfType<SecurityGroup>()
            .SelectMany(g => egress ? g.EgressRules : g.IngressRules)
            .Where(r => r.AllowsTcpPort(port))
            .ToList();
        if (rules.Any(r => r.ReferencedGroupId is not null && peerGroupIds.Contains(r.ReferencedGroupId)))
        {
            return true;
        }

        var cidrs = rules.SelectMany(Ipv4CidrsOf).Select(Ipv4Cidr.Parse).ToList();
        return peerRanges is { Count: > 0 } && peerRanges.All(range => cidrs.Any(c => c.Contains(Ipv4Cidr.Parse(range))));
    }

    /// <summary>A task ENI (Fargate awsvpc): a free private IP in the subnet, a MAC, and a public IP when asked.</summary>
    public NetworkInterface CreateNetworkInterface(string subnetId, IReadOnlyList<string> groupIds, string description, bool assignPublicIp)
    {
        var subnet = RequireSubnet(subnetId);
        foreach (var groupId in groupIds)
        {
            RequireSecurityGroup(groupId);
        }

        var networkInterface = new NetworkInterface(
            NewId("eni"), subnet, AllocatePrivateIp(subnet), assignPublicIp ? NewPublicIp() : null, groupIds.ToArray(), description, NewMacAddress());
        _networkInterfaces.Add(networkInterface);
        return networkInterface;
    }

    public void DeleteNetworkInterface(string networkInterfaceId)
    {
        if (_networkInterfaces.RemoveAll(n => n.NetworkInterfaceId == networkInterfaceId) == 0)
        {
            throw NetworkInterfaceNotFound(networkInterfaceId);
        }
    }

    /// <summary>Adds the permissions to the group's ingress, all or none: a duplicate fails the whole call as on AWS.</summary>
    public IReadOnlyList<SecurityGroupRule> AuthorizeIngress(string groupId, IReadOnlyList<SecurityGroupPermission> permissions) =>
        Authorize(groupId, permissions, egress: false);

    public IReadOnlyList<SecurityGroupRule> AuthorizeEgress(string groupId, IReadOnlyList<SecurityGroupPermission> permissions) =>
        Authorize(groupId, permissions, egress: true);

    /// <summary>Removes the matching ingress rules, all or none: a rule that does not exist fails the whole call.</summary>
    public IReadOnlyList<SecurityGroupRule> RevokeIngress(string groupId, IReadOnlyList<SecurityGroupPermission> permissions) =>
        Revoke(groupId, permissions, egress: false);

    public IReadOnlyList<SecurityGroupRule> RevokeEgress(string groupId, IReadOnlyList<SecurityGroupPermission> permissions) =>
        Revoke(groupId, permissions, egress: true);

    private IReadOnlyList<SecurityGroupRule> Authorize(string groupId, IReadOnlyList<SecurityGroupPermission> permissions, bool egress)
    {
        var group = RequireSecurityGroup(groupId);
        var rules = egress ? group.EgressRules : group.IngressRules;
        var normalized = permissions.Select(Normalize).ToList();
        foreach (var permission in normalized)
        {
            if (permission.ReferencedGroupId is { } peerGroupId)
            {
                RequireSecurityGroup(peerGroupId);
            }

            if (permission.PrefixListId is { } prefixListId)
            {
                RequirePrefixList(prefixListId);
            }

            if (rules.Exists(r => r.SamePermissionAs(permission)))
            {
                throw new AwsErrorException(
                    "InvalidPermission.Duplicate",
                    $"the specified rule \"{Describe(permission)}\" already exists");
            }
        }

        var added = normalized
            .Select(p => new SecurityGroupRule(NewId("sgr"), group.GroupId, egress, p.IpProtocol, p.FromPort, p.ToPort, p.CidrIpv4, p.ReferencedGroupId, p.Description, p.CidrIpv6, p.PrefixListId))
            .ToList();
        rules.AddRange(added);
        return added;
    }

    private IReadOnlyList<SecurityGroupRule> Revoke(string groupId, IReadOnlyList<SecurityGroupPermission> permissions, bool egress)
    {
        var group = RequireSecurityGroup(groupId);
        var rules = egress ? group.EgressRules : group.IngressRules;
        var revoked = new List<SecurityGroupRule>();
        foreach (var permission in permissions.Select(Normalize))
        {
            var rule = rules.Find(r => r.SamePermissionAs(permission))
                ?? throw new AwsErrorException(
                    "InvalidPermission.NotFound",
                    "The specified rule does not exist in this security group.");
            revoked.Add(rule);
        }

        rules.RemoveAll(revoked.Contains);
        return revoked;
    }

    public ManagedPrefixList CreateManagedPrefixList(string name, string addressFamily, int maxEntries, IEnumerable<(string Cidr, string? Description)> entries)
    {
        if (addressFamily is not ("IPv4" or "IPv6"))
        {
            throw new AwsErrorException("InvalidParameterValue", $"The address family '{addressFamily}' is not valid; use IPv4 or IPv6.");
        }

        var list = new ManagedPrefixList(NewId("pl"), name, addressFamily, maxEntries);
        list.Entries.AddRange(entries);
        if (list.Entries.Count > maxEntries)
        {
            throw new AwsErrorException("InvalidParameterValue", $"The prefix list has {list.Entries.Count} entries, more than its max entries ({maxEntries}).");
        }

        if (list.Entries.Any(e => e.Cidr.Contains(':') != (addressFamily == "IPv6")))
        {
            throw new AwsErrorException("InvalidParameterValue", $"An entry is not of the prefix list's address family ({addressFamily}).");
        }

        _prefixLists.Add(list);
        return list;
    }

    public ManagedPrefixList RequirePrefixList(string prefixListId) =>
        _prefixLists.Find(p => p.PrefixListId == prefixListId)
        ?? throw new AwsErrorException("InvalidPrefixListID.NotFound", $"The prefix list ID '{prefixListId}' does not exist");

    /// <summary>The IPv4 CIDRs a rule names: its own, or the entries of its prefix list as they are now.</summary>
    private IEnumerable<string> Ipv4CidrsOf(SecurityGroupRule rule) =>
        rule.CidrIpv4 is { } cidr ? new[] { cidr }
        : rule.PrefixListId is { } id && _prefixLists.Find(p => p.PrefixListId == id) is { AddressFamily: "IPv4" } list ? list.Entries.Select(e => e.Cidr)
        : Enumerable.Empty<string>();

    /// <summary>Throws InvalidGroupId.Malformed or InvalidGroup.NotFound like EC2 does.</summary>
    public SecurityGroup RequireSecurityGroup(string groupId)
    {
        if (!SecurityGroupIdPattern().IsMatch(groupId))
        {
            throw new AwsErrorException("InvalidGroupId.Malformed", $"Invalid id: \"{groupId}\" (expecting \"sg-...\")");
        }

        return FindSecurityGroup(groupId) ?? throw SecurityGroupNotFound(groupId);
    }

    public Subnet RequireSubnet(string subnetId) =>
        FindSubnet(subnetId) ?? throw new AwsErrorException("InvalidSubnetID.NotFound", $"The subnet ID '{subnetId}' does not exist");

    public Vpc RequireVpc(string vpcId) =>
        FindVpc(vpcId) ?? throw new AwsErrorException("InvalidVpcID.NotFound", $"The vpc ID '{vpcId}' does not exist");

    public static AwsErrorException SecurityGroupNotFound(string groupIdOrName) =>
        new("InvalidGroup.NotFound", $"The security group '{groupIdOrName}' does not exist");

    public static AwsErrorException NetworkInterfaceNotFound(string networkInterfaceId) =>
        new("InvalidNetworkInterfaceID.NotFound", $"The networkInterface ID '{networkInterfaceId}' does not exist");

    [GeneratedRegex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex SecurityGroupIdPattern();

    /// <summary>AWS stores protocols by name and drops ports from all-traffic rules.</summary>
    private static SecurityGroupPermission Normalize(SecurityGroupPermission permission)
    {
        var protocol = permission.IpProtocol.ToLowerInvariant() switch
        {
            "6" => "tcp",
            "17" => "udp",
            "1" => "icmp",
            "all" => AllTraffic,
            var named => named,
        };
        return protocol == AllTraffic
            ? permission with { IpProtocol = protocol, FromPort = null, ToPort = null }
            : permission with { IpProtocol = protocol };
    }

    private static string Describe(SecurityGroupPermission permission) =>
        $"peer: {permission.CidrIpv4 ?? permission.CidrIpv6 ?? permission.ReferencedGroupId}, {permission.IpProtocol.ToUpperInvariant()}"
        + (permission.FromPort is { } from ? $", from port: {from}, to port: {permission.ToPort}" : string.Empty)
        + ", ALLOW";

    private string NewId(string prefix) => prefix + "-" + Account.Ids.Hex(17);

    private int NextRandom(int exclusiveMax) =>
        (int)(uint.Parse(Account.Ids.Hex(8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % (uint)exclusiveMax);

    private string AllocatePrivateIp(Subnet subnet)
    {
        var cidr = Ipv4Cidr.Parse(subnet.CidrBlock);
        var used = _networkInterfaces.Where(n => n.SubnetId == subnet.SubnetId).Select(n => n.PrivateIpAddress).ToHashSet();
        var usable = (int)cidr.Size - Ipv4Cidr.ReservedAddressesPerSubnet;
        if (used.Count >= usable)
        {
            throw new AwsErrorException(
                "InsufficientFreeAddressesInSubnet",
                $"There are not enough free addresses in subnet '{subnet.SubnetId}' to satisfy the requested number of instances.");
        }

        while (true)
        {
            // Random like AWS, but from the account's seeded generator so runs repeat.
            var address = cidr.AddressAt(4 + NextRandom(usable));
            if (!used.Contains(address))
            {
                return address;
            }
        }
    }

    private string NewPublicIp() => $"3.{NextRandom(256)}.{NextRandom(256)}.{1 + NextRandom(254)}";

    private string NewMacAddress() =>
        "0a:" + string.Join(":", Enumerable.Range(0, 5).Select(_ => Account.Ids.Hex(2)));
}
