using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ec2;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Ec2;

/// <summary>
/// <see cref="Ec2State.AllowsTcp"/> with network ACLs, on the fixture's network: the load balancer in the two public
/// subnets (10.0.1.0/24, 10.0.2.0/24), a task at 10.0.11.50 in the private subnet, its group admitting the load
/// balancer's on 3001. Security groups pass throughout, so each verdict is the ACLs'.
/// </summary>
public sealed class NetworkAclReachabilityTests
{
    private const int Port = 3001;
    private const string Vpc = "10.0.0.0/16";

    private readonly AccountState _state;
    private readonly NetworkFixture _ids;

    public NetworkAclReachabilityTests() => (_state, _ids) = NetworkFixture.Build();

    private Ec2State Ec2 => _state.Ec2;

    private TcpEnd LoadBalancer => new(
        new[] { _ids.AlbGroupId }, new[] { _ids.PublicSubnetA, _ids.PublicSubnetB }, new[] { "10.0.1.0/24", "10.0.2.0/24" }, PortRange.ElasticEphemeral);

    private TcpEnd Task => new(new[] { _ids.EcsGroupId }, new[] { _ids.PrivateSubnetA }, new[] { "10.0.11.50/32" }, PortRange.LinuxEphemeral);

    [Fact]
    public void The_default_ACLs_allow_the_connection()
    {
        Assert.True(Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Fact]
    public void A_new_ACL_without_entries_denies_everything()
    {
        Ec2.AssociateNetworkAcl(_ids.PrivateSubnetA, Ec2.CreateNetworkAcl(_ids.VpcId).NetworkAclId);

        Assert.False(Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Fact]
    public void A_deny_numbered_before_the_allow_wins()
    {
        OnTaskSubnet(
            new NetworkAclEntry(90, "6", "deny", false, "10.0.1.0/24", null, PortRange.Single(Port)),
            new NetworkAclEntry(100, "-1", "allow", false, "0.0.0.0/0", null),
            new NetworkAclEntry(100, "-1", "allow", true, "0.0.0.0/0", null));

        Assert.False(Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Fact]
    public void An_allow_numbered_before_the_deny_wins()
    {
        OnTaskSubnet(
            new NetworkAclEntry(90, "6", "allow", false, Vpc, null, PortRange.Single(Port)),
            new NetworkAclEntry(100, "6", "deny", false, "0.0.0.0/0", null, PortRange.Single(Port)),
            new NetworkAclEntry(100, "6", "allow", true, Vpc, null, PortRange.ElasticEphemeral));

        Assert.True(Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Fact]
    public void A_deny_matching_part_of_the_peer_range_before_the_allow_refuses_the_peer()
    {
        OnTaskSubnet(
            new NetworkAclEntry(90, "-1", "deny", false, "10.0.2.128/25", null),
            new NetworkAclEntry(100, "-1", "allow", false, Vpc, null),
            new NetworkAclEntry(100, "-1", "allow", true, Vpc, null));

        Assert.False(Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Fact]
    public void An_allow_holding_only_one_load_balancer_subnet_is_not_enough()
    {
        OnTaskSubnet(
            new NetworkAclEntry(100, "6", "allow", false, "10.0.1.0/24", null, PortRange.Single(Port)),
            new NetworkAclEntry(100, "-1", "allow", true, "0.0.0.0/0", null));

        Assert.False(Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Theory]
    [InlineData(32768, 60999, false)]
    [InlineData(1024, 65535, true)]
    public void The_reply_to_a_load_balancer_needs_its_whole_ephemeral_range_out(int from, int to, bool reaches)
    {
        OnTaskSubnet(
            new NetworkAclEntry(100, "6", "allow", false, Vpc, null, PortRange.Single(Port)),
            new NetworkAclEntry(100, "6", "allow", true, Vpc, null, new PortRange(from, to)));

        Assert.Equal(reaches, Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Fact]
    public void The_Linux_ephemeral_range_is_enough_for_a_Fargate_client()
    {
        OnTaskSubnet(
            new NetworkAclEntry(100, "6", "allow", false, Vpc, null, PortRange.Single(Port)),
            new NetworkAclEntry(100, "6", "allow", true, Vpc, null, PortRange.LinuxEphemeral));
        var client = new TcpEnd(new[] { _ids.AlbGroupId }, new[] { _ids.PublicSubnetA }, new[] { "10.0.1.77/32" }, PortRange.LinuxEphemeral);

        Assert.True(Ec2.AllowsTcp(client, Task, Port));
    }

    [Fact]
    public void The_source_subnet_ACL_must_pass_the_request_out_and_the_reply_in()
    {
        var acl = Ec2.CreateNetworkAcl(_ids.VpcId).NetworkAclId;
        Ec2.CreateNetworkAclEntry(acl, new NetworkAclEntry(100, "6", "allow", true, Vpc, null, PortRange.Single(Port)));
        Ec2.AssociateNetworkAcl(_ids.PublicSubnetB, acl);
        Assert.False(Ec2.AllowsTcp(LoadBalancer, Task, Port));

        Ec2.CreateNetworkAclEntry(acl, new NetworkAclEntry(100, "6", "allow", false, Vpc, null, PortRange.ElasticEphemeral));

        Assert.True(Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Fact]
    public void An_IPv6_entry_does_not_admit_IPv4_traffic()
    {
        OnTaskSubnet(
            new NetworkAclEntry(100, "-1", "allow", false, null, "::/0"),
            new NetworkAclEntry(100, "-1", "allow", true, "0.0.0.0/0", null));

        Assert.False(Ec2.AllowsTcp(LoadBalancer, Task, Port));
    }

    [Fact]
    public void Traffic_inside_one_subnet_does_not_cross_its_ACL()
    {
        Ec2.AssociateNetworkAcl(_ids.PublicSubnetA, Ec2.CreateNetworkAcl(_ids.VpcId).NetworkAclId);
        var neighbour = new TcpEnd(new[] { _ids.EcsGroupId }, new[] { _ids.PublicSubnetA }, new[] { "10.0.1.60/32" }, PortRange.LinuxEphemeral);
        var client = new TcpEnd(new[] { _ids.AlbGroupId }, new[] { _ids.PublicSubnetA }, new[] { "10.0.1.61/32" }, PortRange.LinuxEphemeral);

        Assert.True(Ec2.AllowsTcp(client, neighbour, Port));
        Assert.False(Ec2.AllowsTcp(client, Task, Port));
    }

    [Fact]
    public void A_VPC_with_an_IPv6_block_gets_the_IPv6_default_and_catch_all_entries()
    {
        var vpc = Ec2.AddVpc("10.1.0.0/16", "dual-stack", "2600:1f16:abc:de00::/56");

        var acl = Ec2.NetworkAcls.Single(a => a.VpcId == vpc.VpcId);
        Assert.True(acl.IsDefault);
        Assert.Equal(
            new[] { "100 allow 0.0.0.0/0", "101 allow ::/0", "32767 deny 0.0.0.0/0", "32768 deny ::/0" },
            acl.Entries.Where(e => !e.Egress).OrderBy(e => e.RuleNumber).Select(e => $"{e.RuleNumber} {e.RuleAction} {e.CidrBlock ?? e.Ipv6CidrBlock}"));
        Assert.Equal(4, acl.Entries.Count(e => e.Egress));
    }

    /// <summary>A custom ACL with <paramref name="entries"/> (plus its "*" denies) on the task's subnet.</summary>
    private void OnTaskSubnet(params NetworkAclEntry[] entries)
    {
        var acl = Ec2.CreateNetworkAcl(_ids.VpcId).NetworkAclId;
        foreach (var entry in entries)
        {
            Ec2.CreateNetworkAclEntry(acl, entry);
        }

        Ec2.AssociateNetworkAcl(_ids.PrivateSubnetA, acl);
    }
}
