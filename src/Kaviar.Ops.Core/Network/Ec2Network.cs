using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Network;

/// <summary>
/// The EC2 reads the network commands share: every Describe walks all pages and asks with filters (never ids, which
/// fail the whole call when one is gone), security groups resolve from an id or a name, and the prefix lists rules name
/// are resolved for <see cref="SecurityGroupEvaluator"/>.
/// </summary>
internal sealed class Ec2Network
{
    private readonly IAmazonEC2 ec2;
    private readonly string region;
    private readonly Dictionary<string, SecurityGroup> groupsById = new Dictionary<string, SecurityGroup>(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkInterface> interfacesById = new Dictionary<string, NetworkInterface>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<List<RouteTable>>> routeTables = new Dictionary<string, Task<List<RouteTable>>>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<List<NatGateway>>> natGateways = new Dictionary<string, Task<List<NatGateway>>>(StringComparer.Ordinal);
    private readonly Dictionary<string, Subnet> subnetsById = new Dictionary<string, Subnet>(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<IpBlock>?> prefixLists = new Dictionary<string, IReadOnlyList<IpBlock>?>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<List<VpcEndpoint>>> vpcEndpoints = new Dictionary<string, Task<List<VpcEndpoint>>>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<List<NetworkAcl>>> networkAcls = new Dictionary<string, Task<List<NetworkAcl>>>(StringComparer.Ordinal);

    public Ec2Network(IAmazonEC2 ec2, string region)
    {
        this.ec2 = ec2;
        this.region = region;
    }

    public Task<List<SecurityGroup>> SecurityGroupsAsync(IEnumerable<Filter> filters, CancellationToken cancellationToken) =>
        AllPagesAsync(token => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = filters.ToList(), NextToken = token }, cancellationToken),
            r => r.SecurityGroups, r => r.NextToken);

    /// <summary>The interfaces by id; missing ones are left out. Interfaces already read are not asked again.</summary>
    public Task<List<NetworkInterface>> NetworkInterfacesAsync(IEnumerable<string> ids, CancellationToken cancellationToken) =>
        CachedByIdAsync(ids, interfacesById, i => i.NetworkInterfaceId, batch => AllPagesAsync(token => ec2.DescribeNetworkInterfacesAsync(
                new DescribeNetworkInterfacesRequest { Filters = new List<Filter> { By("network-interface-id", batch) }, NextToken = token }, cancellationToken),
            r => r.NetworkInterfaces, r => r.NextToken));

