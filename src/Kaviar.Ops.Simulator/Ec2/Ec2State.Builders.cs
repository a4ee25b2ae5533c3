using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>Scenario builders: lay out a VPC the way the CloudFormation/console would have left it.</summary>
public sealed partial class Ec2State
{
    /// <summary>
    /// A VPC with what AWS creates alongside it: the "default" security group, the main route table and the default
    /// network ACL; <paramref name="ipv6Cidr"/> gives it an IPv6 block too.
    /// </summary>
    public Vpc AddVpc(string cidr, string name, string? ipv6Cidr = null)
    {
        Ipv4Cidr.Parse(cidr);
        var vpc = new Vpc(NewId("vpc"), cidr, name, "dopt-" + Account.Ids.Hex(17), "vpc-cidr-assoc-" + Account.Ids.Hex(17))
        {
            Ipv6CidrBlock = ipv6Cidr,
        };
        _vpcs.Add(vpc);
        AddDefaultNetworkAcl(vpc);

        var defaultGroup = AddSecurityGroup(vpc.VpcId, "default", "default VPC security group");
        defaultGroup.IngressRules.Add(new SecurityGroupRule(
            NewId("sgr"), defaultGroup.GroupId, false, AllTraffic, null, null, null, defaultGroup.GroupId, null));

        var mainTable = NewRouteTable(vpc);
        mainTable.Associations.Add(new RouteTableAssociation(NewId("rtbassoc"), mainTable.RouteTableId, null, Main: true));
        return vpc;
    }

    /// <param name="ipv6Cidr">A /64 of the VPC's IPv6 block, as AWS sizes a subnet's.</param>
    public Subnet AddSubnet(string vpcId, string cidr, string availabilityZone, string name, bool mapPublicIp, string? ipv6Cidr = null)
    {
        var vpc = RequireVpc(vpcId);
        if (!Ipv4Cidr.Parse(vpc.CidrBlock).Contains(Ipv4Cidr.Parse(cidr)))
        {
            throw new ArgumentException($"Subnet {cidr} is not inside VPC {vpc.VpcId} ({vpc.CidrBlock}).", nameof(cidr));
        }

        if (ipv6Cidr is not null && !IsSubnetIpv6Block(vpc, ipv6Cidr))
        {
            throw new AwsErrorException("InvalidSubnet.Range", $"The IPv6 CIDR '{ipv6Cidr}' is invalid: a subnet's is a /64 of its VPC's IPv6 block ({vpc.Ipv6CidrBlock ?? "none"}).");
        }

        var subnet = new Subnet(NewId("subnet"), vpcId, cidr, availabilityZone, mapPublicIp, name)
        {
            Ipv6CidrBlock = ipv6Cidr,
            Ipv6CidrAssociationId = ipv6Cidr is null ? null : "subnet-cidr-assoc-" + Account.Ids.Hex(17),
        };
        _subnets.Add(subnet);
        AssociateWithDefaultNetworkAcl(subnet);
        return subnet;
    }

    private static bool IsSubnetIpv6Block(Vpc vpc, string ipv6Cidr) =>
        vpc.Ipv6CidrBlock is not null
        && System.Net.IPNetwork.TryParse(ipv6Cidr, out var block) && block.PrefixLength == 64
        && System.Net.IPNetwork.Parse(vpc.Ipv6CidrBlock).Contains(block.BaseAddress);

    /// <summary>Puts the subnet on <paramref name="networkAclId"/>, as ReplaceNetworkAclAssociation does.</summary>
    public void AssociateNetworkAcl(string subnetId, string networkAclId)
    {
        var current = NetworkAclOf(RequireSubnet(subnetId).SubnetId).Associations.Single(a => a.SubnetId == subnetId);
        ReplaceNetworkAclAssociation(current.NetworkAclAssociationId, networkAclId);
    }

    /// <summary>A group with AWS's default egress rule (all traffic to 0.0.0.0/0) and no ingress.</summary>
    public SecurityGroup AddSecurityGroup(string vpcId, string name, string description)
    {
        RequireVpc(vpcId);
        if (FindSecurityGroupByName(vpcId, name) is not null)
        {
            throw new ArgumentException($"Security group '{name}' already exists in {vpcId}.", nameof(name));
        }

        var group = new SecurityGroup(NewId("sg"), name, description, vpcId);
        group.EgressRules.Add(new SecurityGroupRule(NewId("sgr"), group.GroupId, true, AllTraffic, null, null, Anywhere, null, null));
        _securityGroups.Add(group);
        return group;
    }

    public void AuthorizeIngressFromGroup(string groupId, int port, string sourceGroupId, string? description = null) =>
        AuthorizeIngress(groupId, new[] { new SecurityGroupPermission("tcp", port, port, null, sourceGroupId, description) });

    public void AuthorizeIngressFromCidr(string groupId, int port, string cidr, string? description = null) =>
        AuthorizeIngress(groupId, new[]
        {
            cidr.Contains(':')
                ? new SecurityGroupPermission("tcp", port, port, null, null, description, cidr)
                : new SecurityGroupPermission("tcp", port, port, cidr, null, description),
        });

