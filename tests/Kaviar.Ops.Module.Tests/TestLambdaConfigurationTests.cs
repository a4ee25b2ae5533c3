using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Test-LambdaConfiguration on seed 003: the deployed runner live (its database group does not admit it; its timeout is
/// shorter than a long migration needs), and the configuration that first failed to deploy, checked offline.
/// </summary>
public sealed class TestLambdaConfigurationTests : Seed003Session
{
    /// <summary>Seed 003's first try, as the CDK stack would have created it: AWS_REGION set, and tags in two spellings.</summary>
    private const string FirstTry = """
        {
          "FunctionName": "aurora-migrations-runner-dev",
          "Runtime": "nodejs20.x",
          "Role": "arn:aws:iam::207933152643:role/lambda-execution-role",
          "Handler": "index.handler",
          "Timeout": 300,
          "MemorySize": 512,
          "Environment": { "Variables": { "DB_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:207933152643:secret:alquimista/dev/aurora-AbCdEf", "AWS_REGION": "us-east-1", "NODE_OPTIONS": "--enable-source-maps" } },
          "Tags": { "project": "alquimista", "env": "dev", "Project": "AlquimistaAI", "Environment": "dev" }
        }
        """;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"runner-{Guid.NewGuid():N}.json");

    public TestLambdaConfigurationTests() => File.WriteAllText(path, FirstTry);

    private static string[] Codes(PSObject report) =>
        ((System.Collections.IEnumerable)report.Properties["Findings"].Value).Cast<object>().Select(f => PSObject.AsPSObject(f).Properties["Code"].Value.ToString()!).ToArray();

    [Fact]
    public void The_deployed_runner_fails_on_its_timeout_and_its_database_link_with_their_fixes()
    {
        var result = Session.Invoke("Test-LambdaConfiguration $args[0] -Database $args[1] -MinimumTimeout 600", Function, Seed003Scenarios.DatabaseClusterIdentifier);

        Assert.Null(result.Terminating);
        var report = Assert.Single(result.Output);
        Assert.Equal(new[] { "Lint.LambdaTimeoutTooShort", "Lint.LambdaNetworkPath.FunctionToDatabase" }, Codes(report));
        Assert.False((bool)report.Properties["Passed"].Value);
        Assert.Equal("us-east-1", report.Properties["Region"].Value);
        Assert.Empty((System.Collections.IEnumerable)report.Properties["Skipped"].Value);
        var fixes = ((System.Collections.IEnumerable)report.Properties["Findings"].Value).Cast<object>().Select(f => PSObject.AsPSObject(f).Properties["FixLine"].Value).ToArray();
        Assert.Equal($"aws lambda update-function-configuration --function-name {Function} --timeout 600", fixes[0]);
        Assert.Equal("Repair-DatabaseIngress -SourceSecurityGroup aurora-migrations-runner-sg -Database alquimista-dev -Region us-east-1", fixes[1]);
        Assert.Equal(0, Account.Calls.CountMutating());
    }

    [Fact]
    public void Tags_differing_only_in_case_on_the_deployed_function_are_a_warning()
    {
        var arn = Account.Read(state => state.Lambda.RequireFunction(Function).Arn);
        var tagging = AwsCli.Run(Account.Endpoint, Account.Region, "lambda", "tag-resource", "--resource", arn, "--tags", "Project=AlquimistaAI,project=alquimista");
        Assert.True(tagging.ExitCode == 0, tagging.Stderr);

        var report = Assert.Single(Session.Invoke("[pscustomobject]@{ FunctionName = $args[0] } | Test-LambdaConfiguration -Severity Warning", Function).Output);

        Assert.Equal(new[] { "Lint.LambdaDuplicateTagKeys" }, Codes(report));
        Assert.True((bool)report.Properties["Passed"].Value);
    }

    [Fact]
    public void Seed_003_s_first_configuration_is_checked_offline_with_no_aws_call()
    {
        Account.Calls.Clear();

        var report = Assert.Single(Session.Invoke("Test-LambdaConfiguration -Path $args[0] -MinimumTimeout 300", path).Output);

        // project and Project collide; env and Environment are two keys even to IAM.
        Assert.Equal(new[] { "Lint.LambdaReservedEnvironmentName", "Lint.LambdaDuplicateTagKeys" }, Codes(report));
        Assert.False((bool)report.Properties["Passed"].Value);
        Assert.Equal(path, report.Properties["Path"].Value);
        Assert.Contains(((System.Collections.IEnumerable)report.Properties["Skipped"].Value).Cast<object>(), s => s.ToString()!.StartsWith("LambdaNetworkPath:"));
        Assert.Empty(Account.Calls.Snapshot());
    }

    [Fact]
    public void The_view_quotes_lambda_s_refusal()
    {
        var rendered = Session.Render("Test-LambdaConfiguration -Path $args[0]", path);

        Assert.Contains("Error Lint.LambdaReservedEnvironmentName: Function aurora-migrations-runner-dev sets AWS_REGION", rendered);
        Assert.Contains("Reserved keys used in this request: AWS_REGION", rendered);
    }

    [Fact]
    public void A_function_arn_of_another_region_is_looked_up_there()
    {
        var error = Session.CatchTerminatingError("Test-LambdaConfiguration $args[0]", $"arn:aws:lambda:eu-west-1:{Account.AccountId}:function:{Function}");

        Assert.NotNull(error);
        Assert.StartsWith("LambdaFunctionNotFound,", error!.FullyQualifiedErrorId);
        Assert.Contains("eu-west-1", error.Exception.Message);
        Assert.Contains(Account.Calls.Snapshot(), c => c.Action == "GetFunctionConfiguration" && c.Region == "eu-west-1");
    }
}
