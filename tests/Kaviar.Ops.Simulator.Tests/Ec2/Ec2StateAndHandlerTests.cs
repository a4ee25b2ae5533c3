using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Protocol;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Ec2;

/// <summary>The EC2 state model and handler without HTTP: reachability, allocation, errors the CLI cannot easily provoke.</summary>
public sealed class Ec2StateAndHandlerTests
{
    private static readonly XNamespace Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private readonly AccountState _state;
    private readonly NetworkFixture _ids;
    private readonly Ec2Handler _handler;

    public Ec2StateAndHandlerTests()
    {
        (_state, _ids) = NetworkFixture.Build();
        _handler = new Ec2Handler(_state);
    }

    /// <summary>Security groups alone: ends outside any subnet cross no network ACL.</summary>
    private bool GroupsAllow(string[] sourceGroupIds, IReadOnlyList<string>? sourceRanges, string[] destinationGroupIds, IReadOnlyList<string>? destinationRanges, int port) =>
        _state.Ec2.AllowsTcp(
            new TcpEnd(sourceGroupIds, Array.Empty<string>(), sourceRanges, PortRange.ElasticEphemeral),
            new TcpEnd(destinationGroupIds, Array.Empty<string>(), destinationRanges, PortRange.LinuxEphemeral),
            port);

    [Fact]
    public void Admits_tcp_only_from_allowed_sources_on_allowed_ports()
    {
        var ec2 = _state.Ec2;
        string[] internet = { "203.0.113.0/24" };

        Assert.True(GroupsAllow(new[] { _ids.AlbGroupId }, null, new[] { _ids.EcsGroupId }, null, 3001));
        Assert.False(GroupsAllow(new[] { _ids.AlbGroupId }, null, new[] { _ids.EcsGroupId }, null, 3000));
        Assert.False(GroupsAllow(new[] { _ids.DefaultGroupId }, null, new[] { _ids.EcsGroupId }, null, 3001));
        Assert.True(GroupsAllow(Array.Empty<string>(), internet, new[] { _ids.AlbGroupId }, null, 80));
        // The default group admits all traffic from itself.
        Assert.True(GroupsAllow(new[] { _ids.DefaultGroupId }, null, new[] { _ids.DefaultGroupId }, null, 5432));
    }

