using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;

namespace Kaviar.Ops.Network;

/// <summary>The ports a packet is sent to: a server's port, or the range of ephemeral ports a client answers on.</summary>
public readonly struct PortSpan
{
    public PortSpan(int from, int to)
    {
        From = from;
        To = to;
    }

    public int From { get; }

    public int To { get; }

    public static PortSpan Single(int port) => new PortSpan(port, port);

    /// <summary>What load balancers, NAT gateways and Lambda functions answer on (AWS: "Ephemeral ports").</summary>
    public static PortSpan AwsServiceEphemeral => new PortSpan(1024, 65535);

    /// <summary>What a Linux client (a Fargate task) answers on: net.ipv4.ip_local_port_range.</summary>
    public static PortSpan LinuxEphemeral => new PortSpan(32768, 60999);

    public override string ToString() => From == To ? From.ToString() : $"{From}-{To}";
}

/// <summary>One subnet's network ACL on one direction of a flow, and the rule that decided it.</summary>
public sealed class AclVerdict
{
    public bool Allowed { get; set; }

    public string NetworkAclId { get; set; } = "";

    /// <summary>"acl-1 (subnet-2) inbound rule 100 allows all traffic from 0.0.0.0/0", or the rule that denies.</summary>
    public string Reason { get; set; } = "";

    /// <summary>The number of the rule that denied (32767 for the final "*" rule); null when allowed.</summary>
    public int? DenyingRule { get; set; }

    /// <summary>The direction of the ACL that decided: its outbound rules, or its inbound rules.</summary>
    public bool Egress { get; set; }

    public string Protocol { get; set; } = "tcp";

    /// <summary>The peer blocks some part of which is denied.</summary>
    public IReadOnlyList<IpBlock> DeniedPeers { get; set; } = Array.Empty<IpBlock>();

    /// <summary>The ports the flow needs through this ACL.</summary>
    public PortSpan Ports { get; set; }

    /// <summary>Free rule numbers before the first denying rule, one per denied peer, where allow rules take effect; empty when there is no room.</summary>
    public IReadOnlyList<int> FreeRuleNumbers { get; set; } = Array.Empty<int>();

    /// <summary>The aws CLI lines (joined by &amp;&amp;) that add the allow rules the flow needs, before the rule that denies it.</summary>
    public string? FixCommand(string region)
    {
        if (Allowed || DeniedPeers.Count == 0 || FreeRuleNumbers.Count < DeniedPeers.Count)
        {
            return null;
        }

        var protocol = Protocols.Number(Protocol);
        var ports = Protocols.HasPorts(protocol) ? $" --port-range From={Ports.From},To={Ports.To}" : "";
        return string.Join(" && ", DeniedPeers.Select((block, i) =>
            $"aws ec2 create-network-acl-entry --region {region} --network-acl-id {NetworkAclId} {(Egress ? "--egress" : "--ingress")} " +
            $"--rule-number {FreeRuleNumbers[i]} --protocol {protocol}{ports} {(block.IsIPv6 ? "--ipv6-cidr-block" : "--cidr-block")} {block} --rule-action allow"));
    }
}

/// <summary>
/// Network ACLs as AWS evaluates them: stateless, per subnet and direction, rules in increasing number, the first
/// rule whose protocol, port range and CIDR match a packet decides, and the final "*" rule denies. A flow is allowed
/// only when every address the peer may use, on every port asked (a client's whole ephemeral range for return
/// traffic), meets an allow rule before any deny rule; ranges a rule matches in part are split until a rule decides.
/// </summary>
public static class NetworkAclEvaluator
{
    public static AclVerdict Evaluate(NetworkAcl acl, string subnetId, TrafficDirection direction, string protocol, PortSpan ports,
        IReadOnlyList<IpBlock> peers, string purpose)
    {
        var egress = direction == TrafficDirection.Outbound;
        var rules = (acl.Entries ?? new List<NetworkAclEntry>()).Where(e => (e.Egress ?? false) == egress)
            .OrderBy(e => e.RuleNumber ?? int.MaxValue).ToList();
        var decisions = new List<(IpBlock Block, PortSpan Ports, NetworkAclEntry? Rule)>();
        var deniedPeers = new List<IpBlock>();
        foreach (var peer in peers)
        {
            var before = decisions.Count;
            Decide(rules, 0, protocol, peer, ports, decisions);
            if (decisions.Skip(before).Any(d => !Allows(d.Rule)))
            {
                deniedPeers.Add(peer);
            }
        }

        var where = $"{acl.NetworkAclId} ({subnetId}) {(egress ? "outbound" : "inbound")}";
        var word = egress ? "to" : "from";
        var deniedAt = decisions.FindIndex(d => !Allows(d.Rule));
        if (decisions.Count > 0 && deniedAt < 0)
        {
            var allowing = decisions.Select(d => d.Rule!).Distinct().Select(r => $"rule {r.RuleNumber} allows {Traffic(r)} {word} {Cidr(r)}");
            return new AclVerdict { Allowed = true, NetworkAclId = acl.NetworkAclId, Reason = $"{where} {string.Join(" and ", allowing)} ({purpose})" };
        }

        var part = deniedAt < 0 ? $"{word} {string.Join(", ", peers)}" : $"{word} {decisions[deniedAt].Block} on {decisions[deniedAt].Ports}";
        var rule = deniedAt < 0 ? null : decisions[deniedAt].Rule;
        var denyingNumber = decisions.Where(d => !Allows(d.Rule)).Select(d => d.Rule?.RuleNumber ?? 32767).DefaultIfEmpty(32767).Min();
        return new AclVerdict
        {
            Allowed = false,
            NetworkAclId = acl.NetworkAclId,
            DenyingRule = rule?.RuleNumber ?? 32767,
            Egress = egress,
            Protocol = protocol,
            DeniedPeers = deniedAt < 0 ? peers : deniedPeers,
            Ports = ports,
            FreeRuleNumbers = FreeNumbersBefore(rules, denyingNumber).Take(Math.Max(1, deniedPeers.Count)).ToList(),
            Reason = rule == null || IsFinalRule(rule)
                ? $"{where} has no rule allowing {Protocols.Describe(protocol, ports)} {part}, so the final * rule denies it ({purpose})"
                : $"{where} rule {rule.RuleNumber} denies {Traffic(rule)} {word} {Cidr(rule)}, which matches {Protocols.Describe(protocol, ports)} {part} before any allow rule ({purpose})",
        };
    }