    /// <summary>Creates an internet gateway attached to the VPC; returns igw-….</summary>
    public string AddInternetGateway(string vpcId)
    {
        RequireVpc(vpcId);
        var gateway = new InternetGateway(NewId("igw"));
        gateway.AttachedVpcIds.Add(vpcId);
        _internetGateways.Add(gateway);
        return gateway.InternetGatewayId;
    }

    /// <summary>An available public NAT gateway in the subnet, with its own ENI and Elastic IP; returns nat-….</summary>
    public string AddNatGateway(string subnetId)
    {
        var subnet = RequireSubnet(subnetId);
        var natGatewayId = NewId("nat");
        var networkInterface = CreateNetworkInterface(subnetId, Array.Empty<string>(), "Interface for NAT Gateway " + natGatewayId, assignPublicIp: true);
        networkInterface.InterfaceType = "nat_gateway";
        _natGateways.Add(new NatGateway(
            natGatewayId,
            subnet,
            networkInterface.PrivateIpAddress,
            networkInterface.PublicIp!,
            networkInterface.NetworkInterfaceId,
            NewId("eipalloc"),
            Account.Now));
        return natGatewayId;
    }

    /// <summary>
    /// AssociateRouteTable: the subnet uses the table's routes from now on instead of the main table's. A subnet has one
    /// explicit association, so one it already has elsewhere is refused (ReplaceRouteTableAssociation moves it on AWS).
    /// </summary>
    public string AssociateRouteTable(string routeTableId, string subnetId)
    {
        var table = RequireRouteTable(routeTableId);
        var subnet = RequireSubnet(subnetId);
        if (table.VpcId != subnet.VpcId)
        {
            throw new AwsErrorException("InvalidParameterValue", $"Route table {routeTableId} and subnet {subnetId} belong to different networks");
        }

        if (_routeTables.SelectMany(t => t.Associations).FirstOrDefault(a => a.SubnetId == subnetId) is { } existing)
        {
            throw new AwsErrorException("Resource.AlreadyAssociated",
                $"the specified association for route table {existing.RouteTableId} conflicts with an existing association");
        }

        var association = new RouteTableAssociation(NewId("rtbassoc"), table.RouteTableId, subnetId, Main: false);
        table.Associations.Add(association);
        return association.AssociationId;
    }

    /// <summary>
    /// CreateRoute: an IPv4 destination to an internet gateway attached to the table's VPC or a NAT gateway in it. A
    /// destination the table already routes is refused (ReplaceRoute changes it on AWS).
    /// </summary>
    public Route CreateRoute(string routeTableId, string destinationCidr, string? gatewayId, string? natGatewayId)
    {
        var table = RequireRouteTable(routeTableId);
        if (!Ipv4Cidr.TryParse(destinationCidr, out var destination))
        {
            throw new AwsErrorException("InvalidParameterValue", $"Value ({destinationCidr}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.");
        }

        if ((gatewayId is null) == (natGatewayId is null))
        {
            throw new AwsErrorException("InvalidParameterCombination", "The request must contain exactly one of gatewayId, natGatewayId");
        }

        if (gatewayId is not null)
        {
            var gateway = _internetGateways.Find(g => g.InternetGatewayId == gatewayId)
                ?? throw new AwsErrorException("InvalidGatewayID.NotFound", $"The gateway ID '{gatewayId}' does not exist");
            if (!gateway.AttachedVpcIds.Contains(table.VpcId))
            {
                throw new AwsErrorException("InvalidParameterValue", $"route table {routeTableId} and network gateway {gatewayId} belong to different networks");
            }
        }
        else if ((_natGateways.Find(n => n.NatGatewayId == natGatewayId)
                ?? throw new AwsErrorException("InvalidNatGatewayID.NotFound", $"The natGateway ID '{natGatewayId}' does not exist")).VpcId != table.VpcId)
        {
            throw new AwsErrorException("InvalidParameterValue", $"route table {routeTableId} and NAT gateway {natGatewayId} belong to different networks");
        }

        var normalized = destination.ToString();
        if (table.Routes.Exists(r => r.DestinationCidrBlock == normalized))
        {
            throw new AwsErrorException("RouteAlreadyExists", $"The route identified by {normalized} already exists.");
        }

        var route = new Route(normalized, null, gatewayId, natGatewayId, "CreateRoute");
        table.Routes.Add(route);
        return route;
    }

    public RouteTable RequireRouteTable(string routeTableId) =>
        _routeTables.Find(t => t.RouteTableId == routeTableId)
            ?? throw new AwsErrorException("InvalidRouteTableID.NotFound", $"The routeTable ID '{routeTableId}' does not exist");

