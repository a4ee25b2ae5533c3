using Amazon.Runtime;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Aws;

/// <summary>
/// An access key pair (and session token) as another module hands it over — AWS.Tools' credentials read by their
/// shape — so that no AWSSDK type crosses from the shell into the module. The secret parts never show.
/// </summary>
public sealed class AwsKeys
{
    public AwsKeys(string accessKey, SecretValue secretKey, SecretValue? sessionToken = null)
    {
        AccessKey = accessKey;
        SecretKey = secretKey;
        SessionToken = sessionToken;
    }

    public string AccessKey { get; }

    public SecretValue SecretKey { get; }

    public SecretValue? SessionToken { get; }

    internal AWSCredentials ToCredentials() => SessionToken == null
        ? new BasicAWSCredentials(AccessKey, SecretKey.Reveal())
        : new SessionAWSCredentials(AccessKey, SecretKey.Reveal(), SessionToken.Reveal());
}
