#nullable disable

using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.SecretsManager.Model;

// The Secrets Manager errors callers branch on; any other code surfaces as AmazonSecretsManagerException with ErrorCode set.

/// <summary>The secret, or the requested version of it, does not exist.</summary>
public class ResourceNotFoundException : AmazonSecretsManagerException
{
    public ResourceNotFoundException(string message) : base(message) { }

    public ResourceNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>Secrets Manager cannot decrypt the secret with its KMS key (the caller lacks kms:Decrypt, or the key is disabled).</summary>
public class DecryptionFailureException : AmazonSecretsManagerException
{
    public DecryptionFailureException(string message) : base(message) { }

    public DecryptionFailureException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class InvalidParameterException : AmazonSecretsManagerException
{
    public InvalidParameterException(string message) : base(message) { }

    public InvalidParameterException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The request is not valid now, for example the secret is scheduled for deletion.</summary>
public class InvalidRequestException : AmazonSecretsManagerException
{
    public InvalidRequestException(string message) : base(message) { }

    public InvalidRequestException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class InternalServiceErrorException : AmazonSecretsManagerException
{
    public InternalServiceErrorException(string message) : base(message) { }

    public InternalServiceErrorException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
