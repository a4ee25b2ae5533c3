using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery;

/// <summary>Base of every error AWS Cloud Map returns; ErrorCode carries the wire code.</summary>
public class AmazonServiceDiscoveryException : AmazonServiceException
{
    public AmazonServiceDiscoveryException(string message)
        : base(message)
    {
    }

    public AmazonServiceDiscoveryException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
