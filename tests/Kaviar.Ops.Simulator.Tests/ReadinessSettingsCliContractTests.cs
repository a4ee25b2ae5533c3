using System;
using System.Linq;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// The real aws CLI on the seed 001 account, for what the readiness lint reads: ECS tags (case-sensitive keys) and the
/// cluster's Container Insights setting, each shown only when asked to include it, and a target group's deregistration delay.
/// </summary>
public sealed class ReadinessSettingsCliContractTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string ServiceArn = "arn:aws:ecs:us-east-2:123456789012:service/kaviar-cluster/kaviar-backend-service";
    private readonly SimulatedAccount account;
    private readonly CliContract aws;

    public ReadinessSettingsCliContractTests()
    {
        (account, _) = TestAccounts.Seed001();
        aws = new CliContract(account);
    }

    public void Dispose() => account.Dispose();

    private string TargetGroupArn => aws.Json("elbv2", "describe-target-groups", "--names", Scenarios.Seed001TargetGroup).Items("TargetGroups").Single().Str("TargetGroupArn");

    [Fact]
    public void A_service_s_tags_keep_keys_that_differ_only_in_case_and_show_only_with_include_tags()
    {
        var tagging = AwsCli.Run(account.Endpoint, account.Region, "ecs", "tag-resource", "--resource-arn", ServiceArn, "--tags", "key=Project,value=kaviar", "key=project,value=kaviar");
        Assert.True(tagging.ExitCode == 0, tagging.Stderr);

        Assert.Equal(new[] { "Project", "project" }, aws.Json("ecs", "list-tags-for-resource", "--resource-arn", ServiceArn).Items("tags").Select(t => t.Str("key")));
        var tagged = aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", Scenarios.Seed001Service, "--include", "TAGS").Items("services").Single();
        Assert.Equal(new[] { "Project", "project" }, tagged.Items("tags").Select(t => t.Str("key")));
        var plain = aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", Scenarios.Seed001Service).Items("services").Single();
        Assert.False(plain.TryGetProperty("tags", out _));
    }

    [Fact]
    public void Reserved_and_oversized_tags_are_refused()
    {
        Assert.Contains("(InvalidParameterException)", aws.Error("ecs", "tag-resource", "--resource-arn", ServiceArn, "--tags", "key=aws:owner,value=x"));
        Assert.Contains("(InvalidParameterException)", aws.Error("ecs", "tag-resource", "--resource-arn", ServiceArn, "--tags", "key=" + new string('k', 129) + ",value=x"));
        Assert.Contains("(ResourceNotFoundException)", aws.Error("ecs", "list-tags-for-resource", "--resource-arn", ServiceArn.Replace("kaviar-backend-service", "ghost")));
    }

    [Fact]
    public void A_task_definition_registered_with_tags_describes_them_with_include_tags()
    {
        var registered = aws.Json("ecs", "register-task-definition", "--family", "tagged", "--container-definitions", "[{\"name\":\"app\",\"image\":\"nginx\"}]",
            "--tags", "key=Environment,value=production", "key=environment,value=prod");

        Assert.Equal(2, registered.Items("tags").Length);
        var described = aws.Json("ecs", "describe-task-definition", "--task-definition", "tagged", "--include", "TAGS");
        Assert.Equal(new[] { "Environment", "environment" }, described.Items("tags").Select(t => t.Str("key")));
        Assert.False(aws.Json("ecs", "describe-task-definition", "--task-definition", "tagged").TryGetProperty("tags", out _));
    }

    [Fact]
    public void Container_insights_is_disabled_until_updated_and_shows_with_include_settings()
    {
        string Setting() => aws.Json("ecs", "describe-clusters", "--clusters", Cluster, "--include", "SETTINGS").Items("clusters").Single().Items("settings")
            .Single(s => s.Str("name") == "containerInsights").Str("value");

        Assert.Equal("disabled", Setting());
        Assert.False(aws.Json("ecs", "describe-clusters", "--clusters", Cluster).Items("clusters").Single().TryGetProperty("settings", out _));

        aws.Json("ecs", "update-cluster-settings", "--cluster", Cluster, "--settings", "name=containerInsights,value=enhanced");
        Assert.Equal("enhanced", Setting());
        Assert.Contains("(InvalidParameterException)", aws.Error("ecs", "update-cluster-settings", "--cluster", Cluster, "--settings", "name=containerInsights,value=on"));
    }

    [Fact]
    public void A_target_group_drains_300_seconds_until_its_deregistration_delay_is_modified()
    {
        string Delay() => aws.Json("elbv2", "describe-target-group-attributes", "--target-group-arn", TargetGroupArn).Items("Attributes")
            .Single(a => a.Str("Key") == "deregistration_delay.timeout_seconds").Str("Value");

        Assert.Equal("300", Delay());
        var modified = aws.Json("elbv2", "modify-target-group-attributes", "--target-group-arn", TargetGroupArn, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=60");
        Assert.Contains(modified.Items("Attributes"), a => a.Str("Key") == "deregistration_delay.timeout_seconds" && a.Str("Value") == "60");
        Assert.Equal("60", Delay());
        Assert.Contains("(InvalidConfigurationRequest)", aws.Error("elbv2", "modify-target-group-attributes", "--target-group-arn", TargetGroupArn,
            "--attributes", "Key=deregistration_delay.timeout_seconds,Value=4000"));
        Assert.Equal("60", Delay());
    }

    [Fact]
    public void Slow_start_and_lb_cookie_stickiness_are_set_within_their_ranges()
    {
        var modified = aws.Json("elbv2", "modify-target-group-attributes", "--target-group-arn", TargetGroupArn, "--attributes",
            "Key=slow_start.duration_seconds,Value=45", "Key=stickiness.enabled,Value=true", "Key=stickiness.type,Value=lb_cookie",
            "Key=stickiness.lb_cookie.duration_seconds,Value=600").Items("Attributes").ToDictionary(a => a.Str("Key"), a => a.Str("Value"));

        Assert.Equal(("45", "true", "600"), (modified["slow_start.duration_seconds"], modified["stickiness.enabled"], modified["stickiness.lb_cookie.duration_seconds"]));
        Assert.Contains("it must be 0 or from 30 to 900", aws.Error("elbv2", "modify-target-group-attributes", "--target-group-arn", TargetGroupArn,
            "--attributes", "Key=slow_start.duration_seconds,Value=5"));
        Assert.Contains("(InvalidConfigurationRequest)", aws.Error("elbv2", "modify-target-group-attributes", "--target-group-arn", TargetGroupArn,
            "--attributes", "Key=stickiness.type,Value=app_cookie"));
    }
}
