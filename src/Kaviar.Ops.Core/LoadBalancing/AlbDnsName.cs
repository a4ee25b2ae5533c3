using System;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>
/// An Application Load Balancer's DNS name read back into the load balancer it names:
/// <c>[dualstack.][internal-]&lt;name&gt;-&lt;numeric id&gt;.&lt;region&gt;.elb.amazonaws.com[.cn]</c>. The name may hold hyphens, so the
/// id is what follows the last one. A custom domain (a CNAME or alias of it) names no load balancer.
/// </summary>
public sealed class AlbDnsName
{
    private static readonly Regex Shape = new Regex(
        @"^(?:dualstack\.)?(?:internal-)?(?<name>[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?)-(?<id>\d+)\.(?<region>[a-z]{2}(?:-[a-z]+)+-\d+)\.elb\.amazonaws\.com(?:\.cn)?\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private AlbDnsName(string loadBalancerName, string region)
    {
        LoadBalancerName = loadBalancerName;
        Region = region;
    }

    public string LoadBalancerName { get; }

    public string Region { get; }

    /// <summary>The load balancer a host name is the DNS name of; null for any other host.</summary>
    public static AlbDnsName? Parse(string host)
    {
        var match = Shape.Match(host ?? string.Empty);
        return match.Success
            ? new AlbDnsName(match.Groups["name"].Value.ToLowerInvariant(), match.Groups["region"].Value.ToLowerInvariant())
            : null;
    }
}
