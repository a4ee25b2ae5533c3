using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Ec2;

/// <summary>The real aws CLI (botocore's EC2 parser) against the simulated account: proves the wire shapes.</summary>
public sealed class Ec2CliContractTests : IDisposable
{
    private readonly SimulatedAccount _account;
    private readonly NetworkFixture _ids;

    public Ec2CliContractTests() => (_account, _ids) = NetworkFixture.Start();

    public void Dispose() => _account.Dispose();

    [Fact]
    public void Describe_vpcs_reports_cidr_and_name_tag()
    {
        var vpc = Ec2("describe-vpcs", "--vpc-ids", _ids.VpcId).GetProperty("Vpcs").EnumerateArray().Single();

        Assert.Equal(_ids.VpcId, vpc.GetProperty("VpcId").GetString());
        Assert.Equal("10.0.0.0/16", vpc.GetProperty("CidrBlock").GetString());
        Assert.Equal("available", vpc.GetProperty("State").GetString());
        Assert.False(vpc.GetProperty("IsDefault").GetBoolean());
        Assert.Equal("kaviar-vpc", NameTag(vpc));
    }

    [Fact]
    public void Describe_subnets_filters_by_vpc_and_az()
    {
        var subnets = Ec2("describe-subnets", "--filters", $"Name=vpc-id,Values={_ids.VpcId}", "Name=availability-zone,Values=us-east-2a")
            .GetProperty("Subnets").EnumerateArray().ToList();

        Assert.Equal(new[] { _ids.PublicSubnetA, _ids.PrivateSubnetA }, subnets.Select(s => s.GetProperty("SubnetId").GetString()));
        var publicA = subnets[0];
        Assert.Equal("10.0.1.0/24", publicA.GetProperty("CidrBlock").GetString());
        Assert.True(publicA.GetProperty("MapPublicIpOnLaunch").GetBoolean());
        // 256 - 5 reserved - the NAT gateway's ENI - the task ENI.
        Assert.Equal(249, publicA.GetProperty("AvailableIpAddressCount").GetInt32());
        Assert.Equal("kaviar-public-a", NameTag(publicA));
    }

    [Fact]
    public void Describe_security_groups_merges_rules_into_ip_permissions()
    {
        var group = Ec2("describe-security-groups", "--group-ids", _ids.EcsGroupId).GetProperty("SecurityGroups").EnumerateArray().Single();

        Assert.Equal("kaviar-ecs-sg", group.GetProperty("GroupName").GetString());
        Assert.Equal("ECS tasks security group", group.GetProperty("Description").GetString());
        Assert.Equal(_ids.VpcId, group.GetProperty("VpcId").GetString());
        var ingress = group.GetProperty("IpPermissions").EnumerateArray().Single();
        Assert.Equal("tcp", ingress.GetProperty("IpProtocol").GetString());
        Assert.Equal(3001, ingress.GetProperty("FromPort").GetInt32());
        Assert.Equal(3001, ingress.GetProperty("ToPort").GetInt32());
        var pair = ingress.GetProperty("UserIdGroupPairs").EnumerateArray().Single();
        Assert.Equal(_ids.AlbGroupId, pair.GetProperty("GroupId").GetString());
        Assert.Equal("From ALB", pair.GetProperty("Description").GetString());
        Assert.Empty(ingress.GetProperty("IpRanges").EnumerateArray());
        var egress = group.GetProperty("IpPermissionsEgress").EnumerateArray().Single();
        Assert.Equal("-1", egress.GetProperty("IpProtocol").GetString());
        Assert.False(egress.TryGetProperty("FromPort", out _));
        Assert.Equal("0.0.0.0/0", egress.GetProperty("IpRanges")[0].GetProperty("CidrIp").GetString());
    }

    [Fact]
    public void Describe_security_groups_filters_by_vpc_and_name()
    {
        var groups = Ec2("describe-security-groups", "--filters", $"Name=vpc-id,Values={_ids.VpcId}", "Name=group-name,Values=kaviar-*")
            .GetProperty("SecurityGroups").EnumerateArray().Select(g => g.GetProperty("GroupId").GetString());

        Assert.Equal(new[] { _ids.AlbGroupId, _ids.EcsGroupId, _ids.RdsGroupId }, groups);
    }

