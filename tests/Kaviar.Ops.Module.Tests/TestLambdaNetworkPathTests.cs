using System;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Simulator;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Test-LambdaNetworkPath against the seed 003 account: the migrations runner in the isolated subnets, whose Aurora
/// group does not admit it on 5432, and a Secrets Manager interface endpoint that does admit it on 443.
/// </summary>
public sealed class TestLambdaNetworkPathTests : Seed003Session
{
    private const string Command = "Test-LambdaNetworkPath $args[0] -Database $args[1]";

    private static string Property(PSObject check, string name) => check.Properties[name].Value?.ToString() ?? "";

    [Fact]
    public void Seed_003_fails_on_the_database_link_its_fix_repairs_it_and_then_every_link_passes()
    {
        var before = Session.Invoke(Command, Function, Seed003Scenarios.DatabaseClusterIdentifier);

        Assert.Null(before.Terminating);
        Assert.Empty(before.Errors);
        Assert.Equal(new[] { "FunctionVpc", "FunctionToDatabase", "NetworkAcls", "SubnetEgress", "SubnetEgress" }, before.Output.Select(c => Property(c, "Link")));
        Assert.All(before.Output, c => Assert.Equal(Function, Property(c, "FunctionName")));
        Assert.All(before.Output, c => Assert.Equal("us-east-1", Property(c, "Region")));
        var failed = Assert.Single(before.Output, c => !(bool)c.Properties["Passed"].Value);
        Assert.Equal("FunctionToDatabase", Property(failed, "Link"));
        var fix = Property(failed, "Fix");
        Assert.Equal("Repair-DatabaseIngress -SourceSecurityGroup aurora-migrations-runner-sg -Database alquimista-dev -Region us-east-1", fix);
        Assert.Equal(0, Account.Calls.CountMutating());

        var repair = Session.Invoke(fix + " -Confirm:$false");
        Assert.Null(repair.Terminating);
        Assert.Equal("Applied", Property(Assert.Single(repair.Output), "Status"));

        var after = Session.Invoke(Command, Function, Seed003Scenarios.DatabaseClusterIdentifier);
        Assert.Equal(5, after.Output.Count);
        Assert.All(after.Output, c => Assert.True((bool)c.Properties["Passed"].Value, Property(c, "Detail")));
        Assert.All(after.Output, c => Assert.Equal("", Property(c, "Fix")));
    }

    [Fact]
    public void A_missing_function_is_LambdaFunctionNotFound_and_the_next_piped_function_is_still_checked()
    {
        var result = Session.Invoke("[pscustomobject]@{ FunctionName = 'aurora-migrations-runner-prod' }, [pscustomobject]@{ FunctionName = $args[0] } | Test-LambdaNetworkPath", Function);

        var error = Assert.Single(result.Errors);
        Assert.Equal("LambdaFunctionNotFound,Kaviar.Ops.Cmdlets.TestLambdaNetworkPathCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("aurora-migrations-runner-prod", error.Exception.Message);
        Assert.Equal(new[] { "FunctionVpc", "SubnetEgress", "SubnetEgress" }, result.Output.Select(c => Property(c, "Link")));
    }

    [Fact]
    public void The_table_view_shows_the_failed_link_and_its_fix()
    {
        var rendered = Session.Render(Command, Function, Seed003Scenarios.DatabaseClusterIdentifier);

        Assert.Contains("FunctionToDatabase", rendered);
        Assert.Contains("Repair-DatabaseIngress", rendered);
    }
}
