using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Simulator;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Invoke-LambdaMigration against the seed 003 account: aurora-migrations-runner-dev in the VPC's isolated subnets,
/// whose security group aurora-sg does not admit on 5432 until the test adds the rule.
/// </summary>
public sealed class InvokeLambdaMigrationTests : Seed003Session
{
    private const string Command = "Invoke-LambdaMigration -FunctionName $args[0] -Target 017";

    [Fact]
    public void Without_the_5432_rule_the_function_times_out_connecting_and_the_error_points_at_the_security_groups()
    {
        var error = Session.CatchTerminatingError(Command, Function);

        Assert.NotNull(error);
        Assert.Equal("LambdaMigrationFunctionError,Kaviar.Ops.Cmdlets.InvokeLambdaMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Matches(@"connect ETIMEDOUT 10\.0\.3\.\d+:5432", error.Exception.Message);
        var groups = Account.Read(state => (Function: Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.FunctionSecurityGroupName), Database: Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName)));
        Assert.Contains($"Repair-DatabaseIngress -SourceSecurityGroup {groups.Function} -DatabaseSecurityGroup {groups.Database} -Port 5432", error.Exception.Message);
        Assert.Contains($"Test-LambdaNetworkPath -FunctionName {Function} -DatabaseSecurityGroup {groups.Database}", error.Exception.Message);

