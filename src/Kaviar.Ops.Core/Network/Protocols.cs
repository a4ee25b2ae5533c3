namespace Kaviar.Ops.Network;

/// <summary>IP protocols as security group rules, ACL entries and questions name them, and how messages show traffic.</summary>
internal static class Protocols
{
    /// <summary>The protocol number: "tcp" and "6" are the same; "-1" and "all" are every protocol.</summary>
    public static string Number(string? protocol)
    {
        switch ((protocol ?? "").Trim().ToLowerInvariant())
        {
            case "tcp": return "6";
            case "udp": return "17";
            case "icmp": return "1";
            case "icmpv6": return "58";
            case "all":
            case "-1": return "-1";
            default: return (protocol ?? "").Trim();
        }
    }

    /// <summary>TCP and UDP carry ports; other protocols are admitted or not as a whole.</summary>
    public static bool HasPorts(string number) => number == "6" || number == "17";

    /// <summary>"TCP 8080", "UDP 1024-65535", "protocol icmp" or "all traffic".</summary>
    public static string Describe(string? protocol, PortSpan ports)
    {
        var number = Number(protocol);
        if (number == "-1")
        {
            return "all traffic";
        }

        var name = number == "6" ? "TCP" : number == "17" ? "UDP" : $"protocol {protocol}";
        return HasPorts(number) ? $"{name} {ports}" : name;
    }
}
