using System;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Kaviar.Ops.Aws;

/// <summary>
/// Decides which credentials and region a command uses, the way AWS.Tools does: parameters, then the shell defaults,
/// then the SDK's order (environment keys before AWS_PROFILE; AWS_REGION), then the SDK's own chains (shared config
/// including SSO and assume-role, container and instance roles).
/// Everything here comes from AWSSDK.Core; this class only orders the sources and names the one it used.
/// </summary>
public sealed class AwsConnectionResolver
{
    private readonly IEnvironmentReader environment;
    private readonly CredentialProfileStoreChain profiles;
    private readonly Func<AWSCredentials?> sdkDefaultCredentials;
    private readonly Func<RegionEndpoint?> sdkDefaultRegion;

    public AwsConnectionResolver()
        : this(ProcessEnvironment.Instance, new CredentialProfileStoreChain(), ResolveSdkDefaultCredentials, ResolveSdkDefaultRegion)
    {
    }

    public AwsConnectionResolver(
        IEnvironmentReader environment,
        CredentialProfileStoreChain profiles,
        Func<AWSCredentials?> sdkDefaultCredentials,
        Func<RegionEndpoint?> sdkDefaultRegion)
    {
        this.environment = environment;
        this.profiles = profiles;
        this.sdkDefaultCredentials = sdkDefaultCredentials;
        this.sdkDefaultRegion = sdkDefaultRegion;
    }

    public AwsConnection Resolve(AwsConnectionOptions options)
    {
        var (credentials, credentialSource, profileName) = ResolveCredentials(options);
        var (region, regionSource) = ResolveRegion(options, profileName);
        // AWS_ENDPOINT_URL and its per-service forms are read per client (AwsConnection.EndpointFor).
        var endpoint = ValidateEndpoint(options.EndpointUrl);
        return new AwsConnection(credentials, region, endpoint, credentialSource, regionSource, environment);
    }

    /// <summary>
    /// AWS.Tools' order: keys given on the command line, then a credentials object, then a profile; then the shell's
    /// stored credentials; then the SDK's order, environment keys before AWS_PROFILE, then its own chain (the default
    /// profile, SSO and assume-role, container and instance roles).
    /// </summary>
    private (AWSCredentials Credentials, string Source, string? ProfileName) ResolveCredentials(AwsConnectionOptions options)
    {
        if (options.AccessKey != null || options.SecretKey != null || options.SessionToken != null)
        {
            return (FromKeys(options), options.SessionToken == null ? "-AccessKey/-SecretKey" : "-AccessKey/-SecretKey/-SessionToken", null);
        }

        if (options.Credential != null)
        {
            return (options.Credential.ToCredentials(), "-Credential", null);
        }

        if (options.ProfileName != null)
        {
            if (string.IsNullOrWhiteSpace(options.ProfileName))
            {
                throw new AwsConnectionException(AwsConnectionProblem.InvalidProfileName,
                    "-ProfileName is empty: name a profile of your AWS config or credentials file ('aws configure list-profiles' lists them).");
            }

            var where = options.ProfileLocation == null ? "" : $" in {options.ProfileLocation}";
            return (FromProfile(options.ProfileName!, "-ProfileName", options.ProfileLocation), $"profile '{options.ProfileName}'{where} (-ProfileName)", options.ProfileName);
        }

        if (options.ShellCredentials != null)
        {
            return (options.ShellCredentials.ToCredentials(), "$StoredAWSCredentials", null);
        }

        if (!string.IsNullOrWhiteSpace(options.ShellProfileName))
        {
            return (FromProfile(options.ShellProfileName!, "$StoredAWSCredentials", options.ProfileLocation),
                $"profile '{options.ShellProfileName}' ($StoredAWSCredentials)", options.ShellProfileName);
        }

        var environmentKey = environment.Get("AWS_ACCESS_KEY_ID");
        var environmentSecret = environment.Get("AWS_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(environmentKey) && !string.IsNullOrEmpty(environmentSecret))
        {
            var token = environment.Get("AWS_SESSION_TOKEN");
            return (string.IsNullOrEmpty(token)
                    ? new BasicAWSCredentials(environmentKey, environmentSecret)
                    : new SessionAWSCredentials(environmentKey, environmentSecret, token),
                "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (environment)", null);
        }

        var environmentProfile = environment.Get("AWS_PROFILE");
        if (environmentProfile != null)
        {
            return (FromProfile(environmentProfile, "AWS_PROFILE", options.ProfileLocation), $"profile '{environmentProfile}' (AWS_PROFILE)", environmentProfile);
        }

        var fallback = sdkDefaultCredentials();
        if (fallback == null)
        {
            throw new AwsConnectionException(
                AwsConnectionProblem.NoCredentials,
                "No AWS credentials were found. Pass -ProfileName <name> (or -AccessKey and -SecretKey), run Set-AWSCredential, set " +
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run where a role is available (CloudShell, ECS, EC2). " +
                "For SSO profiles run 'aws sso login --profile <name>' first.");
        }

        return (fallback, $"SDK default chain ({fallback.GetType().Name})", null);
    }

    private static AWSCredentials FromKeys(AwsConnectionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AccessKey) || options.SecretKey == null || options.SecretKey.Reveal().Length == 0)
        {
            throw new AwsConnectionException(AwsConnectionProblem.InvalidCredentials,
                "-AccessKey and -SecretKey go together (and -SessionToken, for temporary credentials, needs both): give the key pair, or use -ProfileName.");
        }

