using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>Network ACLs: each VPC's default one, custom ones, their entries and which subnet uses which.</summary>
public sealed partial class Ec2State
{
    private const string Ipv4Anywhere = Anywhere;
    private const string Ipv6Anywhere = "::/0";

    /// <summary>The "*" rules: 32767 for IPv4, 32768 for IPv6, as DescribeNetworkAcls reports them.</summary>
    private const int Ipv4CatchAllRule = 32767;
    private const int Ipv6CatchAllRule = 32768;

    private readonly List<NetworkAcl> _networkAcls = new();

    public IReadOnlyList<NetworkAcl> NetworkAcls => _networkAcls;

    public NetworkAcl? FindNetworkAcl(string networkAclId) => _networkAcls.Find(a => a.NetworkAclId == networkAclId);

    public NetworkAcl RequireNetworkAcl(string networkAclId) => FindNetworkAcl(networkAclId) ?? throw NetworkAclNotFound(networkAclId);

    public static AwsErrorException NetworkAclNotFound(string networkAclId) =>
        new("InvalidNetworkAclID.NotFound", $"The networkAcl ID '{networkAclId}' does not exist");

    /// <summary>The ACL the subnet is associated with.</summary>
    public NetworkAcl NetworkAclOf(string subnetId) =>
        _networkAcls.Find(a => a.Associations.Exists(s => s.SubnetId == subnetId))
        ?? throw new InvalidOperationException($"Subnet {subnetId} has no network ACL association.");

    /// <summary>A custom ACL: only the "*" deny entries, so it denies everything until entries are added.</summary>
    public NetworkAcl CreateNetworkAcl(string vpcId, IReadOnlyDictionary<string, string>? tags = null)
    {
        var acl = NewNetworkAcl(RequireVpc(vpcId), NewId("acl"), isDefault: false);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            acl.Tags[key] = value;
        }