    public Task<List<Subnet>> SubnetsAsync(IEnumerable<string> ids, CancellationToken cancellationToken) =>
        AllPagesAsync(token => ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = new List<Filter> { By("subnet-id", ids) }, NextToken = token }, cancellationToken),
            r => r.Subnets, r => r.NextToken);

    // A VPC's routes, NAT gateways, endpoints and groups are read once per command, however many services share them.
    public Task<List<RouteTable>> RouteTablesAsync(string vpcId, CancellationToken cancellationToken) => Once(routeTables, vpcId, () =>
        AllPagesAsync(token => ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = new List<Filter> { By("vpc-id", vpcId) }, NextToken = token }, cancellationToken),
            r => r.RouteTables, r => r.NextToken));

    public Task<List<NatGateway>> NatGatewaysAsync(string vpcId, CancellationToken cancellationToken) => Once(natGateways, vpcId, () =>
        AllPagesAsync(token => ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = new List<Filter> { By("vpc-id", vpcId) }, NextToken = token }, cancellationToken),
            r => r.NatGateways, r => r.NextToken));

    public Task<List<VpcEndpoint>> VpcEndpointsAsync(string vpcId, CancellationToken cancellationToken) => Once(vpcEndpoints, vpcId, () =>
        AllPagesAsync(token => ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { Filters = new List<Filter> { By("vpc-id", vpcId) }, NextToken = token }, cancellationToken),
            r => r.VpcEndpoints, r => r.NextToken));

    public Task<List<NetworkAcl>> NetworkAclsAsync(string vpcId, CancellationToken cancellationToken) => Once(networkAcls, vpcId, () =>
        AllPagesAsync(token => ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = new List<Filter> { By("vpc-id", vpcId) }, NextToken = token }, cancellationToken),
            r => r.NetworkAcls, r => r.NextToken));

    /// <summary>The groups by id, in the order asked; missing ones are left out. Groups already read are not asked again.</summary>
    public Task<List<SecurityGroup>> GroupsByIdAsync(IEnumerable<string> groupIds, CancellationToken cancellationToken) =>
        CachedByIdAsync(groupIds, groupsById, g => g.GroupId, batch => SecurityGroupsAsync(new[] { By("group-id", batch) }, cancellationToken));

    /// <summary>The subnets by id, in the order asked; missing ones are left out. Subnets already read are not asked again.</summary>
    public Task<List<Subnet>> CachedSubnetsAsync(IEnumerable<string> subnetIds, CancellationToken cancellationToken) =>
        CachedByIdAsync(subnetIds, subnetsById, s => s.SubnetId, batch => SubnetsAsync(batch, cancellationToken));

    // Only ids not read before are asked for, in batches of the filter's limit; filters (not ids) so a missing one is just absent.
    private static async Task<List<T>> CachedByIdAsync<T>(IEnumerable<string> ids, Dictionary<string, T> cache, Func<T, string> idOf,
        Func<List<string>, Task<List<T>>> read)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in ApiLimits.Batches(wanted.Where(id => !cache.ContainsKey(id)).ToList(), ApiLimits.Ec2FilterValues))
        {
            foreach (var item in await read(batch.ToList()).ConfigureAwait(false))
            {
                cache[idOf(item)] = item;
            }
        }

        return wanted.Where(cache.ContainsKey).Select(id => cache[id]).ToList();
    }

    private static Task<T> Once<T>(Dictionary<string, Task<T>> cache, string key, Func<Task<T>> read)
    {
        if (!cache.TryGetValue(key, out var reading))
        {
            reading = read();
            cache[key] = reading;
        }

        return reading;
    }

    /// <summary>
    /// "sg-…" or a group name; names are looked up in <paramref name="vpcId"/> when it is known, else in the whole
    /// region (and must then be unique).
    /// </summary>
    public async Task<SecurityGroup> ResolveGroupAsync(string idOrName, string? vpcId, string parameter, CancellationToken cancellationToken)
    {
        var value = idOrName.Trim();
        NetworkNames.RefuseAnywhere(value, parameter);
        var filters = new List<Filter> { By(IsGroupId(value) ? "group-id" : "group-name", value) };
        if (vpcId != null && !IsGroupId(value))
        {
            filters.Add(By("vpc-id", vpcId));
        }

        var groups = await SecurityGroupsAsync(filters, cancellationToken).ConfigureAwait(false);
        var where = vpcId != null && !IsGroupId(value) ? $"VPC {vpcId} ({region})" : region;
        if (groups.Count == 0)
        {
            var list = vpcId == null
                ? $"aws ec2 describe-security-groups --region {region} --query 'SecurityGroups[].[GroupId,GroupName,VpcId]'"
                : $"aws ec2 describe-security-groups --region {region} --filters Name=vpc-id,Values={vpcId} --query 'SecurityGroups[].[GroupId,GroupName]'";
            throw new NetworkRepairException(NetworkProblem.SecurityGroupNotFound,
                $"{parameter}: security group '{value}' was not found in {where}. List the groups with '{list}'.", value);
        }

        if (groups.Count > 1)
        {
            throw new NetworkRepairException(NetworkProblem.SecurityGroupAmbiguous,
                $"{parameter}: {groups.Count} security groups are named '{value}' in {where} " +
                $"({string.Join(", ", groups.Select(g => $"{g.GroupId} in {g.VpcId}"))}); give the group id instead.", value);
        }

        return groups[0];
    }

    /// <summary>
    /// The address blocks of the subnets in the family the traffic uses (their IPv4 CIDR, or their IPv6 CIDRs): where
    /// a load balancer's nodes or a service's tasks may take their addresses.
    /// </summary>
    public async Task<IReadOnlyList<IpBlock>> SubnetBlocksAsync(IEnumerable<string> subnetIds, bool ipv6, CancellationToken cancellationToken)
    {
        var subnets = await CachedSubnetsAsync(subnetIds, cancellationToken).ConfigureAwait(false);
        var cidrs = ipv6
            ? subnets.SelectMany(s => (s.Ipv6CidrBlockAssociationSet ?? new List<SubnetIpv6CidrBlockAssociation>()).Select(a => a.Ipv6CidrBlock))
            : subnets.Select(s => s.CidrBlock);
        return IpBlock.ParseAll(cidrs);
    }

    /// <summary>
    /// The entries of every managed prefix list the groups' rules name, read once each; a list that cannot be read
    /// (gone, or not allowed) maps to null, which the evaluator reports rather than counts.
    /// </summary>
    public async Task<Func<string, IReadOnlyList<IpBlock>?>> PrefixListsOfAsync(IEnumerable<SecurityGroup> groups, CancellationToken cancellationToken)
    {
        var ids = groups.SelectMany(g => (g.IpPermissions ?? new List<IpPermission>()).Concat(g.IpPermissionsEgress ?? new List<IpPermission>()))
            .SelectMany(p => p.PrefixListIds ?? new List<PrefixListId>()).Select(p => p.Id).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in ids.Where(id => !prefixLists.ContainsKey(id)))
        {
            try
            {
                var entries = await AllPagesAsync(token => ec2.GetManagedPrefixListEntriesAsync(
                        new GetManagedPrefixListEntriesRequest { PrefixListId = id, NextToken = token }, cancellationToken),
                    r => r.Entries, r => r.NextToken).ConfigureAwait(false);
                prefixLists[id] = IpBlock.ParseAll(entries.Select(e => e.Cidr));
            }
            catch (AmazonEC2Exception)
            {
                prefixLists[id] = null;
            }
        }

        return id => prefixLists.TryGetValue(id, out var entries) ? entries : null;
    }

    /// <summary>The interfaces in the region that carry the group.</summary>
    public Task<List<NetworkInterface>> InterfacesOfGroupAsync(string groupId, CancellationToken cancellationToken) =>
        AllPagesAsync(token => ec2.DescribeNetworkInterfacesAsync(
                new DescribeNetworkInterfacesRequest { Filters = new List<Filter> { By("group-id", groupId) }, NextToken = token }, cancellationToken),
            r => r.NetworkInterfaces, r => r.NextToken);

    /// <summary>The interface that holds a private address (a database's, say), if any in the region does.</summary>
    public async Task<NetworkInterface?> InterfaceAtAsync(string privateAddress, CancellationToken cancellationToken) =>
        (await AllPagesAsync(token => ec2.DescribeNetworkInterfacesAsync(
                new DescribeNetworkInterfacesRequest { Filters = new List<Filter> { By("addresses.private-ip-address", privateAddress) }, NextToken = token }, cancellationToken),
            r => r.NetworkInterfaces, r => r.NextToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>The private addresses (IPv4 /32, IPv6 /128) of the interfaces in the region that carry the group.</summary>
    public async Task<IReadOnlyList<IpBlock>> AddressesOfGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        var interfaces = await InterfacesOfGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
        return IpBlock.ParseAll(interfaces.SelectMany(i =>
            new[] { i.PrivateIpAddress }.Concat((i.Ipv6Addresses ?? new List<NetworkInterfaceIpv6Address>()).Select(a => a.Ipv6Address))));
    }

    /// <summary>The evaluator over groups read here, with the prefix lists their rules name resolved.</summary>
    public async Task<RuleVerdict> EvaluateAsync(IReadOnlyList<SecurityGroup> groups, TrafficDirection direction, TrafficQuestion question, CancellationToken cancellationToken) =>
        SecurityGroupEvaluator.Evaluate(groups, direction, question, await PrefixListsOfAsync(groups, cancellationToken).ConfigureAwait(false));

    public static string Names(IEnumerable<SecurityGroup> groups) => string.Join(", ", groups.Select(g => NetworkNames.Group(g.GroupId, g.GroupName)));

    public static bool IsGroupId(string value) => value.StartsWith("sg-", StringComparison.Ordinal);

    public static Filter By(string name, params string[] values) => new Filter { Name = name, Values = values.ToList() };

    public static Filter By(string name, IEnumerable<string> values) => new Filter { Name = name, Values = values.ToList() };

    private static async Task<List<TItem>> AllPagesAsync<TResponse, TItem>(
        Func<string?, Task<TResponse>> page, Func<TResponse, List<TItem>?> items, Func<TResponse, string?> nextToken)
    {
        var all = new List<TItem>();
        string? token = null;
        while (true)
        {
            var response = await page(token).ConfigureAwait(false);
            all.AddRange(items(response) ?? new List<TItem>());
            var next = nextToken(response);
            if (string.IsNullOrEmpty(next) || next == token)
            {
                return all;
            }

            token = next;
        }
    }
}
