namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>Placeholder until the Ecs state model lands.</summary>
public sealed class EcsState
{
    public EcsState(AccountState account) => Account = account;

    public AccountState Account { get; }
}