    [Fact]
    public void Describe_security_group_rules_lists_each_rule()
    {
        var rules = Ec2("describe-security-group-rules", "--filters", $"Name=group-id,Values={_ids.RdsGroupId}")
            .GetProperty("SecurityGroupRules").EnumerateArray().ToList();

        Assert.Equal(2, rules.Count);
        var ingress = rules.Single(r => !r.GetProperty("IsEgress").GetBoolean());
        Assert.StartsWith("sgr-", ingress.GetProperty("SecurityGroupRuleId").GetString(), StringComparison.Ordinal);
        Assert.Equal(5432, ingress.GetProperty("FromPort").GetInt32());
        Assert.Equal(_ids.EcsGroupId, ingress.GetProperty("ReferencedGroupInfo").GetProperty("GroupId").GetString());
        var egress = rules.Single(r => r.GetProperty("IsEgress").GetBoolean());
        Assert.Equal(-1, egress.GetProperty("FromPort").GetInt32());
        Assert.Equal("0.0.0.0/0", egress.GetProperty("CidrIpv4").GetString());
    }

    [Fact]
    public void Authorize_then_revoke_ingress_changes_the_group()
    {
        var authorized = Ec2("authorize-security-group-ingress", "--group-id", _ids.EcsGroupId, "--protocol", "tcp", "--port", "3001", "--cidr", "10.0.0.0/16");

        Assert.True(authorized.GetProperty("Return").GetBoolean());
        var rule = authorized.GetProperty("SecurityGroupRules").EnumerateArray().Single();
        Assert.Equal("10.0.0.0/16", rule.GetProperty("CidrIpv4").GetString());
        Assert.Equal(3001, rule.GetProperty("ToPort").GetInt32());
        Assert.Equal(2, IngressRuleCount(_ids.EcsGroupId));

        var revoked = Ec2("revoke-security-group-ingress", "--group-id", _ids.EcsGroupId, "--protocol", "tcp", "--port", "3001", "--source-group", _ids.AlbGroupId);

        Assert.True(revoked.GetProperty("Return").GetBoolean());
        Assert.Equal(1, IngressRuleCount(_ids.EcsGroupId));
    }

    [Fact]
    public void An_ipv6_rule_round_trips_through_the_cli_apart_from_the_ipv4_ranges()
    {
        var authorized = Ec2("authorize-security-group-ingress", "--group-id", _ids.EcsGroupId,
            "--ip-permissions", "IpProtocol=tcp,FromPort=3001,ToPort=3001,Ipv6Ranges=[{CidrIpv6=::/0}]");

        Assert.Equal("::/0", authorized.GetProperty("SecurityGroupRules").EnumerateArray().Single().GetProperty("CidrIpv6").GetString());
        var permission = Ec2("describe-security-groups", "--group-ids", _ids.EcsGroupId).GetProperty("SecurityGroups").EnumerateArray().Single()
            .GetProperty("IpPermissions").EnumerateArray().Single(p => p.GetProperty("FromPort").GetInt32() == 3001);
        Assert.Equal("::/0", permission.GetProperty("Ipv6Ranges").EnumerateArray().Single().GetProperty("CidrIpv6").GetString());
        Assert.Empty(permission.GetProperty("IpRanges").EnumerateArray());
    }

