using System;
using System.Management.Automation;
using Amazon.Runtime;
using Kaviar.Ops.Health;

namespace Kaviar.Ops.Cmdlets;

/// <summary>Error records for AWS failures, with stable ids and the category PowerShell users filter on.</summary>
internal static class AwsErrorRecords
{
    public static ErrorRecord FromServiceException(AmazonServiceException exception, object? target)
    {
        var (errorId, category) = ForProblem(ServiceLookupProblems.FromAwsError(exception));
        return new ErrorRecord(exception, errorId, category, target)
        {
            ErrorDetails = new ErrorDetails($"AWS answered {exception.ErrorCode} ({(int)exception.StatusCode}): {exception.Message}"),
        };
    }

    public static (string ErrorId, ErrorCategory Category) ForProblem(ServiceLookupProblem problem) => problem switch
    {
        ServiceLookupProblem.ClusterNotFound => ("EcsClusterNotFound", ErrorCategory.ObjectNotFound),
        ServiceLookupProblem.ServiceNotFound => ("EcsServiceNotFound", ErrorCategory.ObjectNotFound),
        ServiceLookupProblem.AccessDenied => ("AwsAccessDenied", ErrorCategory.PermissionDenied),
        ServiceLookupProblem.Throttled => ("AwsThrottled", ErrorCategory.LimitsExceeded),
        _ => ("AwsRequestFailed", ErrorCategory.InvalidOperation),
    };

    public static Exception ExceptionFor(ServiceLookupProblem problem, string message) => problem switch
    {
        ServiceLookupProblem.ClusterNotFound or ServiceLookupProblem.ServiceNotFound => new ItemNotFoundException(message),
        ServiceLookupProblem.AccessDenied => new UnauthorizedAccessException(message),
        _ => new InvalidOperationException(message),
    };
}
