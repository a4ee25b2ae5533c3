using System;
using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;

namespace Kaviar.Ops.AwsServices.CloudWatchLogs.Internal;

internal static class CloudWatchLogsErrors
{
    internal static AmazonServiceException Create(
        string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "InvalidParameterException" => new InvalidParameterException(message!, inner, type, code, requestId!, status),
        "ResourceNotFoundException" => new ResourceNotFoundException(message!, inner, type, code, requestId!, status),
        "ServiceUnavailableException" => new ServiceUnavailableException(message!, inner, type, code, requestId!, status),
        _ => new AmazonCloudWatchLogsException(message!, inner, type, code!, requestId!, status),
    };
}
