using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;

namespace Kaviar.Ops.Network;

/// <summary>
/// One end of a flow: the security groups its interfaces carry, the subnets it sits in, the addresses it may use
/// there (an interface's own address, or a whole subnet for a load balancer's nodes), and, as a client, the
/// ephemeral ports answers come back on.
/// </summary>
public sealed class NetworkEnd
{
    public string Description { get; set; } = "";

    public IReadOnlyList<string> GroupIds { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> SubnetIds { get; set; } = Array.Empty<string>();

    /// <summary>Every address it may use, in the flow's address family.</summary>
    public IReadOnlyList<IpBlock> Blocks { get; set; } = Array.Empty<IpBlock>();

    public PortSpan EphemeralPorts { get; set; } = PortSpan.AwsServiceEphemeral;
}

/// <summary>Whether a flow gets through: the destination's ingress, the source's egress, and each subnet's network ACL both ways.</summary>
public sealed class Reachability
{
    public RuleVerdict Ingress { get; set; } = new RuleVerdict();

    public RuleVerdict Egress { get; set; } = new RuleVerdict();

    /// <summary>The network ACL verdicts of every pair of subnets the flow crosses (none when both ends share their subnets).</summary>
    public IReadOnlyList<AclVerdict> Acls { get; set; } = Array.Empty<AclVerdict>();

    public bool SecurityGroupsAllow => Ingress.Allowed && Egress.Allowed;

    public bool AclsAllow => Acls.All(a => a.Allowed);

    public bool Allowed => SecurityGroupsAllow && AclsAllow;

    /// <summary>What decided: the first thing that stops the flow, else every rule that lets it through.</summary>
    public string Reason =>
        !Ingress.Allowed ? Ingress.ToString()
        : !Egress.Allowed ? Egress.ToString()
        : !AclsAllow ? string.Join("; ", Acls.Where(a => !a.Allowed).Select(a => a.Reason))
        : string.Join("; ", new[] { Ingress.Reason, Egress.Reason }.Concat(Acls.Select(a => a.Reason)).Distinct());
}

/// <summary>
/// Decides whether traffic from one end reaches the other as AWS does: security groups (stateful: the destination's
/// ingress and the source's egress) and network ACLs (stateless, at subnet boundaries: the request out of the source's
/// subnet and into the destination's, the answer out of the destination's subnet and back into the source's on the
/// client's ephemeral ports). Reads through one <see cref="Ec2Network"/>, so what is shared is read once.
/// </summary>
internal sealed class ReachabilityEvaluator
{
    private readonly Ec2Network ec2;

    public ReachabilityEvaluator(Ec2Network ec2) => this.ec2 = ec2;

