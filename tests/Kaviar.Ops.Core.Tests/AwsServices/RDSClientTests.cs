using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.RDS;
using Kaviar.Ops.AwsServices.RDS.Model;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class RDSClientTests : IDisposable
{
    private const string Ns = "xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"";

    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly AmazonRDSClient client;

    public RDSClientTests()
    {
        client = new AmazonRDSClient(
            FakeAwsServer.Credentials,
            new AmazonRDSConfig { ServiceURL = server.Url, AuthenticationRegion = "us-east-1", RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 });
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task DescribeDBInstances_SendsNamedListEntriesAndParsesTheInstance()
    {
        server.EnqueueXml($@"<DescribeDBInstancesResponse {Ns}>
  <DescribeDBInstancesResult>
    <DBInstances>
      <DBInstance>
        <DBInstanceIdentifier>orders-db</DBInstanceIdentifier>
        <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:orders-db</DBInstanceArn>
        <DBInstanceStatus>available</DBInstanceStatus>
        <Engine>postgres</Engine>
        <Endpoint><Address>orders-db.c9kq2xyzv1ab.us-east-1.rds.amazonaws.com</Address><Port>5432</Port><HostedZoneId>Z2R2ITUGPM61AM</HostedZoneId></Endpoint>
        <VpcSecurityGroups>
          <VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0a1b2c3d</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership>
          <VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0e1f2a3b</VpcSecurityGroupId><Status>adding</Status></VpcSecurityGroupMembership>
        </VpcSecurityGroups>
        <DBSubnetGroup>
          <DBSubnetGroupName>orders-subnets</DBSubnetGroupName>
          <DBSubnetGroupDescription>Orders database</DBSubnetGroupDescription>
          <VpcId>vpc-3ac0fb5f</VpcId>
          <SubnetGroupStatus>Complete</SubnetGroupStatus>
          <Subnets>
            <Subnet><SubnetIdentifier>subnet-8360a9e7</SubnetIdentifier><SubnetAvailabilityZone><Name>us-east-1a</Name></SubnetAvailabilityZone><SubnetStatus>Active</SubnetStatus></Subnet>
            <Subnet><SubnetIdentifier>subnet-b7d581c0</SubnetIdentifier><SubnetAvailabilityZone><Name>us-east-1b</Name></SubnetAvailabilityZone><SubnetStatus>Active</SubnetStatus></Subnet>
          </Subnets>
        </DBSubnetGroup>
        <PubliclyAccessible>false</PubliclyAccessible>
        <AvailabilityZone>us-east-1a</AvailabilityZone>
      </DBInstance>
      <DBInstance>
        <DBInstanceIdentifier>aurora-1</DBInstanceIdentifier>
        <DBInstanceStatus>creating</DBInstanceStatus>
        <Engine>aurora-postgresql</Engine>
        <DBClusterIdentifier>aurora</DBClusterIdentifier>
        <VpcSecurityGroups/>
      </DBInstance>
    </DBInstances>
    <Marker>m-2</Marker>
  </DescribeDBInstancesResult>
  <ResponseMetadata><RequestId>5e2b7b64-0000-4d1a-9a7e-2c3b4d5e6f70</RequestId></ResponseMetadata>
</DescribeDBInstancesResponse>");

        var response = await client.DescribeDBInstancesAsync(new DescribeDBInstancesRequest
        {
            Filters = new List<Filter>
            {
                new Filter { Name = "db-instance-id", Values = new List<string> { "orders-db", "arn:aws:rds:us-east-1:123456789012:db:aurora-1" } },
                new Filter { Name = "engine", Values = new List<string> { "postgres" } },
            },
            MaxRecords = 20,
            Marker = "m-1",
        });

        var request = server.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Contains("/us-east-1/rds/aws4_request", request.Header("Authorization"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "DescribeDBInstances",
                ["Version"] = "2014-10-31",
                ["Filters.Filter.1.Name"] = "db-instance-id",
                ["Filters.Filter.1.Values.Value.1"] = "orders-db",
                ["Filters.Filter.1.Values.Value.2"] = "arn:aws:rds:us-east-1:123456789012:db:aurora-1",
                ["Filters.Filter.2.Name"] = "engine",
                ["Filters.Filter.2.Values.Value.1"] = "postgres",
                ["MaxRecords"] = "20",
                ["Marker"] = "m-1",
            },
            request.Form());

        Assert.Equal("5e2b7b64-0000-4d1a-9a7e-2c3b4d5e6f70", response.ResponseMetadata.RequestId);
        Assert.Equal("m-2", response.Marker);
        Assert.Equal(2, response.DBInstances.Count);
        var orders = response.DBInstances[0];
        Assert.Equal("orders-db", orders.DBInstanceIdentifier);
        Assert.Equal("arn:aws:rds:us-east-1:123456789012:db:orders-db", orders.DBInstanceArn);
        Assert.Equal("available", orders.DBInstanceStatus);
        Assert.Equal("postgres", orders.Engine);
        Assert.Equal(("orders-db.c9kq2xyzv1ab.us-east-1.rds.amazonaws.com", 5432, "Z2R2ITUGPM61AM"), (orders.Endpoint.Address, orders.Endpoint.Port, orders.Endpoint.HostedZoneId));
        Assert.Equal(new[] { "sg-0a1b2c3d/active", "sg-0e1f2a3b/adding" }, orders.VpcSecurityGroups.Select(g => g.VpcSecurityGroupId + "/" + g.Status));
        var subnetGroup = orders.DBSubnetGroup;
        Assert.Equal(("orders-subnets", "Orders database", "vpc-3ac0fb5f", "Complete"), (subnetGroup.DBSubnetGroupName, subnetGroup.DBSubnetGroupDescription, subnetGroup.VpcId, subnetGroup.SubnetGroupStatus));
        Assert.Equal(
            new[] { "subnet-8360a9e7/us-east-1a/Active", "subnet-b7d581c0/us-east-1b/Active" },
            subnetGroup.Subnets.Select(s => s.SubnetIdentifier + "/" + s.SubnetAvailabilityZone.Name + "/" + s.SubnetStatus));
        Assert.False(orders.PubliclyAccessible);
        Assert.Equal("us-east-1a", orders.AvailabilityZone);
        Assert.Null(orders.DBClusterIdentifier);

        var member = response.DBInstances[1];
        Assert.Equal("aurora", member.DBClusterIdentifier);
        Assert.Null(member.Endpoint);
        Assert.Null(member.DBSubnetGroup);
        Assert.Null(member.PubliclyAccessible);
        Assert.Empty(member.VpcSecurityGroups);
    }

    [Fact]
    public async Task DescribeDBClusters_SendsTheIdentifierAndParsesTheCluster()
    {
        server.EnqueueXml($@"<DescribeDBClustersResponse {Ns}><DescribeDBClustersResult><DBClusters><DBCluster>
  <DBClusterIdentifier>alquimista-dev</DBClusterIdentifier>
  <DBClusterArn>arn:aws:rds:us-east-1:123456789012:cluster:alquimista-dev</DBClusterArn>
  <Status>available</Status><Engine>aurora-postgresql</Engine>
  <Endpoint>alquimista-dev.cluster-c9kq2xyzv1ab.us-east-1.rds.amazonaws.com</Endpoint>
  <ReaderEndpoint>alquimista-dev.cluster-ro-c9kq2xyzv1ab.us-east-1.rds.amazonaws.com</ReaderEndpoint>
  <Port>5432</Port>
  <DBSubnetGroup>alquimista-dev-db</DBSubnetGroup>
  <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0aurora</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups>
  <DBClusterMembers>
    <DBClusterMember><DBInstanceIdentifier>alquimista-dev-1</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter><PromotionTier>1</PromotionTier></DBClusterMember>
    <DBClusterMember><DBInstanceIdentifier>alquimista-dev-2</DBInstanceIdentifier><IsClusterWriter>false</IsClusterWriter></DBClusterMember>
  </DBClusterMembers>
</DBCluster></DBClusters></DescribeDBClustersResult><ResponseMetadata><RequestId>r-c</RequestId></ResponseMetadata></DescribeDBClustersResponse>");

        var response = await client.DescribeDBClustersAsync(new DescribeDBClustersRequest { DBClusterIdentifier = "alquimista-dev" });

        Assert.Equal(
            new Dictionary<string, string> { ["Action"] = "DescribeDBClusters", ["Version"] = "2014-10-31", ["DBClusterIdentifier"] = "alquimista-dev" },
            server.SingleRequest.Form());
        Assert.Null(response.Marker);
        var cluster = Assert.Single(response.DBClusters);
        Assert.Equal("alquimista-dev", cluster.DBClusterIdentifier);
        Assert.Equal("arn:aws:rds:us-east-1:123456789012:cluster:alquimista-dev", cluster.DBClusterArn);
        Assert.Equal(("available", "aurora-postgresql", 5432), (cluster.Status, cluster.Engine, cluster.Port));
        Assert.Equal("alquimista-dev.cluster-c9kq2xyzv1ab.us-east-1.rds.amazonaws.com", cluster.Endpoint);
        Assert.Equal("alquimista-dev.cluster-ro-c9kq2xyzv1ab.us-east-1.rds.amazonaws.com", cluster.ReaderEndpoint);
        Assert.Equal("alquimista-dev-db", cluster.DBSubnetGroup);
        Assert.Equal("sg-0aurora", Assert.Single(cluster.VpcSecurityGroups).VpcSecurityGroupId);
        Assert.Equal(new[] { "alquimista-dev-1=True", "alquimista-dev-2=False" }, cluster.DBClusterMembers.Select(m => m.DBInstanceIdentifier + "=" + m.IsClusterWriter));
    }

    [Theory]
    [InlineData("DBInstanceNotFound", typeof(DBInstanceNotFoundException))]
    [InlineData("DBClusterNotFoundFault", typeof(DBClusterNotFoundException))]
    [InlineData("InvalidParameterValue", typeof(AmazonRDSException))]
    public async Task Errors_MapToTypedExceptions(string code, Type expected)
    {
        server.EnqueueXml($@"<ErrorResponse {Ns}>
  <Error><Type>Sender</Type><Code>{code}</Code><Message>DBInstance ghost not found.</Message></Error>
  <RequestId>9f4b5d8e-0000-4c1e-a1b2-123456789abc</RequestId>
</ErrorResponse>", 404);

        var error = await Assert.ThrowsAnyAsync<AmazonRDSException>(() => client.DescribeDBInstancesAsync(new DescribeDBInstancesRequest { DBInstanceIdentifier = "ghost" }));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("DBInstance ghost not found.", error.Message);
        Assert.Equal(ErrorType.Sender, error.ErrorType);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("9f4b5d8e-0000-4c1e-a1b2-123456789abc", error.RequestId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task DescribeAllDBClusters_FollowsMarkerWithoutTouchingTheCallersRequest()
    {
        server.EnqueueXml($@"<DescribeDBClustersResponse {Ns}><DescribeDBClustersResult><DBClusters>
  <DBCluster><DBClusterIdentifier>a</DBClusterIdentifier></DBCluster></DBClusters><Marker>p2</Marker></DescribeDBClustersResult></DescribeDBClustersResponse>")
            .EnqueueXml($@"<DescribeDBClustersResponse {Ns}><DescribeDBClustersResult><DBClusters>
  <DBCluster><DBClusterIdentifier>b</DBClusterIdentifier></DBCluster></DBClusters></DescribeDBClustersResult></DescribeDBClustersResponse>")
            .EnqueueXml($@"<DescribeDBInstancesResponse {Ns}><DescribeDBInstancesResult><DBInstances>
  <DBInstance><DBInstanceIdentifier>i</DBInstanceIdentifier></DBInstance></DBInstances><Marker>q2</Marker></DescribeDBInstancesResult></DescribeDBInstancesResponse>")
            .EnqueueXml($@"<DescribeDBInstancesResponse {Ns}><DescribeDBInstancesResult><DBInstances/></DescribeDBInstancesResult></DescribeDBInstancesResponse>");
        var request = new DescribeDBClustersRequest { MaxRecords = 20 };

        var clusters = await client.DescribeAllDBClustersAsync(request);
        var instances = await client.DescribeAllDBInstancesAsync(new DescribeDBInstancesRequest());

        Assert.Equal(new[] { "a", "b" }, clusters.Select(c => c.DBClusterIdentifier));
        Assert.Equal(new[] { "i" }, instances.Select(i => i.DBInstanceIdentifier));
        Assert.Null(request.Marker);
        Assert.Equal(
            new[] { "MaxRecords=20", "Marker=p2,MaxRecords=20", "", "Marker=q2" },
            server.Requests.Select(r => string.Join(",", r.Form().Where(p => p.Key is not "Action" and not "Version").OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value))));
    }
}
