using System.Collections.Generic;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Logs;

/// <summary>Where a container's log is, for awslogs and for FireLens to CloudWatch Logs (both Fluent Bit plugins).</summary>
public sealed class ContainerLogLocationTests
{
    private const string TaskArn = "arn:aws:ecs:eu-west-1:123456789012:task/prod/0f2a8ccde0374239bdd04f5e07d8c523";
    private const string TaskId = "0f2a8ccde0374239bdd04f5e07d8c523";
    private const string ClusterArn = "arn:aws:ecs:eu-west-1:123456789012:cluster/prod";
    private const string Tag = "app-firelens-" + TaskId;

    private static ContainerLogLocation Of(string driver, params (string Key, string Value)[] options)
    {
        var map = new Dictionary<string, string>();
        foreach (var (key, value) in options)
        {
            map[key] = value;
        }

        return ContainerLogLocation.Of(new ContainerDefinition { Name = "app", LogConfiguration = new LogConfiguration { LogDriver = driver, Options = map } }, "eu-west-1");
    }

    private static ContainerLogLocation FireLens(params (string Key, string Value)[] options) => Of(ContainerLogLocation.FireLensDriver, options);

    private static void AssertReads(ContainerLogLocation location, string group, string stream, string region = "eu-west-1")
    {
        Assert.Null(location.WhyUnreadable());
        Assert.True(location.IsReadable);
        Assert.Equal(group, location.GroupFor(TaskArn, ClusterArn));
        Assert.Equal(stream, location.StreamFor(TaskArn, ClusterArn));
        Assert.Equal(region, location.Region);
    }

    private static string AssertUnreadable(ContainerLogLocation location)
    {
        Assert.False(location.IsReadable);
        Assert.Null(location.StreamFor(TaskArn, ClusterArn));
        Assert.Null(location.GroupFor(TaskArn, ClusterArn));
        return location.WhyUnreadable()!;
    }

    [Fact]
    public void Awslogs_stream_is_prefix_container_task_id_in_its_region()
    {
        var location = Of("awslogs", ("awslogs-group", "/ecs/app"), ("awslogs-stream-prefix", "ecs"), ("awslogs-region", "us-east-1"));
        AssertReads(location, "/ecs/app", $"ecs/app/{TaskId}", "us-east-1");
        Assert.Equal("/ecs/app", location.LogGroup);
        Assert.Null(location.Destination);
    }

    [Fact]
    public void Awslogs_without_a_stream_prefix_keeps_its_group_but_not_a_stream()
    {
        var location = Of("awslogs", ("awslogs-group", "/ecs/app"));
        Assert.Contains("without awslogs-stream-prefix", AssertUnreadable(location));
        Assert.Equal("/ecs/app", location.LogGroup);
    }

    [Fact]
    public void Cloudwatch_logs_prefix_is_followed_by_the_firelens_tag()
    {
        var location = FireLens(("Name", "cloudwatch_logs"), ("region", "us-west-2"), ("log_group_name", "/ecs/app"), ("log_stream_prefix", "from-fluent-bit-"));
        AssertReads(location, "/ecs/app", "from-fluent-bit-" + Tag, "us-west-2");
        Assert.Equal("/ecs/app", location.LogGroup);
        Assert.Equal("cloudwatch_logs", location.Destination);
        Assert.Equal(ContainerLogLocation.FireLensDriver, location.Driver);
    }

    [Fact]
    public void Cloudwatch_logs_stream_name_is_the_same_for_every_task_and_the_region_defaults_to_the_tasks()
    {
        AssertReads(FireLens(("Name", "cloudwatch_logs"), ("log_group_name", "/ecs/app"), ("log_stream_name", "app-stream")), "/ecs/app", "app-stream");
    }

    [Fact]
    public void Option_keys_and_the_plugin_name_are_read_without_case_as_fluent_bit_does()
    {
        var location = FireLens(("name", "CloudWatch_Logs"), ("Region", "ap-south-1"), ("Log_Group_Name", "/ecs/app"), ("LOG_STREAM_PREFIX", "p-"));
        AssertReads(location, "/ecs/app", "p-" + Tag, "ap-south-1");
    }

