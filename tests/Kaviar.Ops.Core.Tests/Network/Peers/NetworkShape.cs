using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Core.Tests.Network.Peers;

/// <summary>
/// One security group rule of a shape: on group <c>Group</c> ("lb", "lb2", "task", "other"), inbound or outbound,
/// protocol ("tcp", "udp", "icmp", "-1") and ports, to or from <c>Peer</c>: "sg:name", a CIDR, or "pl:name".
/// </summary>
public sealed record GroupRule(string Group, bool Egress, string Protocol, int From, int To, string Peer);

/// <summary>One network ACL entry of a shape, on the custom ACL of subnet <c>Subnet</c> ("lb-a", "lb-b", "task").</summary>
public sealed record AclRule(string Subnet, bool Egress, int Number, string Action, string Protocol, int From, int To, string Cidr);

/// <summary>
/// A network to build in a peer and the verdict AWS gives its flow: load balancer (groups <c>LoadBalancerGroups</c>,
/// subnets lb-a 10.0.1.0/24 and lb-b 10.0.2.0/24) to a task's interface (groups <c>TaskGroups</c>, subnet task
/// 10.0.11.0/24) on TCP 8080. Every group starts as AWS creates one: no inbound rule, all traffic out to 0.0.0.0/0
/// (unless named in <c>NoDefaultEgress</c>). A subnet named by an ACL rule gets a custom ACL holding just those rules.
/// </summary>
public sealed record NetworkShape(string Name, GroupRule[] Rules, AclRule[] Acls, bool Allowed, string Phrase)
{
    public const int Port = 8080;

    public static readonly string[] GroupNames = { "lb", "lb2", "task", "other" };

    public static readonly (string Name, string Cidr, string Zone)[] Subnets = { ("lb-a", "10.0.1.0/24", "a"), ("lb-b", "10.0.2.0/24", "b"), ("task", "10.0.11.0/24", "a") };

    /// <summary>Prefix lists a rule may name: both load balancer subnets, one of them, the task subnet.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PrefixLists = new Dictionary<string, string[]>
    {
        ["lbs"] = new[] { "10.0.1.0/24", "10.0.2.0/24" },
        ["lb-a"] = new[] { "10.0.1.0/24" },
        ["tasks"] = new[] { "10.0.11.0/24" },
    };

    public string[] LoadBalancerGroups { get; init; } = { "lb" };

    public string[] TaskGroups { get; init; } = { "task" };

    public string[] NoDefaultEgress { get; init; } = Array.Empty<string>();

    /// <summary>The task group's usual rule: TCP 8080 from the load balancer's group.</summary>
    public static GroupRule TaskAdmitsLb => In("task", "tcp", 8080, 8080, "sg:lb");

    public static GroupRule In(string group, string protocol, int from, int to, string peer) => new(group, false, protocol, from, to, peer);

    public static GroupRule Out(string group, string protocol, int from, int to, string peer) => new(group, true, protocol, from, to, peer);

    public static AclRule AclIn(string subnet, int number, string action, string protocol, int from, int to, string cidr) =>
        new(subnet, false, number, action, protocol, from, to, cidr);

    public static AclRule AclOut(string subnet, int number, string action, string protocol, int from, int to, string cidr) =>
        new(subnet, true, number, action, protocol, from, to, cidr);

    public IEnumerable<string> PrefixListsUsed => Rules.Select(r => r.Peer).Where(p => p.StartsWith("pl:", StringComparison.Ordinal)).Select(p => p[3..]).Distinct();

    public override string ToString() => Name;
}
