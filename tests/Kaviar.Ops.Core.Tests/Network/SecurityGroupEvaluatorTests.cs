using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;
using Kaviar.Ops.Network;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>
/// The evaluator against AWS's rule semantics, one shape per row: rule forms (group, IPv4, IPv6, prefix list),
/// address families, port ranges, protocols, several groups on either side, and both directions.
/// </summary>
public class SecurityGroupEvaluatorTests
{
    private static readonly string[] AlbGroups = { "sg-alb" };
    private static readonly string[] AlbSubnetsV4 = { "10.0.1.0/24", "10.0.2.0/24" };
    private static readonly string[] AlbSubnetsV6 = { "2600:1f18:a:1::/64", "2600:1f18:a:2::/64" };

    /// <summary>
    /// A shape: destination groups (each a list of "in|out protocol from-to peer" rules, peer being sg-…, pl-… or a
    /// CIDR), the traffic's direction, protocol and port, the peer's groups and blocks, the verdict and a phrase the
    /// deciding reason (or a near miss) must contain.
    /// </summary>
    public sealed record Shape(string Name, string[][] Groups, string Direction, string Protocol, int Port, string[] PeerGroups, string[] PeerBlocks,
        bool Allowed, string Phrase)
    {
        public override string ToString() => Name;
    }

    private static Shape In(string name, string[] rules, bool allowed, string phrase, int port = 8080, string protocol = "tcp", string[]? peerGroups = null, string[]? peerBlocks = null) =>
        new(name, new[] { rules }, "in", protocol, port, peerGroups ?? AlbGroups, peerBlocks ?? AlbSubnetsV4, allowed, phrase);

    private static Shape Out(string name, string[] rules, bool allowed, string phrase, string[]? peerGroups = null, string[]? peerBlocks = null) =>
        new(name, new[] { rules }, "out", "tcp", 8080, peerGroups ?? new[] { "sg-task" }, peerBlocks ?? new[] { "10.0.11.0/24" }, allowed, phrase);

