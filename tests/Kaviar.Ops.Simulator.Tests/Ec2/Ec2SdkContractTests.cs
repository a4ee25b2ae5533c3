using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Ec2;

/// <summary>The official AWSSDK.EC2 (its own unmarshallers, its own SigV4 scope) against the simulated account.</summary>
public sealed class Ec2SdkContractTests : IDisposable
{
    private readonly SimulatedAccount _account;
    private readonly NetworkFixture _ids;
    private readonly AmazonEC2Client _ec2;

    public Ec2SdkContractTests()
    {
        (_account, _ids) = NetworkFixture.Start();
        // ServiceURL points the client at 127.0.0.1; AuthenticationRegion keeps the signature scoped to us-east-2/ec2.
        _ec2 = new AmazonEC2Client(
            new BasicAWSCredentials("AKIDSIM", "secret"),
            new AmazonEC2Config { ServiceURL = _account.Endpoint.ToString(), AuthenticationRegion = NetworkFixture.Region, MaxErrorRetry = 0 });
    }

    public void Dispose()
    {
        _ec2.Dispose();
        _account.Dispose();
    }

    [Fact]
    public async Task Describe_vpcs_and_subnets()
    {
        var vpc = (await _ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = new List<string> { _ids.VpcId } })).Vpcs.Single();
        var subnets = (await _ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest
        {
            Filters = new List<Filter> { new("vpc-id", new List<string> { _ids.VpcId }), new("tag:Name", new List<string> { "kaviar-public-*" }) },
        })).Subnets;

        Assert.Equal("10.0.0.0/16", vpc.CidrBlock);
        Assert.Equal("kaviar-vpc", vpc.Tags.Single(t => t.Key == "Name").Value);
        Assert.Equal(new[] { _ids.PublicSubnetA, _ids.PublicSubnetB }, subnets.Select(s => s.SubnetId));
        Assert.Equal("us-east-2b", subnets[1].AvailabilityZone);
        Assert.True(subnets[1].MapPublicIpOnLaunch);
        Assert.Equal(251, subnets[1].AvailableIpAddressCount);
    }

    [Fact]
    public async Task Describe_security_groups_and_rules()
    {
        var group = (await _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = new List<Filter> { new("group-name", new List<string> { "kaviar-alb-sg" }) },
        })).SecurityGroups.Single();
        var rules = (await _ec2.DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest
        {
            Filters = new List<Filter> { new("group-id", new List<string> { _ids.EcsGroupId }) },
        })).SecurityGroupRules;

        Assert.Equal(_ids.AlbGroupId, group.GroupId);
        var http = group.IpPermissions.Single();
        Assert.Equal(80, http.FromPort);
        Assert.Equal("0.0.0.0/0", http.Ipv4Ranges.Single().CidrIp);
        Assert.Equal("HTTP from anywhere", http.Ipv4Ranges.Single().Description);
        var fromAlb = rules.Single(r => r.IsEgress == false);
        Assert.Equal(3001, fromAlb.FromPort);
        Assert.Equal(_ids.AlbGroupId, fromAlb.ReferencedGroupInfo.GroupId);
    }

    [Fact]
    public async Task Authorize_and_revoke_ingress()
    {
        var permission = new IpPermission
        {
            IpProtocol = "tcp",
            FromPort = 3001,
            ToPort = 3001,
            UserIdGroupPairs = new List<UserIdGroupPair> { new() { GroupId = _ids.DefaultGroupId, Description = "from default" } },
        };

        var authorized = await _ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = _ids.EcsGroupId,
            IpPermissions = new List<IpPermission> { permission },
        });
        var revoked = await _ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest
        {
            GroupId = _ids.EcsGroupId,
            IpPermissions = new List<IpPermission> { permission },
        });
        var missing = await Assert.ThrowsAsync<AmazonEC2Exception>(() => _ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest
        {
            GroupId = _ids.EcsGroupId,
            IpPermissions = new List<IpPermission> { permission },
        }));

        Assert.True(authorized.Return);
        Assert.Equal(_ids.DefaultGroupId, authorized.SecurityGroupRules.Single().ReferencedGroupInfo.GroupId);
        Assert.Equal("from default", authorized.SecurityGroupRules.Single().Description);
        Assert.True(revoked.Return);
        Assert.Equal("InvalidPermission.NotFound", missing.ErrorCode);
    }

    [Fact]
    public async Task Unknown_group_throws_invalid_group_not_found()
    {
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            GroupIds = new List<string> { "sg-0123456789abcdef0" },
        }));

        Assert.Equal("InvalidGroup.NotFound", error.ErrorCode);
        Assert.Equal("The security group 'sg-0123456789abcdef0' does not exist", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Dry_run_throws_dry_run_operation_and_changes_nothing()
    {
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => _ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            DryRun = true,
            GroupId = _ids.EcsGroupId,
            IpPermissions = new List<IpPermission> { new() { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = new List<IpRange> { new() { CidrIp = "0.0.0.0/0" } } } },
        }));
        var rules = (await _ec2.DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest
        {
            Filters = new List<Filter> { new("group-id", new List<string> { _ids.EcsGroupId }) },
        })).SecurityGroupRules;

        Assert.Equal("DryRunOperation", error.ErrorCode);
        Assert.Equal((HttpStatusCode)412, error.StatusCode);
        Assert.Equal(2, rules.Count);
    }

    [Fact]
    public async Task Describe_network_interfaces()
    {
        var eni = (await _ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            NetworkInterfaceIds = new List<string> { _ids.TaskEni.NetworkInterfaceId },
        })).NetworkInterfaces.Single();

        Assert.Equal(_ids.TaskEni.PrivateIpAddress, eni.PrivateIpAddress);
        Assert.Equal(_ids.TaskEni.PublicIp, eni.Association.PublicIp);
        Assert.Equal("kaviar-ecs-sg", eni.Groups.Single().GroupName);
        Assert.Equal(NetworkInterfaceStatus.InUse, eni.Status);
        Assert.Equal(NetworkInterfaceType.Interface, eni.InterfaceType);
    }

    [Fact]
    public async Task Describe_route_tables_internet_and_nat_gateways_and_endpoints()
    {
        var publicTable = (await _ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = new List<Filter> { new("association.subnet-id", new List<string> { _ids.PublicSubnetB }) },
        })).RouteTables.Single();
        var gateway = (await _ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest
        {
            Filters = new List<Filter> { new("attachment.vpc-id", new List<string> { _ids.VpcId }) },
        })).InternetGateways.Single();
        var nat = (await _ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest
        {
            Filter = new List<Filter> { new("vpc-id", new List<string> { _ids.VpcId }) },
        })).NatGateways.Single();
        var s3 = (await _ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest
        {
            Filters = new List<Filter> { new("service-name", new List<string> { "com.amazonaws.us-east-2.s3" }) },
        })).VpcEndpoints.Single();

        Assert.Equal(_ids.PublicRouteTableId, publicTable.RouteTableId);
        Assert.Equal(_ids.InternetGatewayId, publicTable.Routes.Single(r => r.DestinationCidrBlock == "0.0.0.0/0").GatewayId);
        Assert.Equal(_ids.VpcId, gateway.Attachments.Single().VpcId);
        Assert.Equal(_ids.NatGatewayId, nat.NatGatewayId);
        Assert.Equal(NatGatewayState.Available, nat.State);
        Assert.Equal(_ids.S3EndpointId, s3.VpcEndpointId);
        Assert.Equal(VpcEndpointType.Gateway, s3.VpcEndpointType);
        Assert.Equal(_ids.PrivateRouteTableId, s3.RouteTableIds.Single());
    }
}