        var result = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal("Unhandled", result.Properties["FunctionError"].Value);
        Assert.Equal(200, result.Properties["StatusCode"].Value);
        Assert.False((bool)result.Properties["Succeeded"].Value);
        var log = ((IEnumerable<string>)result.Properties["LogTail"].Value).ToList();
        Assert.StartsWith("START RequestId:", log[0]);
        Assert.Contains(log, line => line.StartsWith("REPORT RequestId:", StringComparison.Ordinal) && line.Contains("Duration: 300000.00 ms"));
        Assert.DoesNotContain("017", Account.Read(Seed003Scenarios.Runner).Applied);
    }

    [Fact]
    public void With_the_rule_migration_017_runs_and_returns_the_runners_success()
    {
        AdmitFunctionOn5432();

        var result = Session.Invoke(Command + " -Verbose", Function);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var run = Assert.Single(result.Output);
        Assert.Equal("success", run.Properties["Status"].Value);
        Assert.Equal("017", run.Properties["Migration"].Value);
        Assert.Equal("Migration 017 executed successfully", run.Properties["Message"].Value);
        Assert.Equal("{\"action\":\"run-migration\",\"target\":\"017\"}", run.Properties["Payload"].Value);
        Assert.Equal("{\"status\":\"success\",\"migration\":\"017\",\"message\":\"Migration 017 executed successfully\"}", run.Properties["ResponsePayload"].Value);
        Assert.Equal("us-east-1", run.Properties["Region"].Value);
        Assert.Null(run.Properties["FunctionError"].Value);
        Assert.True((bool)run.Properties["Succeeded"].Value);
        Assert.Contains(result.Verbose, line => line.StartsWith($"[{Function}]", StringComparison.Ordinal) && line.Contains("Migration 017 executed successfully"));
        Assert.Contains("017", Account.Read(Seed003Scenarios.Runner).Applied);
        Assert.Equal(1, Account.Calls.Snapshot().Count(c => c.Service == "lambda" && c.Action == "Invoke"));

        var rendered = Session.Render(Command, Function);
        Assert.Contains("Migration 017 executed successfully", rendered);
    }

    [Fact]
    public void A_runner_that_catches_its_own_timeout_gets_the_same_pointer_at_the_real_groups()
    {
        var address = Account.Read(state => state.Ec2.NetworkInterfaces.Single(n => n.Description == "RDSNetworkInterface").PrivateIpAddress);
        Account.Use(state => Seed003Scenarios.Runner(state).Failures["017"] = $"connect ETIMEDOUT {address}:5432");
        AdmitFunctionOn5432();

        var error = Session.CatchTerminatingError(Command, Function);

        Assert.Equal("LambdaMigrationFailed,Kaviar.Ops.Cmdlets.InvokeLambdaMigrationCommand", error!.FullyQualifiedErrorId);
        var database = Account.Read(state => Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName));
        Assert.Contains($"-DatabaseSecurityGroup {database} -Port 5432", error.Exception.Message);
        Assert.Contains($"timed out", error.Exception.Message);
    }

    [Fact]
    public void Ctrl_C_during_a_repair_says_the_change_may_have_been_made_and_how_to_find_out()
    {
        var (functionGroup, databaseGroup) = Account.Read(state => (
            Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.FunctionSecurityGroupName),
            Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName)));
        Account.Faults.Add(new FaultRule { Service = "ec2", Action = "AuthorizeSecurityGroupIngress", Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(5) });
        var before = Session.HostOutput.ToString()!.Length;

        Session.InvokeAndStop(TimeSpan.FromSeconds(2), "Repair-DatabaseIngress -SourceSecurityGroup $args[0] -DatabaseSecurityGroup $args[1] -Port 5432 -Confirm:$false",
            functionGroup, databaseGroup);

        var said = Session.HostOutput.ToString()!.Substring(before);
        Assert.Contains("Stopped during", said);
        Assert.Contains("may have been made. Run the same command again", said);
    }

    [Fact]
    public void A_lost_answer_is_outcome_unknown_and_the_function_ran_exactly_once()
    {
        AdmitFunctionOn5432();
        Account.Faults.Add(new FaultRule { Service = "lambda", Action = "Invoke", Kind = FaultKind.DropResponse, Times = 5 });

        var error = Session.CatchTerminatingError(Command, Function);

        Assert.NotNull(error);
        Assert.Equal("LambdaMigrationOutcomeUnknown,Kaviar.Ops.Cmdlets.InvokeLambdaMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains($"aws logs tail /aws/lambda/{Function} --since 20m --region us-east-1", error.Exception.Message);
        Assert.Contains("Do not invoke it again", error.Exception.Message);
        Assert.Equal(1, Account.Calls.Snapshot().Count(c => c.Service == "lambda" && c.Action == "Invoke"));
        Assert.Equal(new[] { "017" }, Account.Read(Seed003Scenarios.Runner).Applied.Where(m => m == "017"));
    }

    [Fact]
    public void A_migration_the_runner_reports_as_failed_is_a_terminating_error_even_though_the_invocation_succeeded()
    {
        AdmitFunctionOn5432();
        Account.Use(state => Seed003Scenarios.Runner(state).Failures["017"] = "relation \"dry_run_log\" already exists");

        var error = Session.CatchTerminatingError("Invoke-LambdaMigration $args[0] -Payload '{\"action\":\"run-migration\",\"target\":\"017\"}'", Function);

        Assert.NotNull(error);
        Assert.Equal("LambdaMigrationFailed,Kaviar.Ops.Cmdlets.InvokeLambdaMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Contains("relation \"dry_run_log\" already exists", error.Exception.Message);
        var result = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal("error", result.Properties["Status"].Value);
        Assert.Null(result.Properties["FunctionError"].Value);
    }

    [Fact]
    public void An_unknown_function_is_not_found()
    {
        var error = Session.CatchTerminatingError(Command, "aurora-migrations-runner-prod");

        Assert.NotNull(error);
        Assert.Equal("LambdaFunctionNotFound,Kaviar.Ops.Cmdlets.InvokeLambdaMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("aurora-migrations-runner-prod", error.Exception.Message);
    }

    [Fact]
    public void Invalid_payload_is_refused_before_any_call()
    {
        Account.Calls.Clear();

        var error = Session.CatchTerminatingError("Invoke-LambdaMigration $args[0] -Payload '{action:run}'", Function);

        Assert.Equal("LambdaMigrationInvalidPayload,Kaviar.Ops.Cmdlets.InvokeLambdaMigrationCommand", error!.FullyQualifiedErrorId);
        Assert.Empty(Account.Calls.Snapshot());
    }

    [Fact]
    public void A_secret_in_the_payload_appears_in_no_stream_output_or_error()
    {
        const string Secret = "hunter2-payload-secret";
        AdmitFunctionOn5432();
        var payload = "{\"action\":\"run-migration\",\"target\":\"017\",\"db\":{\"password\":\"" + Secret + "\"}}";

        var whatIf = Session.Invoke("Invoke-LambdaMigration $args[0] -Payload $args[1] -WhatIf -Verbose", Function, payload);
        // CLIXML (what Export-Clixml writes) of the result and of the error record, target object included.
        var run = Session.Invoke("Invoke-LambdaMigration $args[0] -Payload $args[1] -Verbose -Confirm:$false | ForEach-Object { [System.Management.Automation.PSSerializer]::Serialize($_, 5) }", Function, payload);
        var failed = Session.Invoke("try { Invoke-LambdaMigration ghost-function -Payload $args[0] -Confirm:$false } catch { [System.Management.Automation.PSSerializer]::Serialize($_, 5) }", payload);

        Assert.Null(run.Terminating);
        Assert.Contains("\"password\":\"***\"", run.AllText());
        Assert.DoesNotContain(Secret, whatIf.AllText() + run.AllText() + failed.AllText() + Session.HostOutput);
    }

    [Fact]
    public void WhatIf_shows_the_function_and_payload_and_invokes_nothing()
    {
        AdmitFunctionOn5432();
        Account.Calls.Clear();

        var result = Session.Invoke(Command + " -WhatIf", Function);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Empty(Account.Calls.Snapshot());
        Assert.Equal(0, Account.Calls.CountMutating());
        var rendered = Session.HostOutput.ToString()!;
        Assert.Contains($"Lambda function {Function} in us-east-1", rendered);
        Assert.Contains("{\"action\":\"run-migration\",\"target\":\"017\"}", rendered);
        Assert.DoesNotContain("017", Account.Read(Seed003Scenarios.Runner).Applied);
    }

    [Fact]
    public void Invoke_counts_as_a_mutating_call()
    {
        Account.Calls.Clear();

        Session.CatchTerminatingError(Command, Function);

        // After the invoke only reads follow: the function's groups and the database's, for the fix.
        var calls = Account.Calls.Snapshot();
        Assert.Equal(("lambda", "Invoke", true), (calls[0].Service, calls[0].Action, calls[0].IsMutating));
        Assert.Equal(1, Account.Calls.CountMutating());
    }

    [Fact]
    public void The_database_password_appears_in_no_stream_either_way()
    {
        var broken = Session.Invoke(Command + " -Verbose -Debug", Function);
        AdmitFunctionOn5432();
        var fixedRun = Session.Invoke(Command + " -Verbose -Debug", Function);

        Assert.Equal("LambdaMigrationFunctionError,Kaviar.Ops.Cmdlets.InvokeLambdaMigrationCommand", Assert.Single(broken.Errors).FullyQualifiedErrorId);
        Assert.Empty(fixedRun.Errors);
        foreach (var text in new[] { broken.AllText(), fixedRun.AllText(), Session.Render(Command, Function), Session.HostOutput.ToString()! })
        {
            Assert.DoesNotContain(Seed003Scenarios.DatabasePassword, text);
        }
    }

    [Fact]
    public void Seed_003_is_fixed_with_the_module_the_rule_is_added_once_and_017_runs()
    {
        var (functionGroup, databaseGroup) = Account.Read(state => (
            Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.FunctionSecurityGroupName),
            Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName)));
        const string Repair = "Repair-DatabaseIngress -SourceSecurityGroup $args[0] -DatabaseSecurityGroup $args[1] -Port 5432 -Confirm:$false";

        Assert.NotNull(Session.CatchTerminatingError(Command, Function));
        var first = Assert.Single(Session.Invoke(Repair, functionGroup, databaseGroup).Output);
        Account.Calls.Clear();
        var second = Assert.Single(Session.Invoke(Repair, functionGroup, databaseGroup).Output);
        var run = Session.Invoke(Command, Function);

        Assert.Equal("Applied", first.Properties["Status"].Value.ToString());
        Assert.Equal("AlreadyInPlace", second.Properties["Status"].Value.ToString());
        Assert.Equal(1, Account.Calls.CountMutating()); // the Invoke only
        Assert.Empty(run.Errors);
        Assert.Equal("success", Assert.Single(run.Output).Properties["Status"].Value);
    }

    [Fact]
    public void Seed_003_is_fixed_by_naming_the_Aurora_cluster_its_group_and_port_come_from_RDS()
    {
        var functionGroup = Account.Read(state => Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.FunctionSecurityGroupName));
        var databaseGroup = Account.Read(state => Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName));

        var planned = Session.Invoke("Repair-DatabaseIngress -SourceSecurityGroup $args[0] -Database alquimista-dev -WhatIf", functionGroup);
        var applied = Session.Invoke("Repair-DatabaseIngress -SourceSecurityGroup $args[0] -DBClusterIdentifier alquimista-dev -Confirm:$false", functionGroup);
        var missing = Session.Invoke("Repair-DatabaseIngress -SourceSecurityGroup $args[0] -Database alquimista-gone -Confirm:$false", functionGroup);

        Assert.Equal("Planned", Assert.Single(planned.Output).Properties["Status"].Value.ToString());
        var step = Assert.Single(applied.Output);
        Assert.Equal(("Applied", databaseGroup, 5432), (step.Properties["Status"].Value.ToString(), step.Properties["GroupId"].Value, step.Properties["Port"].Value));
        Assert.Equal("DatabaseNotFound,Kaviar.Ops.Cmdlets.RepairDatabaseIngressCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
        Assert.Equal("success", Assert.Single(Session.Invoke(Command, Function).Output).Properties["Status"].Value);
    }

    private void AdmitFunctionOn5432()
    {
        lock (Account.State.SyncRoot)
        {
            var state = Account.State;
            state.Ec2.AuthorizeIngressFromGroup(
                Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName),
                Seed003Scenarios.DatabasePort,
                Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.FunctionSecurityGroupName));
        }
    }
}
