using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The real aws CLI against the service deployments of seed 001 with a crashing revision (issue 10).</summary>
public sealed class EcsDeploymentCliContractTests : IDisposable
{
    private const string Cluster = "kaviar-cluster";
    private const string ServiceName = "kaviar-backend-service";
    private const string DeploymentArnPrefix = "arn:aws:ecs:us-east-2:123456789012:service-deployment/kaviar-cluster/kaviar-backend-service/";
    private const string RevisionArnPrefix = "arn:aws:ecs:us-east-2:123456789012:service-revision/kaviar-cluster/kaviar-backend-service/";
    private const string TaskDefinitionArn = "arn:aws:ecs:us-east-2:123456789012:task-definition/kaviar-backend:";
    private readonly ManualClock _clock = new();
    private readonly SimulatedAccount _account;
    private readonly CliContract _aws;

    public EcsDeploymentCliContractTests()
    {
        _account = SimulatedAccount.Start(Scenarios.Seed001WithCrashingRevision(), _clock);
        _aws = new CliContract(_account);
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void The_scenario_has_one_successful_deployment_and_a_revision_only_a_migration_used()
    {
        var deployments = List();
        var created = Assert.Single(deployments);
        Assert.Equal("SUCCESSFUL", created.Str("status"));
        Assert.StartsWith(DeploymentArnPrefix, created.Str("serviceDeploymentArn"));
        Assert.StartsWith(RevisionArnPrefix, created.Str("targetServiceRevisionArn"));

        var migrations = _aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--family", "kaviar-backend", "--desired-status", "STOPPED").Strings("taskArns");
        var migration = _aws.Json("ecs", "describe-tasks", "--cluster", Cluster, "--tasks", migrations.Last()).Items("tasks").Single();
        Assert.Equal((TaskDefinitionArn + "3", "kaviar-ops-migration", 0),
            (migration.Str("taskDefinitionArn"), migration.Str("startedBy"), migration.Items("containers").Single().Int("exitCode")));
        Assert.Equal("ACTIVE", _aws.Json("ecs", "describe-task-definition", "--task-definition", Scenarios.Seed001CrashingRevision).GetProperty("taskDefinition").Str("status"));
    }

    [Fact]
    public void UpdateService_records_a_deployment_that_describe_shows_in_progress_and_then_successful()
    {
        var registered = _aws.Json("ecs", "register-task-definition", "--family", "kaviar-backend", "--requires-compatibilities", "FARGATE",
            "--network-mode", "awsvpc", "--cpu", "512", "--memory", "1024",
            "--container-definitions", "[{\"name\":\"kaviar-backend\",\"image\":\"kaviar-backend:v5\",\"essential\":true,\"portMappings\":[{\"containerPort\":3001}]}]")
            .GetProperty("taskDefinition");
        Assert.Equal(5, registered.Int("revision"));
        var previous = Assert.Single(List());

        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--task-definition", "kaviar-backend:5");

        var listed = List();
        Assert.Equal(2, listed.Length);
        Assert.Equal(("IN_PROGRESS", "SUCCESSFUL"), (listed[0].Str("status"), listed[1].Str("status")));
        var arn = listed[0].Str("serviceDeploymentArn");
        var deployment = Describe(arn);
        Assert.Equal(("IN_PROGRESS", "SCALE_UP"), (deployment.Str("status"), deployment.Str("lifecycleStage")));
        Assert.Equal(previous.Str("targetServiceRevisionArn"), deployment.Items("sourceServiceRevisions").Single().Str("arn"));
        Assert.Equal(1, deployment.GetProperty("targetServiceRevision").Int("requestedTaskCount"));
        var breaker = deployment.GetProperty("deploymentCircuitBreaker");
        Assert.Equal(("MONITORING", 0, 3), (breaker.Str("status"), breaker.Int("failureCount"), breaker.Int("threshold")));
        Assert.True(deployment.GetProperty("deploymentConfiguration").GetProperty("deploymentCircuitBreaker").GetProperty("rollback").GetBoolean());

        _clock.Advance(TimeSpan.FromMinutes(5));
        var done = Describe(arn);
        Assert.Equal("SUCCESSFUL", done.Str("status"));
        Assert.Equal("MONITORING_COMPLETE", done.GetProperty("deploymentCircuitBreaker").Str("status"));
        Assert.True(done.Epoch("finishedAt") > done.Epoch("startedAt"));
        Assert.False(done.TryGetProperty("rollback", out _));
        Assert.Equal(new[] { "SUCCESSFUL" }, List("--status", "IN_PROGRESS", "SUCCESSFUL").Take(1).Select(d => d.Str("status")));
        Assert.Empty(List("--status", "ROLLBACK_SUCCESSFUL"));
    }

    [Fact]
    public void A_crashing_revision_trips_the_circuit_breaker_and_rolls_back_to_the_last_successful_revision()
    {
        var successful = Assert.Single(List());

        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--task-definition", Scenarios.Seed001CrashingRevision);
        _clock.Advance(TimeSpan.FromMinutes(15));

        var failed = Describe(List()[0].Str("serviceDeploymentArn"));
        Assert.Equal("ROLLBACK_SUCCESSFUL", failed.Str("status"));
        var rollback = failed.GetProperty("rollback");
        Assert.Equal(successful.Str("targetServiceRevisionArn"), rollback.Str("serviceRevisionArn"));
        Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", rollback.Str("reason"));
        var breaker = failed.GetProperty("deploymentCircuitBreaker");
        Assert.Equal(("TRIGGERED", 3), (breaker.Str("status"), breaker.Int("threshold")));
        Assert.True(breaker.Int("failureCount") >= 3);
        var service = _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services").Single();
        var primary = service.Items("deployments").Single(d => d.Str("status") == "PRIMARY");
        Assert.Equal((TaskDefinitionArn + "2", "COMPLETED"), (primary.Str("taskDefinition"), primary.Str("rolloutState")));
        Assert.Equal(TaskDefinitionArn + "2", service.Str("taskDefinition"));
        Assert.Single(List("--status", "ROLLBACK_SUCCESSFUL"));
    }

    [Fact]
    public void RegisterTaskDefinition_keeps_the_members_the_simulation_does_not_act_on()
    {
        _aws.Json("ecs", "register-task-definition", "--family", "kaviar-backend", "--requires-compatibilities", "FARGATE",
            "--network-mode", "awsvpc", "--cpu", "512", "--memory", "1024", "--container-definitions",
            "[{\"name\":\"kaviar-backend\",\"image\":\"kaviar-backend:v5\",\"stopTimeout\":30,"
            + "\"secrets\":[{\"name\":\"DB_PASSWORD\",\"valueFrom\":\"arn:aws:secretsmanager:us-east-2:123456789012:secret:db\"}],"
            + "\"healthCheck\":{\"command\":[\"CMD-SHELL\",\"curl -f localhost:3001/api/health\"],\"interval\":30}}]");

        var container = _aws.Json("ecs", "describe-task-definition", "--task-definition", "kaviar-backend:5")
            .GetProperty("taskDefinition").Items("containerDefinitions").Single();

        Assert.Equal(30, container.Int("stopTimeout"));
        Assert.Equal("arn:aws:secretsmanager:us-east-2:123456789012:secret:db", container.Items("secrets").Single().Str("valueFrom"));
        Assert.Equal(new[] { "CMD-SHELL", "curl -f localhost:3001/api/health" }, container.GetProperty("healthCheck").Strings("command"));
    }

    [Fact]
    public void The_rolled_back_variant_starts_after_the_rollback()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed001WithCrashingRevision(Seed001Crash.RolledBack), new ManualClock());
        var aws = new CliContract(account);

