using Amazon.Runtime;
using Kaviar.Ops.Ecs;

namespace Kaviar.Ops.Health;

public enum ServiceLookupProblem
{
    ClusterNotFound,
    ServiceNotFound,
    AccessDenied,
    Throttled,
    AwsError,
}

/// <summary>Sorts AWS service errors into the few kinds a command reports differently.</summary>
public static class ServiceLookupProblems
{
    public static ServiceLookupProblem FromAwsError(AmazonServiceException exception) => exception.ErrorCode switch
    {
        "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "UnrecognizedClientException"
            or "InvalidClientTokenId" or "ExpiredTokenException" or "ExpiredToken" => ServiceLookupProblem.AccessDenied,
        "ThrottlingException" or "Throttling" or "RequestLimitExceeded" or "TooManyRequestsException" => ServiceLookupProblem.Throttled,
        _ => ServiceLookupProblem.AwsError,
    };
}

/// <summary>For one service asked about: its health, or why it could not be looked at.</summary>
public sealed class ServiceHealthOutcome
{
    private ServiceHealthOutcome(ServiceReference reference, EcsServiceHealth? health, ServiceLookupProblem? problem, string? message)
    {
        Reference = reference;
        Health = health;
        Problem = problem;
        Message = message;
    }

    public ServiceReference Reference { get; }

    public EcsServiceHealth? Health { get; }

    public ServiceLookupProblem? Problem { get; }

    public string? Message { get; }

    public static ServiceHealthOutcome Reported(ServiceReference reference, EcsServiceHealth health) =>
        new ServiceHealthOutcome(reference, health, null, null);

    public static ServiceHealthOutcome Failed(ServiceReference reference, ServiceLookupProblem problem, string message) =>
        new ServiceHealthOutcome(reference, null, problem, message);
}
