using System;
using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatch.Model;

namespace Kaviar.Ops.AwsServices.CloudWatch.Internal;

internal static class CloudWatchErrors
{
    internal static AmazonServiceException Create(
        string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "InvalidNextToken" => new InvalidNextTokenException(message!, inner, type, code, requestId!, status),
        _ => new AmazonCloudWatchException(message!, inner, type, code!, requestId!, status),
    };
}
