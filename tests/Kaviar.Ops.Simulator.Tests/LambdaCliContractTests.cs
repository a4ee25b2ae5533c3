using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The real aws CLI against the Lambda and Secrets Manager of the seed 003 account.</summary>
public sealed class LambdaCliContractTests : IDisposable
{
    private const string Event = "{\"action\":\"run-migration\",\"target\":\"017\"}";
    private readonly SimulatedAccount _account = SimulatedAccount.Start(Seed003Scenarios.AuroraMigrationsRunner(), new ManualClock());
    private readonly CliContract _aws;
    private readonly string _outfile = Path.GetTempFileName();

    public LambdaCliContractTests() => _aws = new CliContract(_account);

    public void Dispose()
    {
        _account.Dispose();
        File.Delete(_outfile);
    }

    [Fact]
    public void Invoke_without_the_database_rule_is_an_unhandled_connect_timeout_with_the_log_tail()
    {
        var response = Invoke();

        Assert.Equal(200, response.Int("StatusCode"));
        Assert.Equal("Unhandled", response.Str("FunctionError"));
        Assert.Equal("$LATEST", response.Str("ExecutedVersion"));
        using var error = JsonDocument.Parse(File.ReadAllText(_outfile));
        Assert.Equal("Error", error.RootElement.Str("errorType"));
        Assert.Matches(@"^connect ETIMEDOUT 10\.0\.3\.\d+:5432$", error.RootElement.Str("errorMessage"));

        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Str("LogResult")));
        Assert.StartsWith("START RequestId:", log);
        Assert.Contains("ERROR\tInvoke Error", log);
        Assert.Contains("Duration: 300000.00 ms", log);
        Assert.DoesNotContain(Seed003Scenarios.DatabasePassword, log);
    }

    [Fact]
    public void Invoke_with_the_rule_runs_migration_017_and_logs_to_the_functions_log_group()
    {
        _account.Use(state => state.Ec2.AuthorizeIngressFromGroup(
            Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.DatabaseSecurityGroupName), 5432,
            Seed003Scenarios.SecurityGroupId(state, Seed003Scenarios.FunctionSecurityGroupName)));

        var response = Invoke();

        Assert.False(response.TryGetProperty("FunctionError", out _));
        Assert.Equal("{\"status\":\"success\",\"migration\":\"017\",\"message\":\"Migration 017 executed successfully\"}", File.ReadAllText(_outfile));
        var events = _aws.Json("logs", "filter-log-events", "--log-group-name", "/aws/lambda/" + Seed003Scenarios.FunctionName).Items("events");
        Assert.Contains(events, e => e.Str("message").EndsWith("INFO\tMigration 017 executed successfully", StringComparison.Ordinal));
    }

    [Fact]
    public void Invoke_of_an_unknown_function_is_ResourceNotFoundException()
    {
        var stderr = _aws.Error("lambda", "invoke", "--function-name", "aurora-migrations-runner-prod", "--payload", Event, _outfile);

        Assert.Contains("(ResourceNotFoundException)", stderr);
        Assert.Contains("function:aurora-migrations-runner-prod", stderr);
    }

    [Fact]
    public void Invoke_counts_as_mutating_in_the_call_log()
    {
        _account.Calls.Clear();

        Invoke();

        var call = Assert.Single(_account.Calls.Snapshot());
        Assert.Equal(("lambda", "Invoke", true), (call.Service, call.Action, call.IsMutating));
    }

    [Fact]
    public void ListFunctions_lists_the_function_by_name_and_arn()
    {
        var function = _aws.Json("lambda", "list-functions").Items("Functions").Single();

        Assert.Equal(Seed003Scenarios.FunctionName, function.Str("FunctionName"));
        Assert.Equal($"arn:aws:lambda:us-east-1:123456789012:function:{Seed003Scenarios.FunctionName}", function.Str("FunctionArn"));
        Assert.DoesNotContain(_account.Calls.Snapshot(), c => c.IsMutating);
    }

    [Fact]
    public void GetFunctionConfiguration_returns_the_vpc_config_and_the_environment_as_aws_does()
    {
        _account.Calls.Clear();

        var configuration = _aws.Json("lambda", "get-function-configuration", "--function-name", Seed003Scenarios.FunctionName);

        Assert.Equal(Seed003Scenarios.FunctionName, configuration.Str("FunctionName"));
        Assert.Equal(Seed003Scenarios.FunctionTimeoutSeconds, configuration.Int("Timeout"));
        Assert.Equal("Active", configuration.Str("State"));
        Assert.Equal("Successful", configuration.Str("LastUpdateStatus"));
        var vpc = configuration.GetProperty("VpcConfig");
        var (subnets, groups, vpcId) = _account.Read(s => (
            s.Ec2.Subnets.Where(n => n.Name.StartsWith("alquimista-dev-isolated-", StringComparison.Ordinal)).Select(n => n.SubnetId).ToArray(),
            new[] { Seed003Scenarios.SecurityGroupId(s, Seed003Scenarios.FunctionSecurityGroupName) },
            s.Ec2.Subnets[0].VpcId));
        Assert.Equal(subnets, vpc.Strings("SubnetIds"));
        Assert.Equal(groups, vpc.Strings("SecurityGroupIds"));
        Assert.Equal(vpcId, vpc.Str("VpcId"));
        Assert.Equal(new[] { "DB_SECRET_ARN", "NODE_ENV" },
            configuration.GetProperty("Environment").GetProperty("Variables").EnumerateObject().Select(v => v.Name).OrderBy(n => n, StringComparer.Ordinal));
        var call = Assert.Single(_account.Calls.Snapshot());
        Assert.Equal(("lambda", "GetFunctionConfiguration", false), (call.Service, call.Action, call.IsMutating));
    }

    [Fact]
    public void GetFunctionConfiguration_by_arn_matches_and_an_unknown_function_or_version_is_ResourceNotFoundException()
    {
        var arn = $"arn:aws:lambda:us-east-1:123456789012:function:{Seed003Scenarios.FunctionName}";

        Assert.Equal(arn, _aws.Json("lambda", "get-function-configuration", "--function-name", arn).Str("FunctionArn"));
        var missing = _aws.Error("lambda", "get-function-configuration", "--function-name", "aurora-migrations-runner-prod");
        Assert.Contains("(ResourceNotFoundException)", missing);
        Assert.Contains("function:aurora-migrations-runner-prod", missing);
        Assert.Contains("(ResourceNotFoundException)",
            _aws.Error("lambda", "get-function-configuration", "--function-name", Seed003Scenarios.FunctionName, "--qualifier", "7"));
    }

    [Fact]
    public void GetSecretValue_returns_the_rds_secret_by_name_or_arn()
    {
        var byName = _aws.Json("secretsmanager", "get-secret-value", "--secret-id", Seed003Scenarios.SecretName);
        var arn = byName.Str("ARN");

        Assert.Matches("^arn:aws:secretsmanager:us-east-1:123456789012:secret:alquimista/dev/aurora/credentials-[A-Za-z]{6}$", arn);
        Assert.Equal(new[] { "AWSCURRENT" }, byName.Strings("VersionStages"));
        using var secret = JsonDocument.Parse(byName.Str("SecretString"));
        Assert.Equal(Seed003Scenarios.DatabaseHost, secret.RootElement.Str("host"));
        Assert.Equal(5432, secret.RootElement.Int("port"));
        Assert.Equal(byName.Str("VersionId"), _aws.Json("secretsmanager", "get-secret-value", "--secret-id", arn).Str("VersionId"));
        var functionSecret = _account.Read(s => s.Lambda.RequireFunction(Seed003Scenarios.FunctionName).Environment["DB_SECRET_ARN"]);
        Assert.Equal(arn, functionSecret);
    }

    [Fact]
    public void ListSecrets_lists_each_secret_by_name_and_arn_without_its_value()
    {
        var entry = _aws.Json("secretsmanager", "list-secrets").Items("SecretList").Single();

        Assert.Equal(Seed003Scenarios.SecretName, entry.Str("Name"));
        Assert.StartsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:", entry.Str("ARN"));
        Assert.False(entry.TryGetProperty("SecretString", out _));
    }

    [Fact]
    public void GetSecretValue_of_an_unknown_secret_is_ResourceNotFoundException()
    {
        Assert.Contains("(ResourceNotFoundException)", _aws.Error("secretsmanager", "get-secret-value", "--secret-id", "alquimista/prod"));
    }

    private JsonElement Invoke() =>
        _aws.Json("lambda", "invoke", "--function-name", Seed003Scenarios.FunctionName, "--payload", Event, "--log-type", "Tail", _outfile);
}
