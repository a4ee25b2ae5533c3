using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Simulator.Rds;

/// <summary>A DB subnet group: named subnets of one VPC that a database's network interfaces are placed in.</summary>
public sealed record DbSubnetGroup(string Name, string Description, string VpcId, IReadOnlyList<string> SubnetIds, string Arn);

/// <summary>What DB instances and Aurora clusters share: identity, engine, network and port.</summary>
public abstract class DbResource
{
    private protected DbResource(string identifier, string arn, string resourceId, string engine, string engineVersion, DbSubnetGroup subnetGroup,
        IReadOnlyList<string> securityGroupIds, int port, DateTime createdAt)
    {
        Identifier = identifier;
        Arn = arn;
        ResourceId = resourceId;
        Engine = engine;
        EngineVersion = engineVersion;
        SubnetGroup = subnetGroup;
        SecurityGroupIds = securityGroupIds;
        Port = port;
        CreatedAt = createdAt;
    }

    /// <summary>Lower case, as RDS stores every identifier.</summary>
    public string Identifier { get; }

    public string Arn { get; }

    /// <summary>DbiResourceId (db-…) or DbClusterResourceId (cluster-…).</summary>
    public string ResourceId { get; }

    public string Engine { get; }

    public string EngineVersion { get; }

    public DbSubnetGroup SubnetGroup { get; }

    /// <summary>For an Aurora member, the cluster's groups (RDS keeps them in step).</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; set; }

    public int Port { get; }

    public DateTime CreatedAt { get; }

    /// <summary>available, creating, stopped, …</summary>
    public string Status { get; set; } = "available";
}

/// <summary>A DB instance: standalone (RDS PostgreSQL) or a member of an Aurora cluster.</summary>
public sealed class DbInstance : DbResource
{
    internal DbInstance(string identifier, string arn, string resourceId, string engine, string engineVersion, string instanceClass,
        DbSubnetGroup subnetGroup, IReadOnlyList<string> securityGroupIds, string address, int port, string availabilityZone, DateTime createdAt)
        : base(identifier, arn, resourceId, engine, engineVersion, subnetGroup, securityGroupIds, port, createdAt)
    {
        InstanceClass = instanceClass;
        Address = address;
        AvailabilityZone = availabilityZone;
    }

    public string InstanceClass { get; }

    public string Address { get; }

    public string AvailabilityZone { get; }

    public bool PubliclyAccessible { get; set; }

    /// <summary>The Aurora cluster's identifier; null for a standalone instance.</summary>
    public string? ClusterIdentifier { get; internal set; }
}

/// <summary>An Aurora cluster: a writer endpoint, a reader endpoint, its groups and subnet group, and its member instances.</summary>
public sealed class DbCluster : DbResource
{
    internal DbCluster(string identifier, string arn, string resourceId, string engine, string engineVersion, DbSubnetGroup subnetGroup,
        IReadOnlyList<string> securityGroupIds, string endpoint, string readerEndpoint, int port, DateTime createdAt)
        : base(identifier, arn, resourceId, engine, engineVersion, subnetGroup, securityGroupIds, port, createdAt)
    {
        Endpoint = endpoint;
        ReaderEndpoint = readerEndpoint;
    }

    public string Endpoint { get; }

    public string ReaderEndpoint { get; }

    /// <summary>Member instance identifiers; <see cref="WriterIdentifier"/> is among them.</summary>
    public List<string> MemberIdentifiers { get; } = new();

    public string? WriterIdentifier { get; internal set; }
}
