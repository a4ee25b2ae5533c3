using System;
using System.Linq;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Kaviar.Ops.Aws;
using Kaviar.Ops.Database;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

/// <summary>DatabaseLocator against seed 003 (Aurora cluster alquimista-dev) with a standalone RDS PostgreSQL instance beside it.</summary>
public sealed class DatabaseLocatorTests : IDisposable
{
    private const string Cluster = Seed003Scenarios.DatabaseClusterIdentifier;
    private const string Writer = Cluster + "-instance-1";
    private const string Standalone = "orders-db";
    private const string ClusterArn = "arn:aws:rds:us-east-1:123456789012:cluster:" + Cluster;

    private readonly SimulatedAccount account;
    private readonly OpsContext context;

    public DatabaseLocatorTests()
    {
        account = SimulatedAccount.Start(
            Seed003Scenarios.AuroraMigrationsRunner().With(state => state.Rds.AddPostgresInstance(
                Standalone, Seed003Scenarios.DatabaseSubnetGroupName, new[] { GroupId(state) }, port: 5433)),
            new ManualClock());
        context = new OpsContext(new AwsConnection(new BasicAWSCredentials("AKIDKAVIARTEST", "kaviar-test-secret"),
            RegionEndpoint.GetBySystemName(account.Region), account.Endpoint, "test", "test"));
    }

    public void Dispose() => account.Dispose();

    private string DatabaseGroup => account.Read(GroupId);

    private (string VpcId, string[] SubnetIds) IsolatedSubnets => account.Read(s => (
        s.Ec2.Vpcs.Single().VpcId,
        s.Ec2.Subnets.Where(n => n.Name.StartsWith("alquimista-dev-isolated", StringComparison.Ordinal)).Select(n => n.SubnetId).ToArray()));

    [Theory]
    [InlineData(Cluster)]
    [InlineData("ALQUIMISTA-DEV")]
    [InlineData(ClusterArn)]
    public async Task An_aurora_cluster_gives_its_writer_endpoint_groups_and_the_writers_subnets(string named)
    {
        var database = await DatabaseLocator.LocateAsync(context, named);

        Assert.Equal((Cluster, DatabaseKind.Cluster, ClusterArn), (database.Identifier, database.Kind, database.Arn));
        Assert.Equal(("aurora-postgresql", "available"), (database.Engine, database.Status));
        Assert.Equal((Seed003Scenarios.DatabaseHost, (int?)5432), (database.Address, database.Port));
        Assert.Equal(new[] { DatabaseGroup }, database.SecurityGroupIds);
        AssertIsolatedSubnets(database);
        Assert.Equal(Seed003Scenarios.DatabaseSubnetGroupName, database.SubnetGroupName);
        Assert.Equal(Writer, database.RelatedIdentifier);
        Assert.Equal(("us-east-1", account.Endpoint.ToString()), (database.Region, database.EndpointUrl));
    }

    [Fact]
    public async Task A_standalone_instance_is_found_after_no_cluster_has_its_name()
    {
        var database = await DatabaseLocator.LocateAsync(context, Standalone);

        Assert.Equal((Standalone, DatabaseKind.Instance, "postgres"), (database.Identifier, database.Kind, database.Engine));
        Assert.Equal(($"{Standalone}.c9kq2xyzv1ab.us-east-1.rds.amazonaws.com", (int?)5433), (database.Address, database.Port));
        Assert.Equal(new[] { DatabaseGroup }, database.SecurityGroupIds);
        AssertIsolatedSubnets(database);
        Assert.Null(database.RelatedIdentifier);
        Assert.Equal(new[] { "DescribeDBClusters", "DescribeDBInstances" }, account.Calls.Snapshot().Select(c => c.Action));
    }

    [Fact]
    public async Task An_instance_arn_asks_only_for_the_instance_and_names_its_cluster()
    {
        var database = await DatabaseLocator.LocateAsync(context, "arn:aws:rds:us-east-1:123456789012:db:" + Writer);

        Assert.Equal((Writer, DatabaseKind.Instance, Cluster), (database.Identifier, database.Kind, database.RelatedIdentifier));
        Assert.Equal(($"{Writer}.c9kq2xyzv1ab.us-east-1.rds.amazonaws.com", (int?)5432), (database.Address, database.Port));
        Assert.Equal(new[] { "DescribeDBInstances" }, account.Calls.Snapshot().Select(c => c.Action));
    }

    [Theory]
    [InlineData("ghost", "No DB cluster or DB instance 'ghost' was found in us-east-1.")]
    [InlineData("arn:aws:rds:us-east-1:123456789012:cluster:ghost", "No DB cluster 'ghost' was found in us-east-1.")]
    [InlineData("arn:aws:rds:us-east-1:123456789012:db:" + Cluster, "No DB instance 'alquimista-dev' was found in us-east-1.")]
    public async Task A_missing_database_is_DatabaseNotFound_and_says_how_to_list_them(string named, string message)
    {
        var error = await Assert.ThrowsAsync<OpsException>(() => DatabaseLocator.LocateAsync(context, named));

        Assert.Equal(ErrorTable.DatabaseNotFound, error.Code);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Code.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(named, error.Target);
        Assert.Contains("aws rds describe-db-clusters --region us-east-1", error.RecommendedAction);
    }

    [Theory]
    [InlineData("arn:aws:rds:us-east-1:123456789012:cluster:" + Cluster, "DB cluster", Cluster)]
    [InlineData("arn:aws:rds:eu-west-1:123456789012:db:orders-db", "DB instance", "orders-db")]
    [InlineData("orders-db", "DB cluster", "orders-db")]
    public void Parse_lets_the_arn_decide_the_kind(string input, string kind, string name)
    {
        var reference = DatabaseLocator.Parse(input);

        Assert.Equal((kind, name), (reference.Kind.DisplayName, reference.Name));
    }

    [Theory]
    [InlineData("arn:aws:rds:us-east-1:123456789012:snapshot:nightly", "ArnWrongResourceType")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/alquimista-dev", "ArnWrongResourceType")]
    [InlineData("bad--name", "InvalidResourceName")]
    [InlineData("1db", "InvalidResourceName")]
    [InlineData("", "InvalidResourceName")]
    public void Parse_refuses_what_is_not_a_database_before_any_call(string input, string errorId)
    {
        Assert.Equal(errorId, Assert.Throws<OpsException>(() => DatabaseLocator.Parse(input)).Code.Id);
    }

    [Fact]
    public async Task Other_rds_failures_go_through_the_error_table()
    {
        account.Faults.Add(new FaultRule { Service = "rds", Action = "DescribeDBClusters", Kind = FaultKind.Throttle, Times = null });

        var error = await Assert.ThrowsAsync<OpsException>(() => DatabaseLocator.LocateAsync(context, Cluster));

        Assert.Equal(ErrorTable.AwsThrottled, error.Code);
    }

    private void AssertIsolatedSubnets(DatabaseNetwork database)
    {
        var (vpcId, subnetIds) = IsolatedSubnets;
        Assert.Equal(vpcId, database.VpcId);
        Assert.Equal(subnetIds, database.SubnetIds);
    }

    private static string GroupId(AccountState state) => Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName);
}
