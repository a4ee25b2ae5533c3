using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>
/// How AWS judges one direction of a network ACL: the entries of that direction in increasing rule number, the first
/// whose protocol, ports and CIDR match a packet decides it, and the "*" rule denies what none matched. A flow of many
/// packets (every address a peer may use, every port a client may pick) is allowed only when no packet of it is
/// denied: a deny numbered before an allow that matches part of the flow refuses the flow.
/// </summary>
internal static class NetworkAclRules
{
    private const string Tcp = "6";
    private const string AllProtocols = "-1";

    /// <summary>
    /// Whether every TCP packet between the subnet and any address of <paramref name="peerRanges"/> (IPv4 CIDRs), on
    /// any port of <paramref name="ports"/> (the destination port of the packet), gets through the ACL in that direction.
    /// </summary>
    public static bool AllowsTcp(NetworkAcl acl, bool egress, IEnumerable<string> peerRanges, PortRange ports)
    {
        var undecided = peerRanges
            .Select(range => Ipv4Cidr.Parse(range))
            .Select(cidr => new Box(cidr.Network, cidr.Network + cidr.Size - 1, ports.From, ports.To))
            .ToList();
        foreach (var entry in acl.Entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber))
        {
            if (undecided.Count == 0)
            {
                return true;
            }

            if (RuleBox(entry) is not { } rule || !undecided.Any(rule.Overlaps))
            {
                continue;
            }

            if (!entry.IsAllow)
            {
                return false;
            }

            undecided = undecided.SelectMany(box => box.Minus(rule)).ToList();
        }

        // Nothing matched what is left: the "*" rule denies it.
        return undecided.Count == 0;
    }

    /// <summary>The IPv4 addresses and TCP ports an entry matches; null when it matches no IPv4 TCP packet.</summary>
    private static Box? RuleBox(NetworkAclEntry entry)
    {
        if (entry.CidrBlock is null || !Ipv4Cidr.TryParse(entry.CidrBlock, out var cidr))
        {
            return null;
        }

        var (from, to) = entry.Protocol switch
        {
            AllProtocols => (0, 65535),
            Tcp when entry.PortRange is { } range => (range.From, range.To),
            _ => (1, 0),
        };
        return from > to ? null : new Box(cidr.Network, cidr.Network + cidr.Size - 1, from, to);
    }

    /// <summary>Addresses [FirstAddress, LastAddress] × ports [FirstPort, LastPort], inclusive.</summary>
    private readonly record struct Box(long FirstAddress, long LastAddress, int FirstPort, int LastPort)
    {
        public bool Overlaps(Box other) =>
            FirstAddress <= other.LastAddress && other.FirstAddress <= LastAddress
            && FirstPort <= other.LastPort && other.FirstPort <= LastPort;

        /// <summary>What of this box <paramref name="other"/> leaves: up to four boxes.</summary>
        public IEnumerable<Box> Minus(Box other)
        {
            if (!Overlaps(other))
            {
                yield return this;
                yield break;
            }

            if (FirstAddress < other.FirstAddress)
            {
                yield return this with { LastAddress = other.FirstAddress - 1 };
            }

            if (other.LastAddress < LastAddress)
            {
                yield return this with { FirstAddress = other.LastAddress + 1 };
            }

            var middle = this with { FirstAddress = Math.Max(FirstAddress, other.FirstAddress), LastAddress = Math.Min(LastAddress, other.LastAddress) };
            if (FirstPort < other.FirstPort)
            {
                yield return middle with { LastPort = other.FirstPort - 1 };
            }

            if (other.LastPort < LastPort)
            {
                yield return middle with { FirstPort = other.LastPort + 1 };
            }
        }
    }
}
