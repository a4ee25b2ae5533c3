using System;
using System.Xml.Linq;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.RDS.Model;

namespace Kaviar.Ops.AwsServices.RDS.Internal;

/// <summary>Wire mapping of the Amazon RDS operations (awsQuery 2014-10-31, lists with named entries: Filters.Filter.N).</summary>
internal static class RDSOperations
{
    internal static readonly ServiceOperation<DescribeDBInstancesRequest, DescribeDBInstancesResponse> DescribeDBInstances = Operation<DescribeDBInstancesRequest, DescribeDBInstancesResponse>(
        "DescribeDBInstances",
        (q, r) =>
        {
            q.Opt("DBInstanceIdentifier", r.DBInstanceIdentifier);
            q.Opt("Filters", r.Filters, RDSShapes.WriteFilter, "Filter");
            q.Opt("MaxRecords", r.MaxRecords);
            q.Opt("Marker", r.Marker);
        },
        result => new DescribeDBInstancesResponse
        {
            DBInstances = result.Members("DBInstances", RDSShapes.ReadDBInstance, "DBInstance"),
            Marker = result.Str("Marker"),
        });

    internal static readonly ServiceOperation<DescribeDBClustersRequest, DescribeDBClustersResponse> DescribeDBClusters = Operation<DescribeDBClustersRequest, DescribeDBClustersResponse>(
        "DescribeDBClusters",
        (q, r) =>
        {
            q.Opt("DBClusterIdentifier", r.DBClusterIdentifier);
            q.Opt("Filters", r.Filters, RDSShapes.WriteFilter, "Filter");
            q.Opt("MaxRecords", r.MaxRecords);
            q.Opt("Marker", r.Marker);
        },
        result => new DescribeDBClustersResponse
        {
            DBClusters = result.Members("DBClusters", RDSShapes.ReadDBCluster, "DBCluster"),
            Marker = result.Str("Marker"),
        });

    private static ServiceOperation<TRequest, TResponse> Operation<TRequest, TResponse>(
        string action, Action<QueryWriter, TRequest> writeMembers, Func<XElement, TResponse> read)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse, new() =>
        new ServiceOperation<TRequest, TResponse>(
            new QueryRequestMarshaller<TRequest>("Amazon.RDS", action, "2014-10-31", writeMembers),
            new QueryResponseUnmarshaller<TResponse>(action, read, RDSErrors.Create));
}
