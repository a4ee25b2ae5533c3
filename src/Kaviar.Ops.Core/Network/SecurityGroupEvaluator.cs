using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;

namespace Kaviar.Ops.Network;

/// <summary>Which of a group's rule lists applies: ingress on the receiving side, egress on the sending side.</summary>
public enum TrafficDirection
{
    Inbound,
    Outbound,
}

/// <summary>
/// The traffic asked about, seen from the side whose groups are evaluated: the protocol and port, and the peer (the
/// other end) as the security groups its network interfaces carry and the address blocks its addresses lie in.
/// </summary>
public sealed class TrafficQuestion
{
    public string Protocol { get; set; } = "tcp";

    public int Port { get; set; }

    public IReadOnlyList<string> PeerGroupIds { get; set; } = Array.Empty<string>();

    /// <summary>Where the peer's addresses lie (interface addresses, or the subnets it may use); each must be admitted.</summary>
    public IReadOnlyList<IpBlock> PeerBlocks { get; set; } = Array.Empty<IpBlock>();

    /// <summary>How a message names the peer: "the load balancer kaviar-alb".</summary>
    public string PeerDescription { get; set; } = "the peer";

    /// <summary>The traffic on <paramref name="port"/> as the other end judges it, with <paramref name="peer"/> at this end.</summary>
    public static TrafficQuestion With(NetworkEnd peer, string protocol, int port) => new TrafficQuestion
    {
        Protocol = protocol,
        Port = port,
        PeerGroupIds = peer.GroupIds,
        PeerBlocks = peer.Blocks,
        PeerDescription = peer.Description,
    };
}

/// <summary>A verdict and the rule that decided it (or, when denied, what came close and why it does not count).</summary>
public sealed class RuleVerdict
{
    public bool Allowed { get; set; }

    /// <summary>The deciding rule ("kaviar-ecs-sg (sg-1) allows TCP 8080 from sg-2"), or what is missing.</summary>
    public string Reason { get; set; } = "";

    /// <summary>The group whose rule admitted the traffic; null when denied.</summary>
    public string? DecidingGroupId { get; set; }

    /// <summary>Rules that name the peer but do not admit this traffic: another port, another address family, part of the addresses.</summary>
    public IReadOnlyList<string> NearMisses { get; set; } = Array.Empty<string>();

    public override string ToString() => NearMisses.Count == 0 ? Reason : $"{Reason} ({string.Join("; ", NearMisses)})";
}

/// <summary>
/// Security group rules as AWS evaluates them: allow-only, the union of every group on the interface; a rule admits
/// the traffic when its protocol is -1 or the traffic's (by name or number) and, for TCP and UDP, its port range holds
/// the port; and its peer is a group the other end carries, or address ranges (IPv4 CIDR, IPv6 CIDR, managed prefix
/// list entries) that together hold every address the other end may use, in that address family only.
/// </summary>
public static class SecurityGroupEvaluator
{
    public static RuleVerdict Evaluate(
        IEnumerable<SecurityGroup> groups, TrafficDirection direction, TrafficQuestion question, Func<string, IReadOnlyList<IpBlock>?>? prefixListEntries = null)
    {
        var groupList = groups.ToList();
        var traffic = Traffic(question.Protocol, question.Port);
        var ruleWord = direction == TrafficDirection.Inbound ? "from" : "to";
        var nearMisses = new List<string>();
        var ranges = new List<(IpBlock Block, string Group, string GroupId, string Rule)>();
        foreach (var group in groupList)
        {
            var groupName = NetworkNames.Group(group.GroupId, group.GroupName);
            var permissions = (direction == TrafficDirection.Inbound ? group.IpPermissions : group.IpPermissionsEgress) ?? new List<IpPermission>();
            foreach (var permission in permissions)
            {
                var ruleTraffic = RuleTraffic(permission);
                var covers = CoversTraffic(permission, question.Protocol, question.Port);
                foreach (var pair in permission.UserIdGroupPairs ?? new List<UserIdGroupPair>())
                {
                    if (pair.GroupId == null || !question.PeerGroupIds.Contains(pair.GroupId))
                    {
                        continue;
                    }

                    if (covers)
                    {
                        return new RuleVerdict
                        {
                            Allowed = true,
                            DecidingGroupId = group.GroupId,
                            Reason = $"{groupName} allows {ruleTraffic} {ruleWord} {pair.GroupId}, a group {question.PeerDescription} carries",
                        };
                    }

                    nearMisses.Add($"{groupName} allows {ruleTraffic} {ruleWord} {pair.GroupId}, not {traffic}");
                }

                var cidrs = (permission.Ipv4Ranges ?? new List<IpRange>()).Select(r => r.CidrIp)
                    .Concat((permission.Ipv6Ranges ?? new List<Ipv6Range>()).Select(r => r.CidrIpv6));
                foreach (var cidr in cidrs)
                {
                    if (IpBlock.TryParse(cidr, out var block))
                    {
                        Consider(block, $"{groupName} allows {ruleTraffic} {ruleWord} {cidr}");
                    }
                }

                foreach (var prefixList in permission.PrefixListIds ?? new List<PrefixListId>())
                {
                    var entries = prefixList.Id == null ? null : prefixListEntries?.Invoke(prefixList.Id);
                    if (entries == null)
                    {
                        nearMisses.Add($"{groupName} allows {ruleTraffic} {ruleWord} prefix list {prefixList.Id}, whose entries could not be read");
                        continue;
                    }

                    foreach (var entry in entries)
                    {
                        Consider(entry, $"{groupName} allows {ruleTraffic} {ruleWord} prefix list {prefixList.Id} ({entry})");
                    }
                }

                void Consider(IpBlock block, string rule)
                {
                    var touchesPeer = question.PeerBlocks.Any(p => p.Overlaps(block));
                    if (!covers)
                    {
                        if (touchesPeer)
                        {
                            nearMisses.Add($"{rule}, not {traffic}");
                        }

                        return;
                    }

                    if (touchesPeer)
                    {
                        ranges.Add((block, groupName, group.GroupId, rule));
                    }
                    else if (block.IsWholeFamily && question.PeerBlocks.Count > 0)
                    {
                        nearMisses.Add($"{rule}, which admits {(block.IsIPv6 ? "IPv6" : "IPv4")} only; {question.PeerDescription} uses {Families(question.PeerBlocks)}");
                    }
                }
            }
        }

        if (question.PeerBlocks.Count > 0 && question.PeerBlocks.All(peer => Covered(peer, ranges.Select(r => r.Block).ToList())))
        {
            var deciding = ranges.Where(r => question.PeerBlocks.Any(p => p.Overlaps(r.Block))).ToList();
            return new RuleVerdict
            {
                Allowed = true,
                DecidingGroupId = deciding[0].GroupId,
                Reason = string.Join(" and ", deciding.Select(r => r.Rule).Distinct()) +
                         $"{(deciding.Any(r => r.Block.IsWholeFamily) && !question.PeerBlocks.Any(p => p.IsWholeFamily) ? " (wider than needed)" : "")}, covering {question.PeerDescription} ({string.Join(", ", question.PeerBlocks)})",
            };
        }

        nearMisses.AddRange(ranges.Select(r => $"{r.Rule} covers only part of {question.PeerDescription}'s addresses ({string.Join(", ", question.PeerBlocks)})"));
        var names = groupList.Count == 0 ? "no security group" : string.Join(", ", groupList.Select(g => NetworkNames.Group(g.GroupId, g.GroupName)));
        return new RuleVerdict
        {
            Allowed = false,
            Reason = $"No {(direction == TrafficDirection.Inbound ? "inbound" : "outbound")} rule of {names} allows {traffic} {ruleWord} {question.PeerDescription}",
            NearMisses = nearMisses.Distinct().ToList(),
        };
    }

