using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS;

/// <summary>Base of every error Amazon ECS returns; ErrorCode carries the wire code.</summary>
public class AmazonECSException : AmazonServiceException
{
    public AmazonECSException(string message)
        : base(message)
    {
    }

    public AmazonECSException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
