using System;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Ecs;

/// <summary>
/// dependsOn as ECS runs it, registered and run through the aws CLI: a container waits for its dependencies' conditions,
/// the task stays PENDING meanwhile, and a SUCCESS dependency that fails stops the waiting container (and the task).
/// Seed 002's backend without a database: "npm run migrate" applies the schema and exits 0; other commands crash.
/// </summary>
public sealed class ContainerDependencyTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly SimulatedAccount _account;
    private readonly CliContract _aws;

    public ContainerDependencyTests()
    {
        _account = SimulatedAccount.Start(Scenarios.Seed002().WithHistory(TimeSpan.Zero), _clock);
        _aws = new CliContract(_account);
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void An_app_that_waits_for_its_migrations_with_SUCCESS_starts_on_the_migrated_schema()
    {
        var task = RunWithInitContainer("npm run migrate");

        _clock.Advance(TaskLifecycle.ProvisioningDuration + TaskLifecycle.PendingDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(("PENDING", "RUNNING", "PENDING"), States(task));
        _clock.Advance(PostgresBackedApp.RunDuration);

        var described = Describe(task);
        Assert.Equal(("RUNNING", "STOPPED", "RUNNING"), States(task));
        Assert.Equal(0, described.Containers("migrations").Int("exitCode"));
    }

    [Fact]
    public void An_init_container_that_fails_stops_the_app_waiting_on_it_and_the_task()
    {
        var task = RunWithInitContainer("node scripts/migrate.js");

        _clock.Advance(TaskLifecycle.ProvisioningDuration + TaskLifecycle.PendingDuration + PostgresBackedApp.RunDuration + TaskLifecycle.StopDuration);

        var described = Describe(task);
        Assert.Equal(("STOPPED", "EssentialContainerExited"), (described.Str("lastStatus"), described.Str("stopCode")));
        var backend = described.Containers(Scenarios.Seed002BackendContainer);
        Assert.Equal(143, backend.Int("exitCode"));
        Assert.StartsWith("CannotStartContainerError: dependency graph: failed to resolve container ordering dependency [migrations(", backend.Str("reason"));
    }

    [Fact]
    public void A_SUCCESS_dependency_on_an_essential_container_is_refused_at_registration()
    {
        var error = _aws.Error("ecs", "register-task-definition", "--cli-input-json", TaskDefinitionJson("npm run migrate", migrationsEssential: true));

        Assert.Contains("A dependency container with SUCCESS or COMPLETE condition cannot be an essential container", error);
    }

    private string RunWithInitContainer(string migrationCommand)
    {
        var registered = _aws.Json("ecs", "register-task-definition", "--cli-input-json", TaskDefinitionJson(migrationCommand, migrationsEssential: false),
            "--query", "taskDefinition.taskDefinitionArn").GetString()!;
        var network = _account.Read(s => s.Ecs.Tasks[0].Network);
        return _aws.Json("ecs", "run-task", "--cluster", Scenarios.Seed002Cluster, "--task-definition", registered, "--launch-type", "FARGATE",
            "--network-configuration",
            $"awsvpcConfiguration={{subnets=[{string.Join(',', network.Subnets)}],securityGroups=[{string.Join(',', network.SecurityGroups)}],assignPublicIp=DISABLED}}",
            "--query", "tasks[0].taskArn").GetString()!;
    }

    /// <summary>The task's lastStatus, then the migrations and backend containers' lastStatus.</summary>
    private (string, string, string) States(string taskArn)
    {
        var task = Describe(taskArn);
        return (task.Str("lastStatus"), task.Containers("migrations").Str("lastStatus"), task.Containers(Scenarios.Seed002BackendContainer).Str("lastStatus"));
    }

    private System.Text.Json.JsonElement Describe(string taskArn) =>
        _aws.Json("ecs", "describe-tasks", "--cluster", Scenarios.Seed002Cluster, "--tasks", taskArn, "--query", "tasks[0]");

    /// <summary>The service's own backend container, made to wait for a non-essential "migrations" container of the same image.</summary>
    private string TaskDefinitionJson(string migrationCommand, bool migrationsEssential)
    {
        var image = _account.Read(s => s.Ecs.TaskDefinitions.Last(d => d.Family == Scenarios.Seed002BackendFamily).Containers[0].Image);
        var logs = new JsonObject
        {
            ["logDriver"] = "awslogs",
            ["options"] = new JsonObject { ["awslogs-group"] = Scenarios.Seed002BackendLogGroup, ["awslogs-region"] = Scenarios.Seed002Region, ["awslogs-stream-prefix"] = "ecs" },
        };
        return new JsonObject
        {
            ["family"] = Scenarios.Seed002BackendFamily,
            ["networkMode"] = "awsvpc",
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["cpu"] = "512",
            ["memory"] = "1024",
            ["containerDefinitions"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "migrations",
                    ["image"] = image,
                    ["essential"] = migrationsEssential,
                    ["command"] = new JsonArray(migrationCommand.Split(' ').Select(word => (JsonNode)word).ToArray()),
                    ["logConfiguration"] = logs.DeepClone(),
                },
                new JsonObject
                {
                    ["name"] = Scenarios.Seed002BackendContainer,
                    ["image"] = image,
                    ["essential"] = true,
                    ["portMappings"] = new JsonArray(new JsonObject { ["containerPort"] = Scenarios.Seed002Port }),
                    ["dependsOn"] = new JsonArray(new JsonObject { ["containerName"] = "migrations", ["condition"] = "SUCCESS" }),
                    ["logConfiguration"] = logs.DeepClone(),
                }),
        }.ToJsonString();
    }
}

internal static class DescribedTask
{
    public static System.Text.Json.JsonElement Containers(this System.Text.Json.JsonElement task, string name) =>
        task.GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
