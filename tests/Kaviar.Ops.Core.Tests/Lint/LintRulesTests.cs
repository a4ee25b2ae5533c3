using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Lint;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Lint;

/// <summary>One rule at a time: the sample passes every rule, and breaking one thing of it trips that rule and no other.</summary>
public sealed class LintRulesTests
{
    private readonly LintSample sample = new LintSample();

    private static Finding Only(ReadinessReport report, string code)
    {
        Assert.Equal(new[] { code }, LintSample.Codes(report));
        return report.Findings[0];
    }

    [Fact]
    public void The_production_sample_passes_every_rule_live_and_offline()
    {
        Assert.Empty(sample.LintLive().Findings);
        Assert.Empty(sample.LintLive().Skipped);
        Assert.True(sample.LintOffline().Passed);
        Assert.Empty(sample.LintOffline().Findings);
    }

    [Fact]
    public void Rules_ids_are_unique()
    {
        Assert.Equal(TaskDefinitionLinter.Rules.Count, TaskDefinitionLinter.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(TaskDefinitionLinter.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Explanation)));
    }

    [Fact]
    public void A_password_in_plain_environment_is_an_error_that_never_shows_its_value()
    {
        ((JsonArray)sample.Container["environment"]!).Add(new JsonObject { ["name"] = "POSTGRES_PASSWORD", ["value"] = "hunter2-prod" });
        var report = sample.LintOffline();
        var finding = Only(report, "Lint.SecretInEnvironment");
        Assert.Equal("Error", finding.Severity);
        Assert.False(report.Passed);
        Assert.Contains("POSTGRES_PASSWORD", finding.Message);
        Assert.DoesNotContain("hunter2", finding.Message + finding.FixLine + string.Join(" ", finding.Evidence) + System.Text.Json.JsonSerializer.Serialize(report));
    }

    [Fact]
    public void The_secret_to_move_to_is_named_in_the_live_service_s_region_and_account()
    {
        ((JsonArray)sample.Container["environment"]!).Add(new JsonObject { ["name"] = "POSTGRES_PASSWORD", ["value"] = "hunter2-prod" });

        Assert.Contains("arn:aws:secretsmanager:us-east-1:123456789012:secret:<name>", Only(sample.LintLive(), "Lint.SecretInEnvironment").FixLine);
    }

    [Fact]
    public void A_secret_named_variable_holding_an_arn_is_a_reference_not_a_secret()
    {
        // The sample's DB_SECRET_ARN: secret-named, and an ARN.
        Assert.DoesNotContain("Lint.SecretInEnvironment", LintSample.Codes(sample.LintOffline()));
    }

    [Fact]
    public void A_secret_that_does_not_exist_is_an_error_live_and_skipped_offline()
    {
        sample.Secrets[LintSample.SecretArn] = false;
        Only(sample.LintLive(), "Lint.SecretReferenceMissing");
        Assert.Contains(sample.LintOffline().Skipped, s => s.StartsWith("SecretReferenceMissing:"));
    }

    [Theory]
    [InlineData("AWS_REGION")]
    [InlineData("ECS_CONTAINER_METADATA_URI_V4")]
    [InlineData("ECS_AGENT_URI")]
    public void A_variable_the_agent_sets_is_flagged(string name)
    {
        ((JsonArray)sample.Container["environment"]!).Add(new JsonObject { ["name"] = name, ["value"] = "x" });
        Assert.Contains(name, Only(sample.LintOffline(), "Lint.ReservedEnvironmentName").Message);
    }

    [Fact]
    public void A_container_without_log_configuration_is_flagged()
    {
        sample.Container.Remove("logConfiguration");
        Assert.Contains("no logConfiguration", Only(sample.LintOffline(), "Lint.LogConfigurationMissing").Message);
    }

    [Fact]
    public void A_log_group_that_does_not_exist_is_an_error_unless_ecs_creates_it()
    {
        sample.LogGroups["/ecs/go-backend"] = false;
        Assert.StartsWith("aws logs create-log-group --log-group-name /ecs/go-backend", Only(sample.LintLive(), "Lint.LogGroupMissing").FixLine);

        ((JsonObject)sample.Container["logConfiguration"]!["options"]!)["awslogs-create-group"] = "true";
        Assert.Empty(sample.LintLive().Findings);
    }

    [Fact]
    public void A_container_logging_through_firelens_to_cloudwatch_is_not_a_missing_log()
    {
        sample.Container["logConfiguration"] = FireLensToCloudWatch();
        Assert.Empty(sample.LintOffline().Findings);
        Assert.Empty(sample.LintLive().Findings);
    }

    [Fact]
    public void A_firelens_log_group_that_does_not_exist_is_a_warning_unless_fluent_bit_creates_it()
    {
        sample.Container["logConfiguration"] = FireLensToCloudWatch();
        sample.LogGroups["/ecs/go-backend"] = false;
        var finding = Only(sample.LintLive(), "Lint.LogGroupMissing");
        Assert.Equal("Warning", finding.Severity);
        Assert.Contains("Fluent Bit drops its lines", finding.Message);
        Assert.StartsWith("aws logs create-log-group --log-group-name /ecs/go-backend --region us-east-1", finding.FixLine);

        ((JsonObject)sample.Container["logConfiguration"]!["options"]!)["Auto_Create_Group"] = "True";
        Assert.Empty(sample.LintLive().Findings);
    }

    private static JsonObject FireLensToCloudWatch() => new JsonObject
    {
        ["logDriver"] = "awsfirelens",
        ["options"] = new JsonObject
        {
            ["Name"] = "cloudwatch_logs", ["region"] = "us-east-1", ["log_group_name"] = "/ecs/go-backend", ["log_stream_prefix"] = "app-",
        },
    };

    [Theory]
    [InlineData("your-ecr-repo/go-backend:latest", "Warning")]
    [InlineData("your-ecr-repo/go-backend", "Warning")]
    [InlineData("registry.local:5000/go-backend", "Warning")]
    [InlineData("your-ecr-repo/go-backend:1.4.2", "Info")]
    public void An_image_by_latest_or_by_tag_is_flagged(string image, string severity)
    {
        sample.Container["image"] = image;
        Assert.Equal(severity, Only(sample.LintOffline(), "Lint.ImageNotPinned").Severity);
    }

    [Fact]
    public void A_stop_timeout_left_unset_is_shorter_than_the_shutdown_needs()
    {
        sample.Container.Remove("stopTimeout");
        Assert.Contains("stopTimeout unset", Only(sample.LintOffline(), "Lint.StopTimeoutTooShort").Message);

        sample.MinimumStopTimeout = 30;
        Assert.Empty(sample.LintOffline().Findings);
    }

    [Fact]
    public void A_stop_timeout_over_fargate_s_ceiling_is_an_error()
    {
        sample.Container["stopTimeout"] = 300;
        Assert.Equal("Error", Only(sample.LintOffline(), "Lint.StopTimeoutTooShort").Severity);
    }

    [Fact]
    public void A_deregistration_delay_shorter_than_the_stop_timeout_is_flagged()
    {
        sample.DeregistrationDelay = 5;
        var finding = Only(sample.LintLive(), "Lint.DeregistrationDelayShorterThanStopTimeout");
        Assert.Contains("deregistration_delay.timeout_seconds,Value=60", finding.FixLine);

        sample.DeregistrationDelay = 300;
        Assert.Empty(sample.LintLive().Findings);
    }

    [Fact]
    public void A_grace_period_shorter_than_start_period_and_healthy_threshold_is_flagged()
    {
        // 30 s start period, then 2 checks 30 s apart: 90 s.
        sample.Service.HealthCheckGracePeriodSeconds = 60;
        var finding = Only(sample.LintLive(), "Lint.HealthCheckGracePeriodTooShort");
        Assert.Contains("--health-check-grace-period-seconds 90", finding.FixLine);
        Assert.Contains(finding.Evidence, e => e.Contains("startPeriod 30 s + interval 30 s × retries 3 = unhealthy after 120 s"));

        sample.Service.HealthCheckGracePeriodSeconds = 90;
        Assert.Empty(sample.LintLive().Findings);
    }

    [Fact]
    public void A_target_group_checking_another_path_than_the_container_is_flagged()
    {
        sample.TargetGroup.HealthCheckPath = "/";
        Assert.Contains("--health-check-path /healthz", Only(sample.LintLive(), "Lint.HealthCheckPathMismatch").FixLine);
    }

    [Fact]
    public void An_essential_container_without_health_check_is_flagged_and_a_sidecar_is_not()
    {
        sample.Container.Remove("healthCheck");
        Only(sample.LintOffline(), "Lint.EssentialWithoutHealthCheck");

        sample.Container["essential"] = false;
        Assert.DoesNotContain("Lint.EssentialWithoutHealthCheck", LintSample.Codes(sample.LintOffline()));
    }

    [Theory]
    [InlineData("256", "1536")]
    [InlineData("512", "512")]
    [InlineData("1024", "9216")]
    [InlineData("4096", "8704")]
    [InlineData("8192", "18432")]
    [InlineData("16384", "126976")]
    [InlineData("3072", "8192")]
    public void A_size_fargate_does_not_offer_is_an_error(string cpu, string memory)
    {
        sample.Document["cpu"] = cpu;
        sample.Document["memory"] = memory;
        Assert.Equal("Error", Only(sample.LintOffline(), "Lint.FargateCpuMemory").Severity);
    }

    [Theory]
    [InlineData("256", "2048")]
    [InlineData("1 vCPU", "2 GB")]
    [InlineData("4096", "30720")]
    [InlineData("8192", "61440")]
    [InlineData("16384", "32768")]
    [InlineData("16384", "122880")]
    public void A_size_fargate_offers_passes(string cpu, string memory)
    {
        sample.Document["cpu"] = cpu;
        sample.Document["memory"] = memory;
        Assert.Empty(sample.LintOffline().Findings);
    }

    [Fact]
    public void Fargate_without_task_level_size_is_an_error_and_ec2_is_not_held_to_the_table()
    {
        sample.Document.Remove("memory");
        Only(sample.LintOffline(), "Lint.FargateCpuMemory");

        sample.Document["requiresCompatibilities"] = new JsonArray("EC2");
        Assert.Empty(sample.LintOffline().Findings);
    }

    [Fact]
    public void Tag_keys_differing_only_in_case_are_flagged_on_the_task_definition_and_the_service()
    {
        ((JsonArray)sample.Document["tags"]!).Add(new JsonObject { ["key"] = "environment", ["value"] = "prod" });
        Assert.Contains("Environment, environment", Only(sample.LintOffline(), "Lint.DuplicateTagKeys").Message);

        sample.Document["tags"] = new JsonArray();
        sample.ServiceTags.Add(new Kaviar.Ops.AwsServices.ECS.Model.Tag { Key = "ENVIRONMENT", Value = "prod" });
        Assert.Contains("service go-backend", Only(sample.LintLive(), "Lint.DuplicateTagKeys").Message);
    }

    [Theory]
    [InlineData("disabled", true)]
    [InlineData("enabled", false)]
    [InlineData("enhanced", false)]
    public void Container_insights_off_is_flagged(string setting, bool flagged)
    {
        sample.ContainerInsights = setting;
        Assert.Equal(flagged, LintSample.Codes(sample.LintLive()).Contains("Lint.ContainerInsightsOff"));
    }

    [Fact]
    public void Each_missing_recommended_alarm_is_one_finding_with_its_put_metric_alarm_line()
    {
        sample.Alarms.RemoveAll(a => a.MetricName is "MemoryUtilization" or "UnHealthyHostCount");
        var report = sample.LintLive();
        Assert.Equal(new[] { "Lint.RecommendedAlarmsMissing", "Lint.RecommendedAlarmsMissing" }, LintSample.Codes(report));
        Assert.Contains(report.Findings, f => f.FixLine!.Contains("--metric-name MemoryUtilization") && f.FixLine.Contains("Name=ServiceName,Value=go-backend"));
        Assert.Contains(report.Findings, f => f.FixLine!.Contains("--metric-name UnHealthyHostCount") && f.FixLine.Contains("Name=TargetGroup,Value=targetgroup/go-backend/0123456789abcdef"));
    }

    [Fact]
    public void An_alarm_on_another_service_does_not_count()
    {
        sample.Alarms[0] = LintSample.Alarm("AWS/ECS", "CPUUtilization", 80, ("ClusterName", "tinyurl-prod"), ("ServiceName", "observability"));
        Only(sample.LintLive(), "Lint.RecommendedAlarmsMissing");
    }

    [Fact]
    public void Offline_the_rules_needing_live_facts_are_skipped_with_the_fact_they_lack()
    {
        var skipped = sample.LintOffline().Skipped;
        Assert.Equal(
            new[] { "SecretReferenceMissing", "LogGroupMissing", "DeregistrationDelayShorterThanStopTimeout", "HealthCheckGracePeriodTooShort",
                "HealthCheckPathMismatch", "ContainerInsightsOff", "RecommendedAlarmsMissing" },
            skipped.Select(s => s.Substring(0, s.IndexOf(':'))));
        Assert.All(skipped, s => Assert.Contains("live service", s));
    }

    [Fact]
    public void The_severity_filter_lists_only_worse_findings_and_passed_still_counts_every_error()
    {
        sample.Container["image"] = "go-backend:1.0";
        ((JsonArray)sample.Container["environment"]!).Add(new JsonObject { ["name"] = "API_TOKEN", ["value"] = "t0ken" });
        Assert.Equal(new[] { "Lint.SecretInEnvironment", "Lint.ImageNotPinned" }, LintSample.Codes(sample.LintOffline()));
        var errorsOnly = sample.LintOffline(FindingSeverity.Error);
        Assert.Equal(new[] { "Lint.SecretInEnvironment" }, LintSample.Codes(errorsOnly));
        Assert.False(errorsOnly.Passed);
    }

    [Fact]
    public void A_describe_task_definition_answer_is_read_like_the_registration_document()
    {
        ((JsonArray)sample.Document["tags"]!).Add(new JsonObject { ["key"] = "service", ["value"] = "x" });
        var tags = sample.Document["tags"]!.DeepClone();
        sample.Document.Remove("tags");
        var described = new JsonObject { ["taskDefinition"] = sample.Document.DeepClone(), ["tags"] = tags };
        var report = TaskDefinitionLinter.Lint(TaskDefinitionFile.Parse(described.ToJsonString(), "described.json", 60), FindingSeverity.Info);
        Assert.Equal(new[] { "Lint.DuplicateTagKeys" }, LintSample.Codes(report));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"family\": \"x\"}")]
    [InlineData("{\"containerDefinitions\": [{\"name\": \"a\", \"stopTimeout\": \"sixty\"}]}")]
    [InlineData("{ not json")]
    public void A_file_that_is_not_a_task_definition_is_refused_with_its_error_id(string text)
    {
        var error = Assert.Throws<OpsException>(() => TaskDefinitionFile.Parse(text, "bad.json", 30));
        Assert.Equal(ErrorTable.ConfigurationFileInvalid, error.Code);
    }
}
