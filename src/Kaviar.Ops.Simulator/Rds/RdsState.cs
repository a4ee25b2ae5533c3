using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Rds;

/// <summary>
/// The account's RDS databases: DB subnet groups over the EC2 state's subnets, standalone instances, and Aurora
/// clusters with their member instances. Identifiers are case-insensitive and stored lower case, as RDS does.
/// </summary>
public sealed class RdsState
{
    private static readonly IReadOnlyDictionary<string, string> HostedZoneIds = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z2R2ITUGPM61AM",
        ["us-east-2"] = "Z2XHWR1WZ565X2",
        ["us-west-2"] = "Z1PVIF0B656C1W",
        ["eu-west-1"] = "Z29XKXDKYMONMX",
    };

    private readonly List<DbSubnetGroup> _subnetGroups = new();
    private readonly List<DbInstance> _instances = new();
    private readonly List<DbCluster> _clusters = new();

    public RdsState(AccountState account)
    {
        Account = account;
        EndpointHash = DefaultEndpointHash(account.AccountId, account.Region);
    }

    public AccountState Account { get; }

    /// <summary>
    /// The 12 characters RDS puts in every endpoint of one account and region
    /// (&lt;id&gt;.&lt;hash&gt;.&lt;region&gt;.rds.amazonaws.com, &lt;id&gt;.cluster-&lt;hash&gt;…). Set it before adding databases to match a known host.
    /// </summary>
    public string EndpointHash { get; set; }

    public string HostedZoneId => HostedZoneIds.TryGetValue(Account.Region, out var zone) ? zone : "Z2R2ITUGPM61AM";

    public IReadOnlyList<DbSubnetGroup> SubnetGroups => _subnetGroups;

    public IReadOnlyList<DbInstance> Instances => _instances;

    public IReadOnlyList<DbCluster> Clusters => _clusters;

    /// <summary>By identifier (any case) or ARN.</summary>
    public DbInstance? FindInstance(string identifierOrArn) => _instances.Find(i => Matches(identifierOrArn, i));

    /// <summary>By identifier (any case) or ARN.</summary>
    public DbCluster? FindCluster(string identifierOrArn) => _clusters.Find(c => Matches(identifierOrArn, c));

    /// <summary>
    /// The instance a DNS name leads to: an instance endpoint, or a cluster's writer or reader endpoint (the writer,
    /// as the only member this model holds); null when no database here has that name.
    /// </summary>
    public DbInstance? FindByEndpoint(string host) =>
        _instances.Find(i => i.Address.Equals(host, StringComparison.OrdinalIgnoreCase))
        ?? (_clusters.Find(c => c.Endpoint.Equals(host, StringComparison.OrdinalIgnoreCase) || c.ReaderEndpoint.Equals(host, StringComparison.OrdinalIgnoreCase))
            is { WriterIdentifier: { } writer } ? FindInstance(writer) : null);

    /// <summary>
    /// The network interface RDS placed the instance on ("RDSNetworkInterface" in its subnet group, carrying one of its
    /// groups), when the account holds it; its address is what the endpoint resolves to inside the VPC.
    /// </summary>
    public Ec2.NetworkInterface? NetworkInterfaceOf(DbInstance instance) =>
        Account.Ec2.NetworkInterfaces.FirstOrDefault(n => n.Description == "RDSNetworkInterface"
            && instance.SubnetGroup.SubnetIds.Contains(n.SubnetId) && n.GroupIds.Intersect(instance.SecurityGroupIds).Any());

    public DbInstance RequireInstance(string identifierOrArn) => FindInstance(identifierOrArn) ?? throw InstanceNotFound(identifierOrArn);

    public DbCluster RequireCluster(string identifierOrArn) => FindCluster(identifierOrArn) ?? throw ClusterNotFound(identifierOrArn);

    public static AwsErrorException InstanceNotFound(string identifier) =>
        new("DBInstanceNotFound", $"DBInstance {identifier} not found.", 404);

    public static AwsErrorException ClusterNotFound(string identifier) =>
        new("DBClusterNotFoundFault", $"DBCluster {identifier} not found.", 404);

    /// <summary>A subnet group over existing subnets of one VPC, which must span at least two availability zones.</summary>
    public DbSubnetGroup AddSubnetGroup(string name, string description, IEnumerable<string> subnetIds)
    {
        var subnets = subnetIds.Select(Account.Ec2.RequireSubnet).ToList();
        var vpcIds = subnets.Select(s => s.VpcId).Distinct().ToList();
        if (vpcIds.Count != 1)
        {
            throw new ArgumentException("A DB subnet group's subnets must all be in one VPC.", nameof(subnetIds));
        }

        if (subnets.Select(s => s.AvailabilityZone).Distinct().Count() < 2)
        {
            throw new ArgumentException("A DB subnet group must cover at least two availability zones.", nameof(subnetIds));
        }

        var key = name.ToLowerInvariant();
        var group = new DbSubnetGroup(key, description, vpcIds[0], subnets.Select(s => s.SubnetId).ToList(), ArnOf("subgrp", key));
        _subnetGroups.Add(group);
        return group;
    }

    /// <summary>An available Aurora PostgreSQL cluster with one writer instance (&lt;id&gt;-instance-1) in the subnet group's first zone.</summary>
    public DbCluster AddAuroraPostgresCluster(string identifier, string subnetGroupName, IEnumerable<string> securityGroupIds, int port = 5432,
        string engineVersion = "16.4", string instanceClass = "db.r6g.large")
    {
        var id = NewIdentifier(identifier);
        var subnetGroup = RequireSubnetGroup(subnetGroupName);
        var groups = SecurityGroupsIn(subnetGroup, securityGroupIds);
        var cluster = new DbCluster(id, ArnOf("cluster", id), "cluster-" + Account.Ids.Hex(26).ToUpperInvariant(), "aurora-postgresql", engineVersion,
            subnetGroup, groups, $"{id}.cluster-{Host}", $"{id}.cluster-ro-{Host}", port, Account.Now);
        _clusters.Add(cluster);

        var writer = NewInstance(id + "-instance-1", "aurora-postgresql", engineVersion, instanceClass, subnetGroup, groups, port);
        writer.ClusterIdentifier = id;
        cluster.MemberIdentifiers.Add(writer.Identifier);
        cluster.WriterIdentifier = writer.Identifier;
        return cluster;
    }

    /// <summary>An available standalone RDS for PostgreSQL instance.</summary>
    public DbInstance AddPostgresInstance(string identifier, string subnetGroupName, IEnumerable<string> securityGroupIds, int port = 5432,
        bool publiclyAccessible = false, string engineVersion = "16.4", string instanceClass = "db.t4g.micro")
    {
        var id = NewIdentifier(identifier);
        var subnetGroup = RequireSubnetGroup(subnetGroupName);
        var instance = NewInstance(id, "postgres", engineVersion, instanceClass, subnetGroup, SecurityGroupsIn(subnetGroup, securityGroupIds), port);
        instance.PubliclyAccessible = publiclyAccessible;
        return instance;
    }

    private string Host => $"{EndpointHash}.{Account.Region}.rds.amazonaws.com";

    private DbInstance NewInstance(string id, string engine, string engineVersion, string instanceClass, DbSubnetGroup subnetGroup,
        IReadOnlyList<string> securityGroupIds, int port)
    {
        var zone = Account.Ec2.RequireSubnet(subnetGroup.SubnetIds[0]).AvailabilityZone;
        var instance = new DbInstance(id, ArnOf("db", id), "db-" + Account.Ids.Hex(26).ToUpperInvariant(), engine, engineVersion, instanceClass,
            subnetGroup, securityGroupIds, $"{id}.{Host}", port, zone, Account.Now);
        _instances.Add(instance);
        return instance;
    }

    private string NewIdentifier(string identifier)
    {
        var id = identifier.ToLowerInvariant();
        if (FindInstance(id) is not null || FindCluster(id) is not null)
        {
            throw new ArgumentException($"A database named '{id}' already exists.", nameof(identifier));
        }

        return id;
    }

    private DbSubnetGroup RequireSubnetGroup(string name) =>
        _subnetGroups.Find(g => g.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"DB subnet group '{name}' does not exist.", nameof(name));

    private IReadOnlyList<string> SecurityGroupsIn(DbSubnetGroup subnetGroup, IEnumerable<string> securityGroupIds)
    {
        var groups = securityGroupIds.Select(Account.Ec2.RequireSecurityGroup).ToList();
        if (groups.Any(g => g.VpcId != subnetGroup.VpcId))
        {
            throw new ArgumentException($"Every security group must be in the subnet group's VPC {subnetGroup.VpcId}.", nameof(securityGroupIds));
        }

        return groups.Select(g => g.GroupId).ToList();
    }

    private string ArnOf(string type, string id) => $"arn:aws:rds:{Account.Region}:{Account.AccountId}:{type}:{id}";

    /// <summary>What DescribeDB*'s identifier parameter matches: the identifier in any case, or the ARN.</summary>
    public static bool Matches(string identifierOrArn, DbResource database) =>
        identifierOrArn.StartsWith("arn:", StringComparison.Ordinal)
            ? database.Arn.Equals(identifierOrArn, StringComparison.OrdinalIgnoreCase)
            : database.Identifier.Equals(identifierOrArn, StringComparison.OrdinalIgnoreCase);

    /// <summary>Stable per account and region (string hash codes are randomised per process, so not those).</summary>
    private static string DefaultEndpointHash(string accountId, string region)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(accountId + "/" + region));
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return new string(bytes.Take(12).Select(b => alphabet[b % alphabet.Length]).ToArray());
    }
}
