using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Lambda;

/// <summary>Base of every error Lambda returns; ErrorCode carries the wire code.</summary>
public class AmazonLambdaException : AmazonServiceException
{
    public AmazonLambdaException(string message)
        : base(message)
    {
    }

    public AmazonLambdaException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
