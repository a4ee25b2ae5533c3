using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatch;

/// <summary>Base of every error CloudWatch returns; ErrorCode carries the wire code.</summary>
public class AmazonCloudWatchException : AmazonServiceException
{
    public AmazonCloudWatchException(string message)
        : base(message)
    {
    }

    public AmazonCloudWatchException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
