using System;
using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Lambda.Model;

namespace Kaviar.Ops.AwsServices.Lambda.Internal;

internal static class LambdaErrors
{
    internal static AmazonServiceException Create(
        string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "ResourceNotFoundException" => new ResourceNotFoundException(message!, inner, type, code, requestId!, status),
        "TooManyRequestsException" => new TooManyRequestsException(message!, inner, type, code, requestId!, status),
        "InvalidRequestContentException" => new InvalidRequestContentException(message!, inner, type, code, requestId!, status),
        "InvalidParameterValueException" => new InvalidParameterValueException(message!, inner, type, code, requestId!, status),
        "RequestTooLargeException" => new RequestTooLargeException(message!, inner, type, code, requestId!, status),
        "ResourceNotReadyException" => new ResourceNotReadyException(message!, inner, type, code, requestId!, status),
        "ENILimitReachedException" => new ENILimitReachedException(message!, inner, type, code, requestId!, status),
        "ServiceException" => new ServiceException(message!, inner, type, code, requestId!, status),
        _ => new AmazonLambdaException(message!, inner, type, code!, requestId!, status),
    };
}
