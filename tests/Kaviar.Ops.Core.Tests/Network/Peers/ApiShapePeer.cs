using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Kaviar.Ops.Simulator;
using TcpEnd = Kaviar.Ops.Simulator.Ec2.TcpEnd;
using Kaviar.Ops.TestSupport;

namespace Kaviar.Ops.Core.Tests.Network.Peers;

/// <summary>
/// Builds shapes with EC2 API calls (the official AWSSDK.EC2 on the wire), as a user would with the CLI or Terraform:
/// a VPC per shape, its subnets, groups (each created with AWS's default egress), the task's interface, prefix lists,
/// and custom network ACLs associated with their subnets.
/// </summary>
public sealed class ApiShapePeer : IShapePeer
{
    private readonly IDisposable server;
    private readonly SimulatedAccount? simulated;

    private ApiShapePeer(string name, string region, Uri endpoint, IDisposable server, SimulatedAccount? simulated = null)
    {
        Name = name;
        Region = region;
        this.server = server;
        this.simulated = simulated;
        Ec2 = new AmazonEC2Client(new BasicAWSCredentials("AKIDSHAPEPEER", "shape-peer-secret"),
            new AmazonEC2Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = Region, MaxErrorRetry = 0 });
    }

    public static ApiShapePeer Moto()
    {
        var moto = MotoServer.Start();
        return new ApiShapePeer("moto", "us-east-1", moto.Endpoint, moto);
    }

    /// <summary>The simulated account, empty: every shape is built over the wire, as in moto.</summary>
    public static ApiShapePeer Simulated()
    {
        var account = SimulatedAccount.Start(AccountScenario.Named("network-shapes"));
        return new ApiShapePeer("the simulated account", account.Region, account.Endpoint, account, account);
    }

    public string Name { get; }

    public string Region { get; }

    public IAmazonEC2 Ec2 { get; }

    /// <summary>The simulated account's own judge of the flow (moto judges no traffic).</summary>
    public bool? OwnVerdict(NetworkShape shape, BuiltShape built) =>
        simulated?.Read(state => state.Ec2.AllowsTcp(
            new TcpEnd(shape.LoadBalancerGroups.Select(g => built.Groups[g]).ToList(), new[] { built.Subnets["lb-a"], built.Subnets["lb-b"] },
                state.Ec2.SubnetRanges(new[] { built.Subnets["lb-a"], built.Subnets["lb-b"] }), Simulator.Ec2.PortRange.ElasticEphemeral),
            new TcpEnd(shape.TaskGroups.Select(g => built.Groups[g]).ToList(), new[] { built.TaskSubnetId }, new[] { built.TaskAddress + "/32" },
                Simulator.Ec2.PortRange.LinuxEphemeral),
            NetworkShape.Port));

    public async Task<BuiltShape> BuildAsync(NetworkShape shape)
    {
        var vpcId = (await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" })).Vpc.VpcId;
        var subnets = new Dictionary<string, string>();
        foreach (var (name, cidr, zone) in NetworkShape.Subnets)
        {
            subnets[name] = (await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpcId, CidrBlock = cidr, AvailabilityZone = Region + zone })).Subnet.SubnetId;
        }

        var groups = new Dictionary<string, string>();
        foreach (var name in NetworkShape.GroupNames)
        {
            groups[name] = (await Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { VpcId = vpcId, GroupName = name, Description = name })).GroupId;
        }

        foreach (var name in shape.NoDefaultEgress)
        {
            await Ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest
            {
                GroupId = groups[name],
                IpPermissions = new List<IpPermission> { new() { IpProtocol = "-1", Ipv4Ranges = new List<IpRange> { new() { CidrIp = "0.0.0.0/0" } } } },
            });
        }

        var prefixLists = new Dictionary<string, string>();
        foreach (var name in shape.PrefixListsUsed)
        {
            prefixLists[name] = (await Ec2.CreateManagedPrefixListAsync(new CreateManagedPrefixListRequest
            {
                PrefixListName = name,
                AddressFamily = "IPv4",
                MaxEntries = 5,
                Entries = NetworkShape.PrefixLists[name].Select(c => new AddPrefixListEntry { Cidr = c }).ToList(),
            })).PrefixList.PrefixListId;
        }

        foreach (var rule in shape.Rules)
        {
            var permission = Permission(rule, groups, prefixLists);
            if (rule.Egress)
            {
                await Ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = groups[rule.Group], IpPermissions = new List<IpPermission> { permission } });
            }
            else
            {
                await Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = groups[rule.Group], IpPermissions = new List<IpPermission> { permission } });
            }
        }

        foreach (var subnet in shape.Acls.Select(a => a.Subnet).Distinct())
        {
            await CustomAclAsync(vpcId, subnets[subnet], shape.Acls.Where(a => a.Subnet == subnet));
        }

        var task = (await Ec2.CreateNetworkInterfaceAsync(new CreateNetworkInterfaceRequest
        {
            SubnetId = subnets["task"],
            Groups = shape.TaskGroups.Select(g => groups[g]).ToList(),
            Description = "task",
        })).NetworkInterface;
        return new BuiltShape(groups, subnets, subnets["task"], task.PrivateIpAddress);
    }

    private async Task CustomAclAsync(string vpcId, string subnetId, IEnumerable<AclRule> rules)
    {
        var aclId = (await Ec2.CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = vpcId })).NetworkAcl.NetworkAclId;
        foreach (var rule in rules)
        {
            var ipv6 = rule.Cidr.Contains(':');
            await Ec2.CreateNetworkAclEntryAsync(new CreateNetworkAclEntryRequest
            {
                NetworkAclId = aclId,
                RuleNumber = rule.Number,
                Egress = rule.Egress,
                RuleAction = rule.Action,
                Protocol = rule.Protocol,
                PortRange = rule.Protocol is "6" or "17" ? new Amazon.EC2.Model.PortRange { From = rule.From, To = rule.To } : null,
                CidrBlock = ipv6 ? null : rule.Cidr,
                Ipv6CidrBlock = ipv6 ? rule.Cidr : null,
            });
        }

        var current = (await Ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
        {
            Filters = new List<Filter> { new() { Name = "association.subnet-id", Values = new List<string> { subnetId } } },
        })).NetworkAcls.SelectMany(a => a.Associations).Single(a => a.SubnetId == subnetId);
        await Ec2.ReplaceNetworkAclAssociationAsync(new ReplaceNetworkAclAssociationRequest { AssociationId = current.NetworkAclAssociationId, NetworkAclId = aclId });
    }

    private static IpPermission Permission(GroupRule rule, IReadOnlyDictionary<string, string> groups, IReadOnlyDictionary<string, string> prefixLists)
    {
        var permission = new IpPermission { IpProtocol = rule.Protocol };
        if (rule.Protocol != "-1")
        {
            permission.FromPort = rule.From;
            permission.ToPort = rule.To;
        }

        if (rule.Peer.StartsWith("sg:", StringComparison.Ordinal))
        {
            permission.UserIdGroupPairs = new List<UserIdGroupPair> { new() { GroupId = groups[rule.Peer[3..]] } };
        }
        else if (rule.Peer.StartsWith("pl:", StringComparison.Ordinal))
        {
            permission.PrefixListIds = new List<PrefixListId> { new() { Id = prefixLists[rule.Peer[3..]] } };
        }
        else if (rule.Peer.Contains(':'))
        {
            permission.Ipv6Ranges = new List<Ipv6Range> { new() { CidrIpv6 = rule.Peer } };
        }
        else
        {
            permission.Ipv4Ranges = new List<IpRange> { new() { CidrIp = rule.Peer } };
        }

        return permission;
    }

    public void Dispose()
    {
        Ec2.Dispose();
        server.Dispose();
    }
}
