using System;
using System.Linq;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// The real aws CLI on seed 003's migrations runner: UpdateFunctionConfiguration refuses Lambda's reserved keys with
/// AWS's own words (seed 003's AWS_REGION) and checks the timeout's range; the environment shows in the
/// configuration; tags keep keys that differ only in case.
/// </summary>
public sealed class LambdaConfigurationCliContractTests : IDisposable
{
    private const string Function = Seed003Scenarios.FunctionName;
    private readonly SimulatedAccount account = SimulatedAccount.Start(Seed003Scenarios.AuroraMigrationsRunner(), new ManualClock());
    private readonly CliContract aws;

    public LambdaConfigurationCliContractTests() => aws = new CliContract(account);

    public void Dispose() => account.Dispose();

    private string FunctionArn => aws.Json("lambda", "get-function-configuration", "--function-name", Function).Str("FunctionArn");

    [Fact]
    public void Setting_AWS_REGION_is_refused_with_lambda_s_message_and_changes_nothing()
    {
        var error = aws.Error("lambda", "update-function-configuration", "--function-name", Function,
            "--environment", "Variables={AWS_REGION=us-east-1,NODE_ENV=dev}");

        Assert.Contains("(InvalidParameterValueException)", error);
        Assert.Contains("Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys " +
            "that are currently not supported for modification. Reserved keys used in this request: AWS_REGION", error);
        var variables = aws.Json("lambda", "get-function-configuration", "--function-name", Function).GetProperty("Environment").GetProperty("Variables");
        Assert.Equal(new[] { "DB_SECRET_ARN", "NODE_ENV" }, variables.EnumerateObject().Select(v => v.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void An_allowed_environment_and_timeout_are_applied_and_a_timeout_over_900_is_refused()
    {
        var updated = aws.Json("lambda", "update-function-configuration", "--function-name", Function, "--timeout", "600",
            "--environment", "Variables={NODE_OPTIONS=--enable-source-maps}");

        Assert.Equal(600, updated.Int("Timeout"));
        Assert.Equal("--enable-source-maps", updated.GetProperty("Environment").GetProperty("Variables").Str("NODE_OPTIONS"));
        Assert.Contains("(InvalidParameterValueException)", aws.Error("lambda", "update-function-configuration", "--function-name", Function, "--timeout", "901"));
        Assert.Equal(600, aws.Json("lambda", "get-function-configuration", "--function-name", Function).Int("Timeout"));
    }

    [Fact]
    public void Tags_keep_keys_that_differ_only_in_case()
    {
        var tagging = AwsCli.Run(account.Endpoint, account.Region, "lambda", "tag-resource", "--resource", FunctionArn, "--tags", "Project=AlquimistaAI,project=alquimista");
        Assert.True(tagging.ExitCode == 0, tagging.Stderr);

        var tags = aws.Json("lambda", "list-tags", "--resource", FunctionArn).GetProperty("Tags");
        Assert.Equal(new[] { "Project", "project" }, tags.EnumerateObject().Select(t => t.Name));
        Assert.Contains("(InvalidParameterValueException)", aws.Error("lambda", "tag-resource", "--resource", FunctionArn, "--tags", "aws:owner=me"));
    }
}
