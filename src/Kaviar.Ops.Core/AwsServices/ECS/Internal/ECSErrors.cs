using System;
using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ECS.Model;

namespace Kaviar.Ops.AwsServices.ECS.Internal;

internal static class ECSErrors
{
    internal static AmazonServiceException Create(
        string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "AccessDeniedException" => new AccessDeniedException(message!, inner, type, code, requestId!, status),
        "ClientException" => new ClientException(message!, inner, type, code, requestId!, status),
        "ConflictException" => new ConflictException(message!, inner, type, code, requestId!, status),
        "ClusterNotFoundException" => new ClusterNotFoundException(message!, inner, type, code, requestId!, status),
        "InvalidParameterException" => new InvalidParameterException(message!, inner, type, code, requestId!, status),
        "ServerException" => new ServerException(message!, inner, type, code, requestId!, status),
        "ServiceDeploymentNotFoundException" => new ServiceDeploymentNotFoundException(message!, inner, type, code, requestId!, status),
        "ServiceNotActiveException" => new ServiceNotActiveException(message!, inner, type, code, requestId!, status),
        "ServiceNotFoundException" => new ServiceNotFoundException(message!, inner, type, code, requestId!, status),
        "UnsupportedFeatureException" => new UnsupportedFeatureException(message!, inner, type, code, requestId!, status),
        _ => new AmazonECSException(message!, inner, type, code!, requestId!, status),
    };
}
