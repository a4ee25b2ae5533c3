using System;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Kaviar.Ops.AwsServices.CloudWatch;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.AwsServices.Lambda;
using Kaviar.Ops.AwsServices.RDS;
using Kaviar.Ops.AwsServices.Route53;
using Kaviar.Ops.AwsServices.SecretsManager;
using Kaviar.Ops.AwsServices.ServiceDiscovery;

namespace Kaviar.Ops.Aws;

/// <summary>Resolved credentials, region and endpoint, and the service clients built from them.</summary>
public sealed class AwsConnection
{
    private readonly IEnvironmentReader environment;

    public AwsConnection(AWSCredentials credentials, RegionEndpoint region, Uri? endpointUrl, string credentialSource, string regionSource,
        IEnvironmentReader? environment = null)
    {
        this.environment = environment ?? ProcessEnvironment.Instance;
        Credentials = credentials;
        Region = region;
        EndpointUrl = endpointUrl;
        CredentialSource = credentialSource;
        RegionSource = regionSource;
    }

    public AWSCredentials Credentials { get; }

    /// <summary>The same credentials and endpoint in another region: where a resource says it lives (awslogs-region, an ARN).</summary>
    public AwsConnection InRegion(string region) =>
        region == Region.SystemName ? this : new AwsConnection(Credentials, RegionEndpoint.GetBySystemName(region), EndpointUrl, CredentialSource,
            $"the resource's own region (was {Region.SystemName} from {RegionSource})", environment);

    public RegionEndpoint Region { get; }

    public Uri? EndpointUrl { get; }

    /// <summary>Where the credentials came from, for the debug stream. Never the keys themselves.</summary>
    public string CredentialSource { get; }

    public string RegionSource { get; }

    /// <summary>
    /// Where one service's calls go: -EndpointUrl; else, as the SDKs and the CLI read them, AWS_ENDPOINT_URL_&lt;SERVICE&gt;
    /// (the service id in capitals, spaces as underscores: ECS, ELASTIC_LOAD_BALANCING_V2, CLOUDWATCH_LOGS, EC2, RDS, STS…)
    /// then AWS_ENDPOINT_URL; else null, for the regional endpoint.
    /// </summary>
    public Uri? EndpointFor(string serviceId)
    {
        if (EndpointUrl != null)
        {
            return EndpointUrl;
        }

        var configured = environment.Get("AWS_ENDPOINT_URL_" + serviceId.ToUpperInvariant().Replace(' ', '_')) ?? environment.Get("AWS_ENDPOINT_URL");
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }

    /// <summary>Where the credentials, region and endpoint came from, for -Debug; never a key.</summary>
    public string Describe() =>
        $"AWS credentials: {CredentialSource}; region {Region.SystemName} from {RegionSource}" + (EndpointUrl == null ? "" : $"; endpoint {EndpointUrl}");

    public IAmazonECS CreateEcsClient() => new AmazonECSClient(Credentials, Configure(new AmazonECSConfig()));

    public IAmazonElasticLoadBalancingV2 CreateElasticLoadBalancingV2Client() =>
        new AmazonElasticLoadBalancingV2Client(Credentials, Configure(new AmazonElasticLoadBalancingV2Config()));

    public IAmazonCloudWatch CreateCloudWatchClient() =>
        new AmazonCloudWatchClient(Credentials, Configure(new AmazonCloudWatchConfig()));

    public IAmazonCloudWatchLogs CreateCloudWatchLogsClient() =>
        new AmazonCloudWatchLogsClient(Credentials, Configure(new AmazonCloudWatchLogsConfig()));

    /// <summary>
    /// A synchronous invoke lasts as long as the function runs (up to 15 minutes): the SDK's default 100-second HTTP
    /// timeout would cut a slow migration off and retry it, running it twice.
    /// </summary>
    public IAmazonLambda CreateLambdaClient() =>
        new AmazonLambdaClient(Credentials, Configure(new AmazonLambdaConfig { Timeout = TimeSpan.FromMinutes(16) }));

    /// <summary>
    /// For Invoke only: no retries at all. Once the request may have reached the function, sending it again may run the
    /// function again; a lost answer is reported as such instead.
    /// </summary>
    public IAmazonLambda CreateLambdaInvokeClient()
    {
        var config = Configure(new AmazonLambdaConfig { Timeout = TimeSpan.FromMinutes(16) });
        config.MaxErrorRetry = 0;
        return new AmazonLambdaClient(Credentials, config);
    }

    public IAmazonSecretsManager CreateSecretsManagerClient() =>
        new AmazonSecretsManagerClient(Credentials, Configure(new AmazonSecretsManagerConfig()));

    /// <summary>
    /// DiscoverInstances goes to data-servicediscovery.{region}; a custom endpoint (a simulated account, LocalStack, moto)
    /// answers every operation on its own host, so the SDK must not put "data-" before it.
    /// </summary>
    public IAmazonServiceDiscovery CreateServiceDiscoveryClient()
    {
        var config = Configure(new AmazonServiceDiscoveryConfig());
        config.DisableHostPrefixInjection = config.ServiceURL != null;
        return new AmazonServiceDiscoveryClient(Credentials, config);
    }

    /// <summary>
    /// Route 53 is global: the partition's one endpoint, signed for the partition's home region; a custom endpoint is
    /// signed for this connection's region, as every other client's.
    /// </summary>
    public IAmazonRoute53 CreateRoute53Client()
    {
        var config = Configure(new AmazonRoute53Config());
        config.AuthenticationRegion ??= AmazonRoute53Config.SigningRegionFor(Region.SystemName);
        return new AmazonRoute53Client(Credentials, config);
    }

    public IAmazonRDS CreateRdsClient() => new AmazonRDSClient(Credentials, Configure(new AmazonRDSConfig()));

    public IAmazonEC2 CreateEc2Client() => new AmazonEC2Client(Credentials, Configure(new AmazonEC2Config()));

    public IAmazonSecurityTokenService CreateSecurityTokenServiceClient() =>
        new AmazonSecurityTokenServiceClient(Credentials, Configure(new AmazonSecurityTokenServiceConfig()));

    private TConfig Configure<TConfig>(TConfig config)
        where TConfig : ClientConfig
    {
        // Standard mode: exponential backoff with jitter and a retry quota, throttling errors included.
        config.RetryMode = RequestRetryMode.Standard;
        var endpoint = EndpointFor(config.ServiceId);
        if (endpoint == null)
        {
            config.RegionEndpoint = Region;
        }
        else
        {
            // ServiceURL replaces the regional endpoint; the region still goes into the SigV4 scope.
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = Region.SystemName;
        }

        return config;
    }
}
