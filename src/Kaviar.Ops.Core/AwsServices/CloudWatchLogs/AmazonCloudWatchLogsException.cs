using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs;

/// <summary>Base of every error CloudWatch Logs returns; ErrorCode carries the wire code.</summary>
public class AmazonCloudWatchLogsException : AmazonServiceException
{
    public AmazonCloudWatchLogsException(string message)
        : base(message)
    {
    }

    public AmazonCloudWatchLogsException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode)
    {
    }
}
