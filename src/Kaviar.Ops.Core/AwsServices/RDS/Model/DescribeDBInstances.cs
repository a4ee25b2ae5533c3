#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.RDS.Model;

public class DescribeDBInstancesRequest : AmazonRDSRequest
{
    /// <summary>An instance identifier or ARN; the instance must exist (DBInstanceNotFound).</summary>
    public string DBInstanceIdentifier { get; set; }

    public List<Filter> Filters { get; set; }

    public string Marker { get; set; }

    /// <summary>20 to 100; 100 when unset.</summary>
    public int? MaxRecords { get; set; }
}

public class DescribeDBInstancesResponse : AmazonWebServiceResponse
{
    public List<DBInstance> DBInstances { get; set; }

    public string Marker { get; set; }
}
