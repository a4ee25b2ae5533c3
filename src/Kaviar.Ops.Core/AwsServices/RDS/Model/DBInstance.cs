#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.RDS.Model;

public class DBInstance
{
    public string DBInstanceIdentifier { get; set; }

    public string DBInstanceArn { get; set; }

    /// <summary>available, creating, modifying, stopped, …</summary>
    public string DBInstanceStatus { get; set; }

    /// <summary>postgres, aurora-postgresql, mysql, …</summary>
    public string Engine { get; set; }

    /// <summary>Where clients connect; absent while the instance is being created.</summary>
    public Endpoint Endpoint { get; set; }

    public List<VpcSecurityGroupMembership> VpcSecurityGroups { get; set; }

    public DBSubnetGroup DBSubnetGroup { get; set; }

    /// <summary>The Aurora cluster the instance belongs to; null for a standalone instance.</summary>
    public string DBClusterIdentifier { get; set; }

    public bool? PubliclyAccessible { get; set; }

    public string AvailabilityZone { get; set; }
}

public class Endpoint
{
    public string Address { get; set; }

    public int? Port { get; set; }

    public string HostedZoneId { get; set; }
}

public class VpcSecurityGroupMembership
{
    public string VpcSecurityGroupId { get; set; }

    /// <summary>active, adding, removing…</summary>
    public string Status { get; set; }
}

public class DBSubnetGroup
{
    public string DBSubnetGroupName { get; set; }

    public string DBSubnetGroupDescription { get; set; }

    public string VpcId { get; set; }

    public string SubnetGroupStatus { get; set; }

    public List<Subnet> Subnets { get; set; }

    public string DBSubnetGroupArn { get; set; }
}

public class Subnet
{
    public string SubnetIdentifier { get; set; }

    public AvailabilityZone SubnetAvailabilityZone { get; set; }

    public string SubnetStatus { get; set; }
}

public class AvailabilityZone
{
    public string Name { get; set; }
}
