using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatch.Model;

namespace Kaviar.Ops.AwsServices.CloudWatch;

/// <summary>The CloudWatch operations this module uses, with AWSSDK.CloudWatch signatures.
/// Unlike the SDK it does not extend IAmazonService (see IAmazonECS); Config is declared here instead.
/// </summary>
public interface IAmazonCloudWatch : IDisposable
{
    IClientConfig Config { get; }

    Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default);
}
