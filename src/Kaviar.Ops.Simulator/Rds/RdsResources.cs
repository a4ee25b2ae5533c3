using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Simulator.Rds;

/// <summary>A DB subnet group: named subnets of one VPC that a database's network interfaces are placed in.</summary>
public sealed record DbSubnetGroup(string Name, string Description, string VpcId, IReadOnlyList<string> SubnetIds, string Arn);

/// <summary>A DB instance: standalone (RDS PostgreSQL) or a member of an Aurora cluster.</summary>
public sealed class DbInstance
{
    internal DbInstance(string identifier, string arn, string resourceId, string engine, string engineVersion, string instanceClass,
        DbSubnetGroup subnetGroup, IReadOnlyList<string> securityGroupIds, string address, int port, string availabilityZone, DateTime createdAt)
    {
        Identifier = identifier;
        Arn = arn;
        ResourceId = resourceId;
        Engine = engine;
        EngineVersion = engineVersion;
        InstanceClass = instanceClass;
        SubnetGroup = subnetGroup;
        SecurityGroupIds = securityGroupIds;
        Address = address;
        Port = port;
        AvailabilityZone = availabilityZone;
        CreatedAt = createdAt;
    }

    /// <summary>Lower case, as RDS stores every identifier.</summary>
    public string Identifier { get; }

    public string Arn { get; }

    /// <summary>DbiResourceId, db-….</summary>
    public string ResourceId { get; }

    public string Engine { get; }

    public string EngineVersion { get; }

    public string InstanceClass { get; }

    public DbSubnetGroup SubnetGroup { get; }

    /// <summary>For an Aurora member, the cluster's groups (RDS keeps them in step).</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; set; }

    public string Address { get; }

    public int Port { get; }

    public string AvailabilityZone { get; }

    public DateTime CreatedAt { get; }

    /// <summary>available, creating, stopped, …</summary>
    public string Status { get; set; } = "available";

    public bool PubliclyAccessible { get; set; }

    /// <summary>The Aurora cluster's identifier; null for a standalone instance.</summary>
    public string? ClusterIdentifier { get; internal set; }
}

/// <summary>An Aurora cluster: a writer endpoint, a reader endpoint, its groups and subnet group, and its member instances.</summary>
public sealed class DbCluster
{
    internal DbCluster(string identifier, string arn, string resourceId, string engine, string engineVersion, DbSubnetGroup subnetGroup,
        IReadOnlyList<string> securityGroupIds, string endpoint, string readerEndpoint, int port, DateTime createdAt)
    {
        Identifier = identifier;
        Arn = arn;
        ResourceId = resourceId;
        Engine = engine;
        EngineVersion = engineVersion;
        SubnetGroup = subnetGroup;
        SecurityGroupIds = securityGroupIds;
        Endpoint = endpoint;
        ReaderEndpoint = readerEndpoint;
        Port = port;
        CreatedAt = createdAt;
    }

    public string Identifier { get; }

    public string Arn { get; }

    /// <summary>DbClusterResourceId, cluster-….</summary>
    public string ResourceId { get; }

    public string Engine { get; }

    public string EngineVersion { get; }

    public DbSubnetGroup SubnetGroup { get; }

    public IReadOnlyList<string> SecurityGroupIds { get; set; }

    public string Endpoint { get; }

    public string ReaderEndpoint { get; }

    public int Port { get; }

    public DateTime CreatedAt { get; }

    public string Status { get; set; } = "available";

    /// <summary>Member instance identifiers; <see cref="WriterIdentifier"/> is among them.</summary>
    public List<string> MemberIdentifiers { get; } = new();

    public string? WriterIdentifier { get; internal set; }
}
