using System;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The real aws CLI asks the simulated account who it is, in the account's region and in another.</summary>
public sealed class StsCliContractTests : IDisposable
{
    private readonly SimulatedAccount _account = SimulatedAccount.Start(Scenarios.Seed001(), new ManualClock());
    private readonly CliContract _aws;

    public StsCliContractTests() => _aws = new CliContract(_account);

    public void Dispose() => _account.Dispose();

    [Fact]
    public void Get_caller_identity_names_the_accounts_id_and_an_arn_in_it()
    {
        var identity = _aws.Json("sts", "get-caller-identity");

        Assert.Equal(_account.AccountId, identity.Str("Account"));
        Assert.StartsWith($"arn:aws:iam::{_account.AccountId}:", identity.Str("Arn"));
        Assert.False(string.IsNullOrEmpty(identity.Str("UserId")));
    }
}
