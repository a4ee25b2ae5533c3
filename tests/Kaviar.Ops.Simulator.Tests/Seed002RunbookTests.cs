using System;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// Runbooks 002 (Faxi QA) and 000 (Medusa) end to end: the incident as found, the runbook's fix with the real aws CLI
/// (migration task with a command override, force-new-deployment, modify-listener), and the ALB answering afterwards.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class Seed002RunbookTests
{
    private readonly PostgresFixture _postgres;

    public Seed002RunbookTests(PostgresFixture postgres) => _postgres = postgres;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Migrating_forcing_a_deployment_and_forwarding_by_default_brings_faxi_qa_up(bool onPostgres)
    {
        var database = onPostgres ? await _postgres.NewDatabaseAsync("faxi") : null;
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed002(Seed002Variant.MigrationsNeverRan, database), clock);
        var aws = new CliContract(account);
        var url = account.ListenerUrl(Scenarios.Seed002LoadBalancer, 80);

        var crashed = account.Read(s => s.Ecs.Tasks.Where(t => t.TaskDefinition.Family == Scenarios.Seed002BackendFamily && t.LastStatus == "STOPPED").ToList());
        Assert.True(crashed.Count >= 5, $"only {crashed.Count} crashed backend tasks");
        Assert.All(crashed, task => Assert.Equal(1, task.Containers.Single().ExitCode));
        Assert.Contains("error: relation \"application_logs\" does not exist", LogOf(account, crashed[0].Id));
        Assert.Equal(404, (await Http.GetAsync(url, "/health")).Status);
        Assert.Equal(503, (await Http.GetAsync(url, "/health", Scenarios.Seed002BackendHost)).Status);
        Assert.Equal(200, (await Http.GetAsync(url, "/health", Scenarios.Seed002AdminHost)).Status);

        var network = account.Read(s => s.Ecs.Tasks[0].Network);
        var migrationTask = aws.Json("ecs", "run-task", "--cluster", Scenarios.Seed002Cluster,
            "--task-definition", $"{Scenarios.Seed002BackendFamily}:{Scenarios.Seed002BackendRevision}", "--launch-type", "FARGATE",
            "--network-configuration", NetworkConfiguration(network),
            "--overrides", "{\"containerOverrides\":[{\"name\":\"backend\",\"command\":[\"npm\",\"run\",\"migrate\"]}]}",
            "--query", "tasks[0].taskArn").GetString()!;
        clock.Advance(TimeSpan.FromMinutes(1));
        var migrated = aws.Json("ecs", "describe-tasks", "--cluster", Scenarios.Seed002Cluster, "--tasks", migrationTask, "--query", "tasks[0].containers[0].exitCode");
        Assert.Equal(0, migrated.GetInt32());
        Assert.Contains("Applying 007_add_application_logs.sql", LogOf(account, migrationTask.Split('/').Last()));
        if (database is not null)
        {
            Assert.Equal("17", await _postgres.Server.QueryAsync(database.Database, "SELECT count(*) FROM pgmigrations"));
        }

        aws.Json("ecs", "update-service", "--cluster", Scenarios.Seed002Cluster, "--service", Scenarios.Seed002BackendService, "--force-new-deployment");
        var listenerArn = account.Read(s => s.Elbv2.Listeners.Single().ListenerArn);
        var backendGroup = account.Read(s => s.Elbv2.FindTargetGroupByName(Scenarios.Seed002BackendTargetGroup)!.TargetGroupArn);
        aws.Json("elbv2", "modify-listener", "--listener-arn", listenerArn, "--default-actions", $"Type=forward,TargetGroupArn={backendGroup}");
        clock.Advance(TimeSpan.FromMinutes(3));

        var service = aws.Json("ecs", "describe-services", "--cluster", Scenarios.Seed002Cluster, "--services", Scenarios.Seed002BackendService,
            "--query", "services[0].{Running:runningCount,Rollout:deployments[0].rolloutState}");
        Assert.Equal((1, "COMPLETED"), (service.Int("Running"), service.Str("Rollout")));
        foreach (var host in new string?[] { null, Scenarios.Seed002BackendHost, Scenarios.Seed002ApexHost })
        {
            var health = await Http.GetAsync(url, "/health", host);
            Assert.Equal((200, "application/json", Scenarios.Seed002HealthyBody), (health.Status, health.ContentType, health.Body));
        }
    }

    [Fact]
    public async Task The_fixed_variant_starts_migrated_and_forwarding()
    {
        var database = await _postgres.NewDatabaseAsync("faxi");
        using var account = SimulatedAccount.Start(Scenarios.Seed002(Seed002Variant.Fixed, database), new ManualClock());

        var health = await Http.GetAsync(account.ListenerUrl(Scenarios.Seed002LoadBalancer, 80), "/health");

        Assert.Equal((200, Scenarios.Seed002HealthyBody), (health.Status, health.Body));
        Assert.Equal("17", await _postgres.Server.QueryAsync(database.Database, "SELECT count(*) FROM pgmigrations"));
        Assert.All(account.Read(s => s.Ecs.Tasks.ToList()), task => Assert.Equal("RUNNING", task.LastStatus));
    }

    [Fact]
    public async Task Seed_000_crashes_on_tax_provider_until_medusa_db_migrate_runs()
    {
        var database = await _postgres.NewDatabaseAsync("medusa");
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed000(database), clock);
        var aws = new CliContract(account);

        var crashed = account.Read(s => s.Ecs.Tasks.First(t => t.LastStatus == "STOPPED"));
        Assert.Equal(("ysh-b2b-backend:11", 1), (crashed.TaskDefinition.FamilyRevision, crashed.Containers.Single().ExitCode));
        Assert.Contains("error: relation \"public.tax_provider\" does not exist", LogOf(account, crashed.Id, Scenarios.Seed000LogGroup, Scenarios.Seed000Container));

        var network = account.Read(s => s.Ecs.Tasks[0].Network);
        aws.Json("ecs", "run-task", "--cluster", Scenarios.Seed000Cluster, "--task-definition", Scenarios.Seed000Family, "--launch-type", "FARGATE",
            "--network-configuration", NetworkConfiguration(network),
            "--overrides", "{\"containerOverrides\":[{\"name\":\"ysh-b2b-backend\",\"command\":[\"npx\",\"medusa\",\"db:migrate\"]}]}");
        clock.Advance(TimeSpan.FromMinutes(1));
        aws.Json("ecs", "update-service", "--cluster", Scenarios.Seed000Cluster, "--service", Scenarios.Seed000Service, "--force-new-deployment");
        clock.Advance(TimeSpan.FromMinutes(4));

        var health = await Http.GetAsync(account.ListenerUrl(Scenarios.Seed000LoadBalancer, 80), "/health");
        Assert.Equal(200, health.Status);
        Assert.Equal("5", await _postgres.Server.QueryAsync(database.Database, "SELECT count(*) FROM pgmigrations"));
    }

    /// <summary>The runbook's --network-configuration: the service's private subnets and ECS security group, no public IP.</summary>
    private static string NetworkConfiguration(AwsVpcConfiguration network) =>
        $"awsvpcConfiguration={{subnets=[{string.Join(',', network.Subnets)}],securityGroups=[{string.Join(',', network.SecurityGroups)}],assignPublicIp=DISABLED}}";

    private static string LogOf(SimulatedAccount account, string taskId,
        string logGroup = Scenarios.Seed002BackendLogGroup, string container = Scenarios.Seed002BackendContainer) =>
        account.Read(s => string.Join('\n', s.Logs.FindGroup(logGroup)!.FindStream($"ecs/{container}/{taskId}")!.Events.Select(e => e.Message)));
}