    public async Task<Reachability> EvaluateAsync(NetworkEnd source, NetworkEnd destination, string protocol, int port, CancellationToken cancellationToken)
    {
        var sourceGroups = await ec2.GroupsByIdAsync(source.GroupIds, cancellationToken).ConfigureAwait(false);
        var destinationGroups = await ec2.GroupsByIdAsync(destination.GroupIds, cancellationToken).ConfigureAwait(false);
        var egress = await ec2.EvaluateAsync(sourceGroups, TrafficDirection.Outbound, TrafficQuestion.With(destination, protocol, port), cancellationToken).ConfigureAwait(false);
        if (!egress.Allowed && destination.Blocks.Count == 0)
        {
            // With no address known for the destination, only rules naming its groups can be judged; none did.
            egress = new RuleVerdict
            {
                Allowed = true,
                Reason = $"outbound to {destination.Description} not judged: no network interface shows its addresses",
                NearMisses = egress.NearMisses,
            };
        }

        return new Reachability
        {
            Ingress = await ec2.EvaluateAsync(destinationGroups, TrafficDirection.Inbound, TrafficQuestion.With(source, protocol, port), cancellationToken).ConfigureAwait(false),
            Egress = egress,
            Acls = await AclVerdictsAsync(source, destination, protocol, port, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<IReadOnlyList<AclVerdict>> AclVerdictsAsync(NetworkEnd source, NetworkEnd destination, string protocol, int port, CancellationToken cancellationToken)
    {
        var subnets = (await ec2.CachedSubnetsAsync(source.SubnetIds.Concat(destination.SubnetIds), cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.SubnetId, StringComparer.Ordinal);
        // What each ACL must pass, one direction and port span at a time, gathered over every pair of subnets so one
        // verdict (and one fix) covers every peer block it serves.
        var passes = new Dictionary<(string AclId, TrafficDirection Direction, bool Answer), (NetworkAcl Acl, SortedSet<string> Subnets, List<IpBlock> Peers)>();
        void Needs(NetworkAcl acl, string subnetId, TrafficDirection direction, bool answer, IEnumerable<IpBlock> peers)
        {
            var key = (acl.NetworkAclId, direction, answer);
            if (!passes.TryGetValue(key, out var pass))
            {
                pass = (acl, new SortedSet<string>(StringComparer.Ordinal), new List<IpBlock>());
                passes[key] = pass;
            }

            pass.Subnets.Add(subnetId);
            pass.Peers.AddRange(peers.Where(p => !pass.Peers.Contains(p)));
        }

        var unread = new List<AclVerdict>();
        foreach (var from in source.SubnetIds.Where(subnets.ContainsKey).Distinct())
        {
            foreach (var to in destination.SubnetIds.Where(subnets.ContainsKey).Distinct().Where(to => to != from))
            {
                // Traffic within one subnet never crosses its ACL; each end's addresses in the subnet of this pair.
                var sourceBlocks = BlocksIn(source.Blocks, subnets[from]);
                var destinationBlocks = BlocksIn(destination.Blocks, subnets[to]);
                var sourceAcl = await AclOfAsync(subnets[from], unread, cancellationToken).ConfigureAwait(false);
                var destinationAcl = await AclOfAsync(subnets[to], unread, cancellationToken).ConfigureAwait(false);
                if (sourceBlocks.Count == 0 || destinationBlocks.Count == 0 || sourceAcl == null || destinationAcl == null)
                {
                    continue;
                }

                Needs(sourceAcl, from, TrafficDirection.Outbound, false, destinationBlocks);
                Needs(destinationAcl, to, TrafficDirection.Inbound, false, sourceBlocks);
                Needs(destinationAcl, to, TrafficDirection.Outbound, true, sourceBlocks);
                Needs(sourceAcl, from, TrafficDirection.Inbound, true, destinationBlocks);
            }
        }

        return unread.GroupBy(v => v.Reason).Select(g => g.First()).Concat(passes.Select(pass => NetworkAclEvaluator.Evaluate(pass.Value.Acl, string.Join(", ", pass.Value.Subnets), pass.Key.Direction, protocol,
                pass.Key.Answer ? source.EphemeralPorts : PortSpan.Single(port), pass.Value.Peers,
                pass.Key.Answer ? $"answers to {source.Description} on its ephemeral ports" : $"{source.Description} to {destination.Description}")))
            .ToList();
    }

    /// <summary>
    /// The subnet's own ACL, else its VPC's default. When the VPC's ACLs cannot be read the flow is not judged as
    /// passing: a verdict that says so (denied, naming the error) is added to <paramref name="unread"/>.
    /// </summary>
    private async Task<NetworkAcl?> AclOfAsync(Subnet subnet, List<AclVerdict> unread, CancellationToken cancellationToken)
    {
        List<NetworkAcl> acls;
        try
        {
            acls = await ec2.NetworkAclsAsync(subnet.VpcId, cancellationToken).ConfigureAwait(false);
        }
        catch (Amazon.EC2.AmazonEC2Exception ex)
        {
            unread.Add(new AclVerdict
            {
                Allowed = false,
                Reason = $"the network ACLs of {subnet.VpcId} could not be read ({ex.ErrorCode}: {ex.Message}), so whether they pass the traffic is unknown " +
                         "(ec2:DescribeNetworkAcls is needed)",
            });
            return null;
        }

        return acls.FirstOrDefault(a => (a.Associations ?? new List<NetworkAclAssociation>()).Any(x => x.SubnetId == subnet.SubnetId))
               ?? acls.FirstOrDefault(a => a.IsDefault == true);
    }

    /// <summary>The part of <paramref name="blocks"/> inside the subnet (either family); a block wider than the subnet is cut to it.</summary>
    private static IReadOnlyList<IpBlock> BlocksIn(IReadOnlyList<IpBlock> blocks, Subnet subnet)
    {
        var cidrs = IpBlock.ParseAll(new[] { subnet.CidrBlock }
            .Concat((subnet.Ipv6CidrBlockAssociationSet ?? new List<SubnetIpv6CidrBlockAssociation>()).Select(a => a.Ipv6CidrBlock)));
        return blocks.SelectMany(block => cidrs.Where(block.Overlaps).Select(cidr => cidr.Contains(block) ? block : cidr)).Distinct().ToList();
    }
}
