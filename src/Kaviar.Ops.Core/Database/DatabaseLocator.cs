using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.RDS.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>
/// Finds an RDS database by identifier or ARN and reads its network: an ARN's type (cluster: or db:) says what to ask
/// for; a bare identifier is looked up as an Aurora cluster first, then as a DB instance. A database that is neither is
/// <see cref="ErrorTable.DatabaseNotFound"/>.
/// </summary>
public static class DatabaseLocator
{
    /// <summary>What the user named as a database: a DB cluster or DB instance identifier, or either's ARN.</summary>
    public static ResourceReference Parse(string? identifierOrArn, string parameter = "-Database") =>
        ResourceReference.ParseAny(identifierOrArn, parameter, ResourceKind.DbCluster, ResourceKind.DbInstance);

    public static Task<DatabaseNetwork> LocateAsync(OpsContext context, string identifierOrArn, CancellationToken cancellationToken = default) =>
        LocateAsync(context, Parse(identifierOrArn), cancellationToken);

    public static async Task<DatabaseNetwork> LocateAsync(OpsContext context, ResourceReference database, CancellationToken cancellationToken = default)
    {
        try
        {
            var asArn = database.Arn != null;
            if (!asArn || database.Kind == ResourceKind.DbCluster)
            {
                var cluster = await DescribeClusterAsync(context, database.Identifier, cancellationToken).ConfigureAwait(false);
                if (cluster != null)
                {
                    return context.Stamp(await FromClusterAsync(context, cluster, cancellationToken).ConfigureAwait(false));
                }
            }

            if (!asArn || database.Kind == ResourceKind.DbInstance)
            {
                var instance = await DescribeInstanceAsync(context, database.Identifier, cancellationToken).ConfigureAwait(false);
                if (instance != null)
                {
                    return context.Stamp(FromInstance(instance));
                }
            }
        }
        catch (AmazonServiceException ex)
        {
            throw AwsFailures.From(ex, context.Region, database.Input);
        }

        var what = database.Arn == null ? "DB cluster or DB instance" : database.Kind.DisplayName;
        throw new OpsException(ErrorTable.DatabaseNotFound, $"No {what} '{database.Name}' was found in {context.Region}.", database.Input,
            AwsFailures.RecommendedActionFor(ErrorTable.DatabaseNotFound, context.Region));
    }

    private static Task<DBCluster?> DescribeClusterAsync(OpsContext context, string identifier, CancellationToken cancellationToken) =>
        NullWhenMissing<DBCluster, DBClusterNotFoundException>(async () =>
            (await context.Rds.DescribeDBClustersAsync(new DescribeDBClustersRequest { DBClusterIdentifier = identifier }, cancellationToken).ConfigureAwait(false))
            .DBClusters?.FirstOrDefault());

    private static Task<DBInstance?> DescribeInstanceAsync(OpsContext context, string identifier, CancellationToken cancellationToken) =>
        NullWhenMissing<DBInstance, DBInstanceNotFoundException>(async () =>
            (await context.Rds.DescribeDBInstancesAsync(new DescribeDBInstancesRequest { DBInstanceIdentifier = identifier }, cancellationToken).ConfigureAwait(false))
            .DBInstances?.FirstOrDefault());

    private static async Task<T?> NullWhenMissing<T, TNotFound>(Func<Task<T?>> describe)
        where T : class
        where TNotFound : Exception
    {
        try
        {
            return await describe().ConfigureAwait(false);
        }
        catch (TNotFound)
        {
            return null;
        }
    }

    /// <summary>A cluster's subnets are its DB subnet group's; DescribeDBClusters names the group only, so they are read from a member (the writer first).</summary>
    private static async Task<DatabaseNetwork> FromClusterAsync(OpsContext context, DBCluster cluster, CancellationToken cancellationToken)
    {
        var members = await context.Rds.DescribeAllDBInstancesAsync(new DescribeDBInstancesRequest
        {
            Filters = new List<Filter> { new Filter { Name = "db-cluster-id", Values = new List<string> { cluster.DBClusterArn ?? cluster.DBClusterIdentifier } } },
        }, cancellationToken).ConfigureAwait(false);
        var writerId = cluster.DBClusterMembers?.FirstOrDefault(m => m.IsClusterWriter == true)?.DBInstanceIdentifier;
        var member = members.FirstOrDefault(i => i.DBInstanceIdentifier == writerId) ?? members.FirstOrDefault(i => i.DBSubnetGroup != null);
        return new DatabaseNetwork
        {
            Identifier = cluster.DBClusterIdentifier ?? "",
            Kind = DatabaseKind.Cluster,
            Arn = cluster.DBClusterArn ?? "",
            Engine = cluster.Engine ?? "",
            Status = cluster.Status ?? "",
            Address = cluster.Endpoint,
            Port = cluster.Port,
            SecurityGroupIds = GroupIds(cluster.VpcSecurityGroups),
            VpcId = member?.DBSubnetGroup?.VpcId,
            SubnetGroupName = cluster.DBSubnetGroup,
            SubnetIds = SubnetIds(member?.DBSubnetGroup),
            RelatedIdentifier = writerId,
        };
    }

    private static DatabaseNetwork FromInstance(DBInstance instance) => new DatabaseNetwork
    {
        Identifier = instance.DBInstanceIdentifier ?? "",
        Kind = DatabaseKind.Instance,
        Arn = instance.DBInstanceArn ?? "",
        Engine = instance.Engine ?? "",
        Status = instance.DBInstanceStatus ?? "",
        Address = instance.Endpoint?.Address,
        Port = instance.Endpoint?.Port,
        SecurityGroupIds = GroupIds(instance.VpcSecurityGroups),
        VpcId = instance.DBSubnetGroup?.VpcId,
        SubnetGroupName = instance.DBSubnetGroup?.DBSubnetGroupName,
        SubnetIds = SubnetIds(instance.DBSubnetGroup),
        RelatedIdentifier = instance.DBClusterIdentifier,
    };

    /// <summary>Groups being removed no longer guard the database; those active or being added do.</summary>
    private static IReadOnlyList<string> GroupIds(List<VpcSecurityGroupMembership>? groups) =>
        (groups ?? new List<VpcSecurityGroupMembership>())
            .Where(g => !string.IsNullOrEmpty(g.VpcSecurityGroupId) && g.Status != "removing")
            .Select(g => g.VpcSecurityGroupId)
            .ToList();

    private static IReadOnlyList<string> SubnetIds(DBSubnetGroup? group) =>
        (group?.Subnets ?? new List<Subnet>()).Select(s => s.SubnetIdentifier).Where(id => !string.IsNullOrEmpty(id)).ToList();
}
