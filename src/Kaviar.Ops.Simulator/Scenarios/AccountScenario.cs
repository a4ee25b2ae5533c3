using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// How to build a simulated account: region, account id, and steps that create its resources. The steps
/// run <see cref="History"/> before the clock's now and the account then lives through that history, so
/// it starts with tasks already stopped, events written and logs shipped.
/// </summary>
public sealed class AccountScenario
{
    private readonly IReadOnlyList<Action<AccountState>> _steps;

    private AccountScenario(string name, string region, string accountId, TimeSpan history, int idSeed, IReadOnlyList<Action<AccountState>> steps)
    {
        Name = name;
        Region = region;
        AccountId = accountId;
        History = history;
        IdSeed = idSeed;
        _steps = steps;
    }

    public string Name { get; }

    public string Region { get; }

    public string AccountId { get; }

    /// <summary>How long before "now" the resources were created.</summary>
    public TimeSpan History { get; }

    /// <summary>Seeds generated ids, so the same scenario gives the same task ids on every run.</summary>
    public int IdSeed { get; }

    public static AccountScenario Named(string name) =>
        new(name, "us-east-2", "123456789012", TimeSpan.Zero, 1, Array.Empty<Action<AccountState>>());

    public AccountScenario InRegion(string region) => new(Name, region, AccountId, History, IdSeed, _steps);

    public AccountScenario ForAccount(string accountId) => new(Name, Region, accountId, History, IdSeed, _steps);

    public AccountScenario WithHistory(TimeSpan history) => new(Name, Region, AccountId, history, IdSeed, _steps);

    public AccountScenario WithIdSeed(int idSeed) => new(Name, Region, AccountId, History, idSeed, _steps);

    /// <summary>Adds a building step; steps run in order, with the simulated clock at the start of the history.</summary>
    public AccountScenario With(Action<AccountState> step) => new(Name, Region, AccountId, History, IdSeed, _steps.Append(step).ToList());

    /// <summary>Creates the account state and lives through the history up to <paramref name="clock"/>'s now.</summary>
    public AccountState Build(IClock clock)
    {
        var state = new AccountState(Region, AccountId, clock, IdSeed);
        lock (state.SyncRoot)
        {
            state.Timeline.RewindTo(clock.UtcNow - History);
            foreach (var step in _steps)
            {
                step(state);
            }

            state.Settle();
        }

        return state;
    }
}
