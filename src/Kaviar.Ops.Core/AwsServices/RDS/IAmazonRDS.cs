using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.RDS.Model;

namespace Kaviar.Ops.AwsServices.RDS;

/// <summary>The Amazon RDS operations this module uses, with AWSSDK.RDS signatures.
/// Unlike the SDK it does not extend IAmazonService: that interface gains static abstract members in
/// AWSSDK.Core's net8.0 build, which a netstandard2.0 class cannot implement (TypeLoadException on pwsh 7).
/// Config is declared here instead.
/// </summary>
public interface IAmazonRDS : IDisposable
{
    IClientConfig Config { get; }

    Task<DescribeDBInstancesResponse> DescribeDBInstancesAsync(DescribeDBInstancesRequest request, CancellationToken cancellationToken = default);

    Task<DescribeDBClustersResponse> DescribeDBClustersAsync(DescribeDBClustersRequest request, CancellationToken cancellationToken = default);
}
