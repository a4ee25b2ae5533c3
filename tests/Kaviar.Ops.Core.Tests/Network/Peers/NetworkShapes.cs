using System;
using System.Collections.Generic;
using System.Linq;
using static Kaviar.Ops.Core.Tests.Network.Peers.NetworkShape;

namespace Kaviar.Ops.Core.Tests.Network.Peers;

/// <summary>
/// The table of network shapes and AWS's verdict on the load balancer → task flow, with a phrase the deciding reason
/// holds: each rule form, protocol and port range, several groups on either side, missing egress, prefix lists, and
/// network ACLs both ways (rule order, partial CIDRs, the load balancer's ephemeral ports).
/// </summary>
public static class NetworkShapes
{
    private static readonly AclRule[] TaskAclOpen = { AclIn("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0"), AclOut("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0") };

    private static NetworkShape Shape(string name, bool allowed, string phrase, params GroupRule[] rules) => new(name, rules, Array.Empty<AclRule>(), allowed, phrase);

    private static NetworkShape WithAcls(string name, bool allowed, string phrase, params AclRule[] acls) => new(name, new[] { TaskAdmitsLb }, acls, allowed, phrase);

    public static IReadOnlyList<NetworkShape> All { get; } = new List<NetworkShape>
    {
        // Ingress on the task's group: each rule form.
        Shape("task group admits the load balancer group on the port", true, "allows TCP 8080 from sg-", TaskAdmitsLb),
        Shape("group reference on another port", false, "allows TCP 80 from sg-", In("task", "tcp", 80, 80, "sg:lb")),
        Shape("group reference on a port range", true, "TCP 8000-9000 from sg-", In("task", "tcp", 8000, 9000, "sg:lb")),
        Shape("group reference, range ending below the port", false, "not TCP 8080", In("task", "tcp", 8000, 8079, "sg:lb")),
        Shape("group reference, all traffic", true, "all traffic from sg-", In("task", "-1", 0, 0, "sg:lb")),
        Shape("group reference, UDP only", false, "not TCP 8080", In("task", "udp", 8080, 8080, "sg:lb")),
        Shape("group reference, ICMP only", false, "not TCP 8080", In("task", "icmp", -1, -1, "sg:lb")),
        Shape("another group's reference", false, "No inbound rule", In("task", "tcp", 8080, 8080, "sg:other")),
        Shape("no inbound rule", false, "No inbound rule"),
        Shape("0.0.0.0/0 on the port", true, "wider than needed", In("task", "tcp", 8080, 8080, "0.0.0.0/0")),
        Shape("::/0 only for an IPv4 load balancer", false, "admits IPv6 only", In("task", "tcp", 8080, 8080, "::/0")),
        Shape("the VPC CIDR", true, "from 10.0.0.0/16", In("task", "tcp", 8080, 8080, "10.0.0.0/16")),
        Shape("one of the load balancer's two subnets", false, "covers only part", In("task", "tcp", 8080, 8080, "10.0.1.0/24")),
        Shape("both load balancer subnets, two rules", true, "10.0.2.0/24", In("task", "tcp", 8080, 8080, "10.0.1.0/24"), In("task", "tcp", 8080, 8080, "10.0.2.0/24")),
        Shape("a /22 around both subnets", true, "10.0.0.0/22", In("task", "tcp", 8080, 8080, "10.0.0.0/22")),
        Shape("the task's own subnet", false, "No inbound rule", In("task", "tcp", 8080, 8080, "10.0.11.0/24")),
        Shape("prefix list of both subnets", true, "prefix list", In("task", "tcp", 8080, 8080, "pl:lbs")),
        Shape("prefix list of one subnet", false, "covers only part", In("task", "tcp", 8080, 8080, "pl:lb-a")),
        Shape("group reference on another port and the VPC CIDR on the port", true, "from 10.0.0.0/16",
            In("task", "tcp", 80, 80, "sg:lb"), In("task", "tcp", 8080, 8080, "10.0.0.0/16")),
        new NetworkShape("two load balancer groups, the task admits the second", new[] { In("task", "tcp", 8080, 8080, "sg:lb2") }, Array.Empty<AclRule>(), true, "from sg-")
            { LoadBalancerGroups = new[] { "lb", "lb2" } },
        new NetworkShape("two task groups, the second admits the load balancer", new[] { In("other", "tcp", 8080, 8080, "sg:lb") }, Array.Empty<AclRule>(), true, "from sg-")
            { TaskGroups = new[] { "task", "other" } },
        new NetworkShape("two task groups, neither admits", new[] { In("other", "tcp", 80, 80, "sg:lb") }, Array.Empty<AclRule>(), false, "not TCP 8080")
            { TaskGroups = new[] { "task", "other" } },

        // Egress on the load balancer's groups.
        new NetworkShape("load balancer group without egress", new[] { TaskAdmitsLb }, Array.Empty<AclRule>(), false, "No outbound rule") { NoDefaultEgress = new[] { "lb" } },
        new NetworkShape("load balancer egress to the task group on the port", new[] { TaskAdmitsLb, Out("lb", "tcp", 8080, 8080, "sg:task") }, Array.Empty<AclRule>(), true, "to sg-")
            { NoDefaultEgress = new[] { "lb" } },
        new NetworkShape("load balancer egress to the VPC CIDR", new[] { TaskAdmitsLb, Out("lb", "tcp", 0, 65535, "10.0.0.0/16") }, Array.Empty<AclRule>(), true, "to 10.0.0.0/16")
            { NoDefaultEgress = new[] { "lb" } },
        new NetworkShape("load balancer egress to another group", new[] { TaskAdmitsLb, Out("lb", "tcp", 8080, 8080, "sg:other") }, Array.Empty<AclRule>(), false, "No outbound rule")
            { NoDefaultEgress = new[] { "lb" } },
        new NetworkShape("load balancer egress on port 80 only", new[] { TaskAdmitsLb, Out("lb", "tcp", 80, 80, "10.0.0.0/16") }, Array.Empty<AclRule>(), false, "not TCP 8080")
            { NoDefaultEgress = new[] { "lb" } },
        new NetworkShape("load balancer egress to ::/0 only", new[] { TaskAdmitsLb, Out("lb", "-1", 0, 0, "::/0") }, Array.Empty<AclRule>(), false, "admits IPv6 only")
            { NoDefaultEgress = new[] { "lb" } },
        new NetworkShape("load balancer egress to a prefix list of the task subnet", new[] { TaskAdmitsLb, Out("lb", "tcp", 8080, 8080, "pl:tasks") }, Array.Empty<AclRule>(), true, "prefix list")
            { NoDefaultEgress = new[] { "lb" } },
        new NetworkShape("two load balancer groups, one without egress", new[] { TaskAdmitsLb }, Array.Empty<AclRule>(), true, "to 0.0.0.0/0")
            { LoadBalancerGroups = new[] { "lb", "lb2" }, NoDefaultEgress = new[] { "lb" } },
        new NetworkShape("task group without egress (security groups are stateful)", new[] { TaskAdmitsLb }, Array.Empty<AclRule>(), true, "allows TCP 8080 from sg-")
            { NoDefaultEgress = new[] { "task" } },

        // Network ACLs: stateless, per subnet, both ways.
        WithAcls("custom task ACL with no rules", false, "final * rule", AclIn("task", 32000, "deny", "6", 22, 22, "0.0.0.0/0")),
        WithAcls("task ACL open both ways", true, "rule 100 allows all traffic", TaskAclOpen),
        WithAcls("task ACL admits the port and answers on the whole ephemeral range", true, "rule 110 allows TCP 1024-65535",
            AclIn("task", 100, "allow", "6", 8080, 8080, "10.0.0.0/16"), AclOut("task", 110, "allow", "6", 1024, 65535, "10.0.0.0/16")),
        WithAcls("task ACL admits the port but lets no answer out", false, "final * rule", AclIn("task", 100, "allow", "6", 8080, 8080, "10.0.0.0/16")),
        WithAcls("task ACL answers on Linux's ephemeral range only", false, "on 1024-32767",
            AclIn("task", 100, "allow", "6", 8080, 8080, "10.0.0.0/16"), AclOut("task", 110, "allow", "6", 32768, 60999, "10.0.0.0/16")),
        WithAcls("task ACL denies one load balancer subnet before allowing all", false, "rule 90 denies",
            AclIn("task", 90, "deny", "6", 8080, 8080, "10.0.1.0/24"), AclIn("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0"), AclOut("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0")),
        WithAcls("task ACL allows all before a deny", true, "rule 80 allows all traffic",
            AclIn("task", 80, "allow", "-1", 0, 0, "0.0.0.0/0"), AclIn("task", 90, "deny", "6", 8080, 8080, "10.0.1.0/24"), AclOut("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0")),
        WithAcls("task ACL admits one load balancer subnet only", false, "from 10.0.2.0/24",
            AclIn("task", 100, "allow", "6", 8080, 8080, "10.0.1.0/24"), AclOut("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0")),
        WithAcls("task ACL denies part of the ephemeral range first", false, "rule 90 denies TCP 50000-50010",
            AclIn("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0"), AclOut("task", 90, "deny", "6", 50000, 50010, "0.0.0.0/0"), AclOut("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0")),
        WithAcls("task ACL denies another port first", true, "rule 100 allows all traffic",
            AclIn("task", 90, "deny", "6", 22, 22, "0.0.0.0/0"), AclIn("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0"), AclOut("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0")),
        WithAcls("task ACL with IPv6 rules only", false, "final * rule",
            AclIn("task", 100, "allow", "-1", 0, 0, "::/0"), AclOut("task", 100, "allow", "-1", 0, 0, "::/0")),
        WithAcls("task ACL allowing UDP only", false, "final * rule",
            AclIn("task", 100, "allow", "17", 0, 65535, "0.0.0.0/0"), AclOut("task", 100, "allow", "-1", 0, 0, "0.0.0.0/0")),
        WithAcls("load balancer subnet ACL lets no request out", false, "outbound",
            AclIn("lb-a", 100, "allow", "-1", 0, 0, "0.0.0.0/0")),
        WithAcls("load balancer subnet ACL lets no answer in", false, "inbound",
            AclOut("lb-a", 100, "allow", "-1", 0, 0, "0.0.0.0/0")),
        WithAcls("load balancer subnet ACL admits answers on Linux's range only", false, "on 1024-32767",
            AclOut("lb-b", 100, "allow", "-1", 0, 0, "0.0.0.0/0"), AclIn("lb-b", 100, "allow", "6", 32768, 60999, "10.0.11.0/24")),
        WithAcls("custom ACLs open on every subnet", true, "rule 100 allows all traffic",
            TaskAclOpen.Concat(new[] { "lb-a", "lb-b" }.SelectMany(s => new[] { AclIn(s, 100, "allow", "-1", 0, 0, "0.0.0.0/0"), AclOut(s, 100, "allow", "-1", 0, 0, "0.0.0.0/0") })).ToArray()),
        new NetworkShape("ACLs open, security group closed", Array.Empty<GroupRule>(), TaskAclOpen, false, "No inbound rule"),
    };
}
