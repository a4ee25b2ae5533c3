using System;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
using Kaviar.Ops.AwsServices.Lambda;
using Kaviar.Ops.AwsServices.SecretsManager;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// Sorts what an AWS call threw into the error table. Not-found errors that every command can meet map to the one
/// not-found id of their resource; the rest by what the caller can do about them.
/// </summary>
public static class AwsFailures
{
    public static ErrorCode Classify(AmazonServiceException exception) => exception.ErrorCode switch
    {
        "ClusterNotFoundException" => ErrorTable.EcsClusterNotFound,
        "ServiceNotFoundException" or "ServiceNotActiveException" => ErrorTable.EcsServiceNotFound,
        "LoadBalancerNotFound" => ErrorTable.AlbLoadBalancerNotFound,
        "TargetGroupNotFound" => ErrorTable.AlbTargetGroupNotFound,
        "ListenerNotFound" => ErrorTable.AlbListenerNotFound,
        "InvalidGroup.NotFound" or "InvalidGroupId.Malformed" => ErrorTable.SecurityGroupNotFound,
        "DBInstanceNotFound" or "DBClusterNotFoundFault" => ErrorTable.DatabaseNotFound,
        "ResourceNotFoundException" => exception switch
        {
            AmazonLambdaException => ErrorTable.LambdaFunctionNotFound,
            AmazonSecretsManagerException => ErrorTable.AwsSecretNotFound,
            AmazonCloudWatchLogsException => ErrorTable.LogGroupNotFound,
            _ => ErrorTable.AwsRequestFailed,
        },
        "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "UnrecognizedClientException" or "InvalidClientTokenId"
            or "ExpiredTokenException" or "ExpiredToken" or "SignatureDoesNotMatch" or "AuthFailure" => ErrorTable.AwsAccessDenied,
        "ThrottlingException" or "Throttling" or "RequestLimitExceeded" or "TooManyRequestsException" => ErrorTable.AwsThrottled,
        "InvalidParameterException" or "InvalidParameterValue" or "InvalidParameterValueException" or "InvalidParameterCombination"
            or "ValidationError" or "ValidationException" or "ClientException" or "MissingParameter" => ErrorTable.AwsInvalidRequest,
        _ when (int)exception.StatusCode >= 500 => ErrorTable.AwsServiceUnavailable,
        _ => ErrorTable.AwsRequestFailed,
    };

    /// <summary>
    /// True when AWS refused the call itself (the caller's policy leaves the action out, or its credentials are not
    /// accepted), not the request: what lets a command skip a read it can do without, naming the action.
    /// </summary>
    public static bool IsAccessDenied(AmazonServiceException exception) => Classify(exception) == ErrorTable.AwsAccessDenied;

    /// <summary>True when the endpoint does not know the operation: an API newer than it (LocalStack, another partition).</summary>
    public static bool IsUnknownOperation(AmazonServiceException exception) => exception.ErrorCode is "UnknownOperationException" or "InvalidAction";

    /// <summary>
    /// An AWS failure as an <see cref="OpsException"/>: what was asked, what AWS answered, and where to look next.
    /// <paramref name="region"/> is where the call went.
    /// </summary>
    public static OpsException From(AmazonServiceException exception, string region, object? target)
    {
        var code = Classify(exception);
        return new OpsException(code, $"AWS answered {Answer(exception)} in {region}: {exception.Message}", target,
            RecommendedActionFor(code, region), exception);
    }

    /// <summary>
    /// The error code and HTTP status; a proxy or a failing front end may answer with no error code, and then the
    /// status alone says what happened.
    /// </summary>
    private static string Answer(AmazonServiceException exception)
    {
        var status = (int)exception.StatusCode;
        if (string.IsNullOrEmpty(exception.ErrorCode))
        {
            return status == 0 ? "with no error code" : $"HTTP {status} with no error code";
        }

        return status == 0 ? exception.ErrorCode : $"{exception.ErrorCode} ({status})";
    }

    /// <summary>What an AWS call threw, as a row of the error table; null when it is not an AWS failure.</summary>
    public static OpsException? Translate(Exception exception, string region, Uri? endpoint) => exception switch
    {
        AmazonServiceException serviceError => From(serviceError, region, null),
        AmazonClientException clientError => From(clientError, region, endpoint, null),
        _ => null,
    };

    /// <summary>The call never got an answer: no network path, a bad endpoint, or credentials that could not be loaded.</summary>
    public static OpsException From(AmazonClientException exception, string region, Uri? endpoint, object? target)
    {
        var where = endpoint?.ToString() ?? $"AWS in {region}";
        return new OpsException(ErrorTable.AwsEndpointUnreachable, $"The AWS call to {where} could not be made: {exception.GetBaseException().Message}",
            target, "Check the network path to AWS (or -EndpointUrl), the region, and the credentials (-Debug shows which were used).", exception);
    }

    internal static string? RecommendedActionFor(ErrorCode code, string region)
    {
        if (code == ErrorTable.AwsAccessDenied)
        {
            return "Check which identity is used (-Debug shows the credential source; 'aws sts get-caller-identity') and its IAM policy.";
        }

        if (code == ErrorTable.AwsThrottled)
        {
            return "AWS is rate-limiting this account; wait a minute and run the command again.";
        }

        if (code == ErrorTable.EcsClusterNotFound)
        {
            return $"List clusters with 'aws ecs list-clusters --region {region}'.";
        }

        if (code == ErrorTable.DatabaseNotFound)
        {
            return $"List databases with 'aws rds describe-db-clusters --region {region}' (Aurora) and 'aws rds describe-db-instances --region {region}'.";
        }

        return code == ErrorTable.AwsServiceUnavailable ? "AWS is failing this call; see https://health.aws.amazon.com/ and retry." : null;
    }
}
