using System.Collections.Generic;
using System.Linq;
using RuleAction = Amazon.EC2.RuleAction;
using Amazon.EC2.Model;
using Kaviar.Ops.Network;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>Network ACL semantics, one shape per row: rule order, partial CIDR and port matches, families, the final * rule.</summary>
public class NetworkAclEvaluatorTests
{
    private static readonly string[] AlbSubnets = { "10.0.1.0/24", "10.0.2.0/24" };

    /// <summary>Rules as "number allow|deny protocol from-to cidr" (inbound); the traffic is TCP on <c>Ports</c> from <c>Peers</c>.</summary>
    public sealed record Shape(string Name, string[] Rules, int From, int To, string[] Peers, bool Allowed, string Phrase)
    {
        public override string ToString() => Name;
    }

    private static Shape S(string name, string[] rules, bool allowed, string phrase, int from = 8080, int? to = null, string[]? peers = null) =>
        new(name, rules, from, to ?? from, peers ?? AlbSubnets, allowed, phrase);

    public static IEnumerable<object[]> Shapes() => new[]
    {
        S("default ACL allows all", new[] { "100 allow -1 0-0 0.0.0.0/0", "32767 deny -1 0-0 0.0.0.0/0" }, true, "rule 100 allows all traffic"),
        S("custom ACL with no rules", new[] { "32767 deny -1 0-0 0.0.0.0/0" }, false, "the final * rule denies"),
        S("no rules at all", new string[0], false, "the final * rule denies"),
        S("allow on the port", new[] { "100 allow 6 8080-8080 10.0.0.0/16", "32767 deny -1 0-0 0.0.0.0/0" }, true, "rule 100 allows TCP 8080"),
        S("allow on another port", new[] { "100 allow 6 80-80 10.0.0.0/16", "32767 deny -1 0-0 0.0.0.0/0" }, false, "final * rule"),
        S("deny numbered before allow", new[] { "90 deny 6 8080-8080 10.0.1.0/24", "100 allow -1 0-0 0.0.0.0/0" }, false, "rule 90 denies TCP 8080 from 10.0.1.0/24"),
        S("allow numbered before deny", new[] { "90 allow 6 8080-8080 10.0.0.0/16", "100 deny -1 0-0 0.0.0.0/0" }, true, "rule 90 allows"),
        S("deny of part of one subnet", new[] { "90 deny 6 0-65535 10.0.2.128/25", "100 allow -1 0-0 0.0.0.0/0" }, false, "10.0.2.128/25"),
        S("allow of one subnet only", new[] { "100 allow 6 8080-8080 10.0.1.0/24", "32767 deny -1 0-0 0.0.0.0/0" }, false, "from 10.0.2.0/24"),
        S("two allows covering both subnets", new[] { "100 allow 6 8080-8080 10.0.1.0/24", "110 allow 6 8080-8080 10.0.2.0/24", "32767 deny -1 0-0 0.0.0.0/0" }, true, "rule 110"),
        S("IPv6 allow does not admit IPv4", new[] { "101 allow -1 0-0 ::/0", "32767 deny -1 0-0 0.0.0.0/0" }, false, "final * rule"),
        S("IPv6 peer with IPv4 rules only", new[] { "100 allow -1 0-0 0.0.0.0/0" }, false, "final * rule", peers: new[] { "2600:1f18:a:1::/64" }),
        S("UDP rule does not admit TCP", new[] { "100 allow 17 0-65535 0.0.0.0/0", "32767 deny -1 0-0 0.0.0.0/0" }, false, "final * rule"),
        S("return traffic on the whole ephemeral range", new[] { "100 allow 6 1024-65535 10.0.0.0/16", "32767 deny -1 0-0 0.0.0.0/0" }, true, "rule 100", 1024, 65535),
        S("return traffic on Linux's range only", new[] { "100 allow 6 32768-60999 10.0.0.0/16", "32767 deny -1 0-0 0.0.0.0/0" }, false, "on 1024-32767", 1024, 65535),
        S("deny of part of the ephemeral range first", new[] { "90 deny 6 50000-50010 0.0.0.0/0", "100 allow -1 0-0 0.0.0.0/0" }, false, "rule 90 denies TCP 50000-50010", 1024, 65535),
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Judges_each_shape_as_AWS_does(Shape shape)
    {
        var verdict = NetworkAclEvaluator.Evaluate(Acl(shape.Rules), "subnet-1", TrafficDirection.Inbound, "tcp", new PortSpan(shape.From, shape.To),
            shape.Peers.Select(IpBlock.Parse).ToList(), "test");

        Assert.Equal(shape.Allowed, verdict.Allowed);
        Assert.Contains(shape.Phrase, verdict.Reason);
    }

    [Fact]
    public void A_denied_flow_names_the_allow_rules_that_would_fix_it_before_the_deny()
    {
        var verdict = NetworkAclEvaluator.Evaluate(Acl(new[] { "90 deny 6 8080-8080 10.0.1.0/24", "100 allow -1 0-0 0.0.0.0/0" }), "subnet-1",
            TrafficDirection.Inbound, "tcp", PortSpan.Single(8080), AlbSubnets.Select(IpBlock.Parse).ToList(), "test");

        Assert.Equal(
            "aws ec2 create-network-acl-entry --region eu-west-1 --network-acl-id acl-1 --ingress --rule-number 89 --protocol 6 --port-range From=8080,To=8080 --cidr-block 10.0.1.0/24 --rule-action allow",
            verdict.FixCommand("eu-west-1"));

        var bothDenied = NetworkAclEvaluator.Evaluate(Acl(new[] { "32767 deny -1 0-0 0.0.0.0/0" }), "subnet-1",
            TrafficDirection.Inbound, "tcp", PortSpan.Single(8080), AlbSubnets.Select(IpBlock.Parse).ToList(), "test");
        Assert.Equal(
            "aws ec2 create-network-acl-entry --region eu-west-1 --network-acl-id acl-1 --ingress --rule-number 32766 --protocol 6 --port-range From=8080,To=8080 --cidr-block 10.0.1.0/24 --rule-action allow" +
            " && aws ec2 create-network-acl-entry --region eu-west-1 --network-acl-id acl-1 --ingress --rule-number 32765 --protocol 6 --port-range From=8080,To=8080 --cidr-block 10.0.2.0/24 --rule-action allow",
            bothDenied.FixCommand("eu-west-1"));
    }

    private static NetworkAcl Acl(IEnumerable<string> rules) => new NetworkAcl
    {
        NetworkAclId = "acl-1",
        Entries = rules.Select(text =>
        {
            var parts = text.Split(' ');
            var ports = parts[3].Split('-');
            var cidr = parts[4];
            return new NetworkAclEntry
            {
                RuleNumber = int.Parse(parts[0]),
                RuleAction = new RuleAction(parts[1]),
                Protocol = parts[2],
                PortRange = new PortRange { From = int.Parse(ports[0]), To = int.Parse(ports[1]) },
                CidrBlock = cidr.Contains(':') ? null : cidr,
                Ipv6CidrBlock = cidr.Contains(':') ? cidr : null,
                Egress = false,
            };
        }).ToList(),
    };
}
