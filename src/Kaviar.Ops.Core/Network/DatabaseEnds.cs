using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using Kaviar.Ops.Database;

namespace Kaviar.Ops.Network;

/// <summary>A database as the destination of a flow, from RDS's description of it or from the security group it carries.</summary>
internal static class DatabaseEnds
{
    /// <summary>
    /// An RDS instance or Aurora cluster: its groups, and every address of its subnet group (a failover or a new
    /// writer may take any of them).
    /// </summary>
    public static async Task<NetworkEnd> OfDatabaseAsync(Ec2Network ec2, DatabaseNetwork database, CancellationToken cancellationToken) => new NetworkEnd
    {
        Description = $"{(database.Kind == DatabaseKind.Cluster ? "DB cluster" : "DB instance")} {database.Identifier}",
        GroupIds = database.SecurityGroupIds,
        SubnetIds = database.SubnetIds,
        Blocks = await ec2.SubnetBlocksAsync(database.SubnetIds, false, cancellationToken).ConfigureAwait(false),
        EphemeralPorts = PortSpan.LinuxEphemeral,
    };

    /// <summary>The database known only by its group: where it is, as far as the interfaces carrying the group tell.</summary>
    public static async Task<NetworkEnd> OfGroupAsync(Ec2Network ec2, SecurityGroup group, CancellationToken cancellationToken)
    {
        var interfaces = await ec2.InterfacesOfGroupAsync(group.GroupId, cancellationToken).ConfigureAwait(false);
        return new NetworkEnd
        {
            Description = $"the database's group {NetworkNames.Group(group.GroupId, group.GroupName)}",
            GroupIds = new[] { group.GroupId },
            SubnetIds = interfaces.Select(i => i.SubnetId).Where(id => !string.IsNullOrEmpty(id)).Distinct().ToList(),
            Blocks = IpBlock.ParseAll(interfaces.Select(i => i.PrivateIpAddress)),
            EphemeralPorts = PortSpan.LinuxEphemeral,
        };
    }
}
