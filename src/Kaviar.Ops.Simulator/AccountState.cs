using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Logs;

namespace Kaviar.Ops.Simulator;

/// <summary>Everything the simulated account holds. Guard every read and write with <see cref="SyncRoot"/>.</summary>
public sealed class AccountState
{
    public AccountState(string region, string accountId)
    {
        Region = region;
        AccountId = accountId;
        Ec2 = new Ec2State(this);
        Elbv2 = new Elbv2State(this);
        Ecs = new EcsState(this);
        Logs = new LogsState(this);
    }

    public object SyncRoot { get; } = new object();

    public string Region { get; }

    public string AccountId { get; }

    public Ec2State Ec2 { get; }

    public Elbv2State Elbv2 { get; }

    public EcsState Ecs { get; }

    public LogsState Logs { get; }
}
