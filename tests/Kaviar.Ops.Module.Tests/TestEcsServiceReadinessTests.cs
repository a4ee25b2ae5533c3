using System;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Test-EcsServiceReadiness on the seed 001 account made to break seed 004's production checklist through the aws CLI,
/// as a team would: a revision with a password in plain environment, a secret and a log group that do not exist, an
/// image by :latest, no stopTimeout, a health check on another path than the target group's and a long start period,
/// tags that differ only in case on the revision and the service, a 5 s deregistration delay, Container Insights off
/// and no alarms. Then the checklist is followed, and the same command passes.
/// </summary>
public sealed class TestEcsServiceReadinessTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;
    private const string Region = Scenarios.Seed001Region;
    private const string Account = Scenarios.Seed001AccountId;
    private const string ServiceArn = $"arn:aws:ecs:{Region}:{Account}:service/{Cluster}/{Service}";

    private readonly ManualClock clock = new ManualClock();
    private readonly SimulatedAccount account;
    private readonly ModuleSession session = new ModuleSession();

    public TestEcsServiceReadinessTests()
    {
        account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), clock);
        session.UseAccount(account.Endpoint, account.Region);
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    private void Aws(params string[] args)
    {
        var result = AwsCli.Run(account.Endpoint, Region, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
    }

    private string TargetGroupArn => account.Read(state => state.Elbv2.FindTargetGroupByName(Scenarios.Seed001TargetGroup)!.TargetGroupArn);

    private static string Revision(string image, string environment, string secretArn, string logGroup, string healthPath, int startPeriod, string stopTimeout, string tags) => $$"""
        {
          "family": "kaviar-backend",
          "networkMode": "awsvpc",
          "requiresCompatibilities": ["FARGATE"],
          "cpu": "512",
          "memory": "1024",
          "executionRoleArn": "arn:aws:iam::{{Account}}:role/KaviarEcsTaskExecutionRole",
          "containerDefinitions": [{
            "name": "kaviar-backend",
            "image": "{{image}}",
            "portMappings": [{ "containerPort": 3001 }],
            "environment": [{ "name": "ENV", "value": "production" }{{environment}}],
            "secrets": [{ "name": "DATABASE_URL", "valueFrom": "{{secretArn}}" }],
            "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "{{logGroup}}", "awslogs-region": "{{Region}}", "awslogs-stream-prefix": "ecs" } },
            "healthCheck": { "command": ["CMD-SHELL", "curl -f http://localhost:3001{{healthPath}} || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": {{startPeriod}} }
            {{stopTimeout}}
          }],
          "tags": [{{tags}}]
        }
        """;

    private void Deploy(string revisionJson)
    {
        Aws("ecs", "register-task-definition", "--cli-input-json", revisionJson);
        var latest = account.Read(state => state.Ecs.TaskDefinitions.Where(d => d.Family == "kaviar-backend").Max(d => d.Revision));
        Aws("ecs", "update-service", "--cluster", Cluster, "--service", Service, "--task-definition", $"kaviar-backend:{latest}");
    }

    private static string[] Codes(PSObject report) =>
        ((System.Collections.IEnumerable)report.Properties["Findings"].Value).Cast<object>().Select(f => PSObject.AsPSObject(f).Properties["Code"].Value.ToString()!).ToArray();

    [Fact]
    public void Every_broken_item_of_the_checklist_is_a_finding_and_following_the_checklist_passes()
    {
        Deploy(Revision("kaviar-backend:latest", ", { \"name\": \"POSTGRES_PASSWORD\", \"value\": \"pl41n-t3xt-pa55\" }",
            $"arn:aws:secretsmanager:{Region}:{Account}:secret:tinyurl/postgres-AbCdEf", "/ecs/go-backend", "/health", 90, "",
            "{ \"key\": \"Project\", \"value\": \"tinyurl\" }, { \"key\": \"project\", \"value\": \"tinyurl\" }"));
        var tagging = AwsCli.Run(account.Endpoint, Region, "ecs", "tag-resource", "--resource-arn", ServiceArn, "--tags", "key=Environment,value=production", "key=environment,value=prod");
        Assert.True(tagging.ExitCode == 0, tagging.Stderr);
        Aws("elbv2", "modify-target-group-attributes", "--target-group-arn", TargetGroupArn, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=5");
        account.Calls.Clear();

        var broken = session.Invoke("Test-EcsServiceReadiness $args[0] $args[1] -MinimumStopTimeout 60", Cluster, Service);

        Assert.Null(broken.Terminating);
        var report = Assert.Single(broken.Output);
        Assert.False((bool)report.Properties["Passed"].Value);
        Assert.Equal(Region, report.Properties["Region"].Value);
        Assert.Equal(Service, report.Properties["ServiceName"].Value);
        Assert.Empty((System.Collections.IEnumerable)report.Properties["Skipped"].Value);
        var codes = Codes(report);
        Assert.Equal(
            new[]
            {
                "Lint.SecretInEnvironment", "Lint.SecretReferenceMissing", "Lint.LogGroupMissing", "Lint.ImageNotPinned", "Lint.StopTimeoutTooShort",
                "Lint.DeregistrationDelayShorterThanStopTimeout", "Lint.HealthCheckGracePeriodTooShort", "Lint.HealthCheckPathMismatch",
                "Lint.DuplicateTagKeys", "Lint.DuplicateTagKeys", "Lint.ContainerInsightsOff",
                "Lint.RecommendedAlarmsMissing", "Lint.RecommendedAlarmsMissing", "Lint.RecommendedAlarmsMissing", "Lint.RecommendedAlarmsMissing",
            },
            codes);
        Assert.DoesNotContain("pl41n", System.Text.Json.JsonSerializer.Serialize(report.BaseObject));
        Assert.Equal(0, account.Calls.CountMutating());

        // The checklist, followed: a secret, the log group, a pinned image, stopTimeout 60, the target group's path, a
        // start period the grace period covers, one spelling per tag key, a drain as long as stopTimeout, Container
        // Insights and the four alarms.
        var secretArn = account.Read(state => state.SecretsManager.AddSecret("tinyurl/postgres", "postgres://app:pw@db:5432/app").Arn);
        Deploy(Revision("kaviar-backend@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "", secretArn, Scenarios.Seed001LogGroup,
            "/api/health", 30, ", \"stopTimeout\": 60", "{ \"key\": \"Project\", \"value\": \"tinyurl\" }"));
        account.Use(state => state.Ecs.FindService(state.Ecs.FindCluster(Cluster)!, Service)!.Tags.Remove("environment"));
        Aws("elbv2", "modify-target-group-attributes", "--target-group-arn", TargetGroupArn, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=60");
        Aws("ecs", "update-cluster-settings", "--cluster", Cluster, "--settings", "name=containerInsights,value=enhanced");
        foreach (var fix in ((System.Collections.IEnumerable)report.Properties["Findings"].Value).Cast<object>().Select(PSObject.AsPSObject)
            .Where(f => (string)f.Properties["Code"].Value == "Lint.RecommendedAlarmsMissing"))
        {
            Aws(((string)fix.Properties["FixLine"].Value).Replace("<sns-topic-arn>", $"arn:aws:sns:{Region}:{Account}:on-call").Split(' ').Skip(1).ToArray());
        }

        var fixedReport = Assert.Single(session.Invoke("Test-EcsServiceReadiness $args[0] $args[1] -MinimumStopTimeout 60", Cluster, Service).Output);
        Assert.Empty(Codes(fixedReport));
        Assert.True((bool)fixedReport.Properties["Passed"].Value);
    }

    [Fact]
    public void The_printed_create_log_group_line_lets_tasks_whose_group_was_missing_start()
    {
        var (image, secretArn) = account.Read(state => (
            state.Ecs.TaskDefinitions.Last(d => d.Family == "kaviar-backend").Containers[0].Image,
            state.SecretsManager.AddSecret("tinyurl/postgres", "postgres://app:pw@db:5432/app").Arn));
        Deploy(Revision(image, "", secretArn, "/ecs/go-backend", "/api/health", 30, "", ""));
        clock.Advance(TimeSpan.FromMinutes(2));
        var revision = account.Read(state => state.Ecs.TaskDefinitions.Where(d => d.Family == "kaviar-backend").Max(d => d.Revision));
        int RunningOfRevision() => account.Read(state => state.Ecs.Tasks.Count(t => t.TaskDefinition.Revision == revision && t.LastStatus == "RUNNING"));
        Assert.Equal(0, RunningOfRevision());

        var report = Assert.Single(session.Invoke("Test-EcsServiceReadiness $args[0] $args[1]", Cluster, Service).Output);
        var missing = ((System.Collections.IEnumerable)report.Properties["Findings"].Value).Cast<object>().Select(PSObject.AsPSObject)
            .Single(f => (string)f.Properties["Code"].Value == "Lint.LogGroupMissing");
        Aws(((string)missing.Properties["FixLine"].Value).Split(' ').Skip(1).ToArray());
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True(RunningOfRevision() > 0);
        Assert.DoesNotContain("Lint.LogGroupMissing", Codes(Assert.Single(session.Invoke("Test-EcsServiceReadiness $args[0] $args[1]", Cluster, Service).Output)));
    }

    [Fact]
    public void Get_EcsServiceHealth_s_output_binds_and_severity_error_lists_only_errors()
    {
        var result = session.Invoke("Get-EcsServiceHealth $args[0] -Cluster $args[1] | Test-EcsServiceReadiness -Severity Error", Service, Cluster);

        Assert.Null(result.Terminating);
        var report = Assert.Single(result.Output);
        Assert.Equal(Cluster, report.Properties["Cluster"].Value);
        // Seed 001's own revision has no Error; its warnings (no health check, no alarms…) are not listed.
        Assert.Empty(Codes(report));
        Assert.True((bool)report.Properties["Passed"].Value);
    }

    [Fact]
    public void A_service_arn_of_another_region_is_looked_up_there()
    {
        var error = session.CatchTerminatingError("Test-EcsServiceReadiness $args[0] $args[1]", Cluster, $"arn:aws:ecs:eu-west-1:{Account}:service/{Cluster}/{Service}");

        Assert.NotNull(error);
        Assert.StartsWith("EcsClusterNotFound,", error.FullyQualifiedErrorId);
        Assert.Contains("eu-west-1", error.Exception.Message);
        Assert.Contains(account.Calls.Snapshot(), c => c.Action == "DescribeServices" && c.Region == "eu-west-1");
    }

    [Fact]
    public void The_view_shows_each_finding_with_its_fix()
    {
        var rendered = session.Render("Test-EcsServiceReadiness $args[0] $args[1]", Cluster, Service);

        Assert.Contains($"{Cluster}/{Service} ({Region})", rendered);
        Assert.Contains("Warning Lint.ContainerInsightsOff: Cluster kaviar-cluster has Container Insights disabled.", rendered);
        Assert.Contains("Lint.ContainerInsightsOff: aws ecs update-cluster-settings --cluster kaviar-cluster", rendered);
    }

    private static string[] Skipped(PSObject report) =>
        ((System.Collections.IEnumerable)report.Properties["Skipped"].Value).Cast<object>().Select(s => s.ToString()!).ToArray();

    [Fact]
    public void A_denied_alarm_read_skips_the_alarm_rule_naming_the_action_and_every_other_rule_still_judges()
    {
        account.State.Iam.Deny("cloudwatch:DescribeAlarms");

        var result = session.Invoke("Test-EcsServiceReadiness $args[0] $args[1]", Cluster, Service);

        Assert.Null(result.Terminating);
        var report = Assert.Single(result.Output);
        Assert.Equal(new[] { "RecommendedAlarmsMissing: the account's CloudWatch alarms (cloudwatch:DescribeAlarms denied)" }, Skipped(report));
        Assert.Contains("Lint.ContainerInsightsOff", Codes(report));
        Assert.DoesNotContain("Lint.RecommendedAlarmsMissing", Codes(report));
        Assert.Contains(result.Warnings, w => w.Contains("cloudwatch:DescribeAlarms", StringComparison.Ordinal));
    }

    [Fact]
    public void Target_groups_the_role_may_not_describe_skip_only_the_rules_that_read_them()
    {
        account.State.Iam.Deny("elasticloadbalancing:DescribeTarget*");

        var report = Assert.Single(session.Invoke("Test-EcsServiceReadiness $args[0] $args[1]", Cluster, Service).Output);

        var skipped = Skipped(report);
        Assert.Equal(new[] { "DeregistrationDelayShorterThanStopTimeout", "HealthCheckGracePeriodTooShort", "HealthCheckPathMismatch", "RecommendedAlarmsMissing" },
            skipped.Select(s => s.Substring(0, s.IndexOf(':'))));
        Assert.All(skipped, s => Assert.EndsWith("(elasticloadbalancing:DescribeTargetGroups denied)", s));
        Assert.Contains("Lint.ContainerInsightsOff", Codes(report));
    }

    [Fact]
    public void A_denied_DescribeServices_still_ends_the_command_naming_the_action()
    {
        account.State.Iam.Deny("ecs:DescribeServices");

        var error = session.CatchTerminatingError("Test-EcsServiceReadiness $args[0] $args[1]", Cluster, Service);

        Assert.NotNull(error);
        Assert.StartsWith("AwsAccessDenied,", error.FullyQualifiedErrorId);
        Assert.Contains("ecs:DescribeServices", error.Exception.Message);
    }
}
