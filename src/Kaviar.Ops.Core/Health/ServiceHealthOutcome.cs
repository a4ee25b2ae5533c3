using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Health;

/// <summary>For one service asked about: its health, or the error that says why it could not be looked at.</summary>
public sealed class ServiceHealthOutcome
{
    public ServiceHealthOutcome(ServiceReference reference, EcsServiceHealth? health, OpsException? failure)
    {
        Reference = reference;
        Health = health;
        Failure = failure;
    }

    public ServiceReference Reference { get; }

    public EcsServiceHealth? Health { get; }

    public OpsException? Failure { get; }
}
