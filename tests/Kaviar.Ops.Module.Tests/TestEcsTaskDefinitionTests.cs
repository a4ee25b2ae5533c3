using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Test-EcsTaskDefinition on seed 004's task definition as its document shows it (image :latest, no stopTimeout, no
/// log configuration, no health check, a sidecar by tag) plus a password in plain environment and tags that differ only in case, in a
/// session pointed at a simulated account that must see no call at all.
/// </summary>
public sealed class TestEcsTaskDefinitionTests : IDisposable
{
    private const string Seed004TaskDefinition = """
        {
          "family": "go-backend",
          "requiresCompatibilities": ["FARGATE"],
          "networkMode": "awsvpc",
          "cpu": "512",
          "memory": "1024",
          "containerDefinitions": [
            {
              "name": "go-backend",
              "image": "your-ecr-repo/go-backend:latest",
              "environment": [
                { "name": "ENV", "value": "production" },
                { "name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://observability:4318" },
                { "name": "AWS_ECS_CLUSTER_NAME", "value": "tinyurl-prod" },
                { "name": "POSTGRES_PASSWORD", "value": "s3cr3t-pr0d-pa55" }
              ],
              "secrets": [{ "name": "REDIS_AUTH", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:redis-AbCdEf" }]
            },
            {
              "name": "otel-collector",
              "image": "otel/opentelemetry-collector-contrib:0.98.0",
              "essential": false,
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": { "awslogs-group": "/ecs/go-backend", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "otel" }
              }
            }
          ],
          "tags": [{ "key": "Environment", "value": "production" }, { "key": "environment", "value": "prod" }]
        }
        """;

    private readonly SimulatedAccount account = SimulatedAccount.Start(AccountScenario.Named("no-calls").InRegion("us-east-1"), new ManualClock());
    private readonly ModuleSession session = new ModuleSession();
    private readonly string path = Path.Combine(Path.GetTempPath(), $"taskdef-{Guid.NewGuid():N}.json");

    public TestEcsTaskDefinitionTests()
    {
        session.UseAccount(account.Endpoint, account.Region);
        File.WriteAllText(path, Seed004TaskDefinition);
    }

    public void Dispose()
    {
        File.Delete(path);
        session.Dispose();
        account.Dispose();
    }

    private static string[] Codes(PSObject report) =>
        ((System.Collections.IEnumerable)report.Properties["Findings"].Value).Cast<object>().Select(f => PSObject.AsPSObject(f).Properties["Code"].Value.ToString()!).ToArray();

    [Fact]
    public void Seed_004_s_task_definition_is_linted_offline_with_no_aws_call()
    {
        var result = session.Invoke("Test-EcsTaskDefinition $args[0] -MinimumStopTimeout 60", path);

        Assert.Null(result.Terminating);
        var report = Assert.Single(result.Output);
        Assert.False((bool)report.Properties["Passed"].Value);
        Assert.Equal(path, report.Properties["Path"].Value);
        Assert.Equal("go-backend", report.Properties["TaskDefinition"].Value);
        Assert.Equal(
            new[] { "Lint.SecretInEnvironment", "Lint.LogConfigurationMissing", "Lint.ImageNotPinned", "Lint.StopTimeoutTooShort", "Lint.EssentialWithoutHealthCheck", "Lint.DuplicateTagKeys",
                "Lint.ImageNotPinned" },
            Codes(report));
        Assert.Empty(account.Calls.Snapshot());
    }

    [Fact]
    public void The_password_s_value_appears_in_no_form_of_the_output()
    {
        var report = Assert.Single(session.Invoke("Test-EcsTaskDefinition $args[0]", path).Output);
        var rendered = session.Render("Test-EcsTaskDefinition $args[0]", path);
        var json = System.Text.Json.JsonSerializer.Serialize(report.BaseObject);

        foreach (var text in new[] { rendered, json })
        {
            Assert.Contains("POSTGRES_PASSWORD", text);
            Assert.DoesNotContain("s3cr3t", text);
        }

        Assert.Contains("\"Severity\":\"Error\"", json);
    }

    [Fact]
    public void Severity_lists_only_worse_findings_and_passed_still_counts_the_error()
    {
        var warnings = Assert.Single(session.Invoke("Test-EcsTaskDefinition $args[0] -Severity Warning", path).Output);
        var errors = Assert.Single(session.Invoke("Test-EcsTaskDefinition $args[0] -Severity Error", path).Output);

        Assert.DoesNotContain("Lint.ImageNotPinned", Codes(errors));
        Assert.Equal(new[] { "Lint.SecretInEnvironment" }, Codes(errors));
        var all = Assert.Single(session.Invoke("Test-EcsTaskDefinition $args[0]", path).Output);
        Assert.Equal(Codes(all).Length - 1, Codes(warnings).Length);
        Assert.False((bool)errors.Properties["Passed"].Value);
    }

    [Fact]
    public void Files_bind_by_FullName_and_the_view_shows_findings_fixes_and_skipped_rules()
    {
        var rendered = session.Render("[pscustomobject]@{ FullName = $args[0] } | Test-EcsTaskDefinition", path);

        Assert.Contains("Lint.SecretInEnvironment: Container go-backend sets POSTGRES_PASSWORD", rendered);
        Assert.Contains("Lint.DuplicateTagKeys: Keep one spelling (Environment)", rendered);
        Assert.Contains("RecommendedAlarmsMissing: the account's CloudWatch alarms", rendered);
    }

    [Fact]
    public void A_missing_file_is_ConfigurationFileNotFound_and_a_wrong_one_ConfigurationFileInvalid()
    {
        var missing = session.CatchTerminatingError("Test-EcsTaskDefinition $args[0]", path + ".missing");
        Assert.Equal("ConfigurationFileNotFound,Kaviar.Ops.Cmdlets.TestEcsTaskDefinitionCommand", missing!.FullyQualifiedErrorId);

        File.WriteAllText(path, "{\"family\": \"go-backend\"}");
        var invalid = session.CatchTerminatingError("Test-EcsTaskDefinition $args[0]", path);
        Assert.Equal("ConfigurationFileInvalid,Kaviar.Ops.Cmdlets.TestEcsTaskDefinitionCommand", invalid!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, invalid.CategoryInfo.Category);
    }
}
