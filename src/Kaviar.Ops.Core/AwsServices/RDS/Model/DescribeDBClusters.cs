#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.RDS.Model;

public class DescribeDBClustersRequest : AmazonRDSRequest
{
    /// <summary>A cluster identifier or ARN; the cluster must exist (DBClusterNotFoundFault).</summary>
    public string DBClusterIdentifier { get; set; }

    public List<Filter> Filters { get; set; }

    public string Marker { get; set; }

    /// <summary>20 to 100; 100 when unset.</summary>
    public int? MaxRecords { get; set; }
}

public class DescribeDBClustersResponse : AmazonWebServiceResponse
{
    public List<DBCluster> DBClusters { get; set; }

    public string Marker { get; set; }
}
