using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;

namespace Kaviar.Ops.Network;

/// <summary>
/// What a security group repair exposes beyond the path it mends, as warnings on its steps (they never block):
/// a group open to the internet, or carried by other interfaces, given to a service's tasks; a rule added to a group
/// others carry; a rule that trusts a load balancer group open to the world on every port. Describe calls only.
/// </summary>
internal sealed class SecurityGroupRepairWarnings
{
    /// <summary>How many other interfaces a warning names; the rest are counted.</summary>
    private const int NamedInterfaces = 3;

    private readonly Ec2Network ec2;
    private readonly Dictionary<string, List<NetworkInterface>> carriers = new Dictionary<string, List<NetworkInterface>>(StringComparer.Ordinal);

    public SecurityGroupRepairWarnings(Ec2Network ec2) => this.ec2 = ec2;

    /// <summary>Giving <paramref name="group"/> to the service's tasks: does it admit the internet, do others carry it?</summary>
    public async Task<IReadOnlyList<string>> ForNewServiceGroupAsync(SecurityGroup group, ServiceNetwork network, CancellationToken cancellationToken)
    {
        var warnings = OpenToInternet(group)
            .Select(rule => $"{Name(group)} admits {rule}: the service's tasks accept that traffic from anywhere once they carry it.")
            .ToList();
        if (await OthersCarryingAsync(group, network, cancellationToken).ConfigureAwait(false) is { } others)
        {
            warnings.Add($"{Name(group)} is already used by {others}; the service's tasks will share its rules with them, " +
                         "and a rule added to it for one applies to all.");
        }

        return warnings;
    }

    /// <summary>Adding TCP <paramref name="port"/> from <paramref name="source"/> to <paramref name="group"/>.</summary>
    public async Task<IReadOnlyList<string>> ForIngressAsync(SecurityGroup group, SecurityGroup? source, int port, ServiceNetwork? network,
        CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        if (network != null && await OthersCarryingAsync(group, network, cancellationToken).ConfigureAwait(false) is { } others)
        {
            warnings.Add($"{Name(group)} is shared: it is also used by {others}; the rule opens TCP {port} on those too.");
        }

        if (source != null && OpenToInternet(source, allTraffic: true).FirstOrDefault() is { } open)
        {
            warnings.Add($"The rule trusts {Name(source)}, which admits {open}: it is open to the world on every port and protocol. " +
                         $"Narrow it to the load balancer's listener ports; the rule itself admits only interfaces that carry {source.GroupName}.");
        }

        return warnings;
    }

    /// <summary>
    /// Inbound rules admitting 0.0.0.0/0 or ::/0, described ("all traffic from 0.0.0.0/0", "TCP 22 from ::/0"); with
    /// <paramref name="allTraffic"/> only those covering every port and protocol (protocol -1, or TCP/UDP 0-65535).
    /// </summary>
    private static IEnumerable<string> OpenToInternet(SecurityGroup securityGroup, bool allTraffic = false) =>
        from permission in securityGroup.IpPermissions ?? new List<IpPermission>()
        let traffic = SecurityGroupEvaluator.RuleTraffic(permission)
        where !allTraffic || traffic == "all traffic" || ((permission.FromPort ?? 0) <= 0 && (permission.ToPort ?? 65535) >= 65535)
        from cidr in (permission.Ipv4Ranges ?? new List<IpRange>()).Select(r => r.CidrIp)
            .Concat((permission.Ipv6Ranges ?? new List<Ipv6Range>()).Select(r => r.CidrIpv6))
        where cidr != null && NetworkNames.IsAnywhere(cidr)
        select $"inbound {traffic} from {cidr}";

    /// <summary>"2 other network interfaces (eni-1 "desc", eni-2 "desc")", or null when only the service's own tasks carry the group.</summary>
    private async Task<string?> OthersCarryingAsync(SecurityGroup group, ServiceNetwork network, CancellationToken cancellationToken)
    {
        if (!carriers.TryGetValue(group.GroupId, out var interfaces))
        {
            interfaces = await ec2.InterfacesOfGroupAsync(group.GroupId, cancellationToken).ConfigureAwait(false);
            carriers[group.GroupId] = interfaces;
        }

        // A task's interface is described "arn:aws:ecs:<region>:<account>:attachment/<attachment id>".
        var own = new HashSet<string>(network.RunningTasks.SelectMany(t => t.Attachments ?? new List<Kaviar.Ops.AwsServices.ECS.Model.Attachment>())
            .Select(a => "attachment/" + a.Id), StringComparer.Ordinal);
        var others = interfaces.Where(i => !own.Any(suffix => (i.Description ?? "").EndsWith(suffix, StringComparison.Ordinal))).ToList();
        if (others.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", others.Take(NamedInterfaces).Select(i => string.IsNullOrEmpty(i.Description) ? i.NetworkInterfaceId : $"{i.NetworkInterfaceId} \"{i.Description}\""));
        return $"{others.Count} other network interface(s) ({named}{(others.Count > NamedInterfaces ? ", …" : "")})";
    }

    private static string Name(SecurityGroup group) => NetworkNames.Group(group.GroupId, group.GroupName);
}
