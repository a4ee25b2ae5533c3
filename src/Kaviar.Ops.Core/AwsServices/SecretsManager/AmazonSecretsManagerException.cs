using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.SecretsManager;

/// <summary>Base of every error Secrets Manager returns; ErrorCode carries the wire code.</summary>
public class AmazonSecretsManagerException : AmazonServiceException
{
    public AmazonSecretsManagerException(string message)
        : base(message)
    {
    }

    public AmazonSecretsManagerException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
