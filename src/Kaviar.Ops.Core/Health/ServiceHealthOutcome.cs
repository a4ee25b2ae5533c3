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
