using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Protocol;
using static Kaviar.Ops.Simulator.Protocol.QueryXmlWriter;

namespace Kaviar.Ops.Simulator.Rds;

/// <summary>
/// Amazon RDS over the Query protocol (2014-10-31): "Filters.Filter.1.Values.Value.1" parameters in, &lt;…Result&gt;
/// XML out with list entries named after their shape (&lt;DBInstance&gt;, &lt;VpcSecurityGroupMembership&gt;), Marker
/// paging of 20 to 100 records, DBInstanceNotFound and DBClusterNotFoundFault (404) for a missing identifier or ARN.
/// </summary>
public sealed partial class RdsHandler : IServiceHandler
{
    private const string InvalidParameterValue = "InvalidParameterValue";
    private const int MinRecords = 20;
    private const int MaxRecords = 100;

    private readonly AccountState _account;

    public RdsHandler(AccountState account) => _account = account;

    public string ServiceName => ServiceProtocols.Rds.ServiceName;

    private RdsState Rds => _account.Rds;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request)
    {
        var parameters = request.QueryParameters;
        var members = request.Action switch
        {
            "DescribeDBInstances" => DescribeDBInstances(parameters),
            "DescribeDBClusters" => DescribeDBClusters(parameters),
            _ => throw AwsErrors.UnknownAction(ServiceProtocols.Rds, request.Action),
        };
        return QuerySuccess(ServiceProtocols.Rds.XmlNamespace!, request.Action, request.RequestId, members);
    }

    private object?[] DescribeDBInstances(IReadOnlyDictionary<string, string> parameters) => Describe(
        parameters, "DBInstanceIdentifier", Rds.Instances, Rds.RequireInstance, "DBInstances", "DBInstance", InstanceXml,
        new Dictionary<string, Func<DbInstance, string, bool>>
        {
            ["db-instance-id"] = (instance, value) => RdsState.Matches(value, instance),
            ["db-cluster-id"] = (instance, value) => instance.ClusterIdentifier is { } cluster && RdsState.Matches(value, Rds.RequireCluster(cluster)),
        });

    private object?[] DescribeDBClusters(IReadOnlyDictionary<string, string> parameters) => Describe(
        parameters, "DBClusterIdentifier", Rds.Clusters, Rds.RequireCluster, "DBClusters", "DBCluster", ClusterXml,
        new Dictionary<string, Func<DbCluster, string, bool>> { ["db-cluster-id"] = (cluster, value) => RdsState.Matches(value, cluster) });

    /// <summary>
    /// The one database the identifier parameter names (identifier or ARN; missing is the service's not-found), else all
    /// of them; narrowed by each filter (engine, or one of <paramref name="filters"/>: a database passes when any value
    /// matches), sorted by identifier and paged.
    /// </summary>
    private static object?[] Describe<T>(IReadOnlyDictionary<string, string> parameters, string identifierParameter, IReadOnlyList<T> all,
        Func<string, T> require, string listName, string entryName, Func<T, XElement> render, Dictionary<string, Func<T, string, bool>> filters)
        where T : DbResource
    {
        filters["engine"] = (database, value) => database.Engine == value;
        IEnumerable<T> databases = Optional(parameters, identifierParameter) is { } identifier
            ? new[] { require(ValidIdentifier(identifierParameter, identifier)) }
            : all;
        foreach (var (name, values) in Filters(parameters))
        {
            var matches = filters.TryGetValue(name, out var filter)
                ? filter
                : throw new AwsErrorException(InvalidParameterValue, $"Unrecognized filter name: {name}.");
            databases = databases.Where(d => values.Any(v => matches(d, v))).ToList();
        }

        return Paged(parameters, listName, entryName, databases.OrderBy(d => d.Identifier, StringComparer.Ordinal).ToList(), render);
    }

    /// <summary>Filters.Filter.N.Name with Filters.Filter.N.Values.Value.M; a filter without values is refused.</summary>
    private static IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Filters(IReadOnlyDictionary<string, string> parameters) =>
        ListPrefixes(parameters, "Filters.Filter").Select(prefix =>
        {
            var name = Optional(parameters, prefix + ".Name")
                ?? throw new AwsErrorException(InvalidParameterValue, "The parameter Filter.Name must be provided.");
            var values = Strings(parameters, prefix + ".Values.Value");
            return values.Count > 0
                ? (name, values)
                : throw new AwsErrorException(InvalidParameterValue, $"The parameter Filter.Values must be provided for filter {name}.");
        }).ToList();

    /// <summary>An ARN passes as it is (an ARN of nothing here is simply not found); a name must be an RDS identifier.</summary>
    private static string ValidIdentifier(string parameter, string value) =>
        value.StartsWith("arn:", StringComparison.Ordinal) || IdentifierPattern().IsMatch(value)
            ? value
            : throw new AwsErrorException(InvalidParameterValue,
                $"The parameter {parameter} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.");

    /// <summary>One page under MaxRecords (20 to 100, default 100), and Marker when more remain.</summary>
    private static object?[] Paged<T>(IReadOnlyDictionary<string, string> parameters, string listName, string entryName, IReadOnlyList<T> items, Func<T, XElement> render)
    {
        var pageSize = OptionalInt(parameters, "MaxRecords", InvalidParameterValue) ?? MaxRecords;
        if (pageSize is < MinRecords or > MaxRecords)
        {
            throw new AwsErrorException(InvalidParameterValue, $"Invalid value {pageSize} for MaxRecords. Must be between {MinRecords} and {MaxRecords}");
        }

        var (page, next) = PageToken.Slice(items, Optional(parameters, "Marker"), pageSize,
            () => new AwsErrorException(InvalidParameterValue, "The parameter Marker is not a valid pagination token."));
        return new object?[] { List(listName, entryName, page.Select(render)), Value("Marker", next) };
    }

    private XElement InstanceXml(DbInstance instance) => new(
        "DBInstance",
        Value("DBInstanceIdentifier", instance.Identifier),
        Value("DBInstanceClass", instance.InstanceClass),
        Value("Engine", instance.Engine),
        Value("DBInstanceStatus", instance.Status),
        instance.Status == "creating"
            ? null
            : new XElement("Endpoint", Value("Address", instance.Address), Value("Port", instance.Port), Value("HostedZoneId", Rds.HostedZoneId)),
        Value("InstanceCreateTime", instance.CreatedAt),
        SecurityGroupsXml(instance.SecurityGroupIds),
        Value("AvailabilityZone", instance.AvailabilityZone),
        new XElement(
            "DBSubnetGroup",
            Value("DBSubnetGroupName", instance.SubnetGroup.Name),
            Value("DBSubnetGroupDescription", instance.SubnetGroup.Description),
            Value("VpcId", instance.SubnetGroup.VpcId),
            Value("SubnetGroupStatus", "Complete"),
            List("Subnets", "Subnet", instance.SubnetGroup.SubnetIds.Select(id => new XElement(
                "Subnet",
                Value("SubnetIdentifier", id),
                new XElement("SubnetAvailabilityZone", Value("Name", _account.Ec2.RequireSubnet(id).AvailabilityZone)),
                Value("SubnetStatus", "Active"))))),
        Value("MultiAZ", false),
        Value("EngineVersion", instance.EngineVersion),
        Value("PubliclyAccessible", instance.PubliclyAccessible),
        Value("DBClusterIdentifier", instance.ClusterIdentifier),
        Value("DbiResourceId", instance.ResourceId),
        Value("DBInstanceArn", instance.Arn));

    private XElement ClusterXml(DbCluster cluster) => new(
        "DBCluster",
        Value("DBClusterIdentifier", cluster.Identifier),
        Value("DBSubnetGroup", cluster.SubnetGroup.Name),
        Value("Status", cluster.Status),
        Value("Endpoint", cluster.Endpoint),
        Value("ReaderEndpoint", cluster.ReaderEndpoint),
        Value("MultiAZ", cluster.MemberIdentifiers.Count > 1),
        Value("Engine", cluster.Engine),
        Value("EngineVersion", cluster.EngineVersion),
        Value("Port", cluster.Port),
        List("DBClusterMembers", "DBClusterMember", cluster.MemberIdentifiers.Select(member => new XElement(
            "DBClusterMember",
            Value("DBInstanceIdentifier", member),
            Value("IsClusterWriter", member == cluster.WriterIdentifier),
            Value("DBClusterParameterGroupStatus", "in-sync"),
            Value("PromotionTier", 1)))),
        SecurityGroupsXml(cluster.SecurityGroupIds),
        Value("HostedZoneId", Rds.HostedZoneId),
        Value("DbClusterResourceId", cluster.ResourceId),
        Value("DBClusterArn", cluster.Arn),
        Value("ClusterCreateTime", cluster.CreatedAt));

    private static XElement SecurityGroupsXml(IEnumerable<string> groupIds) =>
        List("VpcSecurityGroups", "VpcSecurityGroupMembership", groupIds.Select(id => new XElement(
            "VpcSecurityGroupMembership",
            Value("VpcSecurityGroupId", id),
            Value("Status", "active"))));

    [GeneratedRegex("^(?=.{1,63}$)[A-Za-z](?:-?[A-Za-z0-9])*$")]
    private static partial Regex IdentifierPattern();
}
