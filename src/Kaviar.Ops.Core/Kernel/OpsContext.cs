using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.EC2;
using Kaviar.Ops.Aws;
using Kaviar.Ops.AwsServices.CloudWatch;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.AwsServices.Lambda;
using Kaviar.Ops.AwsServices.RDS;
using Kaviar.Ops.AwsServices.Route53;
using Kaviar.Ops.AwsServices.SecretsManager;
using Kaviar.Ops.AwsServices.ServiceDiscovery;
using Kaviar.Ops.Operations;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// Everything one command invocation works with in one region: the resolved connection, its service clients (made
/// once, on first use), the clock, the reporter for progress and verbose lines, and the cancellation token of Ctrl+C.
/// Every capability takes this; none builds its own clients or reads the time itself.
/// </summary>
public sealed class OpsContext
{
    private readonly Lazy<IAmazonECS> ecs;
    private readonly Lazy<IAmazonElasticLoadBalancingV2> elb;
    private readonly Lazy<IAmazonEC2> ec2;
    private readonly Lazy<IAmazonCloudWatchLogs> logs;
    private readonly Lazy<IAmazonCloudWatch> cloudWatch;
    private readonly Lazy<IAmazonLambda> lambda;
    private readonly Lazy<IAmazonLambda> lambdaInvoke;
    private readonly Lazy<IAmazonSecretsManager> secretsManager;
    private readonly Lazy<IAmazonRDS> rds;
    private readonly Lazy<IAmazonServiceDiscovery> serviceDiscovery;
    private readonly Lazy<IAmazonRoute53> route53;
    private readonly Lazy<Task<string>> accountId;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OpsContext> otherRegions =
        new System.Collections.Concurrent.ConcurrentDictionary<string, OpsContext>(StringComparer.Ordinal);

    public OpsContext(AwsConnection connection, IOpsClock? clock = null, IOperationReporter? reporter = null, CancellationToken cancellationToken = default)
    {
        Connection = connection;
        Clock = clock ?? OpsClock.System;
        Reporter = reporter ?? SilentReporter.Instance;
        CancellationToken = cancellationToken;
        ecs = new Lazy<IAmazonECS>(connection.CreateEcsClient);
        elb = new Lazy<IAmazonElasticLoadBalancingV2>(connection.CreateElasticLoadBalancingV2Client);
        ec2 = new Lazy<IAmazonEC2>(connection.CreateEc2Client);
        logs = new Lazy<IAmazonCloudWatchLogs>(connection.CreateCloudWatchLogsClient);
        cloudWatch = new Lazy<IAmazonCloudWatch>(connection.CreateCloudWatchClient);
        lambda = new Lazy<IAmazonLambda>(connection.CreateLambdaClient);
        lambdaInvoke = new Lazy<IAmazonLambda>(connection.CreateLambdaInvokeClient);
        secretsManager = new Lazy<IAmazonSecretsManager>(connection.CreateSecretsManagerClient);
        rds = new Lazy<IAmazonRDS>(connection.CreateRdsClient);
        serviceDiscovery = new Lazy<IAmazonServiceDiscovery>(connection.CreateServiceDiscoveryClient);
        route53 = new Lazy<IAmazonRoute53>(connection.CreateRoute53Client);
        accountId = new Lazy<Task<string>>(() => CallerAccountAsync(connection, cancellationToken));
    }

    public AwsConnection Connection { get; }

    /// <summary>The region every call of this context goes to, e.g. us-east-2.</summary>
    public string Region => Connection.Region.SystemName;

    /// <summary>The endpoint the user gave (a simulated account, LocalStack); null for AWS's own.</summary>
    public string? EndpointUrl => Connection.EndpointUrl?.ToString();

    public IOpsClock Clock { get; }

    public IOperationReporter Reporter { get; }

    public CancellationToken CancellationToken { get; }

    public IAmazonECS Ecs => ecs.Value;

    public IAmazonElasticLoadBalancingV2 Elb => elb.Value;

    public IAmazonEC2 Ec2 => ec2.Value;

    public IAmazonCloudWatchLogs Logs => logs.Value;

    public IAmazonCloudWatch CloudWatch => cloudWatch.Value;

    public IAmazonLambda Lambda => lambda.Value;

    /// <summary>The Lambda client for Invoke, which never retries (a retried invoke may run the function twice).</summary>
    public IAmazonLambda LambdaInvoke => lambdaInvoke.Value;

    public IAmazonSecretsManager SecretsManager => secretsManager.Value;

    public IAmazonRDS Rds => rds.Value;

    /// <summary>AWS Cloud Map.</summary>
    public IAmazonServiceDiscovery ServiceDiscovery => serviceDiscovery.Value;

    /// <summary>Route 53 (global), for the VPCs of a Cloud Map private DNS namespace's hosted zone.</summary>
    public IAmazonRoute53 Route53 => route53.Value;

    /// <summary>The account of the credentials (STS GetCallerIdentity, asked once per context and only when needed).</summary>
    public Task<string> AccountIdAsync() => accountId.Value;

    /// <summary>The same connection and clients, reporting to <paramref name="reporter"/> (the pipeline's, while a command waits).</summary>
    public OpsContext WithReporter(IOperationReporter reporter) => new OpsContext(this, reporter);

    /// <summary>
    /// The same credentials, endpoint, clock, reporter and Ctrl+C in <paramref name="region"/>, with clients of its own;
    /// this context when it is that region already.
    /// </summary>
    public OpsContext InRegion(string region) =>
        region == Region ? this : otherRegions.GetOrAdd(region, name => new OpsContext(Connection.InRegion(name), Clock, Reporter, CancellationToken));

    /// <summary>Stamps an output with where it came from, so the next command in the pipeline binds the same region and endpoint.</summary>
    public T Stamp<T>(T output)
        where T : IRegionalOutput
    {
        output.Region = Region;
        output.EndpointUrl = EndpointUrl;
        return output;
    }

    private OpsContext(OpsContext other, IOperationReporter reporter)
    {
        Connection = other.Connection;
        Clock = other.Clock;
        Reporter = reporter;
        CancellationToken = other.CancellationToken;
        ecs = other.ecs;
        elb = other.elb;
        ec2 = other.ec2;
        logs = other.logs;
        cloudWatch = other.cloudWatch;
        lambda = other.lambda;
        lambdaInvoke = other.lambdaInvoke;
        secretsManager = other.secretsManager;
        rds = other.rds;
        serviceDiscovery = other.serviceDiscovery;
        route53 = other.route53;
        accountId = other.accountId;
    }

    private static async Task<string> CallerAccountAsync(AwsConnection connection, CancellationToken cancellationToken)
    {
        using var sts = (AmazonSecurityTokenServiceClient)connection.CreateSecurityTokenServiceClient();
        return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false)).Account;
    }
}

/// <summary>An output that carries its region and endpoint; -Region and -EndpointUrl bind from them by property name.</summary>
public interface IRegionalOutput
{
    string Region { get; set; }

    string? EndpointUrl { get; set; }
}
