using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Route53.Model;

namespace Kaviar.Ops.AwsServices.Route53;

/// <summary>The Route 53 operations this module uses, with AWSSDK.Route53 signatures (Config declared here, as the other clients do).</summary>
public interface IAmazonRoute53 : IDisposable
{
    IClientConfig Config { get; }

    /// <summary>A hosted zone and, for a private one, the VPCs it answers in.</summary>
    Task<GetHostedZoneResponse> GetHostedZoneAsync(GetHostedZoneRequest request, CancellationToken cancellationToken = default);
}
