using System;
using System.IO;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// What an account file says beyond its resources reaches the module's verdicts: the README's orders-api file with a
/// CodeDeploy deployment controller, or rehearsed as an on-call role whose policy lacks the deployment history actions.
/// </summary>
public sealed class AccountFileSettingsTests
{
    [Fact]
    public void A_files_CodeDeploy_service_is_refused_by_Start_EcsDeployment()
    {
        using var rehearsal = Rehearse(file => file["services"]![0]!["deploymentController"] = JsonNode.Parse("""{ "type": "CODE_DEPLOY" }"""));

        var error = rehearsal.Session.CatchTerminatingError("Start-EcsDeployment orders orders-api -ForceNewDeployment -Confirm:$false");

        Assert.NotNull(error);
        Assert.StartsWith("EcsDeploymentControllerNotEcs,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("is deployed by AWS CodeDeploy (deploymentController CODE_DEPLOY)", error.Exception.Message);
        Assert.Equal(0, rehearsal.Account.Calls.CountMutating());
    }

    [Fact]
    public void A_files_deny_list_makes_Get_EcsDeploymentHistory_fall_back_with_its_warning()
    {
        using var rehearsal = Rehearse(file => file["iam"] = JsonNode.Parse("""{ "deny": [ "ecs:ListServiceDeployments", "logs:FilterLogEvents" ] }"""));

        var history = rehearsal.Session.Invoke("Get-EcsDeploymentHistory orders orders-api");

        Assert.Null(history.Terminating);
        Assert.Equal("orders-api:1", (string)Assert.Single(history.Output).Properties["TaskDefinition"].Value);
        var warning = Assert.Single(history.Warnings);
        Assert.Contains("AWS denied ecs:ListServiceDeployments", warning);
        Assert.Contains("only its current deployments", warning);
    }

    /// <summary>The account of scenarios/orders-api.json as <paramref name="change"/> leaves it, and a module session on it.</summary>
    private static Rehearsal Rehearse(Action<JsonObject> change)
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("scenarios", "orders-api.json")))!.AsObject();
        change(file);
        var account = SimulatedAccount.Start(AccountFile.Parse(file.ToJsonString()).Scenario(), new ManualClock());
        var session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
        account.Calls.Clear();
        return new Rehearsal(account, session);
    }

    private sealed record Rehearsal(SimulatedAccount Account, ModuleSession Session) : IDisposable
    {
        public void Dispose()
        {
            Session.Dispose();
            Account.Dispose();
        }
    }
}