    [Fact]
    public void Authorizing_an_existing_rule_fails_with_duplicate()
    {
        var result = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "authorize-security-group-ingress",
            "--group-id", _ids.EcsGroupId, "--protocol", "tcp", "--port", "3001", "--source-group", _ids.AlbGroupId);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidPermission.Duplicate", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_subnet_associated_with_a_route_table_is_described_with_it_and_a_second_association_is_refused()
    {
        var subnet = Ec2("create-subnet", "--vpc-id", _ids.VpcId, "--cidr-block", "10.0.99.0/24", "--availability-zone", "us-east-2c")
            .GetProperty("Subnet").GetProperty("SubnetId").GetString()!;
        var privateTable = Ec2("describe-route-tables", "--filters", $"Name=association.subnet-id,Values={_ids.PrivateSubnetA}")
            .GetProperty("RouteTables")[0].GetProperty("RouteTableId").GetString()!;

        var associated = Ec2("associate-route-table", "--route-table-id", privateTable, "--subnet-id", subnet);

        Assert.StartsWith("rtbassoc-", associated.GetProperty("AssociationId").GetString(), StringComparison.Ordinal);
        Assert.Equal("associated", associated.GetProperty("AssociationState").GetProperty("State").GetString());
        Assert.Equal(privateTable, Ec2("describe-route-tables", "--filters", $"Name=association.subnet-id,Values={subnet}")
            .GetProperty("RouteTables")[0].GetProperty("RouteTableId").GetString());
        var again = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "associate-route-table", "--route-table-id", privateTable, "--subnet-id", subnet);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("(Resource.AlreadyAssociated)", again.Stderr, StringComparison.Ordinal);
        var unknown = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "associate-route-table", "--route-table-id", "rtb-0123456789abcdef0", "--subnet-id", subnet);
        Assert.Contains("(InvalidRouteTableID.NotFound)", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_route_sends_the_main_table_to_the_nat_gateway_and_refuses_a_destination_it_routes()
    {
        var mainTable = _account.Read(s => s.Ec2.RouteTables.Single(t => t.VpcId == _ids.VpcId && t.IsMain).RouteTableId);

        var created = Ec2("create-route", "--route-table-id", mainTable, "--destination-cidr-block", "0.0.0.0/0", "--nat-gateway-id", _ids.NatGatewayId);
        var routes = Ec2("describe-route-tables", "--route-table-ids", mainTable).GetProperty("RouteTables")[0].Items("Routes");
        var again = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "create-route", "--route-table-id", mainTable,
            "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", _ids.InternetGatewayId);

        Assert.True(created.GetProperty("Return").GetBoolean());
        var route = Assert.Single(routes, r => r.TryGetProperty("NatGatewayId", out _));
        Assert.Equal(("0.0.0.0/0", _ids.NatGatewayId, "CreateRoute", "active"),
            (route.Str("DestinationCidrBlock"), route.Str("NatGatewayId"), route.Str("Origin"), route.Str("State")));
        Assert.Contains("(RouteAlreadyExists)", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_vpc_endpoint_adds_an_interface_and_a_gateway_endpoint_and_refuses_a_second_private_dns()
    {
        var logs = Ec2("create-vpc-endpoint", "--vpc-id", _ids.VpcId, "--vpc-endpoint-type", "Interface", "--service-name", "com.amazonaws.us-east-2.logs",
            "--subnet-ids", _ids.PrivateSubnetA, "--private-dns-enabled").GetProperty("VpcEndpoint");
        var dynamo = Ec2("create-vpc-endpoint", "--vpc-id", _ids.VpcId, "--vpc-endpoint-type", "Gateway", "--service-name", "com.amazonaws.us-east-2.dynamodb",
            "--route-table-ids", _ids.PrivateRouteTableId).GetProperty("VpcEndpoint");
        var described = Ec2("describe-vpc-endpoints", "--vpc-endpoint-ids", logs.Str("VpcEndpointId"), dynamo.Str("VpcEndpointId")).Items("VpcEndpoints");
        var conflicting = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "create-vpc-endpoint", "--vpc-id", _ids.VpcId, "--vpc-endpoint-type", "Interface",
            "--service-name", "com.amazonaws.us-east-2.logs", "--subnet-ids", _ids.PrivateSubnetA, "--private-dns-enabled");

        var logsEndpoint = described.Single(e => e.Str("ServiceName") == "com.amazonaws.us-east-2.logs");
        Assert.Equal(("Interface", "available", true), (logsEndpoint.Str("VpcEndpointType"), logsEndpoint.Str("State"), logsEndpoint.GetProperty("PrivateDnsEnabled").GetBoolean()));
        Assert.Equal(new[] { _ids.PrivateSubnetA }, logsEndpoint.Strings("SubnetIds"));
        Assert.Single(logsEndpoint.Strings("NetworkInterfaceIds"));
        var dynamoEndpoint = described.Single(e => e.Str("ServiceName") == "com.amazonaws.us-east-2.dynamodb");
        Assert.Equal("Gateway", dynamoEndpoint.Str("VpcEndpointType"));
        Assert.Equal(new[] { _ids.PrivateRouteTableId }, dynamoEndpoint.Strings("RouteTableIds"));
        Assert.Contains("(InvalidParameter)", conflicting.Stderr, StringComparison.Ordinal);
        Assert.Contains("conflicting DNS domain", conflicting.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_vpc_attribute_answers_one_attribute_and_refuses_an_unknown_vpc()
    {
        var dnsSupport = Ec2("describe-vpc-attribute", "--vpc-id", _ids.VpcId, "--attribute", "enableDnsSupport");
        var unknown = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "describe-vpc-attribute", "--vpc-id", "vpc-0123456789abcdef0", "--attribute", "enableDnsSupport");

        Assert.Equal(_ids.VpcId, dnsSupport.Str("VpcId"));
        Assert.True(dnsSupport.GetProperty("EnableDnsSupport").GetProperty("Value").GetBoolean());
        Assert.False(dnsSupport.TryGetProperty("EnableDnsHostnames", out _));
        Assert.Contains("(InvalidVpcID.NotFound)", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_security_group_fails_with_the_ec2_error_code()
    {
        var result = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "describe-security-groups", "--group-ids", "sg-0123456789abcdef0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(InvalidGroup.NotFound)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("The security group 'sg-0123456789abcdef0' does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Dry_run_authorize_answers_dry_run_operation_and_changes_nothing()
    {
        var result = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "authorize-security-group-ingress", "--dry-run",
            "--group-id", _ids.EcsGroupId, "--protocol", "tcp", "--port", "8080", "--cidr", "0.0.0.0/0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(DryRunOperation)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, IngressRuleCount(_ids.EcsGroupId));
    }

    [Fact]
    public void Describe_network_interfaces_shows_the_task_eni_with_its_groups()
    {
        var eni = Ec2("describe-network-interfaces", "--network-interface-ids", _ids.TaskEni.NetworkInterfaceId)
            .GetProperty("NetworkInterfaces").EnumerateArray().Single();

        Assert.Equal(_ids.PublicSubnetA, eni.GetProperty("SubnetId").GetString());
        Assert.Equal(_ids.VpcId, eni.GetProperty("VpcId").GetString());
        Assert.Equal("us-east-2a", eni.GetProperty("AvailabilityZone").GetString());
        Assert.Equal(_ids.TaskEni.PrivateIpAddress, eni.GetProperty("PrivateIpAddress").GetString());
        Assert.StartsWith("10.0.1.", _ids.TaskEni.PrivateIpAddress, StringComparison.Ordinal);
        Assert.Equal(_ids.TaskEni.PublicIp, eni.GetProperty("Association").GetProperty("PublicIp").GetString());
        Assert.Equal(_ids.TaskEni.MacAddress, eni.GetProperty("MacAddress").GetString());
        Assert.Equal("in-use", eni.GetProperty("Status").GetString());
        Assert.Equal("interface", eni.GetProperty("InterfaceType").GetString());
        var group = eni.GetProperty("Groups").EnumerateArray().Single();
        Assert.Equal(_ids.EcsGroupId, group.GetProperty("GroupId").GetString());
        Assert.Equal("kaviar-ecs-sg", group.GetProperty("GroupName").GetString());
    }

    [Fact]
    public void Describe_network_interfaces_filters_by_group_and_subnet()
    {
        var byGroup = Ec2("describe-network-interfaces", "--filters", $"Name=group-id,Values={_ids.EcsGroupId}").GetProperty("NetworkInterfaces");
        var bySubnet = Ec2("describe-network-interfaces", "--filters", $"Name=subnet-id,Values={_ids.PrivateSubnetA}").GetProperty("NetworkInterfaces");

        Assert.Equal(_ids.TaskEni.NetworkInterfaceId, byGroup.EnumerateArray().Single().GetProperty("NetworkInterfaceId").GetString());
        Assert.Equal("vpc_endpoint", bySubnet.EnumerateArray().Single().GetProperty("InterfaceType").GetString());
    }

    [Fact]
    public void Unknown_network_interface_fails_with_not_found()
    {
        var result = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "describe-network-interfaces", "--network-interface-ids", "eni-0123456789abcdef0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(InvalidNetworkInterfaceID.NotFound)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_route_tables_by_subnet_association_shows_the_nat_route()
    {
        var table = Ec2("describe-route-tables", "--filters", $"Name=association.subnet-id,Values={_ids.PrivateSubnetA}")
            .GetProperty("RouteTables").EnumerateArray().Single();

        Assert.Equal(_ids.PrivateRouteTableId, table.GetProperty("RouteTableId").GetString());
        var routes = table.GetProperty("Routes").EnumerateArray().ToList();
        Assert.Equal("local", routes[0].GetProperty("GatewayId").GetString());
        Assert.Equal("10.0.0.0/16", routes[0].GetProperty("DestinationCidrBlock").GetString());
        Assert.Equal(_ids.NatGatewayId, routes[1].GetProperty("NatGatewayId").GetString());
        Assert.Equal("0.0.0.0/0", routes[1].GetProperty("DestinationCidrBlock").GetString());
        Assert.Equal(_ids.S3EndpointId, routes[2].GetProperty("GatewayId").GetString());
        Assert.StartsWith("pl-", routes[2].GetProperty("DestinationPrefixListId").GetString(), StringComparison.Ordinal);
        var association = table.GetProperty("Associations").EnumerateArray().Single();
        Assert.Equal(_ids.PrivateSubnetA, association.GetProperty("SubnetId").GetString());
        Assert.False(association.GetProperty("Main").GetBoolean());
    }

    [Fact]
    public void Describe_route_tables_finds_the_main_table()
    {
        var table = Ec2("describe-route-tables", "--filters", $"Name=vpc-id,Values={_ids.VpcId}", "Name=association.main,Values=true")
            .GetProperty("RouteTables").EnumerateArray().Single();

        Assert.True(table.GetProperty("Associations")[0].GetProperty("Main").GetBoolean());
        Assert.Single(table.GetProperty("Routes").EnumerateArray());
    }

    [Fact]
    public void Describe_internet_gateways_by_attached_vpc()
    {
        var gateway = Ec2("describe-internet-gateways", "--filters", $"Name=attachment.vpc-id,Values={_ids.VpcId}")
            .GetProperty("InternetGateways").EnumerateArray().Single();

        Assert.Equal(_ids.InternetGatewayId, gateway.GetProperty("InternetGatewayId").GetString());
        var attachment = gateway.GetProperty("Attachments").EnumerateArray().Single();
        Assert.Equal(_ids.VpcId, attachment.GetProperty("VpcId").GetString());
        Assert.Equal("available", attachment.GetProperty("State").GetString());
    }

    [Fact]
    public void Describe_nat_gateways_by_id_and_by_filter()
    {
        var byId = Ec2("describe-nat-gateways", "--nat-gateway-ids", _ids.NatGatewayId).GetProperty("NatGateways").EnumerateArray().Single();
        var byFilter = Ec2("describe-nat-gateways", "--filter", $"Name=subnet-id,Values={_ids.PublicSubnetA}").GetProperty("NatGateways");

        Assert.Equal("available", byId.GetProperty("State").GetString());
        Assert.Equal(_ids.PublicSubnetA, byId.GetProperty("SubnetId").GetString());
        Assert.Equal(_ids.VpcId, byId.GetProperty("VpcId").GetString());
        Assert.Equal("public", byId.GetProperty("ConnectivityType").GetString());
        Assert.StartsWith("10.0.1.", byId.GetProperty("NatGatewayAddresses")[0].GetProperty("PrivateIp").GetString(), StringComparison.Ordinal);
        Assert.Equal(_ids.NatGatewayId, byFilter.EnumerateArray().Single().GetProperty("NatGatewayId").GetString());
    }

    [Fact]
    public void Describe_vpc_endpoints_by_service_name()
    {
        var endpoint = Ec2("describe-vpc-endpoints", "--filters", $"Name=vpc-id,Values={_ids.VpcId}", "Name=service-name,Values=com.amazonaws.us-east-2.ecr.api")
            .GetProperty("VpcEndpoints").EnumerateArray().Single();

        Assert.Equal(_ids.EcrEndpointId, endpoint.GetProperty("VpcEndpointId").GetString());
        Assert.Equal("Interface", endpoint.GetProperty("VpcEndpointType").GetString());
        Assert.Equal("available", endpoint.GetProperty("State").GetString());
        Assert.True(endpoint.GetProperty("PrivateDnsEnabled").GetBoolean());
        Assert.Equal(_ids.PrivateSubnetA, endpoint.GetProperty("SubnetIds").EnumerateArray().Single().GetString());
        Assert.Equal(_ids.DefaultGroupId, endpoint.GetProperty("Groups")[0].GetProperty("GroupId").GetString());
    }

    [Fact]
    public void A_network_is_built_with_the_cli_as_a_user_builds_one()
    {
        var vpc = Ec2("create-vpc", "--cidr-block", "10.9.0.0/16", "--tag-specifications", "ResourceType=vpc,Tags=[{Key=Name,Value=built}]").GetProperty("Vpc");
        var vpcId = vpc.GetProperty("VpcId").GetString()!;
        Assert.Equal("built", NameTag(vpc));
        var subnet = Ec2("create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.9.1.0/24", "--availability-zone", "us-east-2b").GetProperty("Subnet");
        Assert.Equal("us-east-2b", subnet.GetProperty("AvailabilityZone").GetString());
        var groupId = Ec2("create-security-group", "--vpc-id", vpcId, "--group-name", "built-sg", "--description", "built").GetProperty("GroupId").GetString()!;
        var prefixList = Ec2("create-managed-prefix-list", "--prefix-list-name", "offices", "--address-family", "IPv4", "--max-entries", "2",
            "--entries", "Cidr=192.0.2.0/24,Description=office").GetProperty("PrefixList").GetProperty("PrefixListId").GetString()!;
        Ec2("authorize-security-group-ingress", "--group-id", groupId, "--ip-permissions", $"IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{{PrefixListId={prefixList}}}]");
        Ec2("revoke-security-group-egress", "--group-id", groupId, "--ip-permissions", "IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]");
        Ec2("authorize-security-group-egress", "--group-id", groupId, "--ip-permissions", "IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges=[{CidrIp=10.9.0.0/16}]");
        var eni = Ec2("create-network-interface", "--subnet-id", subnet.GetProperty("SubnetId").GetString()!, "--groups", groupId).GetProperty("NetworkInterface");

        var group = Ec2("describe-security-groups", "--group-ids", groupId).GetProperty("SecurityGroups")[0];
        Assert.Equal(prefixList, group.GetProperty("IpPermissions")[0].GetProperty("PrefixListIds")[0].GetProperty("PrefixListId").GetString());
        var egress = group.GetProperty("IpPermissionsEgress").EnumerateArray().Single();
        Assert.Equal(5432, egress.GetProperty("FromPort").GetInt32());
        Assert.Equal("10.9.0.0/16", egress.GetProperty("IpRanges")[0].GetProperty("CidrIp").GetString());
        Assert.Equal("192.0.2.0/24", Ec2("get-managed-prefix-list-entries", "--prefix-list-id", prefixList).GetProperty("Entries")[0].GetProperty("Cidr").GetString());
        Assert.StartsWith("10.9.1.", eni.GetProperty("PrivateIpAddress").GetString());
        Assert.Equal(groupId, eni.GetProperty("Groups")[0].GetProperty("GroupId").GetString());
    }

    [Fact]
    public void Building_refuses_what_AWS_refuses()
    {
        var vpcId = Ec2("create-vpc", "--cidr-block", "10.8.0.0/16").GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        Ec2("create-security-group", "--vpc-id", vpcId, "--group-name", "twice", "--description", "x");

        var duplicate = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "create-security-group", "--vpc-id", vpcId, "--group-name", "twice", "--description", "x");
        var outside = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.7.1.0/24");
        var unknownList = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "ec2", "get-managed-prefix-list-entries", "--prefix-list-id", "pl-0123456789abcdef0");

        Assert.Contains("InvalidGroup.Duplicate", duplicate.Stderr);
        Assert.Contains("InvalidSubnet.Range", outside.Stderr);
        Assert.Contains("InvalidPrefixListID.NotFound", unknownList.Stderr);
    }

    private static string? NameTag(JsonElement resource) =>
        resource.GetProperty("Tags").EnumerateArray().Single(t => t.GetProperty("Key").GetString() == "Name").GetProperty("Value").GetString();

    private int IngressRuleCount(string groupId) =>
        Ec2("describe-security-groups", "--group-ids", groupId).GetProperty("SecurityGroups")[0].GetProperty("IpPermissions")
            .EnumerateArray().Sum(p => p.GetProperty("UserIdGroupPairs").GetArrayLength() + p.GetProperty("IpRanges").GetArrayLength());

    private JsonElement Ec2(params string[] args)
    {
        var result = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, new[] { "ec2" }.Concat(args).Append("--output").Append("json").ToArray());
        Assert.True(result.ExitCode == 0, $"aws ec2 {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return result.Json.RootElement.Clone();
    }
}
