using System;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// The endpoint rule these services share in the official SDK: an explicit ServiceURL wins; otherwise
/// {prefix}[-fips].{region}.{dnsSuffix}, with the partition's dual-stack suffix for dual-stack, and the suffixes taken
/// from AWSSDK.Core's own partition data (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc…).
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

        if (parameters["Endpoint"] is string url && url.Length > 0)
        {
            return new Endpoint(url);
        }

        if (!(parameters["Region"] is string region) || region.Length == 0)
        {
            throw new AmazonClientException("Invalid Configuration: Missing Region");
        }

        var partition = Fn.Partition(region)
                        ?? throw new AmazonClientException($"No AWS partition is known for region '{region}'.");
        var fips = Equals(parameters["UseFIPS"], true);
        var dualStack = Equals(parameters["UseDualStack"], true);
        if ((fips && !partition.supportsFIPS) || (dualStack && !partition.supportsDualStack))
        {
            throw new AmazonClientException($"The {partition.name} partition does not support {(fips ? "FIPS" : "dual-stack")} endpoints.");
        }

        var host = _endpointPrefix + (fips ? "-fips" : "");
        var suffix = dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
        return new Endpoint($"https://{host}.{region}.{suffix}");
    }
}