    /// <summary>True when <paramref name="ranges"/> together hold every address of <paramref name="peer"/>.</summary>
    private static bool Covered(IpBlock peer, IReadOnlyList<IpBlock> ranges)
    {
        if (ranges.Any(r => r.Contains(peer)))
        {
            return true;
        }

        // Only ranges strictly inside the peer's block can cover it together; split it in halves down to them.
        var inside = ranges.Where(peer.Contains).ToList();
        if (inside.Count == 0 || peer.IsSingleAddress)
        {
            return false;
        }

        var (low, high) = peer.Halves();
        return Covered(low, inside) && Covered(high, inside);
    }

    /// <summary>Every source an inbound rule of the groups admits the traffic from: CIDRs, prefix lists, groups.</summary>
    public static IReadOnlyList<string> SourcesAdmitting(IEnumerable<SecurityGroup> groups, string protocol, int port) =>
        groups.SelectMany(group => group.IpPermissions ?? new List<IpPermission>())
            .Where(permission => CoversTraffic(permission, protocol, port))
            .SelectMany(permission =>
                (permission.Ipv4Ranges ?? new List<IpRange>()).Select(range => range.CidrIp)
                .Concat((permission.Ipv6Ranges ?? new List<Ipv6Range>()).Select(range => range.CidrIpv6))
                .Concat((permission.PrefixListIds ?? new List<PrefixListId>()).Select(list => list.Id))
                .Concat((permission.UserIdGroupPairs ?? new List<UserIdGroupPair>()).Select(pair => pair.GroupId)))
            .Where(source => !string.IsNullOrEmpty(source))
            .Distinct()
            .ToList();

    private static string Families(IReadOnlyList<IpBlock> blocks) =>
        blocks.All(b => b.IsIPv6) ? "IPv6" : blocks.All(b => !b.IsIPv6) ? "IPv4" : "IPv4 and IPv6";

    private static bool CoversTraffic(IpPermission permission, string protocol, int port)
    {
        var rule = Protocols.Number(permission.IpProtocol);
        if (rule == "-1")
        {
            return true;
        }

        if (rule != Protocols.Number(protocol))
        {
            return false;
        }

        // TCP and UDP rules carry a port range; other protocols admit all of their traffic.
        return !Protocols.HasPorts(rule) || ((permission.FromPort ?? 0) <= port && port <= (permission.ToPort ?? 65535));
    }

    private static string Traffic(string protocol, int port) => Protocols.Describe(protocol, PortSpan.Single(port));

    internal static string RuleTraffic(IpPermission permission) =>
        Protocols.Describe(permission.IpProtocol, new PortSpan(permission.FromPort ?? 0, permission.ToPort ?? 65535));
}
