using System;
using System.Net;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>Maps a wire error code to the service's typed exception (or its base service exception).</summary>
internal delegate AmazonServiceException ServiceErrorFactory(
    string? errorCode, string? message, Exception innerException, ErrorType errorType, string? requestId, HttpStatusCode statusCode);

internal static class ServiceErrors
{
    /// <summary>Sender for 4xx, Receiver for 5xx: what the SDK's ErrorType means for both protocols.</summary>
    internal static ErrorType TypeFromStatus(HttpStatusCode statusCode) => (int)statusCode switch
    {
        >= 500 => ErrorType.Receiver,
        >= 400 => ErrorType.Sender,
        _ => ErrorType.Unknown,
    };
}
