using System;
using System.Globalization;
using System.Net;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>An IPv4 block such as 10.0.1.0/24, for allocating addresses inside subnets.</summary>
internal readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    /// <summary>AWS keeps the first four addresses and the last one of every subnet.</summary>
    public const int ReservedAddressesPerSubnet = 5;

    public long Size => 1L << (32 - PrefixLength);

    public static bool TryParse(string text, out Ipv4Cidr cidr)
    {
        cidr = default;
        var slash = text.IndexOf('/');
        if (slash < 0
            || !IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix is < 0 or > 32)
        {
            return false;
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        cidr = new Ipv4Cidr(ToUInt32(address) & mask, prefix);
        return true;
    }

    public static Ipv4Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new ArgumentException($"'{text}' is not an IPv4 CIDR block.", nameof(text));

    public bool Contains(Ipv4Cidr inner) =>
        inner.PrefixLength >= PrefixLength && inner.Network >= Network && inner.Network - Network < Size;

    /// <summary>The canonical form: 100.68.0.18/18 reads 100.68.0.0/18.</summary>
    public override string ToString() => AddressAt(0) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

    /// <summary>The address <paramref name="offset"/> places after the network address.</summary>
    public string AddressAt(long offset) => new IPAddress(new[]
    {
        (byte)((Network + offset) >> 24), (byte)((Network + offset) >> 16), (byte)((Network + offset) >> 8), (byte)(Network + offset),
    }).ToString();

    private static uint ToUInt32(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }
}
