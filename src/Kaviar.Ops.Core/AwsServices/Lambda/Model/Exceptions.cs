#nullable disable

using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Lambda.Model;

// The Lambda Invoke errors callers branch on; any other code surfaces as AmazonLambdaException with ErrorCode set.

/// <summary>The function, version or alias does not exist.</summary>
public class ResourceNotFoundException : AmazonLambdaException
{
    public ResourceNotFoundException(string message) : base(message) { }

    public ResourceNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>Throttled: the account's or the function's concurrency limit was reached.</summary>
public class TooManyRequestsException : AmazonLambdaException
{
    public TooManyRequestsException(string message) : base(message) { }

    public TooManyRequestsException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The payload is not valid JSON.</summary>
public class InvalidRequestContentException : AmazonLambdaException
{
    public InvalidRequestContentException(string message) : base(message) { }

    public InvalidRequestContentException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class InvalidParameterValueException : AmazonLambdaException
{
    public InvalidParameterValueException(string message) : base(message) { }

    public InvalidParameterValueException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The payload is over the invocation type's size limit.</summary>
public class RequestTooLargeException : AmazonLambdaException
{
    public RequestTooLargeException(string message) : base(message) { }

    public RequestTooLargeException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The function is still being created or updated (State Pending); retry shortly.</summary>
public class ResourceNotReadyException : AmazonLambdaException
{
    public ResourceNotReadyException(string message) : base(message) { }

    public ResourceNotReadyException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>Lambda could not create the function's network interfaces in its VPC subnets.</summary>
public class ENILimitReachedException : AmazonLambdaException
{
    public ENILimitReachedException(string message) : base(message) { }

    public ENILimitReachedException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>An internal Lambda failure.</summary>
public class ServiceException : AmazonLambdaException
{
    public ServiceException(string message) : base(message) { }

    public ServiceException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