    /// <summary>
    /// A custom route table with the local route plus <paramref name="routes"/> (targets igw-, nat-, vpce- or "local"),
    /// explicitly associated with the subnets (taking them from any table they were on); returns rtb-….
    /// </summary>
    public string AddRouteTable(string vpcId, IEnumerable<string> subnetIds, IEnumerable<(string destinationCidr, string gatewayOrNatId)> routes)
    {
        var table = NewRouteTable(RequireVpc(vpcId));
        foreach (var (destinationCidr, target) in routes)
        {
            var isNat = target.StartsWith("nat-", StringComparison.Ordinal);
            table.Routes.Add(new Route(destinationCidr, null, isNat ? null : target, isNat ? target : null, "CreateRoute"));
        }

        foreach (var subnetId in subnetIds)
        {
            RequireSubnet(subnetId);
            foreach (var other in _routeTables)
            {
                other.Associations.RemoveAll(a => a.SubnetId == subnetId);
            }

            table.Associations.Add(new RouteTableAssociation(NewId("rtbassoc"), table.RouteTableId, subnetId, Main: false));
        }

        return table.RouteTableId;
    }

    /// <summary>
    /// An available endpoint (CreateVpcEndpoint). Interface endpoints sit in the given subnets of the VPC, one per zone
    /// (one ENI each, private DNS on unless turned off, the VPC's default security group unless others are given);
    /// only one endpoint of a service in a VPC can have private DNS. Gateway endpoints (S3, DynamoDB) add a prefix-list
    /// route to the given route tables of the VPC. Returns vpce-….
    /// </summary>
    public string AddVpcEndpoint(string vpcId, string serviceName, string type, IEnumerable<string> subnetOrRouteTableIds,
        IEnumerable<string>? securityGroupIds = null, bool privateDnsEnabled = true)
    {
        var vpc = RequireVpc(vpcId);
        var prefix = $"com.amazonaws.{Account.Region}.";
        var service = serviceName.StartsWith(prefix, StringComparison.Ordinal) && serviceName.Length > prefix.Length
            ? serviceName[prefix.Length..]
            : throw new AwsErrorException("InvalidServiceName", $"The Vpc Endpoint Service '{serviceName}' does not exist");
        if (type == "Gateway" != service is "s3" or "dynamodb")
        {
            throw new AwsErrorException("InvalidParameter", $"The Vpc Endpoint Service '{serviceName}' does not support the endpoint type '{type}'");
        }

        var endpoint = new VpcEndpoint(NewId("vpce"), vpcId, serviceName, type, Account.Now);
        if (type == "Gateway")
        {
            var tables = subnetOrRouteTableIds.Select(RequireRouteTable).ToList();
            if (tables.Find(t => t.VpcId != vpcId) is { } foreign)
            {
                throw new AwsErrorException("InvalidParameter", $"Route table {foreign.RouteTableId} does not belong to VPC {vpcId}");
            }

            var prefixListId = "pl-" + Account.Ids.Hex(8);
            foreach (var table in tables)
            {
                table.Routes.Add(new Route(null, prefixListId, endpoint.VpcEndpointId, null, "CreateRoute"));
                endpoint.RouteTableIds.Add(table.RouteTableId);
            }
        }
        else if (type == "Interface")
        {
            var subnets = subnetOrRouteTableIds.Select(RequireSubnet).ToList();
            if (subnets.Find(s => s.VpcId != vpcId) is { } foreign)
            {
                throw new AwsErrorException("InvalidParameter", $"Subnet {foreign.SubnetId} does not belong to VPC {vpcId}");
            }

            if (subnets.GroupBy(s => s.AvailabilityZone).Any(zone => zone.Count() > 1))
            {
                throw new AwsErrorException("DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone");
            }

            if (privateDnsEnabled && _vpcEndpoints.Exists(e => e.VpcId == vpcId && e.ServiceName == serviceName && e.PrivateDnsEnabled))
            {
                throw new AwsErrorException("InvalidParameter",
                    $"private-dns-enabled cannot be set because there is already a conflicting DNS domain for {service}.{Account.Region}.amazonaws.com in the VPC {vpc.VpcId}");
            }

            endpoint.PrivateDnsEnabled = privateDnsEnabled;
            endpoint.GroupIds.AddRange(securityGroupIds ?? new[] { FindSecurityGroupByName(vpcId, "default")!.GroupId });
            foreach (var subnet in subnets)
            {
                var networkInterface = CreateNetworkInterface(subnet.SubnetId, endpoint.GroupIds, "VPC Endpoint Interface " + endpoint.VpcEndpointId, assignPublicIp: false);
                networkInterface.InterfaceType = "vpc_endpoint";
                endpoint.SubnetIds.Add(subnet.SubnetId);
                endpoint.NetworkInterfaceIds.Add(networkInterface.NetworkInterfaceId);
            }
        }
        else
        {
            throw new AwsErrorException("InvalidParameter", $"Endpoint type must be Interface or Gateway, not '{type}'.");
        }

        _vpcEndpoints.Add(endpoint);
        return endpoint.VpcEndpointId;
    }

    private RouteTable NewRouteTable(Vpc vpc)
    {
        var table = new RouteTable(NewId("rtb"), vpc.VpcId);
        table.Routes.Add(new Route(vpc.CidrBlock, null, "local", null, "CreateRouteTable"));
        _routeTables.Add(table);
        return table;
    }
}
