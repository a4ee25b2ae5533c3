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
/// fail the whole call when one is gone), security groups resolve from an id or a name, and rules are read for
/// "does this group let TCP on this port in from that group".
/// </summary>
internal sealed class Ec2Network
{
    private const string AllTraffic = "-1";

    private readonly IAmazonEC2 ec2;
    private readonly string region;
    private readonly Dictionary<string, SecurityGroup> groupsById = new Dictionary<string, SecurityGroup>(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkInterface> interfacesById = new Dictionary<string, NetworkInterface>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<List<SecurityGroup>>> admitting = new Dictionary<string, Task<List<SecurityGroup>>>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<List<RouteTable>>> routeTables = new Dictionary<string, Task<List<RouteTable>>>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<List<NatGateway>>> natGateways = new Dictionary<string, Task<List<NatGateway>>>(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<List<VpcEndpoint>>> vpcEndpoints = new Dictionary<string, Task<List<VpcEndpoint>>>(StringComparer.Ordinal);

    public Ec2Network(IAmazonEC2 ec2, string region)
    {
        this.ec2 = ec2;
        this.region = region;
    }

    public Task<List<SecurityGroup>> SecurityGroupsAsync(IEnumerable<Filter> filters, CancellationToken cancellationToken) =>
        AllPagesAsync(token => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = filters.ToList(), NextToken = token }, cancellationToken),
            r => r.SecurityGroups, r => r.NextToken);

    /// <summary>The interfaces by id; missing ones are left out. Interfaces already read are not asked again.</summary>
    public async Task<List<NetworkInterface>> NetworkInterfacesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in ApiLimits.Batches(wanted.Where(id => !interfacesById.ContainsKey(id)).ToList(), ApiLimits.Ec2FilterValues))
        {
            var found = await AllPagesAsync(token => ec2.DescribeNetworkInterfacesAsync(
                    new DescribeNetworkInterfacesRequest { Filters = new List<Filter> { By("network-interface-id", batch) }, NextToken = token }, cancellationToken),
                r => r.NetworkInterfaces, r => r.NextToken).ConfigureAwait(false);
            foreach (var networkInterface in found)
            {
                interfacesById[networkInterface.NetworkInterfaceId] = networkInterface;
            }
        }

        return wanted.Where(interfacesById.ContainsKey).Select(id => interfacesById[id]).ToList();
    }

    /// <summary>The groups of <paramref name="vpcId"/> with a rule naming one of <paramref name="sourceGroupIds"/>.</summary>
    public Task<List<SecurityGroup>> GroupsAdmittingAsync(string vpcId, IEnumerable<string> sourceGroupIds, CancellationToken cancellationToken)
    {
        var sources = sourceGroupIds.Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
        return Once(admitting, vpcId + "|" + string.Join(",", sources), () =>
            SecurityGroupsAsync(new[] { By("vpc-id", vpcId), By("ip-permission.group-id", sources) }, cancellationToken));
    }

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

    /// <summary>The groups by id, in the order asked; missing ones are left out. Groups already read are not asked again.</summary>
    public async Task<List<SecurityGroup>> GroupsByIdAsync(IEnumerable<string> groupIds, CancellationToken cancellationToken)
    {
        var ids = groupIds.Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in ApiLimits.Batches(ids.Where(id => !groupsById.ContainsKey(id)).ToList(), ApiLimits.Ec2FilterValues))
        {
            foreach (var group in await SecurityGroupsAsync(new[] { By("group-id", batch) }, cancellationToken).ConfigureAwait(false))
            {
                groupsById[group.GroupId] = group;
            }
        }

        return ids.Where(groupsById.ContainsKey).Select(id => groupsById[id]).ToList();
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

    /// <summary>How <paramref name="destination"/> lets TCP on <paramref name="port"/> in from <paramref name="sourceGroupId"/>, or null when it does not.</summary>
    public static string? Admission(SecurityGroup destination, string sourceGroupId, int port)
    {
        foreach (var permission in destination.IpPermissions ?? new List<IpPermission>())
        {
            var protocol = permission.IpProtocol ?? "";
            var coversPort = protocol == AllTraffic ||
                             ((protocol == "tcp" || protocol == "6") && permission.FromPort <= port && port <= permission.ToPort);
            if (!coversPort)
            {
                continue;
            }

            var traffic = protocol == AllTraffic ? "all traffic" : permission.FromPort == permission.ToPort ? $"TCP {port}" : $"TCP {permission.FromPort}-{permission.ToPort}";
            if ((permission.UserIdGroupPairs ?? new List<UserIdGroupPair>()).Any(p => p.GroupId == sourceGroupId))
            {
                return $"{NetworkNames.Group(destination.GroupId, destination.GroupName)} allows {traffic} from {sourceGroupId}";
            }

            if ((permission.Ipv4Ranges ?? new List<IpRange>()).Any(r => NetworkNames.IsAnywhere(r.CidrIp ?? "")) ||
                (permission.Ipv6Ranges ?? new List<Ipv6Range>()).Any(r => NetworkNames.IsAnywhere(r.CidrIpv6 ?? "")))
            {
                return $"{NetworkNames.Group(destination.GroupId, destination.GroupName)} allows {traffic} from anywhere (wider than needed)";
            }
        }

        return null;
    }

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
