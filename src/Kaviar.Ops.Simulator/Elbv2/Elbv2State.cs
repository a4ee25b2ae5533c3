namespace Kaviar.Ops.Simulator.Elbv2;

/// <summary>Placeholder until the Elbv2 state model lands.</summary>
public sealed class Elbv2State
{
    public Elbv2State(AccountState account) => Account = account;

    public AccountState Account { get; }
}
