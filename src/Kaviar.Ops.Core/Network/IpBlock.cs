using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace Kaviar.Ops.Network;

/// <summary>
/// An IPv4 or IPv6 CIDR block, as security group rules, prefix lists and subnets write them. A block contains another
/// only within the same address family: ::/0 says nothing about IPv4 traffic, and 0.0.0.0/0 nothing about IPv6.
/// </summary>
public readonly struct IpBlock : IEquatable<IpBlock>
{
    private readonly byte[] network;

    private IpBlock(byte[] network, int prefixLength)
    {
        this.network = network;
        PrefixLength = prefixLength;
    }

    public AddressFamily Family => network.Length == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    public bool IsIPv6 => network.Length == 16;

    public int PrefixLength { get; }

    /// <summary>The whole address space of the block's family (0.0.0.0/0 or ::/0).</summary>
    public bool IsWholeFamily => PrefixLength == 0;

    /// <summary>"10.0.0.0/16", "2600:1f18::/56", or a bare address (a /32 or /128).</summary>
    public static bool TryParse(string? text, out IpBlock block)
    {
        block = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text!.Trim();
        var slash = trimmed.IndexOf('/');
        var addressText = slash < 0 ? trimmed : trimmed.Substring(0, slash);
        // IPAddress also takes inet_aton shorthands ("10.0.0" is 10.0.0.0); AWS takes dotted quads only.
        var dottedQuad = addressText.Contains(":") || addressText.Split('.').Length == 4;
        if (!dottedQuad || !IPAddress.TryParse(addressText, out var address) ||
            (address.AddressFamily != AddressFamily.InterNetwork && address.AddressFamily != AddressFamily.InterNetworkV6))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var length = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(trimmed.Substring(slash + 1), out length) || length < 0 || length > bytes.Length * 8))
        {
            return false;
        }

        block = new IpBlock(Masked(bytes, length), length);
        return true;
    }

    /// <summary>The blocks of the texts that parse, each once; AWS fields that are empty or absent are skipped.</summary>
    public static IReadOnlyList<IpBlock> ParseAll(IEnumerable<string?> texts) =>
        texts.Select(t => TryParse(t, out var block) ? (IpBlock?)block : null).OfType<IpBlock>().Distinct().ToList();

    /// <summary>0.0.0.0/0: every IPv4 address, the internet as a security group rule or route names it.</summary>
    public static IpBlock AnyIpv4 => Parse("0.0.0.0/0");

    public static IpBlock Parse(string text) =>
        TryParse(text, out var block) ? block : throw new FormatException($"'{text}' is not an IPv4 or IPv6 CIDR block.");

    /// <summary>True when every address of <paramref name="other"/> is in this block (same family only).</summary>
    public bool Contains(IpBlock other)
    {
        if (network == null || other.network == null || network.Length != other.network.Length || other.PrefixLength < PrefixLength)
        {
            return false;
        }

        var masked = Masked(other.network, PrefixLength);
        for (var i = 0; i < network.Length; i++)
        {
            if (masked[i] != network[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the two blocks share at least one address.</summary>
    public bool Overlaps(IpBlock other) => Contains(other) || other.Contains(this);

    /// <summary>The block split in its two halves, one bit longer; a single address has none (check the prefix length first).</summary>
    public (IpBlock Low, IpBlock High) Halves()
    {
        var length = PrefixLength + 1;
        var high = (byte[])network.Clone();
        high[PrefixLength / 8] |= (byte)(0x80 >> (PrefixLength % 8));
        return (new IpBlock((byte[])network.Clone(), length), new IpBlock(high, length));
    }

    /// <summary>True when the block is one address (a /32 or /128).</summary>
    public bool IsSingleAddress => network != null && PrefixLength == network.Length * 8;

    public override string ToString() => network == null ? "" : $"{new IPAddress(network)}/{PrefixLength}";

    public bool Equals(IpBlock other) => ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is IpBlock other && Equals(other);

    public override int GetHashCode() => ToString().GetHashCode();

    private static byte[] Masked(byte[] address, int prefixLength)
    {
        var result = new byte[address.Length];
        for (var i = 0; i < address.Length; i++)
        {
            var bits = Math.Max(0, Math.Min(8, prefixLength - i * 8));
            result[i] = (byte)(address[i] & (bits == 0 ? 0 : 0xFF << (8 - bits)));
        }

        return result;
    }
}
