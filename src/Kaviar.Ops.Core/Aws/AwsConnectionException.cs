using System;

namespace Kaviar.Ops.Aws;

public enum AwsConnectionProblem
{
    NoCredentials,
    ProfileNotFound,
    NoRegion,
    InvalidEndpoint,
}

/// <summary>Credentials, region or endpoint could not be resolved; the message says how to supply them.</summary>
public sealed class AwsConnectionException : Exception
{
    public AwsConnectionException(AwsConnectionProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public AwsConnectionProblem Problem { get; }
}
