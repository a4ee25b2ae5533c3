using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Protocol;
using static Kaviar.Ops.Simulator.Protocol.QueryXmlWriter;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>
/// EC2's query dialect: "GroupId.1"/"Filter.1.Value.1" parameters in, lower-camel XML with &lt;item&gt; lists out.
/// Element names follow the locationName of the 2016-11-15 service model.
/// </summary>
public sealed partial class Ec2Handler : IServiceHandler
{
    private const string InvalidParameterValue = "InvalidParameterValue";
    private const string PortRangeRequired = "Invalid value for portRange. Must specify both from and to ports with TCP/UDP.";

    private readonly AccountState _account;

    public Ec2Handler(AccountState account) => _account = account;

    public string ServiceName => ServiceProtocols.Ec2.ServiceName;

    private Ec2State Ec2 => _account.Ec2;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request)
    {
        var parameters = request.QueryParameters;
        Func<IReadOnlyDictionary<string, string>, object?[]> operation = request.Action switch
        {
            "DescribeVpcs" => DescribeVpcs,
            "DescribeSubnets" => DescribeSubnets,
            "DescribeSecurityGroups" => DescribeSecurityGroups,
            "DescribeSecurityGroupRules" => DescribeSecurityGroupRules,
            "AuthorizeSecurityGroupIngress" => AuthorizeSecurityGroupIngress,
            "RevokeSecurityGroupIngress" => RevokeSecurityGroupIngress,
            "DescribeNetworkInterfaces" => DescribeNetworkInterfaces,
            "DescribeRouteTables" => DescribeRouteTables,
            "DescribeInternetGateways" => DescribeInternetGateways,
            "DescribeNatGateways" => DescribeNatGateways,
            "DescribeVpcEndpoints" => DescribeVpcEndpoints,
            "CreateVpc" => CreateVpc,
            "CreateSubnet" => CreateSubnet,
            "CreateSecurityGroup" => CreateSecurityGroup,
            "AuthorizeSecurityGroupEgress" => AuthorizeSecurityGroupEgress,
            "RevokeSecurityGroupEgress" => RevokeSecurityGroupEgress,
            "CreateManagedPrefixList" => CreateManagedPrefixList,
            "DescribeManagedPrefixLists" => DescribeManagedPrefixLists,
            "GetManagedPrefixListEntries" => GetManagedPrefixListEntries,
            "CreateNetworkInterface" => CreateNetworkInterface,
            "DescribeNetworkAcls" => DescribeNetworkAcls,
            "CreateNetworkAcl" => CreateNetworkAcl,
            "DeleteNetworkAcl" => DeleteNetworkAcl,
            "CreateNetworkAclEntry" => CreateNetworkAclEntry,
            "ReplaceNetworkAclEntry" => ReplaceNetworkAclEntry,
            "DeleteNetworkAclEntry" => DeleteNetworkAclEntry,
            "ReplaceNetworkAclAssociation" => ReplaceNetworkAclAssociation,
            "AssociateRouteTable" => AssociateRouteTable,
            "CreateRoute" => CreateRoute,
            "CreateVpcEndpoint" => CreateVpcEndpoint,
            "DescribeVpcAttribute" => DescribeVpcAttribute,
            _ => throw AwsErrors.UnknownAction(ServiceProtocols.Ec2, request.Action),
        };

        // EC2 checks a dry run after authorization and before touching anything, whatever the action.
        if (Flag(parameters, "DryRun"))
        {
            throw new AwsErrorException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
        }

        return Ec2Success(request.Action, request.RequestId, operation(parameters));
    }

    private object?[] DescribeVpcs(IReadOnlyDictionary<string, string> parameters)
    {
        var vpcs = Requested(parameters, "VpcId", Ec2.Vpcs, v => v.VpcId, id => Ec2.RequireVpc(id));
        var matching = Filtered(parameters, vpcs, new Dictionary<string, Func<Vpc, IEnumerable<string?>>>
        {
            ["vpc-id"] = v => new[] { v.VpcId },
            ["cidr"] = v => new[] { v.CidrBlock },
            ["cidr-block-association.cidr-block"] = v => new[] { v.CidrBlock },
            ["state"] = v => new[] { v.State },
            ["is-default"] = _ => new[] { "false" },
            ["tag:Name"] = v => new[] { v.Name },
        });
        return new object?[] { List("vpcSet", "item", matching.Select(VpcXml)) };
    }

    private object?[] DescribeSubnets(IReadOnlyDictionary<string, string> parameters)
    {
        var subnets = Requested(parameters, "SubnetId", Ec2.Subnets, s => s.SubnetId, id => Ec2.RequireSubnet(id));
        var matching = Filtered(parameters, subnets, new Dictionary<string, Func<Subnet, IEnumerable<string?>>>
        {
            ["subnet-id"] = s => new[] { s.SubnetId },
            ["vpc-id"] = s => new[] { s.VpcId },
            ["availability-zone"] = s => new[] { s.AvailabilityZone },
            ["cidr-block"] = s => new[] { s.CidrBlock },
            ["map-public-ip-on-launch"] = s => new[] { Bool(s.MapPublicIpOnLaunch) },
            ["state"] = s => new[] { s.State },
            ["tag:Name"] = s => new[] { s.Name },
        });
        return new object?[] { List("subnetSet", "item", matching.Select(SubnetXml)) };
    }

    /// <summary>One attribute per call, as AWS answers it: the VPC id and that attribute's value.</summary>
    private object?[] DescribeVpcAttribute(IReadOnlyDictionary<string, string> parameters)
    {
        var attribute = Optional(parameters, "Attribute") ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter attribute");
        var vpcId = Optional(parameters, "VpcId") ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter vpcId");
        var vpc = Ec2.RequireVpc(vpcId);
        var value = attribute switch
        {
            "enableDnsSupport" => vpc.EnableDnsSupport,
            "enableDnsHostnames" => vpc.EnableDnsHostnames,
            "enableNetworkAddressUsageMetrics" => false,
            _ => throw new AwsErrorException("InvalidParameterValue", $"Value ({attribute}) for parameter attribute is invalid. Unknown attribute."),
        };
        return new object?[] { Value("vpcId", vpc.VpcId), new XElement(attribute, Value("value", value)) };
    }

    private object?[] DescribeSecurityGroups(IReadOnlyDictionary<string, string> parameters)
    {
        var groups = Requested(parameters, "GroupId", Ec2.SecurityGroups, g => g.GroupId, id => Ec2.RequireSecurityGroup(id));
        var names = Strings(parameters, "GroupName");
        foreach (var name in names.Where(n => !groups.Any(g => g.GroupName == n)))
        {
            throw Ec2State.SecurityGroupNotFound(name);
        }

        var named = names.Count == 0 ? groups : groups.Where(g => names.Contains(g.GroupName));
        var matching = Filtered(parameters, named, new Dictionary<string, Func<SecurityGroup, IEnumerable<string?>>>
        {
            ["group-id"] = g => new[] { g.GroupId },
            ["group-name"] = g => new[] { g.GroupName },
            ["vpc-id"] = g => new[] { g.VpcId },
            ["description"] = g => new[] { g.Description },
            ["ip-permission.group-id"] = g => g.IngressRules.Select(r => r.ReferencedGroupId),
            ["ip-permission.cidr"] = g => g.IngressRules.Select(r => r.CidrIpv4),
        });
        return new object?[] { List("securityGroupInfo", "item", matching.Select(SecurityGroupXml)) };
    }

    private object?[] DescribeSecurityGroupRules(IReadOnlyDictionary<string, string> parameters)
    {
        var allRules = Ec2.SecurityGroups.SelectMany(g => g.IngressRules.Concat(g.EgressRules)).ToList();
        var requestedIds = Strings(parameters, "SecurityGroupRuleId");
        foreach (var missing in requestedIds.Where(id => !allRules.Any(r => r.RuleId == id)))
        {
            throw new AwsErrorException("InvalidSecurityGroupRuleId.NotFound", $"The security group rule ID '{missing}' does not exist");
        }

        var requested = requestedIds.Count == 0 ? allRules : allRules.Where(r => requestedIds.Contains(r.RuleId));
        var matching = Filtered(parameters, requested, new Dictionary<string, Func<SecurityGroupRule, IEnumerable<string?>>>
        {
            ["group-id"] = r => new[] { r.GroupId },
            ["security-group-rule-id"] = r => new[] { r.RuleId },
        });
        return new object?[] { List("securityGroupRuleSet", "item", matching.Select(SecurityGroupRuleXml)) };
    }

    private object?[] AuthorizeSecurityGroupIngress(IReadOnlyDictionary<string, string> parameters) =>
        Authorized(Ec2.AuthorizeIngress(TargetGroupId(parameters), Permissions(parameters)));

    private object?[] RevokeSecurityGroupIngress(IReadOnlyDictionary<string, string> parameters) =>
        Revoked(Ec2.RevokeIngress(TargetGroupId(parameters), Permissions(parameters)));

    private object?[] Authorized(IReadOnlyList<SecurityGroupRule> added) => new object?[]
    {
        Value("return", true),
        List("securityGroupRuleSet", "item", added.Select(SecurityGroupRuleXml)),
    };

    private static object?[] Revoked(IReadOnlyList<SecurityGroupRule> revoked) => new object?[]
    {
        Value("return", true),
        List("revokedSecurityGroupRuleSet", "item", revoked.Select(r => new XElement(
            "item",
            Value("securityGroupRuleId", r.RuleId),
            Value("groupId", r.GroupId),
            Value("isEgress", r.IsEgress),
            Value("ipProtocol", r.IpProtocol),
            Value("fromPort", r.FromPort ?? -1),
            Value("toPort", r.ToPort ?? -1),
            Value("cidrIpv4", r.CidrIpv4),
            Value("cidrIpv6", r.CidrIpv6),
            Value("prefixListId", r.PrefixListId),
            Value("referencedGroupId", r.ReferencedGroupId),
            Value("description", r.Description)))),
    };

    private object?[] DescribeNetworkInterfaces(IReadOnlyDictionary<string, string> parameters)
    {
        var interfaces = Requested(
            parameters, "NetworkInterfaceId", Ec2.NetworkInterfaces, n => n.NetworkInterfaceId, id => throw Ec2State.NetworkInterfaceNotFound(id));
        var matching = Filtered(parameters, interfaces, new Dictionary<string, Func<NetworkInterface, IEnumerable<string?>>>
        {
            ["network-interface-id"] = n => new[] { n.NetworkInterfaceId },
            ["subnet-id"] = n => new[] { n.SubnetId },
            ["vpc-id"] = n => new[] { n.VpcId },
            ["group-id"] = n => n.GroupIds,
            ["description"] = n => new[] { n.Description },
            ["availability-zone"] = n => new[] { n.AvailabilityZone },
            ["private-ip-address"] = n => new[] { n.PrivateIpAddress },
            ["addresses.private-ip-address"] = n => new[] { n.PrivateIpAddress },
            ["association.public-ip"] = n => new[] { n.PublicIp },
            ["status"] = n => new[] { n.Status },
            ["interface-type"] = n => new[] { n.InterfaceType },
        });
        return new object?[] { List("networkInterfaceSet", "item", matching.Select(NetworkInterfaceXml)) };
    }

    private object?[] AssociateRouteTable(IReadOnlyDictionary<string, string> parameters)
    {
        var routeTableId = Optional(parameters, "RouteTableId") ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter routeTableId");
        var subnetId = Optional(parameters, "SubnetId") ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter subnetId");
        var associationId = Ec2.AssociateRouteTable(routeTableId, subnetId);
        return new object?[] { Value("associationId", associationId), new XElement("associationState", Value("state", "associated")) };
    }

    private object?[] DescribeRouteTables(IReadOnlyDictionary<string, string> parameters)
    {
        var tables = Requested(
            parameters,
            "RouteTableId",
            Ec2.RouteTables,
            t => t.RouteTableId,
            id => throw new AwsErrorException("InvalidRouteTableID.NotFound", $"The routeTable ID '{id}' does not exist"));
        var matching = Filtered(parameters, tables, new Dictionary<string, Func<RouteTable, IEnumerable<string?>>>
        {
            ["route-table-id"] = t => new[] { t.RouteTableId },
            ["vpc-id"] = t => new[] { t.VpcId },
            ["association.subnet-id"] = t => t.Associations.Select(a => a.SubnetId),
            ["association.route-table-association-id"] = t => t.Associations.Select(a => a.AssociationId),
            ["association.main"] = t => t.Associations.Select(a => Bool(a.Main)),
            ["route.gateway-id"] = t => t.Routes.Select(r => r.GatewayId),
            ["route.nat-gateway-id"] = t => t.Routes.Select(r => r.NatGatewayId),
            ["route.destination-cidr-block"] = t => t.Routes.Select(r => r.DestinationCidrBlock),
        });
        return new object?[] { List("routeTableSet", "item", matching.Select(RouteTableXml)) };
    }

    private object?[] DescribeInternetGateways(IReadOnlyDictionary<string, string> parameters)
    {
        var gateways = Requested(
            parameters,
            "InternetGatewayId",
            Ec2.InternetGateways,
            g => g.InternetGatewayId,
            id => throw new AwsErrorException("InvalidInternetGatewayID.NotFound", $"The internetGateway ID '{id}' does not exist"));
        var matching = Filtered(parameters, gateways, new Dictionary<string, Func<InternetGateway, IEnumerable<string?>>>
        {
            ["internet-gateway-id"] = g => new[] { g.InternetGatewayId },
            ["attachment.vpc-id"] = g => g.AttachedVpcIds,
            ["attachment.state"] = g => g.AttachedVpcIds.Select(_ => "available"),
        });
        return new object?[] { List("internetGatewaySet", "item", matching.Select(InternetGatewayXml)) };
    }

    private object?[] DescribeNatGateways(IReadOnlyDictionary<string, string> parameters)
    {
        var gateways = Requested(
            parameters,
            "NatGatewayId",
            Ec2.NatGateways,
            g => g.NatGatewayId,
            id => throw new AwsErrorException("NatGatewayNotFound", $"The Nat Gateway {id} was not found"));
        var matching = Filtered(parameters, gateways, new Dictionary<string, Func<NatGateway, IEnumerable<string?>>>
        {
            ["nat-gateway-id"] = g => new[] { g.NatGatewayId },
            ["subnet-id"] = g => new[] { g.SubnetId },
            ["vpc-id"] = g => new[] { g.VpcId },
            ["state"] = g => new[] { g.State },
        });
        return new object?[] { List("natGatewaySet", "item", matching.Select(NatGatewayXml)) };
    }

    private object?[] DescribeVpcEndpoints(IReadOnlyDictionary<string, string> parameters)
    {
        var endpoints = Requested(
            parameters,
            "VpcEndpointId",
            Ec2.VpcEndpoints,
            e => e.VpcEndpointId,
            id => throw new AwsErrorException("InvalidVpcEndpointId.NotFound", $"The Vpc Endpoint Id '{id}' does not exist"));
        var matching = Filtered(parameters, endpoints, new Dictionary<string, Func<VpcEndpoint, IEnumerable<string?>>>
        {
            ["vpc-endpoint-id"] = e => new[] { e.VpcEndpointId },
            ["vpc-id"] = e => new[] { e.VpcId },
            ["service-name"] = e => new[] { e.ServiceName },
            ["vpc-endpoint-type"] = e => new[] { e.VpcEndpointType },
            ["vpc-endpoint-state"] = e => new[] { e.State },
        });
        return new object?[] { List("vpcEndpointSet", "item", matching.Select(VpcEndpointXml)) };
    }

    /// <summary>The resources named by "IdName.N" (each must exist), or all of them when none is named.</summary>
    private static IReadOnlyList<T> Requested<T>(
        IReadOnlyDictionary<string, string> parameters, string idName, IReadOnlyList<T> all, Func<T, string> idOf, Func<string, T> require)
    {
        var ids = Strings(parameters, idName);
        return ids.Count == 0 ? all : ids.Distinct().Select(id => all.FirstOrDefault(r => idOf(r) == id) ?? require(id)).ToList();
    }

    /// <summary>
    /// EC2 filters: every filter must match (AND), a filter matches when any of the resource's values matches any
    /// of its values (OR), values may use * and ? wildcards; an unknown filter name is an error, as on AWS.
    /// </summary>
    private static IEnumerable<T> Filtered<T>(
        IReadOnlyDictionary<string, string> parameters, IEnumerable<T> resources, IReadOnlyDictionary<string, Func<T, IEnumerable<string?>>> fields)
    {
        var filters = ListPrefixes(parameters, "Filter")
            .Select(prefix =>
            {
                var name = Optional(parameters, prefix + ".Name") ?? string.Empty;
                var valuesOf = fields.GetValueOrDefault(name)
                    ?? throw new AwsErrorException(InvalidParameterValue, $"The filter '{name}' is invalid");
                var patterns = Strings(parameters, prefix + ".Value").Select(Wildcard).ToList();
                return (valuesOf, patterns);
            })
            .ToList();
        return resources.Where(r => filters.All(f => f.valuesOf(r).Any(v => v is not null && f.patterns.Any(p => p.IsMatch(v))))).ToList();
    }

    private static Regex Wildcard(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$");

    private static string Bool(bool value) => value ? "true" : "false";

    private string TargetGroupId(IReadOnlyDictionary<string, string> parameters)
    {
        if (Optional(parameters, "GroupId") is { } groupId)
        {
            return groupId;
        }

        var groupName = Optional(parameters, "GroupName")
            ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter groupId");
        return Ec2.SecurityGroups.FirstOrDefault(g => g.GroupName == groupName)?.GroupId ?? throw Ec2State.SecurityGroupNotFound(groupName);
    }

    /// <summary>IpPermissions.N.{IpProtocol,FromPort,ToPort,IpRanges.M.CidrIp,Ipv6Ranges.M.CidrIpv6,Groups.M.GroupId}: one permission per peer.</summary>
    private static IReadOnlyList<SecurityGroupPermission> Permissions(IReadOnlyDictionary<string, string> parameters)
    {
        var permissions = new List<SecurityGroupPermission>();
        foreach (var prefix in ListPrefixes(parameters, "IpPermissions"))
        {
            var protocol = Optional(parameters, prefix + ".IpProtocol")
                ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter ipProtocol");
            var fromPort = OptionalInt(parameters, prefix + ".FromPort", InvalidParameterValue);
            var toPort = OptionalInt(parameters, prefix + ".ToPort", InvalidParameterValue);
            if (protocol is "tcp" or "udp" or "6" or "17" && (fromPort is null || toPort is null))
            {
                throw new AwsErrorException(InvalidParameterValue, PortRangeRequired);
            }

            foreach (var range in ListPrefixes(parameters, prefix + ".IpRanges"))
            {
                var cidr = Optional(parameters, range + ".CidrIp")
                    ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter cidrIp");
                RequireIpv4Cidr(cidr);

                permissions.Add(new SecurityGroupPermission(protocol, fromPort, toPort, cidr, null, Optional(parameters, range + ".Description")));
            }

            foreach (var range in ListPrefixes(parameters, prefix + ".Ipv6Ranges"))
            {
                var cidr = Optional(parameters, range + ".CidrIpv6")
                    ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter cidrIpv6");
                RequireIpv6Cidr(cidr);

                permissions.Add(new SecurityGroupPermission(protocol, fromPort, toPort, null, null, Optional(parameters, range + ".Description"), cidr));
            }

            foreach (var list in ListPrefixes(parameters, prefix + ".PrefixListIds"))
            {
                var prefixListId = Optional(parameters, list + ".PrefixListId")
                    ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter prefixListId");
                permissions.Add(new SecurityGroupPermission(protocol, fromPort, toPort, null, null, Optional(parameters, list + ".Description"), PrefixListId: prefixListId));
            }

            foreach (var pair in ListPrefixes(parameters, prefix + ".Groups"))
            {
                var sourceGroupId = Optional(parameters, pair + ".GroupId")
                    ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter groupId");
                permissions.Add(new SecurityGroupPermission(protocol, fromPort, toPort, null, sourceGroupId, Optional(parameters, pair + ".Description")));
            }
        }

        return permissions.Count > 0
            ? permissions
            : throw new AwsErrorException("MissingParameter", "The request must contain the parameter ipPermissions");
    }

    /// <summary>The canonical form of an IPv4 CIDR (100.68.0.18/18 is 100.68.0.0/18); a malformed one is InvalidParameterValue.</summary>
    private static string RequireIpv4Cidr(string cidr) =>
        Ipv4Cidr.TryParse(cidr, out var block) ? block.ToString() : throw MalformedCidr(cidr);

    private static string RequireIpv6Cidr(string cidr)
    {
        var slash = cidr.IndexOf('/');
        return slash >= 0 && System.Net.IPAddress.TryParse(cidr[..slash], out var address)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            && int.TryParse(cidr[(slash + 1)..], out var length) && length is >= 0 and <= 128
                ? cidr
                : throw MalformedCidr(cidr);
    }

    private static AwsErrorException MalformedCidr(string cidr) => new(InvalidParameterValue, $"CIDR block {cidr} is malformed");

    private static XElement NameTags(string name) =>
        List("tagSet", "item", new[] { new XElement("item", Value("key", "Name"), Value("value", name)) });

    private XElement VpcXml(Vpc vpc) => new(
        "item",
        Value("vpcId", vpc.VpcId),
        Value("ownerId", _account.AccountId),
        Value("state", vpc.State),
        Value("cidrBlock", vpc.CidrBlock),
        List("cidrBlockAssociationSet", "item", new[]
        {
            new XElement(
                "item",
                Value("associationId", vpc.CidrAssociationId),
                Value("cidrBlock", vpc.CidrBlock),
                new XElement("cidrBlockState", Value("state", "associated"))),
        }),
        Value("dhcpOptionsId", vpc.DhcpOptionsId),
        Value("instanceTenancy", "default"),
        Value("isDefault", false),
        NameTags(vpc.Name));

    private XElement SubnetXml(Subnet subnet) => new(
        "item",
        Value("subnetId", subnet.SubnetId),
        Value("subnetArn", $"arn:aws:ec2:{_account.Region}:{_account.AccountId}:subnet/{subnet.SubnetId}"),
        Value("state", subnet.State),
        Value("ownerId", _account.AccountId),
        Value("vpcId", subnet.VpcId),
        Value("cidrBlock", subnet.CidrBlock),
        Value("availableIpAddressCount", Ec2.AvailableIpAddressCount(subnet)),
        Value("availabilityZone", subnet.AvailabilityZone),
        Value("defaultForAz", false),
        Value("mapPublicIpOnLaunch", subnet.MapPublicIpOnLaunch),
        Value("assignIpv6AddressOnCreation", false),
        List("ipv6CidrBlockAssociationSet", "item", subnet.Ipv6CidrBlock is null ? Array.Empty<XElement>() : new[]
        {
            new XElement(
                "item",
                Value("associationId", subnet.Ipv6CidrAssociationId),
                Value("ipv6CidrBlock", subnet.Ipv6CidrBlock),
                new XElement("ipv6CidrBlockState", Value("state", "associated"))),
        }),
        NameTags(subnet.Name));

    private XElement SecurityGroupXml(SecurityGroup group) => new(
        "item",
        Value("ownerId", _account.AccountId),
        Value("groupId", group.GroupId),
        Value("groupName", group.GroupName),
        Value("groupDescription", group.Description),
        Value("vpcId", group.VpcId),
        Value("securityGroupArn", $"arn:aws:ec2:{_account.Region}:{_account.AccountId}:security-group/{group.GroupId}"),
        IpPermissionsXml("ipPermissions", group.IngressRules),
        IpPermissionsXml("ipPermissionsEgress", group.EgressRules));

    /// <summary>DescribeSecurityGroups' view: rules with the same protocol and ports merge into one IpPermission.</summary>
    private XElement IpPermissionsXml(string name, IEnumerable<SecurityGroupRule> rules) => List(
        name,
        "item",
        rules.GroupBy(r => (r.IpProtocol, r.FromPort, r.ToPort)).Select(permission => new XElement(
            "item",
            Value("ipProtocol", permission.Key.IpProtocol),
            Value("fromPort", permission.Key.FromPort),
            Value("toPort", permission.Key.ToPort),
            List("groups", "item", permission.Where(r => r.ReferencedGroupId is not null).Select(r => new XElement(
                "item",
                Value("userId", _account.AccountId),
                Value("groupId", r.ReferencedGroupId),
                Value("description", r.Description)))),
            List("ipRanges", "item", permission.Where(r => r.CidrIpv4 is not null).Select(r => new XElement(
                "item",
                Value("cidrIp", r.CidrIpv4),
                Value("description", r.Description)))),
            List("ipv6Ranges", "item", permission.Where(r => r.CidrIpv6 is not null).Select(r => new XElement(
                "item",
                Value("cidrIpv6", r.CidrIpv6),
                Value("description", r.Description)))),
            List("prefixListIds", "item", permission.Where(r => r.PrefixListId is not null).Select(r => new XElement(
                "item",
                Value("prefixListId", r.PrefixListId),
                Value("description", r.Description)))))));

    /// <summary>DescribeSecurityGroupRules' view: one rule, ports -1 for all traffic.</summary>
    private XElement SecurityGroupRuleXml(SecurityGroupRule rule) => new(
        "item",
        Value("securityGroupRuleId", rule.RuleId),
        Value("groupId", rule.GroupId),
        Value("groupOwnerId", _account.AccountId),
        Value("isEgress", rule.IsEgress),
        Value("ipProtocol", rule.IpProtocol),
        Value("fromPort", rule.FromPort ?? -1),
        Value("toPort", rule.ToPort ?? -1),
        Value("cidrIpv4", rule.CidrIpv4),
        Value("cidrIpv6", rule.CidrIpv6),
        Value("prefixListId", rule.PrefixListId),
        rule.ReferencedGroupId is null
            ? null
            : new XElement("referencedGroupInfo", Value("groupId", rule.ReferencedGroupId), Value("userId", _account.AccountId)),
        Value("description", rule.Description),
        new XElement("tagSet"),
        Value("securityGroupRuleArn", $"arn:aws:ec2:{_account.Region}:{_account.AccountId}:security-group-rule/{rule.RuleId}"));

    private XElement NetworkInterfaceXml(NetworkInterface networkInterface)
    {
        var privateDnsName = $"ip-{networkInterface.PrivateIpAddress.Replace('.', '-')}.{_account.Region}.compute.internal";
        var association = networkInterface.PublicIp is { } publicIp
            ? new XElement(
                "association",
                Value("publicIp", publicIp),
                Value("publicDnsName", $"ec2-{publicIp.Replace('.', '-')}.{_account.Region}.compute.amazonaws.com"),
                Value("ipOwnerId", "amazon"))
            : null;
        return new XElement(
            "item",
            Value("networkInterfaceId", networkInterface.NetworkInterfaceId),
            Value("subnetId", networkInterface.SubnetId),
            Value("vpcId", networkInterface.VpcId),
            Value("availabilityZone", networkInterface.AvailabilityZone),
            Value("description", networkInterface.Description),
            Value("ownerId", _account.AccountId),
            Value("requesterManaged", networkInterface.InterfaceType != "interface"),
            Value("status", networkInterface.Status),
            Value("macAddress", networkInterface.MacAddress),
            Value("privateIpAddress", networkInterface.PrivateIpAddress),
            Value("privateDnsName", privateDnsName),
            Value("sourceDestCheck", true),
            List("groupSet", "item", networkInterface.GroupIds.Select(id => new XElement(
                "item",
                Value("groupId", id),
                Value("groupName", Ec2.FindSecurityGroup(id)?.GroupName)))),
            association,
            new XElement("tagSet"),
            List("privateIpAddressesSet", "item", new[]
            {
                new XElement(
                    "item",
                    Value("privateIpAddress", networkInterface.PrivateIpAddress),
                    Value("privateDnsName", privateDnsName),
                    Value("primary", true),
                    association is null ? null : new XElement(association)),
            }),
            new XElement("ipv6AddressesSet"),
            Value("interfaceType", networkInterface.InterfaceType));
    }

    private XElement RouteTableXml(RouteTable table) => new(
        "item",
        Value("routeTableId", table.RouteTableId),
        Value("vpcId", table.VpcId),
        Value("ownerId", _account.AccountId),
        List("routeSet", "item", table.Routes.Select(route => new XElement(
            "item",
            Value("destinationCidrBlock", route.DestinationCidrBlock),
            Value("destinationPrefixListId", route.DestinationPrefixListId),
            Value("gatewayId", route.GatewayId),
            Value("natGatewayId", route.NatGatewayId),
            Value("state", route.State),
            Value("origin", route.Origin)))),
        List("associationSet", "item", table.Associations.Select(association => new XElement(
            "item",
            Value("routeTableAssociationId", association.AssociationId),
            Value("routeTableId", association.RouteTableId),
            Value("subnetId", association.SubnetId),
            Value("main", association.Main),
            new XElement("associationState", Value("state", "associated"))))),
        new XElement("propagatingVgwSet"),
        new XElement("tagSet"));

    private XElement InternetGatewayXml(InternetGateway gateway) => new(
        "item",
        Value("internetGatewayId", gateway.InternetGatewayId),
        Value("ownerId", _account.AccountId),
        List("attachmentSet", "item", gateway.AttachedVpcIds.Select(vpcId => new XElement(
            "item",
            Value("vpcId", vpcId),
            Value("state", "available")))),
        new XElement("tagSet"));

    private static XElement NatGatewayXml(NatGateway gateway) => new(
        "item",
        Value("createTime", gateway.CreateTime),
        List("natGatewayAddressSet", "item", new[]
        {
            new XElement(
                "item",
                Value("allocationId", gateway.AllocationId),
                Value("networkInterfaceId", gateway.NetworkInterfaceId),
                Value("privateIp", gateway.PrivateIp),
                Value("publicIp", gateway.PublicIp),
                Value("isPrimary", true),
                Value("status", "succeeded")),
        }),
        Value("natGatewayId", gateway.NatGatewayId),
        Value("state", gateway.State),
        Value("subnetId", gateway.SubnetId),
        Value("vpcId", gateway.VpcId),
        Value("connectivityType", gateway.ConnectivityType),
        new XElement("tagSet"));

    private XElement VpcEndpointXml(VpcEndpoint endpoint) => new(
        "item",
        Value("vpcEndpointId", endpoint.VpcEndpointId),
        Value("vpcEndpointType", endpoint.VpcEndpointType),
        Value("vpcId", endpoint.VpcId),
        Value("serviceName", endpoint.ServiceName),
        Value("state", endpoint.State),
        List("routeTableIdSet", "item", endpoint.RouteTableIds),
        List("subnetIdSet", "item", endpoint.SubnetIds),
        List("groupSet", "item", endpoint.GroupIds.Select(id => new XElement(
            "item",
            Value("groupId", id),
            Value("groupName", Ec2.FindSecurityGroup(id)?.GroupName)))),
        Value("ipAddressType", "ipv4"),
        Value("privateDnsEnabled", endpoint.PrivateDnsEnabled),
        Value("requesterManaged", false),
        List("networkInterfaceIdSet", "item", endpoint.NetworkInterfaceIds),
        Value("creationTimestamp", endpoint.CreationTimestamp),
        Value("ownerId", _account.AccountId));
}
