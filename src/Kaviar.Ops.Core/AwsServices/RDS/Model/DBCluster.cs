#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.RDS.Model;

public class DBCluster
{
    public string DBClusterIdentifier { get; set; }

    public string DBClusterArn { get; set; }

    /// <summary>available, creating, stopped, …</summary>
    public string Status { get; set; }

    /// <summary>aurora-postgresql, aurora-mysql, …</summary>
    public string Engine { get; set; }

    /// <summary>The writer endpoint's DNS name.</summary>
    public string Endpoint { get; set; }

    public string ReaderEndpoint { get; set; }

    public int? Port { get; set; }

    public List<VpcSecurityGroupMembership> VpcSecurityGroups { get; set; }

    /// <summary>The subnet group's name (a structure only on DBInstance).</summary>
    public string DBSubnetGroup { get; set; }

    public List<DBClusterMember> DBClusterMembers { get; set; }
}

public class DBClusterMember
{
    public string DBInstanceIdentifier { get; set; }

    public bool? IsClusterWriter { get; set; }
}
