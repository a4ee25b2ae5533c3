using System.Collections.Generic;
using System.Xml.Linq;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.RDS.Model;

namespace Kaviar.Ops.AwsServices.RDS.Internal;

/// <summary>
/// Readers and writers of the Amazon RDS structures, member names as in the service model. RDS names the entries of
/// its lists after their shape (&lt;DBInstance&gt;, &lt;VpcSecurityGroupMembership&gt;, &lt;Subnet&gt;), not &lt;member&gt;.
/// </summary>
internal static class RDSShapes
{
    internal static DBInstance ReadDBInstance(XElement e) => new DBInstance
    {
        DBInstanceIdentifier = e.Str("DBInstanceIdentifier"),
        DBInstanceArn = e.Str("DBInstanceArn"),
        DBInstanceStatus = e.Str("DBInstanceStatus"),
        Engine = e.Str("Engine"),
        Endpoint = e.Obj("Endpoint", p => new Endpoint { Address = p.Str("Address"), Port = p.Int("Port"), HostedZoneId = p.Str("HostedZoneId") }),
        VpcSecurityGroups = ReadVpcSecurityGroups(e),
        DBSubnetGroup = e.Obj("DBSubnetGroup", g => new DBSubnetGroup
        {
            DBSubnetGroupName = g.Str("DBSubnetGroupName"),
            DBSubnetGroupDescription = g.Str("DBSubnetGroupDescription"),
            VpcId = g.Str("VpcId"),
            SubnetGroupStatus = g.Str("SubnetGroupStatus"),
            Subnets = g.Members("Subnets", s => new Subnet
            {
                SubnetIdentifier = s.Str("SubnetIdentifier"),
                SubnetAvailabilityZone = s.Obj("SubnetAvailabilityZone", z => new AvailabilityZone { Name = z.Str("Name") }),
                SubnetStatus = s.Str("SubnetStatus"),
            }, "Subnet"),
            DBSubnetGroupArn = g.Str("DBSubnetGroupArn"),
        }),
        DBClusterIdentifier = e.Str("DBClusterIdentifier"),
        PubliclyAccessible = e.Bool("PubliclyAccessible"),
        AvailabilityZone = e.Str("AvailabilityZone"),
    };

    internal static DBCluster ReadDBCluster(XElement e) => new DBCluster
    {
        DBClusterIdentifier = e.Str("DBClusterIdentifier"),
        DBClusterArn = e.Str("DBClusterArn"),
        Status = e.Str("Status"),
        Engine = e.Str("Engine"),
        Endpoint = e.Str("Endpoint"),
        ReaderEndpoint = e.Str("ReaderEndpoint"),
        Port = e.Int("Port"),
        VpcSecurityGroups = ReadVpcSecurityGroups(e),
        DBSubnetGroup = e.Str("DBSubnetGroup"),
        DBClusterMembers = e.Members("DBClusterMembers", m => new DBClusterMember
        {
            DBInstanceIdentifier = m.Str("DBInstanceIdentifier"),
            IsClusterWriter = m.Bool("IsClusterWriter"),
        }, "DBClusterMember"),
    };

    internal static void WriteFilter(QueryWriter q, Filter filter)
    {
        q.Opt("Name", filter.Name);
        q.Opt("Values", filter.Values, "Value");
    }

    private static List<VpcSecurityGroupMembership>? ReadVpcSecurityGroups(XElement e) =>
        e.Members("VpcSecurityGroups", m => new VpcSecurityGroupMembership
        {
            VpcSecurityGroupId = m.Str("VpcSecurityGroupId"),
            Status = m.Str("Status"),
        }, "VpcSecurityGroupMembership");
}
