using System;
using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ServiceDiscovery.Model;

namespace Kaviar.Ops.AwsServices.ServiceDiscovery.Internal;

internal static class ServiceDiscoveryErrors
{
    internal static AmazonServiceException Create(
        string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "NamespaceNotFound" => new NamespaceNotFoundException(message!, inner, type, code, requestId!, status),
        "ServiceNotFound" => new ServiceNotFoundException(message!, inner, type, code, requestId!, status),
        "InstanceNotFound" => new InstanceNotFoundException(message!, inner, type, code, requestId!, status),
        "InvalidInput" => new InvalidInputException(message!, inner, type, code, requestId!, status),
        "RequestLimitExceeded" => new RequestLimitExceededException(message!, inner, type, code, requestId!, status),
        _ => new AmazonServiceDiscoveryException(message!, inner, type, code!, requestId!, status),
    };
}