        var listed = aws.Json("ecs", "list-service-deployments", "--cluster", Cluster, "--service", ServiceName).Items("serviceDeployments");

        Assert.Equal(new[] { "ROLLBACK_SUCCESSFUL", "SUCCESSFUL" }, listed.Select(d => d.Str("status")));
        var service = aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services").Single();
        Assert.Equal(TaskDefinitionArn + "2", service.Str("taskDefinition"));
    }

    [Fact]
    public void StopServiceDeployment_rolls_an_in_progress_deployment_back_and_refuses_a_finished_one()
    {
        var successful = Assert.Single(List());
        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment");
        var arn = List()[0].Str("serviceDeploymentArn");

        var stopped = _aws.Json("ecs", "stop-service-deployment", "--service-deployment-arn", arn, "--stop-type", "ROLLBACK");

        Assert.Equal(arn, stopped.Str("serviceDeploymentArn"));
        var rollingBack = Describe(arn);
        Assert.Equal("ROLLBACK_IN_PROGRESS", rollingBack.Str("status"));
        Assert.Equal(successful.Str("targetServiceRevisionArn"), rollingBack.GetProperty("rollback").Str("serviceRevisionArn"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("ROLLBACK_SUCCESSFUL", Describe(arn).Str("status"));

        var conflict = _aws.Error("ecs", "stop-service-deployment", "--service-deployment-arn", successful.Str("serviceDeploymentArn"), "--stop-type", "ROLLBACK");
        Assert.Contains("An error occurred (ConflictException) when calling the StopServiceDeployment operation", conflict);
        Assert.Contains("(ServiceDeploymentNotFoundException)", _aws.Error("ecs", "stop-service-deployment", "--service-deployment-arn", DeploymentArnPrefix + "0"));
    }

    [Fact]
    public void A_newer_deployment_stops_the_one_in_progress()
    {
        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment");
        var first = List()[0].Str("serviceDeploymentArn");

        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment");

        var superseded = Describe(first);
        Assert.Equal("STOPPED", superseded.Str("status"));
        Assert.StartsWith("Superseded by service deployment " + DeploymentArnPrefix, superseded.Str("statusReason"));
        Assert.Equal(new[] { "IN_PROGRESS", "STOPPED", "SUCCESSFUL" }, List().Select(d => d.Str("status")));
    }

    [Fact]
    public void ListServiceDeployments_pages_filters_by_creation_time_and_knows_missing_services()
    {
        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment");
        _clock.Advance(TimeSpan.FromMinutes(5));
        var cutoff = _clock.UtcNow - TimeSpan.FromSeconds(1);
        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment");
        var all = List();
        Assert.Equal(3, all.Length);

        // The CLI 1.45 has no paginator for this operation: page by hand.
        var firstPage = _aws.Json("ecs", "list-service-deployments", "--cluster", Cluster, "--service", ServiceName, "--max-results", "2");
        var secondPage = _aws.Json("ecs", "list-service-deployments", "--cluster", Cluster, "--service", ServiceName, "--max-results", "2",
            "--next-token", firstPage.Str("nextToken"));
        Assert.Equal(all.Select(d => d.Str("serviceDeploymentArn")),
            firstPage.Items("serviceDeployments").Concat(secondPage.Items("serviceDeployments")).Select(d => d.Str("serviceDeploymentArn")));
        Assert.False(secondPage.TryGetProperty("nextToken", out _));
        var after = List("--created-at", $"after={cutoff:yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(all[0].Str("serviceDeploymentArn"), Assert.Single(after).Str("serviceDeploymentArn"));

        var describe = _aws.Json("ecs", "describe-service-deployments", "--service-deployment-arns", all[0].Str("serviceDeploymentArn"), DeploymentArnPrefix + "0");
        Assert.Single(describe.Items("serviceDeployments"));
        Assert.Equal((DeploymentArnPrefix + "0", "MISSING"), (describe.Items("failures").Single().Str("arn"), describe.Items("failures").Single().Str("reason")));
        Assert.Contains("(ServiceNotFoundException)", _aws.Error("ecs", "list-service-deployments", "--cluster", Cluster, "--service", "ghost"));
        Assert.Contains("(ClusterNotFoundException)", _aws.Error("ecs", "list-service-deployments", "--cluster", "ghost", "--service", ServiceName));
    }

    [Fact]
    public void DescribeServiceRevisions_returns_the_task_definition_a_deployment_rolled_out_and_knows_missing_revisions()
    {
        var deployment = Assert.Single(List());
        var revisionArn = deployment.Str("targetServiceRevisionArn");
        var service = _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services").Single();
        var missingArn = RevisionArnPrefix + "0";

        var described = _aws.Json("ecs", "describe-service-revisions", "--service-revision-arns", revisionArn, missingArn);

        var revision = described.Items("serviceRevisions").Single();
        Assert.Equal((revisionArn, service.Str("serviceArn"), service.Str("clusterArn")),
            (revision.Str("serviceRevisionArn"), revision.Str("serviceArn"), revision.Str("clusterArn")));
        Assert.StartsWith(TaskDefinitionArn, revision.Str("taskDefinition"));
        Assert.Equal(service.Str("taskDefinition"), revision.Str("taskDefinition"));
        Assert.Equal(service.GetProperty("networkConfiguration").GetRawText(), revision.GetProperty("networkConfiguration").GetRawText());
        Assert.Equal("kaviar-backend", revision.Items("containerImages").First().Str("containerName"));
        Assert.Equal((missingArn, "MISSING"), (described.Items("failures").Single().Str("arn"), described.Items("failures").Single().Str("reason")));
    }

    [Fact]
    public void A_rolling_update_is_paced_by_minimum_healthy_and_maximum_percent()
    {
        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--desired-count", "4");
        _clock.Advance(TimeSpan.FromMinutes(5));
        var before = Events().Length;

        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment",
            "--deployment-configuration", "maximumPercent=100,minimumHealthyPercent=50");
        _clock.Advance(TimeSpan.FromMinutes(10));

        // Oldest first: with 4 desired, at most 4 tasks at once and at least 2 running, so ECS first stops 2 to make room.
        var scaling = Events().Take(Events().Length - before).Reverse()
            .Select(message => System.Text.RegularExpressions.Regex.Match(message, @"has (started|stopped) (\d+) (running )?tasks"))
            .Where(match => match.Success)
            .Select(match => (match.Groups[1].Value == "started" ? 1 : -1) * int.Parse(match.Groups[2].Value))
            .ToArray();
        Assert.Equal(-2, scaling[0]);
        var live = 4;
        foreach (var change in scaling)
        {
            live += change;
            Assert.InRange(live, 2, 4);
        }

        Assert.Equal((4, -4), (scaling.Where(c => c > 0).Sum(), scaling.Where(c => c < 0).Sum()));
        Assert.Equal("SUCCESSFUL", List()[0].Str("status"));
    }

    [Fact]
    public void A_pause_hook_holds_the_deployment_after_scale_up_until_it_is_continued()
    {
        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment", "--deployment-configuration",
            "{\"lifecycleHooks\":[{\"targetType\":\"PAUSE\",\"lifecycleStages\":[\"POST_SCALE_UP\"],\"timeoutConfiguration\":{\"timeoutInMinutes\":30,\"action\":\"ROLLBACK\"}}]}");
        var arn = List()[0].Str("serviceDeploymentArn");
        _clock.Advance(TimeSpan.FromMinutes(5));

        var paused = Describe(arn);
        var hook = paused.Items("lifecycleHookDetails").Single();
        Assert.Equal(("IN_PROGRESS", "POST_SCALE_UP"), (paused.Str("status"), paused.Str("lifecycleStage")));
        Assert.Equal(("PAUSE", "AWAITING_ACTION", "ROLLBACK"), (hook.Str("targetType"), hook.Str("status"), hook.Str("timeoutAction")));
        Assert.Equal(2, _aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--service-name", ServiceName).Strings("taskArns").Length);

        _aws.Json("ecs", "continue-service-deployment", "--service-deployment-arn", arn, "--hook-id", hook.Str("hookId"), "--action", "CONTINUE");
        _clock.Advance(TimeSpan.FromMinutes(2));

        var done = Describe(arn);
        Assert.Equal("SUCCESSFUL", done.Str("status"));
        Assert.Equal("SUCCEEDED", done.Items("lifecycleHookDetails").Single().Str("status"));
        Assert.Contains("(InvalidParameterException)",
            _aws.Error("ecs", "continue-service-deployment", "--service-deployment-arn", arn, "--hook-id", hook.Str("hookId")));
    }

    [Fact]
    public void A_pause_hook_that_times_out_takes_its_timeout_action()
    {
        _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment", "--deployment-configuration",
            "{\"lifecycleHooks\":[{\"targetType\":\"PAUSE\",\"lifecycleStages\":[\"PRE_SCALE_UP\"],\"timeoutConfiguration\":{\"timeoutInMinutes\":10,\"action\":\"ROLLBACK\"}}]}");
        var arn = List()[0].Str("serviceDeploymentArn");
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("PRE_SCALE_UP", Describe(arn).Str("lifecycleStage"));
        Assert.Single(_aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--service-name", ServiceName).Strings("taskArns"));

        _clock.Advance(TimeSpan.FromMinutes(10));

        var rolledBack = Describe(arn);
        Assert.Equal("ROLLBACK_SUCCESSFUL", rolledBack.Str("status"));
        Assert.Equal("TIMED_OUT", rolledBack.Items("lifecycleHookDetails").Single().Str("status"));
        Assert.Contains("(UnsupportedFeatureException)", _aws.Error("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName,
            "--deployment-configuration", "{\"lifecycleHooks\":[{\"hookTargetArn\":\"arn:aws:lambda:us-east-2:123456789012:function:f\",\"lifecycleStages\":[\"PRE_SCALE_UP\"]}]}"));
    }

    private string[] Events() =>
        _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services").Single().Items("events")
            .Select(e => e.Str("message")).ToArray();

    private JsonElement[] List(params string[] filters) =>
        _aws.Json(new[] { "ecs", "list-service-deployments", "--cluster", Cluster, "--service", ServiceName }.Concat(filters).ToArray()).Items("serviceDeployments");

    private JsonElement Describe(string arn) =>
        _aws.Json("ecs", "describe-service-deployments", "--service-deployment-arns", arn).Items("serviceDeployments").Single();
}
