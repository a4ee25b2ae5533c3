using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The real aws CLI registering FireLens task definitions, and where their containers' lines land in CloudWatch Logs.</summary>
public sealed class FireLensCliContractTests : IDisposable
{
    private const string Cluster = "kaviar-cluster";
    private const string ServiceName = "kaviar-backend-service";
    private const string Image = "123456789012.dkr.ecr.us-east-2.amazonaws.com/kaviar-backend:v2";
    private const string Router =
        "{\"name\":\"log_router\",\"image\":\"public.ecr.aws/aws-observability/aws-for-fluent-bit:stable\",\"essential\":true,\"firelensConfiguration\":{\"type\":\"fluentbit\"},"
        + "\"logConfiguration\":{\"logDriver\":\"awslogs\",\"options\":{\"awslogs-group\":\"/ecs/kaviar-backend\",\"awslogs-stream-prefix\":\"firelens\"}}}";

    private readonly ManualClock _clock = new();
    private readonly SimulatedAccount _account;
    private readonly CliContract _aws;

    public FireLensCliContractTests()
    {
        _account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), _clock);
        _aws = new CliContract(_account);
    }

    public void Dispose() => _account.Dispose();

    private static string Backend(string options) =>
        $"{{\"name\":\"kaviar-backend\",\"image\":\"{Image}\",\"essential\":true,\"portMappings\":[{{\"containerPort\":3001}}],"
        + $"\"logConfiguration\":{{\"logDriver\":\"awsfirelens\",\"options\":{options}}}}}";

    private string[] Register(params string[] containers) => new[]
    {
        "ecs", "register-task-definition", "--family", "kaviar-backend", "--requires-compatibilities", "FARGATE", "--network-mode", "awsvpc",
        "--cpu", "512", "--memory", "1024", "--container-definitions", "[" + string.Join(",", containers) + "]",
    };

    /// <summary>Registers the containers as kaviar-backend:3, rolls the service onto it and lets its task start.</summary>
    private string DeployAndStart(params string[] containers)
    {
        _aws.Json(Register(containers));
        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--task-definition", "kaviar-backend:3");
        _clock.Advance(TimeSpan.FromMinutes(1));
        return _account.Read(s => s.ServiceTasks().Single(t => t.TaskDefinition.Revision == 3 && t.LastStatus == "RUNNING").Id);
    }

    [Fact]
    public void An_awsfirelens_container_without_a_log_router_is_refused()
    {
        var stderr = _aws.Error(Register(Backend("{\"Name\":\"cloudwatch_logs\",\"log_group_name\":\"/ecs/kaviar-backend\",\"log_stream_prefix\":\"app-\"}")));

        Assert.Contains("(ClientException)", stderr);
        Assert.Contains("When awsfirelens log driver is specified in log configuration, a firelens configuration object must be configured in one of the containers.", stderr);
    }

    [Fact]
    public void A_log_router_without_an_awsfirelens_container_is_refused()
    {
        var stderr = _aws.Error(Register(Router, $"{{\"name\":\"kaviar-backend\",\"image\":\"{Image}\"}}"));

        Assert.Contains("(ClientException)", stderr);
        Assert.Contains("When a firelensConfiguration object is specified, at least one container has to be configured with the awsfirelens log driver.", stderr);
    }

    [Fact]
    public void A_firelens_task_definition_is_described_as_registered()
    {
        var registered = _aws.Json(Register(Router, Backend("{\"Name\":\"firehose\",\"region\":\"us-east-2\",\"delivery_stream\":\"my-stream\"}")))
            .GetProperty("taskDefinition");

        var containers = registered.Items("containerDefinitions");
        Assert.Equal("fluentbit", containers[0].GetProperty("firelensConfiguration").Str("type"));
        var log = containers[1].GetProperty("logConfiguration");
        Assert.Equal(("awsfirelens", "firehose", "my-stream"), (log.Str("logDriver"), log.GetProperty("options").Str("Name"), log.GetProperty("options").Str("delivery_stream")));
    }

    [Fact]
    public void Cloudwatch_logs_writes_each_line_as_a_json_record_to_the_prefix_and_the_firelens_tag()
    {
        var taskId = DeployAndStart(Router,
            Backend("{\"name\":\"CloudWatch_Logs\",\"region\":\"us-east-2\",\"Log_Group_Name\":\"/ecs/kaviar-backend\",\"log_stream_prefix\":\"app-\"}"));

        var events = _aws.Json("logs", "get-log-events", "--log-group-name", "/ecs/kaviar-backend", "--log-stream-name", $"app-kaviar-backend-firelens-{taskId}")
            .Items("events").Select(e => JsonDocument.Parse(e.Str("message")).RootElement).ToList();
        var last = events[^1];
        Assert.Equal(("Backend running on port 3001", "stdout", Cluster), (last.Str("log"), last.Str("source"), last.Str("ecs_cluster")));
        Assert.Equal("kaviar-backend:3", last.Str("ecs_task_definition"));
        Assert.EndsWith("/" + taskId, last.Str("ecs_task_arn"));
        // The router itself logs with awslogs.
        Assert.NotEmpty(_aws.Json("logs", "get-log-events", "--log-group-name", "/ecs/kaviar-backend", "--log-stream-name", $"firelens/log_router/{taskId}")
            .Items("events"));
    }

    [Fact]
    public void The_cloudwatch_plugin_expands_ecs_metadata_creates_its_group_and_sends_the_line_alone_with_log_key()
    {
        var taskId = DeployAndStart(Router, Backend(
            "{\"Name\":\"cloudwatch\",\"log_group_name\":\"/aws/ecs/containerinsights/$(ecs_cluster)/application\",\"log_stream_name\":\"$(tag)/$(ecs_task_id)\","
            + "\"auto_create_group\":\"true\",\"log_key\":\"log\"}"));

        var events = _aws.Json("logs", "get-log-events", "--log-group-name", $"/aws/ecs/containerinsights/{Cluster}/application",
            "--log-stream-name", $"kaviar-backend-firelens-{taskId}/{taskId}").Items("events");
        Assert.Equal("Backend running on port 3001", events[^1].Str("message"));
    }

    [Fact]
    public void Without_auto_create_group_a_missing_group_drops_the_lines_and_the_task_runs()
    {
        DeployAndStart(Router, Backend("{\"Name\":\"cloudwatch_logs\",\"log_group_name\":\"/ecs/never-created\",\"log_stream_prefix\":\"app-\"}"));

        Assert.Contains("(ResourceNotFoundException)", _aws.Error("logs", "describe-log-streams", "--log-group-name", "/ecs/never-created"));
    }
}
