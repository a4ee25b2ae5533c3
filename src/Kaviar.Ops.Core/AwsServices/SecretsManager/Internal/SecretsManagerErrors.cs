using System;
using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.SecretsManager.Model;

namespace Kaviar.Ops.AwsServices.SecretsManager.Internal;

internal static class SecretsManagerErrors
{
    internal static AmazonServiceException Create(
        string? code, string? message, Exception inner, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "ResourceNotFoundException" => new ResourceNotFoundException(message!, inner, type, code, requestId!, status),
        "DecryptionFailureException" => new DecryptionFailureException(message!, inner, type, code, requestId!, status),
        "InvalidParameterException" => new InvalidParameterException(message!, inner, type, code, requestId!, status),
        "InvalidRequestException" => new InvalidRequestException(message!, inner, type, code, requestId!, status),
        "InternalServiceErrorException" => new InternalServiceErrorException(message!, inner, type, code, requestId!, status),
        _ => new AmazonSecretsManagerException(message!, inner, type, code!, requestId!, status),
    };
}
