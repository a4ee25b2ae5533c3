using System;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace Kaviar.Ops.AwsServices.Route53.Internal;

/// <summary>Route 53's endpoint rule: an explicit ServiceURL wins; otherwise the partition's one global endpoint.</summary>
internal sealed class GlobalRoute53EndpointProvider : IEndpointProvider
{
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

        var region = parameters["Region"] as string;
        var partition = (string.IsNullOrEmpty(region) ? null : Fn.Partition(region!))
                        ?? throw new AmazonClientException($"No AWS partition is known for region '{region}'.");
        return partition.name switch
        {
            "aws" => new Endpoint("https://route53.amazonaws.com"),
            "aws-cn" => new Endpoint("https://route53.amazonaws.com.cn"),
            "aws-us-gov" => new Endpoint("https://route53.us-gov.amazonaws.com"),
            _ => new Endpoint($"https://route53.{partition.dnsSuffix}"),
        };
    }
}
