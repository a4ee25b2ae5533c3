using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Lint.Lambda;
using Kaviar.Ops.Network;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Lint;

/// <summary>The Lambda configuration rules one at a time, on seed 003's migrations runner as its fixed stack deploys it.</summary>
public sealed class LambdaRulesTests
{
    private const string FixedRunner = """
        {
          "FunctionName": "aurora-migrations-runner-dev",
          "Runtime": "nodejs20.x",
          "Timeout": 300,
          "Environment": { "Variables": { "DB_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:207933152643:secret:alquimista/dev/aurora-AbCdEf", "NODE_OPTIONS": "--enable-source-maps" } },
          "VpcConfig": { "SubnetIds": ["subnet-1", "subnet-2"], "SecurityGroupIds": ["sg-1"] },
          "Tags": { "Project": "AlquimistaAI", "Environment": "dev", "Component": "AuroraMigrationsRunner", "ManagedBy": "CDK" }
        }
        """;

    private static LambdaConfigurationReport Check(string json, int? minimumTimeout = 300, IReadOnlyList<NetworkPathCheck>? network = null)
    {
        var subject = LambdaConfigurationChecker.Parse(json, "runner.json", minimumTimeout);
        subject.NetworkChecks = network;
        return LambdaConfigurationChecker.Check(subject, FindingSeverity.Info);
    }

    private static string[] Codes(LambdaConfigurationReport report) => report.Findings.Select(f => f.Code).ToArray();

    [Fact]
    public void The_fixed_runner_passes_and_only_the_live_network_rule_is_skipped()
    {
        var report = Check(FixedRunner);

        Assert.Empty(report.Findings);
        Assert.True(report.Passed);
        Assert.Equal(new[] { "LambdaNetworkPath" }, report.Skipped.Select(s => s.Substring(0, s.IndexOf(':'))));
    }

    [Fact]
    public void Seed_003_s_AWS_REGION_is_an_error_quoting_lambda_s_refusal()
    {
        var report = Check(FixedRunner.Replace("\"NODE_OPTIONS\"", "\"AWS_REGION\": \"us-east-1\", \"NODE_OPTIONS\""));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("Lint.LambdaReservedEnvironmentName", finding.Code);
        Assert.Equal("Error", finding.Severity);
        Assert.Contains("Reserved keys used in this request: AWS_REGION", finding.Message);
        Assert.False(report.Passed);
    }

    [Theory]
    [InlineData("AWS_DEFAULT_REGION")]
    [InlineData("AWS_LAMBDA_FUNCTION_NAME")]
    [InlineData("_HANDLER")]
    [InlineData("LAMBDA_TASK_ROOT")]
    public void Every_documented_reserved_name_is_refused(string name)
    {
        Assert.Equal(new[] { "Lint.LambdaReservedEnvironmentName" }, Codes(Check(FixedRunner.Replace("\"NODE_OPTIONS\"", $"\"{name}\": \"x\", \"NODE_OPTIONS\""))));
    }

    [Fact]
    public void Names_lambda_lets_a_function_extend_are_not_reserved()
    {
        Assert.Empty(Check(FixedRunner.Replace("\"NODE_OPTIONS\"", "\"PATH\": \"/opt/bin\", \"LANG\": \"C\", \"NODE_OPTIONS\"")).Findings);
    }

    [Fact]
    public void Seed_003_s_tag_keys_differing_only_in_case_are_flagged()
    {
        var report = Check(FixedRunner.Replace("\"ManagedBy\": \"CDK\"", "\"ManagedBy\": \"CDK\", \"project\": \"alquimista\", \"managed-by\": \"cdk\""));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("Lint.LambdaDuplicateTagKeys", finding.Code);
        Assert.Contains("Project, project", finding.Message);
    }

    [Fact]
    public void A_get_function_answer_is_read_with_its_tags_beside_the_configuration()
    {
        var described = "{ \"Configuration\": { \"FunctionName\": \"runner\", \"Timeout\": 300 }, \"Tags\": { \"env\": \"dev\", \"Env\": \"dev\" } }";

        Assert.Equal(new[] { "Lint.LambdaDuplicateTagKeys" }, Codes(Check(described)));
    }

    [Theory]
    [InlineData(300, 600, true)]
    [InlineData(null, 60, true)]
    [InlineData(300, 300, false)]
    public void A_timeout_shorter_than_the_work_needs_is_an_error(int? timeout, int needed, bool flagged)
    {
        var json = timeout == null ? FixedRunner.Replace("\"Timeout\": 300,", "") : FixedRunner.Replace("\"Timeout\": 300", $"\"Timeout\": {timeout}");

        Assert.Equal(flagged, Codes(Check(json, needed)).Contains("Lint.LambdaTimeoutTooShort"));
    }

    [Fact]
    public void Without_minimum_timeout_the_timeout_rule_is_skipped()
    {
        Assert.Contains(Check(FixedRunner, minimumTimeout: null).Skipped, s => s.StartsWith("LambdaTimeoutTooShort:"));
    }

    [Fact]
    public void A_password_in_the_environment_is_flagged_without_its_value()
    {
        var report = Check(FixedRunner.Replace("\"NODE_OPTIONS\"", "\"DB_PASSWORD\": \"hunter2-dev\", \"NODE_OPTIONS\""));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("Lint.LambdaSecretInEnvironment", finding.Code);
        Assert.DoesNotContain("hunter2", System.Text.Json.JsonSerializer.Serialize(report));
    }

    [Fact]
    public void Each_failed_network_link_is_a_finding_with_the_link_s_fix()
    {
        var failed = new NetworkPathCheck
        {
            Link = NetworkPathLinks.FunctionToDatabase, Passed = false,
            Finding = new Finding(NetworkPathLinks.FunctionToDatabase, FindingSeverity.Error, "aurora-sg does not admit the function on 5432.",
                Suggest.RepairDatabaseIngressOf("us-east-1", "aurora-migrations-runner-sg", "alquimista-dev")),
        };
        var passed = new NetworkPathCheck { Link = NetworkPathLinks.SubnetEgress, Passed = true };

        var finding = Assert.Single(Check(FixedRunner, network: new[] { failed, passed }).Findings);
        Assert.Equal("Lint.LambdaNetworkPath.FunctionToDatabase", finding.Code);
        Assert.StartsWith("Repair-DatabaseIngress -SourceSecurityGroup aurora-migrations-runner-sg", finding.FixLine);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{ \"Timeout\": 3 }")]
    [InlineData("{ \"FunctionName\": \"x\", \"Timeout\": \"long\" }")]
    public void A_file_that_is_not_a_function_configuration_is_refused(string json)
    {
        Assert.Equal(ErrorTable.ConfigurationFileInvalid, Assert.Throws<OpsException>(() => LambdaConfigurationChecker.Parse(json, "bad.json", null)).Code);
    }
}
