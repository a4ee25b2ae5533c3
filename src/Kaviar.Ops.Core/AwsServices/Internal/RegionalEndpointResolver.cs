using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>Pipeline handler feeding region, ServiceURL and FIPS/dual-stack flags to the endpoint provider.</summary>
internal sealed class RegionalEndpointResolver : BaseEndpointResolver
{
    /// <summary>
    /// As the generated resolvers do: an operation's hostPrefix (Cloud Map's DiscoverInstances: "data-") goes before the
    /// endpoint's host, unless the config's DisableHostPrefixInjection says not to.
    /// </summary>
    protected override void ServiceSpecificHandler(IExecutionContext executionContext, EndpointParameters parameters) =>
        InjectHostPrefix(executionContext.RequestContext);

    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = requestContext.ClientConfig;
        var region = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName;
        if (config.RegionEndpoint == null && !string.IsNullOrEmpty(config.ServiceURL))
        {
            // Same fallback as the generated resolvers: the signing region, else the one in the URL.
            region = !string.IsNullOrEmpty(config.AuthenticationRegion)
                ? config.AuthenticationRegion
                : RegionEndpoint.GetBySystemName(AWSSDKUtils.DetermineRegion(config.ServiceURL)).SystemName;
        }

        var parameters = new EndpointParameters();
        parameters["Region"] = region == "us-east-1-regional" ? "us-east-1" : region;
        parameters["UseDualStack"] = config.UseDualstackEndpoint;
        parameters["UseFIPS"] = config.UseFIPSEndpoint;
        parameters["Endpoint"] = config.ServiceURL;
        return parameters;
    }
}