        return acl;
    }

    /// <summary>Refuses the default ACL (InvalidParameterValue) and one still associated with a subnet (DependencyViolation).</summary>
    public void DeleteNetworkAcl(string networkAclId)
    {
        var acl = RequireNetworkAcl(networkAclId);
        if (acl.IsDefault)
        {
            throw new AwsErrorException("InvalidParameterValue", $"cannot delete default network ACL {networkAclId}");
        }

        if (acl.Associations.Count > 0)
        {
            throw new AwsErrorException("DependencyViolation", $"The networkAcl '{networkAclId}' has dependencies and cannot be deleted.");
        }

        _networkAcls.Remove(acl);
    }

    /// <summary>Adds a rule; a rule number already used in that direction is NetworkAclEntryAlreadyExists.</summary>
    public void CreateNetworkAclEntry(string networkAclId, NetworkAclEntry entry)
    {
        var acl = RequireNetworkAcl(networkAclId);
        RequireUserRuleNumber(entry.RuleNumber);
        if (FindEntry(acl, entry.RuleNumber, entry.Egress) is not null)
        {
            throw new AwsErrorException("NetworkAclEntryAlreadyExists", $"The network acl entry identified by {entry.RuleNumber} already exists.");
        }

        acl.Entries.Add(entry);
    }

    public void ReplaceNetworkAclEntry(string networkAclId, NetworkAclEntry entry)
    {
        var acl = RequireNetworkAcl(networkAclId);
        RequireUserRuleNumber(entry.RuleNumber);
        acl.Entries[acl.Entries.IndexOf(RequireEntry(acl, entry.RuleNumber, entry.Egress))] = entry;
    }

    public void DeleteNetworkAclEntry(string networkAclId, int ruleNumber, bool egress)
    {
        var acl = RequireNetworkAcl(networkAclId);
        RequireUserRuleNumber(ruleNumber);
        acl.Entries.Remove(RequireEntry(acl, ruleNumber, egress));
    }

    /// <summary>Moves the association's subnet to <paramref name="networkAclId"/> (same VPC); returns the new association id.</summary>
    public string ReplaceNetworkAclAssociation(string associationId, string networkAclId)
    {
        var current = _networkAcls.SelectMany(a => a.Associations).FirstOrDefault(a => a.NetworkAclAssociationId == associationId)
            ?? throw new AwsErrorException("InvalidAssociationID.NotFound", $"The association ID '{associationId}' does not exist");
        var target = RequireNetworkAcl(networkAclId);
        var subnet = RequireSubnet(current.SubnetId);
        if (target.VpcId != subnet.VpcId)
        {
            throw new AwsErrorException(
                "InvalidParameterValue", $"Network ACL {networkAclId} and subnet {subnet.SubnetId} belong to different networks");
        }

        RequireNetworkAcl(current.NetworkAclId).Associations.Remove(current);
        var replacement = new NetworkAclAssociation(NewId("aclassoc"), target.NetworkAclId, subnet.SubnetId);
        target.Associations.Add(replacement);
        return replacement.NetworkAclAssociationId;
    }

    /// <summary>
    /// What AWS creates with a VPC: the default ACL, allowing all traffic both ways (rule 100, and 101 for IPv6 when the
    /// VPC has an IPv6 block) before the "*" denies. Its ids derive from the VPC's, so scenarios keep their other ids.
    /// </summary>
    private void AddDefaultNetworkAcl(Vpc vpc)
    {
        var acl = NewNetworkAcl(vpc, DerivedId("acl", vpc.VpcId), isDefault: true);
        foreach (var egress in new[] { false, true })
        {
            acl.Entries.Add(new NetworkAclEntry(100, AllTraffic, "allow", egress, Ipv4Anywhere, null));
            if (vpc.Ipv6CidrBlock is not null)
            {
                acl.Entries.Add(new NetworkAclEntry(101, AllTraffic, "allow", egress, null, Ipv6Anywhere));
            }
        }
    }

    /// <summary>A new subnet uses its VPC's default ACL.</summary>
    private void AssociateWithDefaultNetworkAcl(Subnet subnet)
    {
        var acl = _networkAcls.Single(a => a.VpcId == subnet.VpcId && a.IsDefault);
        acl.Associations.Add(new NetworkAclAssociation(DerivedId("aclassoc", subnet.SubnetId), acl.NetworkAclId, subnet.SubnetId));
    }

    private NetworkAcl NewNetworkAcl(Vpc vpc, string networkAclId, bool isDefault)
    {
        var acl = new NetworkAcl(networkAclId, vpc.VpcId, isDefault);
        foreach (var egress in new[] { false, true })
        {
            acl.Entries.Add(new NetworkAclEntry(Ipv4CatchAllRule, AllTraffic, "deny", egress, Ipv4Anywhere, null));
            if (vpc.Ipv6CidrBlock is not null)
            {
                acl.Entries.Add(new NetworkAclEntry(Ipv6CatchAllRule, AllTraffic, "deny", egress, null, Ipv6Anywhere));
            }
        }

        _networkAcls.Add(acl);
        return acl;
    }

    private static NetworkAclEntry? FindEntry(NetworkAcl acl, int ruleNumber, bool egress) =>
        acl.Entries.Find(e => e.RuleNumber == ruleNumber && e.Egress == egress);

    private static NetworkAclEntry RequireEntry(NetworkAcl acl, int ruleNumber, bool egress) =>
        FindEntry(acl, ruleNumber, egress)
        ?? throw new AwsErrorException("InvalidNetworkAclEntry.NotFound", $"The network acl entry identified by {ruleNumber} does not exist");

    private static void RequireUserRuleNumber(int ruleNumber)
    {
        if (ruleNumber is < 1 or > NetworkAclEntry.LastUserRuleNumber)
        {
            throw new AwsErrorException(
                "InvalidParameterValue",
                $"Invalid value '{ruleNumber}' for ruleNumber. Rule number must be between 1 and {NetworkAclEntry.LastUserRuleNumber}.");
        }
    }

    /// <summary>An id of 17 hex digits derived from another resource's, leaving the account's seeded generator untouched.</summary>
    private static string DerivedId(string prefix, string from) =>
        prefix + "-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(prefix + ":" + from)))[..17].ToLowerInvariant();
}
