using System;
using System.Collections.Generic;
using System.Reflection;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>
/// Shared base of the service configs: the parts the generated SDK configs repeat per service
/// (default configuration modes, signing name, endpoint provider, user agent).
/// </summary>
public abstract class AwsServiceConfig : ClientConfig
{
    private static readonly RegionalEndpointResolver EndpointResolver = new RegionalEndpointResolver();

    private static readonly string AssemblyVersion =
        typeof(AwsServiceConfig).GetTypeInfo().Assembly.GetName().Version?.ToString() ?? "0.0.0";

    private readonly string _userAgent;

    private protected AwsServiceConfig(string serviceId, string signingName, string endpointPrefix)
        : base(new DefaultConfigurationProvider(DefaultConfigurations))
    {
        ServiceId = serviceId;
        AuthenticationServiceName = signingName;
        EndpointProvider = new RegionalEndpointProvider(endpointPrefix);
        _userAgent = InternalSDKUtils.BuildUserAgentString(serviceId, AssemblyVersion);
    }

    public override string UserAgent => _userAgent;

    // Same modes and timeouts as every generated v4 service; all default to standard retries.
    private static IEnumerable<IDefaultConfiguration> DefaultConfigurations => new IDefaultConfiguration[]
    {
        Mode(DefaultConfigurationMode.Standard, 3100),
        Mode(DefaultConfigurationMode.InRegion, 1100),
        Mode(DefaultConfigurationMode.CrossRegion, 3100),
        Mode(DefaultConfigurationMode.Mobile, 30000),
        Mode(DefaultConfigurationMode.Auto, 1100),
    };

    private static IDefaultConfiguration Mode(DefaultConfigurationMode name, double connectTimeoutMs) => new DefaultConfiguration
    {
        Name = name,
        RetryMode = RequestRetryMode.Standard,
        S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
        ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
        TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
    };

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        var context = new ExecutionContext(
            new RequestContext(false)
            {
                ClientConfig = this,
                OriginalRequest = parameters.Request,
                Request = new DefaultRequest(parameters.Request, ServiceId) { AlternateEndpoint = parameters.AlternateEndpoint },
            },
            null);
        return EndpointResolver.GetEndpoint(context);
    }
}
