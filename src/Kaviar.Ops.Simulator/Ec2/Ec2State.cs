namespace Kaviar.Ops.Simulator.Ec2;

/// <summary>Placeholder until the Ec2 state model lands.</summary>
public sealed class Ec2State
{
    public Ec2State(AccountState account) => Account = account;

    public AccountState Account { get; }
}
