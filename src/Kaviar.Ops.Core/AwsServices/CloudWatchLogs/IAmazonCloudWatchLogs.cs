using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs;

/// <summary>The CloudWatch Logs operations this module uses, with AWSSDK.CloudWatchLogs signatures.
/// Unlike the SDK it does not extend IAmazonService: that interface gains static abstract members in
/// AWSSDK.Core's net8.0 build, which a netstandard2.0 class cannot implement (TypeLoadException on pwsh 7).
/// Config is declared here instead.
/// </summary>
public interface IAmazonCloudWatchLogs : IDisposable
{
    IClientConfig Config { get; }

    Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken = default);

    Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default);

    Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default);
}
