using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Route53;

/// <summary>Base of every error Route 53 returns; ErrorCode carries the wire code.</summary>
public class AmazonRoute53Exception : AmazonServiceException
{
    public AmazonRoute53Exception(string message)
        : base(message)
    {
    }

    public AmazonRoute53Exception(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
