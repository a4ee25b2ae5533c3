using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Protocol;
using static Kaviar.Ops.Simulator.Protocol.QueryXmlWriter;

namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>The network ACL actions: DescribeNetworkAcls, Create/DeleteNetworkAcl, its entries and ReplaceNetworkAclAssociation.</summary>
public sealed partial class Ec2Handler
{
    private const int MinNetworkAclPage = 5;
    private const int MaxNetworkAclPage = 1000;

    /// <summary>Protocol names AWS takes for a network ACL entry; it stores and reports the numbers.</summary>
    private static readonly IReadOnlyDictionary<string, string> ProtocolNumbers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = "-1",
        ["icmp"] = "1",
        ["tcp"] = "6",
        ["udp"] = "17",
        ["icmpv6"] = "58",
    };

    private object?[] DescribeNetworkAcls(IReadOnlyDictionary<string, string> parameters)
    {
        var acls = Requested(parameters, "NetworkAclId", Ec2.NetworkAcls, a => a.NetworkAclId, id => throw Ec2State.NetworkAclNotFound(id));
        var matching = Filtered(parameters, acls, new Dictionary<string, Func<NetworkAcl, IEnumerable<string?>>>
        {
            ["network-acl-id"] = a => new[] { a.NetworkAclId },
            ["vpc-id"] = a => new[] { a.VpcId },
            ["default"] = a => new[] { Bool(a.IsDefault) },
            ["owner-id"] = _ => new[] { _account.AccountId },
            ["association.association-id"] = a => a.Associations.Select(s => s.NetworkAclAssociationId),
            ["association.network-acl-id"] = a => a.Associations.Select(s => s.NetworkAclId),
            ["association.subnet-id"] = a => a.Associations.Select(s => s.SubnetId),
            ["entry.rule-number"] = a => a.Entries.Select(e => e.RuleNumber.ToString(CultureInfo.InvariantCulture)),
            ["entry.cidr"] = a => a.Entries.Select(e => e.CidrBlock),
            ["entry.ipv6-cidr"] = a => a.Entries.Select(e => e.Ipv6CidrBlock),
            ["entry.protocol"] = a => a.Entries.SelectMany(e => ProtocolNumbers.Where(p => p.Value == e.Protocol).Select(p => p.Key).Append(e.Protocol)),
            ["entry.rule-action"] = a => a.Entries.Select(e => e.RuleAction),
            ["entry.egress"] = a => a.Entries.Select(e => Bool(e.Egress)),
            ["entry.port-range.from"] = a => a.Entries.Select(e => e.PortRange?.From.ToString(CultureInfo.InvariantCulture)),
            ["entry.port-range.to"] = a => a.Entries.Select(e => e.PortRange?.To.ToString(CultureInfo.InvariantCulture)),
            ["tag-key"] = a => a.Tags.Keys,
        }).ToList();

        var pageSize = OptionalInt(parameters, "MaxResults", InvalidParameterValue) ?? MaxNetworkAclPage;
        if (pageSize is < MinNetworkAclPage or > MaxNetworkAclPage)
        {
            throw new AwsErrorException(
                InvalidParameterValue,
                $"Value ( {pageSize} ) for parameter maxResults is invalid. Parameter must be between {MinNetworkAclPage} and {MaxNetworkAclPage}.");
        }

        var offset = 0;
        if (Optional(parameters, "NextToken") is { } token && !TryDecodePageToken(token, out offset))
        {
            throw new AwsErrorException("InvalidNextToken", "The specified NextToken is not valid.");
        }

        var next = offset + pageSize;
        return new object?[]
        {
            List("networkAclSet", "item", matching.Skip(offset).Take(pageSize).Select(a => NetworkAclXml("item", a))),
            next < matching.Count ? Value("nextToken", EncodePageToken(next)) : null,
        };
    }

    private object?[] CreateNetworkAcl(IReadOnlyDictionary<string, string> parameters)
    {
        var vpcId = Optional(parameters, "VpcId") ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter vpcId");
        var acl = Ec2.CreateNetworkAcl(vpcId, TagsFor(parameters, "network-acl"));
        return new object?[] { NetworkAclXml("networkAcl", acl), Value("clientToken", Optional(parameters, "ClientToken")) };
    }

    private object?[] DeleteNetworkAcl(IReadOnlyDictionary<string, string> parameters)
    {
        Ec2.DeleteNetworkAcl(RequiredNetworkAclId(parameters));
        return new object?[] { Value("return", true) };
    }

    private object?[] CreateNetworkAclEntry(IReadOnlyDictionary<string, string> parameters)
    {
        var networkAclId = RequiredNetworkAclId(parameters);
        Ec2.CreateNetworkAclEntry(networkAclId, Entry(parameters));
        return new object?[] { Value("return", true) };
    }

    private object?[] ReplaceNetworkAclEntry(IReadOnlyDictionary<string, string> parameters)
    {
        var networkAclId = RequiredNetworkAclId(parameters);
        Ec2.ReplaceNetworkAclEntry(networkAclId, Entry(parameters));
        return new object?[] { Value("return", true) };
    }

    private object?[] DeleteNetworkAclEntry(IReadOnlyDictionary<string, string> parameters)
    {
        var networkAclId = RequiredNetworkAclId(parameters);
        Ec2.DeleteNetworkAclEntry(networkAclId, RuleNumber(parameters), Egress(parameters));
        return new object?[] { Value("return", true) };
    }

    private object?[] ReplaceNetworkAclAssociation(IReadOnlyDictionary<string, string> parameters)
    {
        var associationId = Optional(parameters, "AssociationId")
            ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter associationId");
        var newAssociationId = Ec2.ReplaceNetworkAclAssociation(associationId, RequiredNetworkAclId(parameters));
        return new object?[] { Value("newAssociationId", newAssociationId) };
    }

    private static string RequiredNetworkAclId(IReadOnlyDictionary<string, string> parameters) =>
        Optional(parameters, "NetworkAclId") ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter networkAclId");

    private static int RuleNumber(IReadOnlyDictionary<string, string> parameters) =>
        OptionalInt(parameters, "RuleNumber", InvalidParameterValue)
        ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter ruleNumber");

    private static bool Egress(IReadOnlyDictionary<string, string> parameters) =>
        Optional(parameters, "Egress") is not null
            ? Flag(parameters, "Egress")
            : throw new AwsErrorException("MissingParameter", "The request must contain the parameter egress");

    /// <summary>
    /// An entry from CreateNetworkAclEntry/ReplaceNetworkAclEntry parameters: the protocol by name or number (stored as
    /// the number), one IPv4 (made canonical) or IPv6 CIDR, ports required for TCP and UDP and kept only for them, an
    /// ICMP type and code kept only for ICMP.
    /// </summary>
    private static NetworkAclEntry Entry(IReadOnlyDictionary<string, string> parameters)
    {
        var ruleNumber = RuleNumber(parameters);
        var protocol = NetworkAclProtocol(Optional(parameters, "Protocol")
            ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter protocol"));
        var action = Optional(parameters, "RuleAction")?.ToLowerInvariant()
            ?? throw new AwsErrorException("MissingParameter", "The request must contain the parameter ruleAction");
        if (action is not ("allow" or "deny"))
        {
            throw new AwsErrorException(InvalidParameterValue, $"Invalid value '{action}' for ruleAction. Valid values: allow, deny");
        }

        var egress = Egress(parameters);
        var cidr = Optional(parameters, "CidrBlock");
        var ipv6Cidr = Optional(parameters, "Ipv6CidrBlock");
        if ((cidr is null) == (ipv6Cidr is null))
        {
            throw cidr is null
                ? new AwsErrorException("MissingParameter", "Either 'cidrBlock' or 'ipv6CidrBlock' should be provided.")
                : new AwsErrorException("InvalidParameterCombination", "Only one of 'cidrBlock' or 'ipv6CidrBlock' may be provided.");
        }

        PortRange? ports = null;
        if (protocol is "6" or "17")
        {
            var from = OptionalInt(parameters, "PortRange.From", InvalidParameterValue);
            var to = OptionalInt(parameters, "PortRange.To", InvalidParameterValue);
            ports = from is { } first && to is { } last ? new PortRange(first, last) : throw new AwsErrorException(InvalidParameterValue, PortRangeRequired);
        }

        var icmp = protocol is "1" or "58" && (parameters.ContainsKey("Icmp.Type") || parameters.ContainsKey("Icmp.Code"))
            ? new IcmpTypeCode(OptionalInt(parameters, "Icmp.Type", InvalidParameterValue), OptionalInt(parameters, "Icmp.Code", InvalidParameterValue))
            : null;
        return new NetworkAclEntry(
            ruleNumber,
            protocol,
            action,
            egress,
            cidr is null ? null : RequireIpv4Cidr(cidr),
            ipv6Cidr is null ? null : RequireIpv6Cidr(ipv6Cidr),
            ports,
            icmp);
    }

    private static string NetworkAclProtocol(string text)
    {
        if (ProtocolNumbers.TryGetValue(text, out var number))
        {
            return number;
        }

        if (text == "-1")
        {
            return text;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 255
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw new AwsErrorException(InvalidParameterValue, $"Invalid value '{text}' for protocol. Use a protocol number (-1 for all) or tcp, udp, icmp.");
    }

    /// <summary>TagSpecification.N.{ResourceType,Tag.M.Key,Tag.M.Value}: the tags meant for <paramref name="resourceType"/>.</summary>
    private static IReadOnlyDictionary<string, string> TagsFor(IReadOnlyDictionary<string, string> parameters, string resourceType)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var specification in ListPrefixes(parameters, "TagSpecification"))
        {
            var type = Optional(parameters, specification + ".ResourceType");
            if (type is not null && type != resourceType)
            {
                throw new AwsErrorException(InvalidParameterValue, $"'{type}' is not a valid taggable resource type for this operation.");
            }

            foreach (var tag in ListPrefixes(parameters, specification + ".Tag"))
            {
                tags[Optional(parameters, tag + ".Key") ?? string.Empty] = Optional(parameters, tag + ".Value") ?? string.Empty;
            }
        }

        return tags;
    }

    /// <summary>DescribeNetworkAcls' view: egress entries then ingress ones, each by rule number, as AWS lists them.</summary>
    private XElement NetworkAclXml(string elementName, NetworkAcl acl) => new(
        elementName,
        Value("networkAclId", acl.NetworkAclId),
        Value("vpcId", acl.VpcId),
        Value("default", acl.IsDefault),
        List("entrySet", "item", acl.Entries.OrderByDescending(e => e.Egress).ThenBy(e => e.RuleNumber).Select(entry => new XElement(
            "item",
            Value("ruleNumber", entry.RuleNumber),
            Value("protocol", entry.Protocol),
            Value("ruleAction", entry.RuleAction),
            Value("egress", entry.Egress),
            Value("cidrBlock", entry.CidrBlock),
            Value("ipv6CidrBlock", entry.Ipv6CidrBlock),
            entry.IcmpTypeCode is { } icmp ? new XElement("icmpTypeCode", Value("code", icmp.Code), Value("type", icmp.Type)) : null,
            entry.PortRange is { } ports ? new XElement("portRange", Value("from", ports.From), Value("to", ports.To)) : null))),
        List("associationSet", "item", acl.Associations.Select(association => new XElement(
            "item",
            Value("networkAclAssociationId", association.NetworkAclAssociationId),
            Value("networkAclId", association.NetworkAclId),
            Value("subnetId", association.SubnetId)))),
        List("tagSet", "item", acl.Tags.Select(tag => new XElement("item", Value("key", tag.Key), Value("value", tag.Value)))),
        Value("ownerId", _account.AccountId));
}
