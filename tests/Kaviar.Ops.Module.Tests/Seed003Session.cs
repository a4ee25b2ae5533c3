using System;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// A module session on its own seed 003 account (aurora-migrations-runner-dev in the VPC's isolated subnets, whose
/// Aurora group aurora-sg does not admit it on 5432), for the Lambda commands' tests.
/// </summary>
public abstract class Seed003Session : IDisposable
{
    protected const string Function = Seed003Scenarios.FunctionName;

    protected Seed003Session()
    {
        Account = SimulatedAccount.Start(Seed003Scenarios.AuroraMigrationsRunner(), new ManualClock());
        Session = new ModuleSession();
        Session.UseAccount(Account.Endpoint, Account.Region);
    }

    protected SimulatedAccount Account { get; }

    protected ModuleSession Session { get; }

    public void Dispose()
    {
        Session.Dispose();
        Account.Dispose();
        GC.SuppressFinalize(this);
    }
}
