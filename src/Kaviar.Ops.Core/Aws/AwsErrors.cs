using Amazon.Runtime;
using Kaviar.Ops.Health;

namespace Kaviar.Ops.Aws;

/// <summary>Sorts AWS service errors into the few kinds a command reports differently.</summary>
public static class AwsErrors
{
    public static ServiceLookupProblem Classify(AmazonServiceException exception) => exception.ErrorCode switch
    {
        "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "UnrecognizedClientException"
            or "InvalidClientTokenId" or "ExpiredTokenException" or "ExpiredToken" => ServiceLookupProblem.AccessDenied,
        "ThrottlingException" or "Throttling" or "RequestLimitExceeded" or "TooManyRequestsException" => ServiceLookupProblem.Throttled,
        _ => ServiceLookupProblem.AwsError,
    };
}
