using System;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// The endpoint rules these three services need: an explicit ServiceURL wins, otherwise the
/// regional endpoint in the aws or aws-cn partition.
/// </summary>
internal sealed class RegionalEndpointProvider : IEndpointProvider
{
    private readonly string _endpointPrefix;

    internal RegionalEndpointProvider(string endpointPrefix) => _endpointPrefix = endpointPrefix;

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters == null)
        {
            throw new ArgumentNullException(nameof(parameters));
        }

        if (Equals(parameters["UseFIPS"], true) || Equals(parameters["UseDualStack"], true))
        {
            throw new AmazonClientException("FIPS and dual-stack endpoints are not supported by this client; set ServiceURL instead.");
        }

        if (parameters["Endpoint"] is string url && url.Length > 0)
        {
            return new Endpoint(url);
        }

        if (!(parameters["Region"] is string region) || region.Length == 0)
        {
            throw new AmazonClientException("Invalid Configuration: Missing Region");
        }

        var dnsSuffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Endpoint($"https://{_endpointPrefix}.{region}.{dnsSuffix}");
    }
}