    [Theory]
    [InlineData("::/0", false)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.0.0.0/30", false)]
    [InlineData("0.0.0.0/0", true)]
    public void Cidr_rules_admit_only_peers_whose_every_address_they_hold_in_their_own_family(string cidr, bool admitted)
    {
        var ec2 = _state.Ec2;
        var group = ec2.AddSecurityGroup(ec2.SecurityGroups.First().VpcId, "rule-form-sg", "rule forms").GroupId;
        ec2.AuthorizeIngressFromCidr(group, 8080, cidr);

        Assert.Equal(admitted, GroupsAllow(Array.Empty<string>(), new[] { "10.0.1.0/24", "10.0.2.0/24" }, new[] { group }, null, 8080));
    }

    [Fact]
    public void A_source_without_egress_reaches_nothing_whatever_the_destination_admits()
    {
        var ec2 = _state.Ec2;
        var source = ec2.FindSecurityGroup(_ids.AlbGroupId)!;
        string[] task = { "10.0.3.10/32" };
        Assert.True(GroupsAllow(new[] { _ids.AlbGroupId }, null, new[] { _ids.EcsGroupId }, task, 3001));

        source.EgressRules.Clear();

        Assert.False(GroupsAllow(new[] { _ids.AlbGroupId }, null, new[] { _ids.EcsGroupId }, task, 3001));
    }

    [Fact]
    public void Network_interfaces_get_distinct_addresses_inside_the_subnet()
    {
        var ec2 = _state.Ec2;
        var interfaces = Enumerable.Range(0, 20)
            .Select(_ => ec2.CreateNetworkInterface(_ids.PrivateSubnetA, new[] { _ids.EcsGroupId }, "task", assignPublicIp: false))
            .ToList();

        Assert.Equal(20, interfaces.Select(n => n.PrivateIpAddress).Distinct().Count());
        Assert.All(interfaces, n => Assert.Matches(@"^10\.0\.11\.(\d+)$", n.PrivateIpAddress));
        Assert.All(interfaces, n => Assert.InRange(int.Parse(n.PrivateIpAddress.Split('.')[3], System.Globalization.CultureInfo.InvariantCulture), 4, 254));
        Assert.All(interfaces, n => Assert.Null(n.PublicIp));
        Assert.All(interfaces, n => Assert.Matches("^eni-[0-9a-f]{17}$", n.NetworkInterfaceId));
        Assert.All(interfaces, n => Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", n.MacAddress));

        ec2.DeleteNetworkInterface(interfaces[0].NetworkInterfaceId);

        Assert.Null(ec2.FindNetworkInterface(interfaces[0].NetworkInterfaceId));
    }

    [Fact]
    public void The_same_seed_builds_the_same_ids()
    {
        var (_, again) = NetworkFixture.Build();

        Assert.Equal(_ids.VpcId, again.VpcId);
        Assert.Equal(_ids.TaskEni.PrivateIpAddress, again.TaskEni.PrivateIpAddress);
        Assert.Equal(_ids.LoadBalancerArn, again.LoadBalancerArn);
    }

    [Fact]
    public void Creating_an_interface_in_an_unknown_subnet_fails_like_ec2()
    {
        var error = Assert.Throws<AwsErrorException>(() =>
            _state.Ec2.CreateNetworkInterface("subnet-0123456789abcdef0", new[] { _ids.EcsGroupId }, "task", assignPublicIp: false));

        Assert.Equal("InvalidSubnetID.NotFound", error.Code);
    }

    [Fact]
    public void Malformed_group_id_is_reported_as_malformed()
    {
        var error = Assert.Throws<AwsErrorException>(() => Call("DescribeSecurityGroups", ("GroupId.1", "sg-xyz")));

        Assert.Equal("InvalidGroupId.Malformed", error.Code);
    }

    [Fact]
    public void Unknown_filter_name_is_an_invalid_parameter_value()
    {
        var error = Assert.Throws<AwsErrorException>(() => Call("DescribeSubnets", ("Filter.1.Name", "colour"), ("Filter.1.Value.1", "red")));

        Assert.Equal("InvalidParameterValue", error.Code);
        Assert.Equal("The filter 'colour' is invalid", error.Message);
    }

    [Fact]
    public void Unknown_vpc_and_subnet_ids_are_not_found()
    {
        Assert.Equal("InvalidVpcID.NotFound", Assert.Throws<AwsErrorException>(() => Call("DescribeVpcs", ("VpcId.1", "vpc-0123456789abcdef0"))).Code);
        Assert.Equal("InvalidSubnetID.NotFound", Assert.Throws<AwsErrorException>(() => Call("DescribeSubnets", ("SubnetId.1", "subnet-0123456789abcdef0"))).Code);
    }

    [Fact]
    public void Authorizing_from_an_unknown_source_group_fails_and_adds_nothing()
    {
        var error = Assert.Throws<AwsErrorException>(() => Call(
            "AuthorizeSecurityGroupIngress",
            ("GroupId", _ids.EcsGroupId),
            ("IpPermissions.1.IpProtocol", "tcp"),
            ("IpPermissions.1.FromPort", "3001"),
            ("IpPermissions.1.ToPort", "3001"),
            ("IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/16"),
            ("IpPermissions.1.Groups.1.GroupId", "sg-0123456789abcdef0")));

        Assert.Equal("InvalidGroup.NotFound", error.Code);
        Assert.Single(_state.Ec2.FindSecurityGroup(_ids.EcsGroupId)!.IngressRules);
    }

    [Fact]
    public void Responses_use_the_ec2_namespace_request_id_and_item_lists()
    {
        var response = _handler.Handle(Request("DescribeSecurityGroups", ("GroupName.1", "kaviar-rds-sg")));
        var root = XDocument.Parse(response.Body).Root!;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Ec2Namespace + "DescribeSecurityGroupsResponse", root.Name);
        Assert.Equal("req-1", root.Element(Ec2Namespace + "requestId")!.Value);
        var item = root.Element(Ec2Namespace + "securityGroupInfo")!.Elements(Ec2Namespace + "item").Single();
        Assert.Equal(_ids.RdsGroupId, item.Element(Ec2Namespace + "groupId")!.Value);
    }

    [Fact]
    public void Network_acl_pages_hold_5_to_1000_and_a_token_must_be_one_the_service_gave()
    {
        Assert.Equal("InvalidParameterValue", Assert.Throws<AwsErrorException>(() => Call("DescribeNetworkAcls", ("MaxResults", "4"))).Code);
        Assert.Equal("InvalidParameterValue", Assert.Throws<AwsErrorException>(() => Call("DescribeNetworkAcls", ("MaxResults", "1001"))).Code);
        Assert.Equal("InvalidNextToken", Assert.Throws<AwsErrorException>(() => Call("DescribeNetworkAcls", ("NextToken", "not a token"))).Code);
    }

    [Fact]
    public void Changes_are_mutating_and_reads_are_not()
    {
        Assert.True(_handler.IsMutating("AuthorizeSecurityGroupIngress"));
        Assert.True(_handler.IsMutating("RevokeSecurityGroupIngress"));
        Assert.True(_handler.IsMutating("CreateNetworkAclEntry"));
        Assert.True(_handler.IsMutating("ReplaceNetworkAclAssociation"));
        Assert.False(_handler.IsMutating("DescribeSecurityGroups"));
        Assert.False(_handler.IsMutating("DescribeNetworkAcls"));
        Assert.Equal("InvalidAction", Assert.Throws<AwsErrorException>(() => Call("RunInstances")).Code);
    }

    private SimulatedResponse Call(string action, params (string Name, string Value)[] parameters) => _handler.Handle(Request(action, parameters));

    private SimulatedRequest Request(string action, params (string Name, string Value)[] parameters) => new(
        "ec2", action, NetworkFixture.Region, _state.Now, parameters.ToDictionary(p => p.Name, p => p.Value), null, "req-1");
}
