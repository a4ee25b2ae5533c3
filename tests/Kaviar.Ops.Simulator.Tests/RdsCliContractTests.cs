using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The real aws CLI against the RDS of the seed 003 account (Aurora cluster alquimista-dev) plus a standalone instance.</summary>
public sealed class RdsCliContractTests : IDisposable
{
    private const string Cluster = Seed003Scenarios.DatabaseClusterIdentifier;
    private const string Writer = Cluster + "-instance-1";
    private const string Standalone = "orders-db";
    private readonly SimulatedAccount _account;
    private readonly CliContract _aws;

    public RdsCliContractTests()
    {
        _account = SimulatedAccount.Start(
            Seed003Scenarios.AuroraMigrationsRunner().With(state => state.Rds.AddPostgresInstance(
                Standalone, Seed003Scenarios.DatabaseSubnetGroupName, new[] { Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName) })),
            new ManualClock());
        _aws = new CliContract(_account);
    }

    public void Dispose() => _account.Dispose();

    private string DatabaseGroup => _account.Read(s => Seed003Scenarios.SecurityGroupId(s, Seed003Scenarios.DatabaseSecurityGroupName));

    [Fact]
    public void DescribeDbClusters_shows_the_aurora_cluster_with_its_writer_groups_and_endpoints()
    {
        var cluster = _aws.Json("rds", "describe-db-clusters").Items("DBClusters").Single();

        Assert.Equal(Cluster, cluster.Str("DBClusterIdentifier"));
        Assert.Equal("arn:aws:rds:us-east-1:123456789012:cluster:alquimista-dev", cluster.Str("DBClusterArn"));
        Assert.Equal(("available", "aurora-postgresql", 5432), (cluster.Str("Status"), cluster.Str("Engine"), cluster.Int("Port")));
        Assert.Equal(Seed003Scenarios.DatabaseHost, cluster.Str("Endpoint"));
        Assert.Equal("alquimista-dev.cluster-ro-c9kq2xyzv1ab.us-east-1.rds.amazonaws.com", cluster.Str("ReaderEndpoint"));
        Assert.Equal(Seed003Scenarios.DatabaseSubnetGroupName, cluster.Str("DBSubnetGroup"));
        var group = cluster.Items("VpcSecurityGroups").Single();
        Assert.Equal((DatabaseGroup, "active"), (group.Str("VpcSecurityGroupId"), group.Str("Status")));
        var member = cluster.Items("DBClusterMembers").Single();
        Assert.Equal(Writer, member.Str("DBInstanceIdentifier"));
        Assert.True(member.GetProperty("IsClusterWriter").GetBoolean());
    }

    [Fact]
    public void DescribeDbInstances_by_identifier_shows_the_writer_endpoint_groups_and_subnet_group()
    {
        var instance = _aws.Json("rds", "describe-db-instances", "--db-instance-identifier", Writer).Items("DBInstances").Single();

        Assert.Equal(Writer, instance.Str("DBInstanceIdentifier"));
        Assert.Equal("arn:aws:rds:us-east-1:123456789012:db:" + Writer, instance.Str("DBInstanceArn"));
        Assert.Equal(("available", "aurora-postgresql", Cluster), (instance.Str("DBInstanceStatus"), instance.Str("Engine"), instance.Str("DBClusterIdentifier")));
        var endpoint = instance.GetProperty("Endpoint");
        Assert.Equal(($"{Writer}.c9kq2xyzv1ab.us-east-1.rds.amazonaws.com", 5432), (endpoint.Str("Address"), endpoint.Int("Port")));
        Assert.Equal(DatabaseGroup, instance.Items("VpcSecurityGroups").Single().Str("VpcSecurityGroupId"));
        Assert.False(instance.GetProperty("PubliclyAccessible").GetBoolean());
        var subnetGroup = instance.GetProperty("DBSubnetGroup");
        var (vpcId, subnets) = _account.Read(s => (
            s.Ec2.Vpcs.Single().VpcId,
            s.Ec2.Subnets.Where(n => n.Name.StartsWith("alquimista-dev-isolated", StringComparison.Ordinal)).Select(n => n.SubnetId + "/" + n.AvailabilityZone).ToArray()));
        Assert.Equal((Seed003Scenarios.DatabaseSubnetGroupName, vpcId), (subnetGroup.Str("DBSubnetGroupName"), subnetGroup.Str("VpcId")));
        Assert.Equal(subnets, subnetGroup.Items("Subnets").Select(n => n.Str("SubnetIdentifier") + "/" + n.GetProperty("SubnetAvailabilityZone").Str("Name")));
        Assert.Equal("us-east-1a", instance.Str("AvailabilityZone"));
    }

    [Fact]
    public void DescribeDbInstances_takes_an_arn_or_any_case_and_filters_by_cluster_and_instance()
    {
        var byArn = _aws.Json("rds", "describe-db-instances", "--db-instance-identifier", "arn:aws:rds:us-east-1:123456789012:db:" + Standalone);
        var byUpperCase = _aws.Json("rds", "describe-db-instances", "--db-instance-identifier", "ORDERS-DB");
        var ofCluster = _aws.Json("rds", "describe-db-instances", "--filters", "Name=db-cluster-id,Values=" + Cluster);
        var byFilter = _aws.Json("rds", "describe-db-instances", "--filters", $"Name=db-instance-id,Values={Standalone},{Writer}");
        var clusterByArn = _aws.Json("rds", "describe-db-clusters", "--filters", "Name=db-cluster-id,Values=arn:aws:rds:us-east-1:123456789012:cluster:" + Cluster);

        var standalone = byArn.Items("DBInstances").Single();
        Assert.Equal(("postgres", 5432), (standalone.Str("Engine"), standalone.GetProperty("Endpoint").Int("Port")));
        Assert.False(standalone.TryGetProperty("DBClusterIdentifier", out _));
        Assert.Equal(Standalone, byUpperCase.Items("DBInstances").Single().Str("DBInstanceIdentifier"));
        Assert.Equal(new[] { Writer }, ofCluster.Items("DBInstances").Select(i => i.Str("DBInstanceIdentifier")));
        Assert.Equal(new[] { Writer, Standalone }, byFilter.Items("DBInstances").Select(i => i.Str("DBInstanceIdentifier")));
        Assert.Equal(Cluster, clusterByArn.Items("DBClusters").Single().Str("DBClusterIdentifier"));
    }

    [Fact]
    public void Missing_databases_answer_with_rds_not_found_codes()
    {
        var instance = _aws.Error("rds", "describe-db-instances", "--db-instance-identifier", "ghost");
        var cluster = _aws.Error("rds", "describe-db-clusters", "--db-cluster-identifier", "ghost");

        Assert.Contains("(DBInstanceNotFound) when calling the DescribeDBInstances operation", instance);
        Assert.EndsWith(": DBInstance ghost not found.", instance.Trim());
        Assert.Contains("(DBClusterNotFoundFault) when calling the DescribeDBClusters operation", cluster);
        Assert.EndsWith(": DBCluster ghost not found.", cluster.Trim());
        Assert.Contains("(DBClusterNotFoundFault)",
            _aws.Error("rds", "describe-db-clusters", "--db-cluster-identifier", "arn:aws:rds:us-west-2:123456789012:cluster:" + Cluster));
        Assert.Contains("(InvalidParameterValue)", _aws.Error("rds", "describe-db-instances", "--db-instance-identifier", "bad--name"));
        Assert.Contains("(InvalidParameterValue)", _aws.Error("rds", "describe-db-instances", "--max-records", "5"));
    }

    [Fact]
    public void DescribeDbInstances_pages_with_marker_and_the_cli_follows_it()
    {
        _account.Use(s =>
        {
            var group = Seed003Scenarios.SecurityGroupId(s, Seed003Scenarios.DatabaseSecurityGroupName);
            for (var i = 1; i <= 22; i++)
            {
                s.Rds.AddPostgresInstance("replica-" + i.ToString("00", CultureInfo.InvariantCulture), Seed003Scenarios.DatabaseSubnetGroupName, new[] { group });
            }
        });

        var first = _aws.Json("rds", "describe-db-instances", "--max-records", "20", "--no-paginate");
        var marker = first.Str("Marker");
        var second = _aws.Json("rds", "describe-db-instances", "--max-records", "20", "--marker", marker, "--no-paginate");
        var all = _aws.Json("rds", "describe-db-instances", "--page-size", "20");

        Assert.Equal(20, first.Items("DBInstances").Length);
        Assert.Equal(4, second.Items("DBInstances").Length);
        Assert.False(second.TryGetProperty("Marker", out _));
        Assert.Equal(24, all.Items("DBInstances").Select(i => i.Str("DBInstanceIdentifier")).Distinct().Count());
        Assert.Contains("(InvalidParameterValue)", _aws.Error("rds", "describe-db-instances", "--marker", "not-ours"));
    }
}
