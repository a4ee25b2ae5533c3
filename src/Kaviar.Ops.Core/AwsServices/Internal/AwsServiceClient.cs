using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// Shared base of the service clients. Everything but marshalling comes from AWSSDK.Core:
/// credentials, SigV4 signing, retries, timeouts, error handling.
/// </summary>
public abstract class AwsServiceClient : AmazonServiceClient
{
    private protected AwsServiceClient(ClientConfig config)
        : base(config)
    {
    }

    private protected AwsServiceClient(AWSCredentials credentials, ClientConfig config)
        : base(credentials, config)
    {
    }

    /// <summary>
    /// Replaces the default endpoint resolver and adds SigV4 auth resolution, as generated clients do. MaxErrorRetry 0
    /// means no retry at all: the SDK would otherwise still resend a request whose answer broke off mid-read.
    /// </summary>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        if (Config.MaxErrorRetry == 0)
        {
            pipeline.RemoveHandler<RetryHandler>();
        }

        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new RegionalEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthSchemeHandler());
    }

    private protected Task<TResponse> ExecuteAsync<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation, TRequest request, CancellationToken cancellationToken)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse, new()
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var options = new InvokeOptions
        {
            RequestMarshaller = operation.Marshaller,
            ResponseUnmarshaller = operation.Unmarshaller,
        };
        return InvokeAsync<TResponse>(request, options, cancellationToken);
    }

    /// <summary>Service id the SDK's telemetry and global endpoint provider key on.</summary>
    private protected sealed class Metadata : IServiceMetadata
    {
        internal Metadata(string serviceId) => ServiceId = serviceId;

        public string ServiceId { get; }

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>(0);
    }
}
