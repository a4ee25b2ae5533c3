using System;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Aws;

public enum AwsConnectionProblem
{
    NoCredentials,
    ProfileNotFound,
    NoRegion,
    InvalidRegion,
    InvalidProfileName,
    InvalidCredentials,
    InvalidEndpoint,
}

/// <summary>Credentials, region or endpoint could not be resolved; the message says how to supply them.</summary>
public sealed class AwsConnectionException : OpsException
{
    public AwsConnectionException(AwsConnectionProblem problem, string message, Exception? innerException = null)
        : base(CodeFor(problem), message, null, null, innerException)
    {
        Problem = problem;
    }

    public AwsConnectionProblem Problem { get; }

    private static ErrorCode CodeFor(AwsConnectionProblem problem) => problem switch
    {
        AwsConnectionProblem.NoCredentials => ErrorTable.AwsCredentialsNotFound,
        AwsConnectionProblem.ProfileNotFound => ErrorTable.AwsProfileNotFound,
        AwsConnectionProblem.NoRegion => ErrorTable.AwsRegionNotFound,
        AwsConnectionProblem.InvalidRegion => ErrorTable.InvalidRegion,
        AwsConnectionProblem.InvalidProfileName => ErrorTable.InvalidProfileName,
        AwsConnectionProblem.InvalidCredentials => ErrorTable.InvalidCredentialParameters,
        _ => ErrorTable.InvalidEndpointUrl,
    };
}