    [Fact]
    public void Cloudwatch_logs_templates_use_the_tag_and_win_over_the_plain_names()
    {
        var location = FireLens(("Name", "cloudwatch_logs"), ("log_group_name", "fallback"), ("log_group_template", "/ecs/$TAG"),
            ("log_stream_prefix", "fallback-"), ("log_stream_template", "app.$TAG[0]"));
        AssertReads(location, "/ecs/" + Tag, "app." + Tag);
        Assert.Null(location.LogGroup);
    }

    [Fact]
    public void Cloudwatch_logs_template_on_a_tag_part_firelens_tags_lack_falls_back_to_the_plain_name()
    {
        var location = FireLens(("Name", "cloudwatch_logs"), ("log_group_name", "/ecs/app"), ("log_stream_name", "fallback"), ("log_stream_template", "$TAG[1]"));
        AssertReads(location, "/ecs/app", "fallback");
    }

    [Theory]
    [InlineData("log_stream_template", "$kubernetes['pod_name'].$kubernetes['container_name']", "$kubernetes['pod_name']")]
    [InlineData("log_stream_template", "$ecs_task_arn", "$ecs_task_arn")]
    public void A_record_accessor_template_on_a_record_field_is_a_group_without_a_known_stream(string option, string template, string named)
    {
        var location = FireLens(("Name", "cloudwatch_logs"), ("log_group_name", "/ecs/app"), ("log_stream_prefix", "p-"), (option, template));
        var why = AssertUnreadable(location);
        Assert.Contains("to log group /ecs/app", why);
        Assert.Contains(named, why);
        Assert.Contains("a field of each log record", why);
        Assert.Equal("/ecs/app", location.LogGroup);
    }

    [Fact]
    public void A_record_accessor_group_template_makes_the_group_unknown()
    {
        var location = FireLens(("Name", "cloudwatch_logs"), ("log_group_name", "/ecs/app"), ("log_stream_prefix", "p-"), ("log_group_template", "/ecs/$ecs_cluster"));
        Assert.Contains("log group is named by log_group_template \"/ecs/$ecs_cluster\"", AssertUnreadable(location));
        Assert.Null(location.LogGroup);
    }

    [Fact]
    public void A_go_plugin_variable_in_a_cloudwatch_logs_name_is_not_guessed()
    {
        var why = AssertUnreadable(FireLens(("Name", "cloudwatch_logs"), ("log_group_name", "/ecs/app"), ("log_stream_name", "$(ecs_task_id)")));
        Assert.Contains("log_stream_name \"$(ecs_task_id)\"", why);
        Assert.Contains("cloudwatch_logs documents no expansion", why);
    }

    [Fact]
    public void Cloudwatch_go_plugin_expands_ecs_metadata_and_the_tag()
    {
        var location = FireLens(("Name", "cloudwatch"), ("region", "us-west-2"), ("log_group_name", "/aws/ecs/containerinsights/$(ecs_cluster)/application"),
            ("log_stream_name", "$(tag)/$(ecs_task_id)"));
        AssertReads(location, "/aws/ecs/containerinsights/prod/application", $"{Tag}/{TaskId}", "us-west-2");
        Assert.Null(location.LogGroup);
    }

    [Fact]
    public void Cloudwatch_go_plugin_replaces_colons_of_the_task_arn_in_a_stream_name()
    {
        var location = FireLens(("Name", "cloudwatch"), ("log_group_name", "/ecs/app"), ("log_stream_name", "task-$(ecs_task_arn)"));
        AssertReads(location, "/ecs/app", "task-arn.aws.ecs.eu-west-1.123456789012.task/prod/" + TaskId);
        Assert.Equal("/ecs/app", location.LogGroup);
    }

    [Fact]
    public void Cloudwatch_go_plugin_prefix_is_the_prefix_and_the_tag()
    {
        AssertReads(FireLens(("Name", "cloudwatch"), ("log_group_name", "/ecs/app"), ("log_stream_prefix", "ecs-")), "/ecs/app", "ecs-" + Tag);
    }