        return options.SessionToken == null
            ? new BasicAWSCredentials(options.AccessKey!.Trim(), options.SecretKey.Reveal())
            : new SessionAWSCredentials(options.AccessKey!.Trim(), options.SecretKey.Reveal(), options.SessionToken.Reveal());
    }

    private AWSCredentials FromProfile(string profileName, string origin, string? profileLocation)
    {
        var store = profileLocation == null ? profiles : new CredentialProfileStoreChain(profileLocation);
        if (store.TryGetAWSCredentials(profileName, out var credentials))
        {
            return credentials;
        }

        throw new AwsConnectionException(
            AwsConnectionProblem.ProfileNotFound,
            $"The AWS profile '{profileName}' given by {origin} was not found or has no usable credentials in the shared " +
            "credentials and config files. List profiles with 'aws configure list-profiles' or create it with 'aws configure --profile " +
            profileName + "'.");
    }

    private (RegionEndpoint Region, string Source) ResolveRegion(AwsConnectionOptions options, string? profileName)
    {
        if (options.Region != null)
        {
            return (Region(options.Region, "-Region"), "-Region");
        }

        // A resource named by ARN is looked up where the ARN says it is, whatever the shell's default.
        if (options.ArnRegion != null)
        {
            return (Region(options.ArnRegion, "The ARN's region"), "the ARN");
        }

        if (!string.IsNullOrWhiteSpace(options.ShellRegion))
        {
            return (Region(options.ShellRegion!, "$StoredAWSRegion"), "$StoredAWSRegion");
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            var value = environment.Get(variable);
            if (value != null)
            {
                return (Region(value, variable), variable);
            }
        }

        var store = options.ProfileLocation == null ? profiles : new CredentialProfileStoreChain(options.ProfileLocation);
        if (profileName != null && store.TryGetProfile(profileName, out var profile) && profile.Region != null)
        {
            return (profile.Region, $"profile '{profileName}'");
        }

        var fallback = sdkDefaultRegion();
        if (fallback == null)
        {
            throw new AwsConnectionException(
                AwsConnectionProblem.NoRegion,
                "No AWS region was found. Pass -Region <name> (for example -Region us-east-2), run Set-DefaultAWSRegion, " +
                "set AWS_REGION, or set 'region' in your AWS profile.");
        }

        return (fallback, "SDK default chain");
    }

    /// <summary>
    /// A region name as AWS spells them (us-east-2, us-gov-west-1, cn-north-1, eusc-de-east-1); anything else would be
    /// sent as it is and fail later with a confusing endpoint error.
    /// </summary>
    private static RegionEndpoint Region(string value, string source)
    {
        var name = value.Trim();
        if (!RegionName.IsMatch(name))
        {
            throw new AwsConnectionException(AwsConnectionProblem.InvalidRegion,
                $"{source} '{Kernel.InputText.Printable(value)}' is not an AWS region name; region names look like us-east-2 or eu-west-1 " +
                "('aws ec2 describe-regions' lists them).");
        }

        return RegionEndpoint.GetBySystemName(name);
    }

    private static readonly System.Text.RegularExpressions.Regex RegionName =
        new System.Text.RegularExpressions.Regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static Uri? ValidateEndpoint(string? endpointUrl)
    {
        if (endpointUrl == null)
        {
            return null;
        }

        if (Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        throw new AwsConnectionException(
            AwsConnectionProblem.InvalidEndpoint,
            $"-EndpointUrl '{Kernel.InputText.Printable(endpointUrl)}' is not an absolute http or https URL, for example http://127.0.0.1:4566.");
    }

    private static AWSCredentials? ResolveSdkDefaultCredentials()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    private static RegionEndpoint? ResolveSdkDefaultRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint();
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }
}
