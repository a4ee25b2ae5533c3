using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>
/// Whether an interface in a subnet reaches the AWS APIs a Fargate task calls while it starts (ECR and, for image
/// layers, S3; CloudWatch Logs; Secrets Manager and SSM for the task's secrets) and public registries: through the subnet's route to an internet
/// gateway (with a public IP) or an available NAT gateway, which its groups and ACL let HTTPS out to; or, for AWS
/// services, through an available interface endpoint with private DNS that it reaches on 443 (groups both ways,
/// ACLs both ways) and, for S3, the gateway endpoint on its route table.
/// </summary>
public sealed partial class Ec2State
{
    /// <summary>A public registry (Docker Hub, ghcr.io, public.ecr.aws): reachable only through the internet.</summary>
    public const string PublicRegistry = "registry";

    /// <summary>The first of <paramref name="services"/> ("ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager", "ssm", or <see cref="PublicRegistry"/>) the interface cannot reach; null when it reaches all.</summary>
    public string? UnreachableAwsApi(string subnetId, IReadOnlyList<string> groupIds, string privateIp, bool hasPublicIp, IEnumerable<string> services)
    {
        var subnet = RequireSubnet(subnetId);
        var table = _routeTables.Find(t => t.Associations.Exists(a => a.SubnetId == subnetId))
            ?? _routeTables.Find(t => t.VpcId == subnet.VpcId && t.IsMain);
        var source = new TcpEnd(groupIds, new[] { subnetId }, new[] { privateIp + "/32" }, PortRange.LinuxEphemeral);
        var toInternet = table is not null && table.Routes.Exists(r => r.DestinationCidrBlock == Anywhere
            && ((hasPublicIp && r.GatewayId is { } gateway && gateway.StartsWith("igw-", StringComparison.Ordinal))
                || (r.NatGatewayId is { } nat && _natGateways.Exists(n => n.NatGatewayId == nat && n.State == "available"))));
        var internet = toInternet && ReachesOutside(source, Anywhere, 443);
        return services.Distinct().FirstOrDefault(service => !internet && !(service switch
        {
            PublicRegistry => false,
            "s3" => table is not null && table.Routes.Exists(r => r.DestinationPrefixListId is not null
                && _vpcEndpoints.Exists(e => e.VpcEndpointId == r.GatewayId && e.VpcEndpointType == "Gateway" && e.State == "available")),
            _ => ReachesInterfaceEndpoint(source, subnet.VpcId, $"com.amazonaws.{Account.Region}.{service}"),
        }));
    }

    private bool ReachesInterfaceEndpoint(TcpEnd source, string vpcId, string serviceName) =>
        _vpcEndpoints.Where(e => e.VpcId == vpcId && e.ServiceName == serviceName && e.VpcEndpointType == "Interface" && e.State == "available" && e.PrivateDnsEnabled)
            .SelectMany(e => e.NetworkInterfaceIds.Select(FindNetworkInterface).OfType<NetworkInterface>().Select(eni => (Endpoint: e, Interface: eni)))
            .Any(x => AllowsTcp(source, new TcpEnd(x.Endpoint.GroupIds, new[] { x.Interface.SubnetId }, new[] { x.Interface.PrivateIpAddress + "/32" }, PortRange.LinuxEphemeral), 443));

    /// <summary>TCP out of the VPC (no group or ACL of the far end applies): the source's egress and its subnet's ACL both ways.</summary>
    private bool ReachesOutside(TcpEnd source, string range, int port) =>
        Permits(source.SecurityGroupIds, egress: true, Array.Empty<string>(), new[] { range }, port)
        && NetworkAclsPass(source, new TcpEnd(Array.Empty<string>(), Array.Empty<string>(), new[] { range }, PortRange.ElasticEphemeral), port);
}
