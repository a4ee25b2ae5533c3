using System;
using System.Management.Automation;
using Amazon.Runtime;
using Kaviar.Ops.Aws;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The base of every command that calls AWS: -Region, -ProfileName and -EndpointUrl as AWS.Tools has them,
/// falling back to $StoredAWSRegion / $StoredAWSCredentials, then AWS_PROFILE / AWS_REGION, then the SDK chains.
/// </summary>
public abstract class KaviarAwsCmdlet : KaviarCmdlet
{
    private AwsConnection? connection;

    /// <summary>The AWS region, for example us-east-2.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <summary>A profile from the shared AWS config and credentials files (SSO and assume-role profiles included).</summary>
    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>Send every AWS call to this endpoint instead of AWS's (a simulated account, LocalStack).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    /// <summary>Credentials, region and endpoint for this invocation, resolved once; a terminating error when they cannot be.</summary>
    protected AwsConnection Connection => connection ??= ResolveConnection();

    /// <summary>An AWS error the command does not handle itself ends it, with a stable id and category.</summary>
    protected override ErrorRecord? TerminatingErrorFor(Exception exception) => exception switch
    {
        AmazonServiceException serviceError => AwsErrorRecords.FromServiceException(serviceError, null),
        AmazonClientException clientError => new ErrorRecord(clientError, "AwsRequestFailed", ErrorCategory.ConnectionError,
            Connection.EndpointUrl?.ToString() ?? Connection.Region.SystemName)
        {
            ErrorDetails = new ErrorDetails($"The AWS call could not be made: {clientError.Message}")
            {
                RecommendedAction = "Check the network path to AWS (or -EndpointUrl), the region, and the credentials.",
            },
        },
        _ => null,
    };

    private AwsConnection ResolveConnection()
    {
        var options = new AwsConnectionOptions { Region = Region, ProfileName = ProfileName, EndpointUrl = EndpointUrl };
        ReadShellDefaults(options);
        try
        {
            var resolved = new AwsConnectionResolver().Resolve(options);
            WriteDebug($"AWS credentials: {resolved.CredentialSource}; region {resolved.Region.SystemName} from {resolved.RegionSource}" +
                       (resolved.EndpointUrl == null ? "" : $"; endpoint {resolved.EndpointUrl}"));
            return resolved;
        }
        catch (AwsConnectionException ex)
        {
            var (errorId, category) = ex.Problem switch
            {
                AwsConnectionProblem.NoCredentials => ("AwsCredentialsNotFound", ErrorCategory.AuthenticationError),
                AwsConnectionProblem.ProfileNotFound => ("AwsProfileNotFound", ErrorCategory.ObjectNotFound),
                AwsConnectionProblem.NoRegion => ("AwsRegionNotFound", ErrorCategory.InvalidArgument),
                _ => ("InvalidEndpointUrl", ErrorCategory.InvalidArgument),
            };
            ThrowTerminatingError(new ErrorRecord(ex, errorId, category, ProfileName ?? Region ?? EndpointUrl));
            throw;
        }
    }

    /// <summary>Set-DefaultAWSRegion and Set-AWSCredential (AWS.Tools) leave these variables in the session.</summary>
    private void ReadShellDefaults(AwsConnectionOptions options)
    {
        options.ShellRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion")) switch
        {
            string name => name,
            { } region => region.ToString(),
            null => null,
        };

        switch (Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")))
        {
            case string profileName:
                options.ShellProfileName = profileName;
                break;
            case AWSCredentials credentials:
                options.ShellCredentials = credentials;
                break;
            case { } holder:
                // AWS.Tools stores its own wrapper with the SDK credentials in a Credentials property.
                options.ShellCredentials = holder.GetType().GetProperty("Credentials")?.GetValue(holder) as AWSCredentials;
                break;
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
