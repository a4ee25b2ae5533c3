#nullable disable

using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatch.Model;

// The CloudWatch errors callers branch on; any other code surfaces as AmazonCloudWatchException with ErrorCode set.

/// <summary>The next token is not valid (expired, or of another request).</summary>
public class InvalidNextTokenException : AmazonCloudWatchException
{
    public InvalidNextTokenException(string message) : base(message) { }

    public InvalidNextTokenException(string message, Exception innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