    [Fact]
    public void Cloudwatch_go_plugin_writes_to_the_default_names_when_a_tag_part_is_missing()
    {
        AssertReads(FireLens(("Name", "cloudwatch"), ("log_group_name", "/ecs/$(tag[1])"), ("log_stream_name", "$(tag[0])")), "fluentbit-default", Tag);
        AssertReads(FireLens(("Name", "cloudwatch"), ("log_group_name", "/ecs/app"), ("log_stream_name", "$(tag[2])"), ("default_log_stream_name", "lost")), "/ecs/app", "lost");
    }

    [Theory]
    [InlineData("$(uuid)", "a random string each log router start makes")]
    [InlineData("$(container_name)", "a field of each log record")]
    [InlineData("$(kubernetes['pod_name'])", "a field of each log record")]
    public void Cloudwatch_go_plugin_stream_from_a_record_field_or_uuid_is_unknown(string template, string because)
    {
        var location = FireLens(("Name", "cloudwatch"), ("log_group_name", "/ecs/app"), ("log_stream_name", "x-" + template));
        var why = AssertUnreadable(location);
        Assert.Contains(because, why);
        Assert.Contains("to log group /ecs/app, but its stream is named by log_stream_name", why);
        Assert.Equal("/ecs/app", location.LogGroup);
    }

    [Fact]
    public void Cloudwatch_output_without_a_log_group_is_refused()
    {
        Assert.Contains("but names no log_group_name", AssertUnreadable(FireLens(("Name", "cloudwatch_logs"), ("log_stream_prefix", "p-"))));
    }

    [Fact]
    public void Cloudwatch_output_needs_exactly_one_of_stream_name_and_prefix()
    {
        Assert.Contains("without log_stream_name or log_stream_prefix", AssertUnreadable(FireLens(("Name", "cloudwatch_logs"), ("log_group_name", "/ecs/app"))));
        Assert.Contains("both log_stream_name and log_stream_prefix",
            AssertUnreadable(FireLens(("Name", "cloudwatch"), ("log_group_name", "/ecs/app"), ("log_stream_name", "s"), ("log_stream_prefix", "p-"))));
    }

    [Theory]
    [InlineData("firehose", "sends its log to Kinesis Data Firehose (firehose) through FireLens")]
    [InlineData("kinesis_streams", "sends its log to Kinesis Data Streams (kinesis_streams) through FireLens")]
    [InlineData("s3", "sends its log to Amazon S3 (s3) through FireLens")]
    [InlineData("datadog", "sends its log to Datadog (datadog) through FireLens")]
    [InlineData("es", "sends its log to Elasticsearch/OpenSearch (es) through FireLens")]
    [InlineData("opensearch", "sends its log to OpenSearch (opensearch) through FireLens")]
    [InlineData("stackdriver", "sends its log to stackdriver through FireLens")]
    public void A_firelens_container_sending_elsewhere_names_its_destination(string plugin, string expected)
    {
        var location = FireLens(("Name", plugin), ("region", "us-west-2"), ("delivery_stream", "my-stream"));
        Assert.Contains(expected, AssertUnreadable(location));
        Assert.Equal(plugin, location.Destination);
        Assert.Null(location.LogGroup);
    }

    [Fact]
    public void A_firelens_container_without_an_output_name_is_routed_by_the_log_routers_configuration()
    {
        Assert.Contains("the outputs of its log router's own configuration", AssertUnreadable(FireLens()));
        Assert.Contains("the Fluentd output cloudwatch_logs", AssertUnreadable(FireLens(("@type", "cloudwatch_logs"))));
    }

    [Fact]
    public void Other_drivers_and_no_configuration_are_not_cloudwatch()
    {
        Assert.Contains("logs with the splunk driver, not to CloudWatch Logs", AssertUnreadable(Of("splunk")));
        Assert.Contains("has no logConfiguration", AssertUnreadable(ContainerLogLocation.Of(new ContainerDefinition { Name = "app" }, "eu-west-1")));
    }
}