    private static void Decide(IReadOnlyList<NetworkAclEntry> rules, int first, string protocol, IpBlock block, PortSpan ports,
        List<(IpBlock, PortSpan, NetworkAclEntry?)> decisions)
    {
        for (var i = first; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (!MatchesProtocol(rule, protocol) || !IpBlock.TryParse(Cidr(rule), out var cidr) || !cidr.Overlaps(block))
            {
                continue;
            }

            var rulePorts = PortsOf(rule);
            if (rulePorts.To < ports.From || rulePorts.From > ports.To)
            {
                continue;
            }

            if (!cidr.Contains(block))
            {
                // The rule holds part of the addresses (its block lies inside this one): decide each half on its own.
                var (low, high) = block.Halves();
                Decide(rules, i, protocol, low, ports, decisions);
                Decide(rules, i, protocol, high, ports, decisions);
                return;
            }

            if (rulePorts.From <= ports.From && ports.To <= rulePorts.To)
            {
                decisions.Add((block, ports, rule));
                return;
            }

            // The rule holds part of the ports: the ports below, inside and above its range are decided apart.
            if (ports.From < rulePorts.From)
            {
                Decide(rules, i, protocol, block, new PortSpan(ports.From, rulePorts.From - 1), decisions);
            }

            Decide(rules, i, protocol, block, new PortSpan(Math.Max(ports.From, rulePorts.From), Math.Min(ports.To, rulePorts.To)), decisions);
            if (ports.To > rulePorts.To)
            {
                Decide(rules, i, protocol, block, new PortSpan(rulePorts.To + 1, ports.To), decisions);
            }

            return;
        }

        decisions.Add((block, ports, null));
    }

    /// <summary>The unused rule numbers below <paramref name="denying"/>, highest first (user rules are 1 to 32766).</summary>
    private static IEnumerable<int> FreeNumbersBefore(IReadOnlyList<NetworkAclEntry> rules, int denying)
    {
        var used = new HashSet<int>(rules.Select(r => r.RuleNumber ?? 0));
        for (var number = Math.Min(denying - 1, 32766); number >= 1; number--)
        {
            if (!used.Contains(number))
            {
                yield return number;
            }
        }
    }

    private static bool Allows(NetworkAclEntry? rule) => rule != null && string.Equals(rule.RuleAction?.Value, "allow", StringComparison.OrdinalIgnoreCase);

    private static bool IsFinalRule(NetworkAclEntry rule) => rule.RuleNumber == 32767;

    private static string? Cidr(NetworkAclEntry rule) => string.IsNullOrEmpty(rule.CidrBlock) ? rule.Ipv6CidrBlock : rule.CidrBlock;

    private static bool MatchesProtocol(NetworkAclEntry rule, string protocol)
    {
        var number = Protocols.Number(rule.Protocol);
        return number == "-1" || number == Protocols.Number(protocol);
    }

    /// <summary>A TCP or UDP rule's port range; any other rule (all traffic, ICMP…) holds every port.</summary>
    private static PortSpan PortsOf(NetworkAclEntry rule) =>
        Protocols.HasPorts(Protocols.Number(rule.Protocol)) && rule.PortRange != null
            ? new PortSpan(rule.PortRange.From ?? 0, rule.PortRange.To ?? 65535)
            : new PortSpan(0, 65535);

    private static string Traffic(NetworkAclEntry rule) => Protocols.Describe(rule.Protocol, PortsOf(rule));
}
