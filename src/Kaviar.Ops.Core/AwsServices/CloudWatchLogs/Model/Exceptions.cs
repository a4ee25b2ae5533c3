#nullable disable

using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

// The CloudWatch Logs errors callers branch on; any other code surfaces as AmazonCloudWatchLogsException with ErrorCode set.

public class InvalidParameterException : AmazonCloudWatchLogsException
{
    public InvalidParameterException(string message) : base(message) { }

    public InvalidParameterException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

/// <summary>The log group or log stream does not exist.</summary>
public class ResourceNotFoundException : AmazonCloudWatchLogsException
{
    public ResourceNotFoundException(string message) : base(message) { }

    public ResourceNotFoundException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}

public class ServiceUnavailableException : AmazonCloudWatchLogsException
{
    public ServiceUnavailableException(string message) : base(message) { }

    public ServiceUnavailableException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