    public static IEnumerable<object[]> Shapes() => new[]
    {
        In("group reference on the port", new[] { "in tcp 8080-8080 sg-alb" }, true, "allows TCP 8080 from sg-alb"),
        In("group reference on a port range", new[] { "in tcp 8000-9000 sg-alb" }, true, "TCP 8000-9000 from sg-alb"),
        In("group reference on another port", new[] { "in tcp 80-80 sg-alb" }, false, "allows TCP 80 from sg-alb, not TCP 8080"),
        In("group reference, range ends below the port", new[] { "in tcp 8000-8079 sg-alb" }, false, "not TCP 8080"),
        In("group reference, range starts at the port", new[] { "in tcp 8080-8090 sg-alb" }, true, "TCP 8080-8090"),
        In("group reference, range starts above the port", new[] { "in tcp 8081-8090 sg-alb" }, false, "not TCP 8080"),
        In("group reference, all traffic (-1)", new[] { "in -1 0-0 sg-alb" }, true, "all traffic from sg-alb"),
        In("group reference, protocol by number 6", new[] { "in 6 8080-8080 sg-alb" }, true, "from sg-alb"),
        In("group reference, UDP only", new[] { "in udp 8080-8080 sg-alb" }, false, "not TCP 8080"),
        In("group reference, ICMP only", new[] { "in icmp -1--1 sg-alb" }, false, "not TCP 8080"),
        In("another service's group", new[] { "in tcp 8080-8080 sg-other" }, false, "No inbound rule"),
        In("0.0.0.0/0 on the port", new[] { "in tcp 8080-8080 0.0.0.0/0" }, true, "wider than needed"),
        In("::/0 only, IPv4 load balancer", new[] { "in tcp 8080-8080 ::/0" }, false, "admits IPv6 only"),
        In("::/0 only, IPv6 target group", new[] { "in tcp 8080-8080 ::/0" }, true, "from ::/0", peerBlocks: AlbSubnetsV6),
        In("0.0.0.0/0 only, IPv6 target group", new[] { "in tcp 8080-8080 0.0.0.0/0" }, false, "admits IPv4 only", peerBlocks: AlbSubnetsV6),
        In("VPC CIDR", new[] { "in tcp 8080-8080 10.0.0.0/16" }, true, "from 10.0.0.0/16"),
        In("one of the load balancer's two subnets", new[] { "in tcp 8080-8080 10.0.1.0/24" }, false, "covers only part"),
        In("both subnets, two rules", new[] { "in tcp 8080-8080 10.0.1.0/24", "in tcp 8080-8080 10.0.2.0/24" }, true, "10.0.2.0/24"),
        In("a /22 around both subnets", new[] { "in tcp 8080-8080 10.0.0.0/22" }, true, "10.0.0.0/22"),
        In("a /23 holding one subnet", new[] { "in tcp 8080-8080 10.0.0.0/23" }, false, "covers only part"),
        In("halves of a subnet plus the other", new[] { "in tcp 8080-8080 10.0.1.0/25", "in tcp 8080-8080 10.0.1.128/25", "in tcp 8080-8080 10.0.2.0/24" }, true, "10.0.1.128/25"),
        In("half of a subnet plus the other", new[] { "in tcp 8080-8080 10.0.1.0/25", "in tcp 8080-8080 10.0.2.0/24" }, false, "covers only part"),
        In("an unrelated CIDR", new[] { "in tcp 8080-8080 192.168.0.0/16" }, false, "No inbound rule"),
        In("VPC CIDR on another port", new[] { "in tcp 443-443 10.0.0.0/16" }, false, "not TCP 8080"),
        In("all ports (0-65535) from the VPC", new[] { "in tcp 0-65535 10.0.0.0/16" }, true, "TCP 0-65535"),
        In("managed prefix list holding the VPC", new[] { "in tcp 8080-8080 pl-vpc" }, true, "prefix list pl-vpc"),
        In("managed prefix list that cannot be read", new[] { "in tcp 8080-8080 pl-gone" }, false, "could not be read"),
        In("managed prefix list of other ranges", new[] { "in tcp 8080-8080 pl-office" }, false, "No inbound rule"),
        In("second load balancer group admitted", new[] { "in tcp 8080-8080 sg-alb2" }, true, "from sg-alb2", peerGroups: new[] { "sg-alb", "sg-alb2" }),
        In("group on port 80 and VPC CIDR on 8080", new[] { "in tcp 80-80 sg-alb", "in tcp 8080-8080 10.0.0.0/16" }, true, "from 10.0.0.0/16"),
        In("group reference wins over a partial CIDR", new[] { "in tcp 8080-8080 10.0.1.0/24", "in tcp 8080-8080 sg-alb" }, true, "from sg-alb"),
        In("IPv6 /56 holding the subnets", new[] { "in tcp 8080-8080 2600:1f18:a::/56" }, true, "2600:1f18:a::/56", peerBlocks: AlbSubnetsV6),
        In("IPv6 range elsewhere", new[] { "in tcp 8080-8080 2600:1f18:b::/56" }, false, "No inbound rule", peerBlocks: AlbSubnetsV6),
        In("dual-stack peer, IPv4 rule only", new[] { "in tcp 8080-8080 0.0.0.0/0" }, false, "No inbound rule", peerBlocks: AlbSubnetsV4.Concat(AlbSubnetsV6).ToArray()),
        In("dual-stack peer, both families open", new[] { "in tcp 8080-8080 0.0.0.0/0", "in tcp 8080-8080 ::/0" }, true, "::/0", peerBlocks: AlbSubnetsV4.Concat(AlbSubnetsV6).ToArray()),
        In("one address, rule on its /24", new[] { "in tcp 8080-8080 10.0.1.0/24" }, true, "10.0.1.0/24", peerBlocks: new[] { "10.0.1.17/32" }),
        In("one address, rule on that address", new[] { "in tcp 8080-8080 10.0.1.17/32" }, true, "10.0.1.17/32", peerBlocks: new[] { "10.0.1.17" }),
        In("UDP question, UDP rule by number 17", new[] { "in 17 53-53 10.0.0.0/16" }, true, "UDP 53", port: 53, protocol: "udp"),
        In("Postgres from the tasks' subnets by VPC CIDR", new[] { "in tcp 5432-5432 10.0.0.0/16" }, true, "TCP 5432", port: 5432, peerGroups: new[] { "sg-task" }, peerBlocks: new[] { "10.0.11.0/24" }),
        In("Postgres from the tasks' group", new[] { "in tcp 5432-5432 sg-task" }, true, "from sg-task", port: 5432, peerGroups: new[] { "sg-task" }, peerBlocks: new[] { "10.0.11.0/24" }),
        In("only egress rules, asked inbound", new[] { "out -1 0-0 0.0.0.0/0" }, false, "No inbound rule"),
        In("no rules at all", Array.Empty<string>(), false, "No inbound rule"),
        new Shape("second of two task groups admits", new[] { new[] { "in tcp 22-22 10.0.0.0/16" }, new[] { "in tcp 8080-8080 sg-alb" } }, "in", "tcp", 8080, AlbGroups, AlbSubnetsV4, true, "sg-second"),
        new Shape("no security group", Array.Empty<string[]>(), "in", "tcp", 8080, AlbGroups, AlbSubnetsV4, false, "no security group"),
        Out("load balancer group without egress (Terraform removed the default)", Array.Empty<string>(), false, "No outbound rule"),
        Out("default allow-all egress", new[] { "out -1 0-0 0.0.0.0/0" }, true, "all traffic to 0.0.0.0/0"),
        Out("egress to the task group on the port", new[] { "out tcp 8080-8080 sg-task" }, true, "to sg-task"),
        Out("egress to the task group on another port", new[] { "out tcp 80-80 sg-task" }, false, "not TCP 8080"),
        Out("egress ::/0 only to an IPv4 task", new[] { "out -1 0-0 ::/0" }, false, "admits IPv6 only"),
        Out("egress to the VPC CIDR", new[] { "out tcp 0-65535 10.0.0.0/16" }, true, "to 10.0.0.0/16"),
        Out("ingress allows but egress is asked", new[] { "in -1 0-0 0.0.0.0/0" }, false, "No outbound rule"),
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Verdict_and_deciding_rule_follow_AWS_rule_semantics(Shape shape)
    {
        var groups = shape.Groups.Select((rules, i) => Group(i == 0 ? "sg-first" : "sg-second", rules)).ToList();
        var question = new TrafficQuestion
        {
            Protocol = shape.Protocol,
            Port = shape.Port,
            PeerGroupIds = shape.PeerGroups,
            PeerBlocks = shape.PeerBlocks.Select(IpBlock.Parse).ToList(),
            PeerDescription = "the peer",
        };

        var verdict = SecurityGroupEvaluator.Evaluate(groups, shape.Direction == "in" ? TrafficDirection.Inbound : TrafficDirection.Outbound, question, PrefixList);

        Assert.Equal(shape.Allowed, verdict.Allowed);
        Assert.Contains(shape.Phrase, verdict.ToString());
        Assert.Equal(shape.Allowed, verdict.DecidingGroupId != null);
    }

    [Fact]
    public void Table_covers_at_least_forty_shapes() => Assert.True(Shapes().Count() >= 40);

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.3.0/24", true)]
    [InlineData("10.0.3.0/24", "10.0.0.0/16", false)]
    [InlineData("10.0.0.7/16", "10.0.200.1/32", true)]
    [InlineData("0.0.0.0/0", "2600::/64", false)]
    [InlineData("::/0", "10.0.0.0/8", false)]
    [InlineData("::/0", "2600::/64", true)]
    [InlineData("2600:1f18::/32", "2600:1f19::/64", false)]
    public void Blocks_contain_only_within_their_family(string outer, string inner, bool contains) =>
        Assert.Equal(contains, IpBlock.Parse(outer).Contains(IpBlock.Parse(inner)));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("sg-123")]
    [InlineData("")]
    public void Malformed_blocks_are_refused(string text) => Assert.False(IpBlock.TryParse(text, out _));

