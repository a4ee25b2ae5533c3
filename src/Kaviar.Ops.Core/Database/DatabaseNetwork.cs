using System;
using System.Collections.Generic;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>Whether a database was found as an Aurora cluster or as a DB instance.</summary>
public enum DatabaseKind
{
    Instance,
    Cluster,
}

/// <summary>
/// Where a database listens and what guards it: the security groups, port and subnets a network check needs, read from
/// RDS (an Aurora cluster's subnets are those of its writer's DB subnet group).
/// </summary>
public sealed class DatabaseNetwork : IRegionalOutput
{
    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    /// <summary>The cluster or instance identifier, as RDS stores it (lower case).</summary>
    public string Identifier { get; set; } = "";

    public DatabaseKind Kind { get; set; }

    public string Arn { get; set; } = "";

    /// <summary>postgres, aurora-postgresql, …</summary>
    public string Engine { get; set; } = "";

    /// <summary>available, creating, stopped, …</summary>
    public string Status { get; set; } = "";

    /// <summary>The cluster's writer endpoint or the instance's endpoint; null while RDS has none (an instance being created).</summary>
    public string? Address { get; set; }

    public int? Port { get; set; }

    public IReadOnlyList<string> SecurityGroupIds { get; set; } = Array.Empty<string>();

    /// <summary>Null when it could not be read (a cluster without instances).</summary>
    public string? VpcId { get; set; }

    public string? SubnetGroupName { get; set; }

    public IReadOnlyList<string> SubnetIds { get; set; } = Array.Empty<string>();

    /// <summary>For an Aurora instance, its cluster; for a cluster, its writer instance.</summary>
    public string? RelatedIdentifier { get; set; }

    public override string ToString() => $"{Kind} {Identifier} {Address}:{Port}";
}
