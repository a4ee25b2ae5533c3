namespace Kaviar.Ops.Simulator.Logs;

/// <summary>Placeholder until the Logs state model lands.</summary>
public sealed class LogsState
{
    public LogsState(AccountState account) => Account = account;

    public AccountState Account { get; }
}