    private static IReadOnlyList<IpBlock>? PrefixList(string id) => id switch
    {
        "pl-vpc" => new[] { IpBlock.Parse("10.0.0.0/8") },
        "pl-office" => new[] { IpBlock.Parse("203.0.113.0/24"), IpBlock.Parse("198.51.100.0/24") },
        _ => null,
    };

    private static SecurityGroup Group(string id, IEnumerable<string> rules)
    {
        var group = new SecurityGroup { GroupId = id, GroupName = id.Substring(3), IpPermissions = new List<IpPermission>(), IpPermissionsEgress = new List<IpPermission>() };
        foreach (var rule in rules)
        {
            var parts = rule.Split(' ');
            var ports = parts[2].Split(new[] { '-' }, 2);
            var from = ports[0] == "" ? -1 : int.Parse(ports[0]);
            var permission = new IpPermission { IpProtocol = parts[1], FromPort = from, ToPort = from == -1 ? -1 : int.Parse(ports[1]) };
            var peer = parts[3];
            if (peer.StartsWith("sg-", StringComparison.Ordinal))
            {
                permission.UserIdGroupPairs = new List<UserIdGroupPair> { new UserIdGroupPair { GroupId = peer } };
            }
            else if (peer.StartsWith("pl-", StringComparison.Ordinal))
            {
                permission.PrefixListIds = new List<PrefixListId> { new PrefixListId { Id = peer } };
            }
            else if (peer.Contains(':'))
            {
                permission.Ipv6Ranges = new List<Ipv6Range> { new Ipv6Range { CidrIpv6 = peer } };
            }
            else
            {
                permission.Ipv4Ranges = new List<IpRange> { new IpRange { CidrIp = peer } };
            }

            (parts[0] == "in" ? group.IpPermissions : group.IpPermissionsEgress).Add(permission);
        }

        return group;
    }
}
