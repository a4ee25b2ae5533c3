using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The real aws CLI against the seed 001 account, one or more checks per ECS operation.</summary>
public sealed class EcsCliContractTests : IDisposable
{
    private const string Cluster = "kaviar-cluster";
    private const string ServiceName = "kaviar-backend-service";
    private const string ServiceArn = "arn:aws:ecs:us-east-2:123456789012:service/kaviar-cluster/kaviar-backend-service";
    private readonly SimulatedAccount _account;
    private readonly ManualClock _clock;
    private readonly CliContract _aws;

    public EcsCliContractTests()
    {
        (_account, _clock) = TestAccounts.Seed001();
        _aws = new CliContract(_account);
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void DescribeClusters_counts_tasks_and_reports_unknown_clusters_as_missing()
    {
        var output = _aws.Json("ecs", "describe-clusters", "--clusters", Cluster, "ghost");

        var cluster = output.Items("clusters").Single();
        Assert.Equal("arn:aws:ecs:us-east-2:123456789012:cluster/kaviar-cluster", cluster.Str("clusterArn"));
        Assert.Equal("ACTIVE", cluster.Str("status"));
        Assert.Equal(1, cluster.Int("activeServicesCount"));
        Assert.Equal(0, cluster.Int("runningTasksCount"));
        Assert.Equal(1, cluster.Int("pendingTasksCount"));
        var failure = output.Items("failures").Single();
        Assert.Equal("arn:aws:ecs:us-east-2:123456789012:cluster/ghost", failure.Str("arn"));
        Assert.Equal("MISSING", failure.Str("reason"));
    }

    [Fact]
    public void ListClusters_lists_the_cluster_arn()
    {
        Assert.Equal(new[] { "arn:aws:ecs:us-east-2:123456789012:cluster/" + Cluster }, _aws.Json("ecs", "list-clusters").Strings("clusterArns"));
    }

    [Fact]
    public void ListServices_lists_the_service_arn()
    {
        Assert.Equal(new[] { ServiceArn }, _aws.Json("ecs", "list-services", "--cluster", Cluster).Strings("serviceArns"));
    }

    [Fact]
    public void DescribeServices_shows_the_broken_service_as_the_runbook_sees_it()
    {
        var service = _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services").Single();

        var defaultGroup = _account.Read(s => s.SecurityGroupId("kaviar-default-sg"));
        var targetGroupArn = _account.Read(s => s.TargetGroup().TargetGroupArn);
        Assert.Equal(ServiceArn, service.Str("serviceArn"));
        Assert.Equal("ACTIVE", service.Str("status"));
        Assert.Equal(1, service.Int("desiredCount"));
        Assert.Equal(0, service.Int("runningCount"));
        Assert.Equal(1, service.Int("pendingCount"));
        Assert.Equal("FARGATE", service.Str("launchType"));
        Assert.Equal(120, service.Int("healthCheckGracePeriodSeconds"));
        Assert.Equal("arn:aws:ecs:us-east-2:123456789012:task-definition/kaviar-backend:2", service.Str("taskDefinition"));
        Assert.Equal(_clock.UtcNow - Scenarios.Seed001History, service.Epoch("createdAt"));
        Assert.Equal(new[] { defaultGroup }, service.GetProperty("networkConfiguration").GetProperty("awsvpcConfiguration").Strings("securityGroups"));
        var loadBalancer = service.Items("loadBalancers").Single();
        Assert.Equal((targetGroupArn, "kaviar-backend", 3001), (loadBalancer.Str("targetGroupArn"), loadBalancer.Str("containerName"), loadBalancer.Int("containerPort")));
        var deployment = service.Items("deployments").Single();
        Assert.Equal(("PRIMARY", "IN_PROGRESS", 4, 1, 0), (deployment.Str("status"), deployment.Str("rolloutState"), deployment.Int("failedTasks"), deployment.Int("pendingCount"), deployment.Int("runningCount")));
        var newest = service.Items("events").First();
        Assert.StartsWith("(service kaviar-backend-service) has started 1 tasks: (task ", newest.Str("message"));
        Assert.Equal(_clock.UtcNow - TimeSpan.FromSeconds(10), newest.Epoch("createdAt"));
        Assert.Contains(service.Items("events"), e => e.Str("message")
            == $"(service kaviar-backend-service) (port 3001) is unhealthy in (target-group {targetGroupArn}) due to (reason Request timed out).");
    }

    [Fact]
    public void DescribeServices_refuses_more_than_ten_services()
    {
        var stderr = _aws.Error(new[] { "ecs", "describe-services", "--cluster", Cluster, "--services" }
            .Concat(Enumerable.Range(1, 11).Select(i => $"service-{i}")).ToArray());

        Assert.Contains("InvalidParameterException", stderr);
    }

    [Fact]
    public void Unknown_clusters_and_services_fail_with_their_own_codes()
    {
        var noCluster = _aws.Error("ecs", "describe-services", "--cluster", "ghost", "--services", ServiceName);
        Assert.Contains("An error occurred (ClusterNotFoundException) when calling the DescribeServices operation", noCluster);
        Assert.EndsWith(": Cluster not found.", noCluster.TrimEnd());
        Assert.Contains("(ServiceNotFoundException)", _aws.Error("ecs", "update-service", "--cluster", Cluster, "--service", "ghost", "--desired-count", "1"));
    }

    [Fact]
    public void ListTasks_filters_by_service_status_family_and_started_by_and_pages()
    {
        var tasks = _account.Read(s => s.ServiceTasks().Select(t => (t.Arn, t.DesiredStatus, t.StartedBy)).ToArray());
        var running = tasks.Where(t => t.DesiredStatus == "RUNNING").Select(t => t.Arn).ToArray();
        var stopped = tasks.Where(t => t.DesiredStatus == "STOPPED").Select(t => t.Arn).ToArray();

        Assert.Equal(running, _aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--service-name", ServiceName).Strings("taskArns"));
        Assert.Equal(stopped, _aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--service-name", ServiceName, "--desired-status", "STOPPED").Strings("taskArns"));
        Assert.Equal(running, _aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--family", "kaviar-backend").Strings("taskArns"));
        Assert.Equal(running, _aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--started-by", tasks[0].StartedBy!).Strings("taskArns"));
        Assert.Empty(_aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--family", "other").Strings("taskArns"));

        _account.Calls.Clear();
        Assert.Equal(stopped, _aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--desired-status", "STOPPED", "--page-size", "3").Strings("taskArns"));
        Assert.Equal(2, _account.Calls.Snapshot().Count(c => c.Action == "ListTasks"));
    }

    [Fact]
    public void DescribeTasks_shows_the_eni_the_stop_reason_and_missing_tasks()
    {
        var (pendingId, stoppedId, eniId, targetGroupArn) = _account.Read(s =>
        {
            var tasks = s.ServiceTasks();
            return (tasks[^1].Id, tasks[0].Id, tasks[^1].Attachment.NetworkInterfaceId!, s.TargetGroup().TargetGroupArn);
        });

        var output = _aws.Json("ecs", "describe-tasks", "--cluster", Cluster, "--tasks", pendingId, stoppedId, "0123456789abcdef0123456789abcdef");

        var pending = output.Items("tasks")[0];
        Assert.Equal($"arn:aws:ecs:us-east-2:123456789012:task/kaviar-cluster/{pendingId}", pending.Str("taskArn"));
        Assert.Equal(("PENDING", "RUNNING", "service:kaviar-backend-service"), (pending.Str("lastStatus"), pending.Str("desiredStatus"), pending.Str("group")));
        var attachment = pending.Items("attachments").Single();
        Assert.Equal(("ElasticNetworkInterface", "ATTACHED"), (attachment.Str("type"), attachment.Str("status")));
        Assert.Equal(eniId, attachment.Detail("networkInterfaceId"));
        Assert.StartsWith("10.0.", attachment.Detail("privateIPv4Address"));
        var stopped = output.Items("tasks")[1];
        Assert.Equal(("STOPPED", "ServiceSchedulerInitiated"), (stopped.Str("lastStatus"), stopped.Str("stopCode")));
        Assert.Equal($"Task failed ELB health checks in (target-group {targetGroupArn})", stopped.Str("stoppedReason"));
        Assert.Equal(143, stopped.Items("containers").Single().Int("exitCode"));
        var missing = output.Items("failures").Single();
        Assert.Equal(("arn:aws:ecs:us-east-2:123456789012:task/kaviar-cluster/0123456789abcdef0123456789abcdef", "MISSING"), (missing.Str("arn"), missing.Str("reason")));
    }

    [Fact]
    public void DescribeTasks_refuses_more_than_a_hundred_tasks()
    {
        var stderr = _aws.Error(new[] { "ecs", "describe-tasks", "--cluster", Cluster, "--tasks" }
            .Concat(Enumerable.Range(1, 101).Select(i => $"{i:x32}")).ToArray());

        Assert.Contains("(InvalidParameterException)", stderr);
    }

    [Fact]
    public void DescribeTaskDefinition_and_ListTaskDefinitions_know_revisions_and_status()
    {
        var latest = _aws.Json("ecs", "describe-task-definition", "--task-definition", "kaviar-backend").GetProperty("taskDefinition");
        Assert.Equal((2, "ACTIVE"), (latest.Int("revision"), latest.Str("status")));
        var container = latest.Items("containerDefinitions").Single();
        Assert.Equal("/ecs/kaviar-backend", container.GetProperty("logConfiguration").GetProperty("options").Str("awslogs-group"));
        Assert.Equal(3001, container.Items("portMappings").Single().Int("containerPort"));
        Assert.Equal("INACTIVE", _aws.Json("ecs", "describe-task-definition", "--task-definition", "kaviar-backend:1").GetProperty("taskDefinition").Str("status"));
        Assert.Contains("(ClientException)", _aws.Error("ecs", "describe-task-definition", "--task-definition", "ghost:1"));

        const string arn = "arn:aws:ecs:us-east-2:123456789012:task-definition/kaviar-backend:";
        Assert.Equal(new[] { arn + "2" }, _aws.Json("ecs", "list-task-definitions", "--family-prefix", "kaviar-backend").Strings("taskDefinitionArns"));
        Assert.Equal(new[] { arn + "1" }, _aws.Json("ecs", "list-task-definitions", "--status", "INACTIVE").Strings("taskDefinitionArns"));

        var registered = _aws.Json("ecs", "register-task-definition", "--family", "kaviar-backend", "--requires-compatibilities", "FARGATE",
            "--network-mode", "awsvpc", "--cpu", "512", "--memory", "1024",
            "--container-definitions", "[{\"name\":\"kaviar-backend\",\"image\":\"kaviar-backend:v3\",\"essential\":true,\"portMappings\":[{\"containerPort\":3001}]}]")
            .GetProperty("taskDefinition");
        Assert.Equal((arn + "3", 3, "512"), (registered.Str("taskDefinitionArn"), registered.Int("revision"), registered.Str("cpu")));
        Assert.Equal(new[] { arn + "3", arn + "2" }, _aws.Json("ecs", "list-task-definitions", "--sort", "DESC").Strings("taskDefinitionArns"));
    }

    [Fact]
    public void RunTask_applies_overrides_is_idempotent_per_client_token_and_runs_to_completion()
    {
        var (subnet, group) = _account.Read(s => (s.Service().Primary.Network.Subnets[0], s.SecurityGroupId("kaviar-ecs-sg")));
        _account.Use(s =>
        {
            var app = SimulatedApp.KaviarBackend();
            app.CommandOutcomes["npm run migrate"] = ContainerStartOutcome.Exits(0, TimeSpan.FromSeconds(5), "Running migrations", "Migrations complete");
            s.Ecs.SetApp("kaviar-backend", app);
        });
        string[] RunMigration() => new[]
        {
            "ecs", "run-task", "--cluster", Cluster, "--task-definition", "kaviar-backend:2", "--launch-type", "FARGATE",
            "--started-by", "kaviar-ops", "--client-token", "migrate-0001", "--tags", "key=purpose,value=migration",
            "--network-configuration", $"awsvpcConfiguration={{subnets=[{subnet}],securityGroups=[{group}],assignPublicIp=DISABLED}}",
            "--overrides", "{\"containerOverrides\":[{\"name\":\"kaviar-backend\",\"command\":[\"npm\",\"run\",\"migrate\"],\"environment\":[{\"name\":\"DRY_RUN\",\"value\":\"0\"}]}]}",
        };

        var first = _aws.Json(RunMigration()).Items("tasks").Single();
        var again = _aws.Json(RunMigration()).Items("tasks").Single();

        Assert.Equal(first.Str("taskArn"), again.Str("taskArn"));
        Assert.Equal(("PROVISIONING", "kaviar-ops", "family:kaviar-backend"), (first.Str("lastStatus"), first.Str("startedBy"), first.Str("group")));
        Assert.Equal(new[] { "npm", "run", "migrate" }, first.GetProperty("overrides").Items("containerOverrides").Single().Strings("command"));
        Assert.Equal(("purpose", "migration"), (first.Items("tags").Single().Str("key"), first.Items("tags").Single().Str("value")));

        _clock.Advance(TimeSpan.FromMinutes(2));
        var finished = _aws.Json("ecs", "describe-tasks", "--cluster", Cluster, "--tasks", first.Str("taskArn")).Items("tasks").Single();
        Assert.Equal(("STOPPED", "EssentialContainerExited", "Essential container in task exited"), (finished.Str("lastStatus"), finished.Str("stopCode"), finished.Str("stoppedReason")));
        Assert.Equal(0, finished.Items("containers").Single().Int("exitCode"));
        var taskId = first.Str("taskArn").Split('/').Last();
        var log = _aws.Json("logs", "get-log-events", "--log-group-name", "/ecs/kaviar-backend", "--log-stream-name", $"ecs/kaviar-backend/{taskId}", "--start-from-head");
        Assert.Equal(new[] { "Running migrations", "Migrations complete" }, log.Items("events").Select(e => e.Str("message")));
    }

    [Fact]
    public void RunTask_without_a_network_configuration_is_refused()
    {
        Assert.Contains("(InvalidParameterException)", _aws.Error("ecs", "run-task", "--cluster", Cluster, "--task-definition", "kaviar-backend"));
    }

    [Fact]
    public void RunTask_takes_a_capacity_provider_strategy_or_a_launch_type_but_not_both()
    {
        var subnet = _account.Read(s => s.Service().Primary.Network.Subnets[0]);
        var network = $"awsvpcConfiguration={{subnets=[{subnet}],assignPublicIp=DISABLED}}";

        var task = _aws.Json("ecs", "run-task", "--cluster", Cluster, "--task-definition", "kaviar-backend", "--network-configuration", network,
            "--capacity-provider-strategy", "capacityProvider=FARGATE_SPOT,weight=1").Items("tasks").Single();
        Assert.Equal(("FARGATE_SPOT", "FARGATE"), (task.Str("capacityProviderName"), task.Str("launchType")));

        Assert.Contains("Specifying both a launch type and capacity provider strategy is not supported.", _aws.Error("ecs", "run-task", "--cluster", Cluster,
            "--task-definition", "kaviar-backend", "--network-configuration", network, "--launch-type", "FARGATE",
            "--capacity-provider-strategy", "capacityProvider=FARGATE_SPOT,weight=1"));
    }

    [Fact]
    public void A_deployment_that_cannot_start_trips_the_circuit_breaker_and_rolls_back()
    {
        var clock = new ManualClock();
        using var healthy = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), clock);
        var aws = new CliContract(healthy);
        aws.Json("ecs", "register-task-definition", "--family", "kaviar-backend", "--requires-compatibilities", "FARGATE", "--network-mode", "awsvpc",
            "--cpu", "512", "--memory", "1024", "--container-definitions", "[{\"name\":\"kaviar-backend\",\"image\":\"123456789012.dkr.ecr.us-east-2.amazonaws.com/kaviar-backend:typo\",\"portMappings\":[{\"containerPort\":3001}]}]");
        var completed = aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services").Single().Items("deployments").Single().Str("id");

        aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--task-definition", "kaviar-backend:3",
            "--deployment-configuration", "deploymentCircuitBreaker={enable=true,rollback=true}");
        clock.Advance(TimeSpan.FromMinutes(10));

        var service = aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services").Single();
        var primary = service.Items("deployments").Single();
        Assert.Equal(("arn:aws:ecs:us-east-2:123456789012:task-definition/kaviar-backend:2", "COMPLETED"), (primary.Str("taskDefinition"), primary.Str("rolloutState")));
        Assert.Equal(1, service.Int("runningCount"));
        var messages = service.Items("events").Select(e => e.Str("message")).ToList();
        Assert.Contains($"(service kaviar-backend-service) rolling back to deployment {completed}.", messages);
        Assert.Contains(messages, m => m.EndsWith(") deployment failed: tasks failed to start.", StringComparison.Ordinal));
    }

    [Fact]
    public void StopTask_stops_a_task_for_the_user()
    {
        var taskArn = _account.Read(s => s.ServiceTasks()[^1].Arn);

        var task = _aws.Json("ecs", "stop-task", "--cluster", Cluster, "--task", taskArn, "--reason", "Rehearsal").GetProperty("task");

        Assert.Equal(("STOPPED", "UserInitiated", "Rehearsal"), (task.Str("desiredStatus"), task.Str("stopCode"), task.Str("stoppedReason")));
        Assert.Contains("(InvalidParameterException)", _aws.Error("ecs", "stop-task", "--cluster", Cluster, "--task", "0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public void UpdateService_with_the_ecs_security_group_heals_the_service()
    {
        var (subnets, group) = _account.Read(s => (s.Service().Primary.Network.Subnets, s.SecurityGroupId("kaviar-ecs-sg")));

        var updated = _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName,
            "--network-configuration", $"awsvpcConfiguration={{subnets=[{string.Join(',', subnets)}],securityGroups=[{group}],assignPublicIp=DISABLED}}")
            .GetProperty("service");
        Assert.Equal(new[] { "PRIMARY", "ACTIVE" }, updated.Items("deployments").Select(d => d.Str("status")));
        Assert.Equal(new[] { group }, updated.Items("deployments")[0].GetProperty("networkConfiguration").GetProperty("awsvpcConfiguration").Strings("securityGroups"));

        _clock.Advance(TimeSpan.FromMinutes(3));
        var healed = _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services").Single();
        Assert.Equal((1, 1, 0), (healed.Int("desiredCount"), healed.Int("runningCount"), healed.Int("pendingCount")));
        var deployment = healed.Items("deployments").Single();
        Assert.Equal(("PRIMARY", "COMPLETED"), (deployment.Str("status"), deployment.Str("rolloutState")));
        Assert.Equal("(service kaviar-backend-service) has reached a steady state.", healed.Items("events")[0].Str("message"));
    }

    [Fact]
    public void UpdateService_changes_the_desired_count_or_forces_a_new_deployment()
    {
        var scaled = _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--desired-count", "2").GetProperty("service");
        Assert.Equal(2, scaled.Int("desiredCount"));
        Assert.Single(scaled.Items("deployments"));
        Assert.Equal(2, _aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--service-name", ServiceName).Strings("taskArns").Length);

        var forced = _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", ServiceName, "--force-new-deployment").GetProperty("service");
        Assert.Equal(new[] { ("PRIMARY", 2), ("ACTIVE", 2) }, forced.Items("deployments").Select(d => (d.Str("status"), d.Int("desiredCount"))));
        Assert.Equal("arn:aws:ecs:us-east-2:123456789012:task-definition/kaviar-backend:2", forced.Items("deployments")[0].Str("taskDefinition"));
    }

    [Fact]
    public void A_task_definitions_secrets_are_echoed_and_a_secret_the_account_lacks_stops_its_task()
    {
        const string missing = "arn:aws:secretsmanager:us-east-2:123456789012:secret:kaviar/database-url-Qm4tZx";
        var (subnet, group) = _account.Read(s => (s.Service().Primary.Network.Subnets[0], s.SecurityGroupId("kaviar-ecs-sg")));
        var registered = _aws.Json("ecs", "register-task-definition", "--family", "kaviar-backend", "--requires-compatibilities", "FARGATE",
            "--network-mode", "awsvpc", "--cpu", "512", "--memory", "1024", "--container-definitions",
            $"[{{\"name\":\"kaviar-backend\",\"image\":\"123456789012.dkr.ecr.us-east-2.amazonaws.com/kaviar-backend:v2\",\"secrets\":[{{\"name\":\"DATABASE_URL\",\"valueFrom\":\"{missing}\"}}]}}]")
            .GetProperty("taskDefinition");
        var described = _aws.Json("ecs", "describe-task-definition", "--task-definition", registered.Str("taskDefinitionArn")).GetProperty("taskDefinition");
        var secret = described.Items("containerDefinitions").Single().Items("secrets").Single();
        Assert.Equal(("DATABASE_URL", missing), (secret.Str("name"), secret.Str("valueFrom")));

        var taskArn = _aws.Json("ecs", "run-task", "--cluster", Cluster, "--task-definition", registered.Str("taskDefinitionArn"),
            "--network-configuration", $"awsvpcConfiguration={{subnets=[{subnet}],securityGroups=[{group}],assignPublicIp=DISABLED}}").Items("tasks").Single().Str("taskArn");
        _clock.Advance(TimeSpan.FromMinutes(2));

        var stopped = _aws.Json("ecs", "describe-tasks", "--cluster", Cluster, "--tasks", taskArn).Items("tasks").Single();
        Assert.Equal(("STOPPED", "TaskFailedToStart"), (stopped.Str("lastStatus"), stopped.Str("stopCode")));
        Assert.StartsWith("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
            + $"unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret {missing} from secrets manager: ", stopped.Str("stoppedReason"));
        Assert.EndsWith("ResourceNotFoundException: Secrets Manager can't find the specified secret.", stopped.Str("stoppedReason"));
        Assert.False(stopped.Items("containers").Single().TryGetProperty("exitCode", out _));
    }

    [Fact]
    public void RunTask_over_the_fargate_vcpu_quota_starts_what_fits_and_fails_the_rest()
    {
        // The seed's PENDING and DEACTIVATING tasks hold 1 of the 2 vCPUs: two more 0.5-vCPU tasks fit.
        var subnet = _account.Read(s => s.Service().Primary.Network.Subnets[0]);
        _account.Use(s => s.Ecs.FargateOnDemandVcpuQuota = 2);

        var output = _aws.Json("ecs", "run-task", "--cluster", Cluster, "--task-definition", "kaviar-backend", "--count", "3",
            "--network-configuration", $"awsvpcConfiguration={{subnets=[{subnet}],assignPublicIp=DISABLED}}");

        Assert.Equal(2, output.Items("tasks").Length);
        Assert.Equal("You've reached the limit on the number of vCPUs you can run concurrently", output.Items("failures").Single().Str("reason"));
        var spot = _aws.Json("ecs", "run-task", "--cluster", Cluster, "--task-definition", "kaviar-backend", "--network-configuration",
            $"awsvpcConfiguration={{subnets=[{subnet}],assignPublicIp=DISABLED}}", "--capacity-provider-strategy", "capacityProvider=FARGATE_SPOT,weight=1");
        Assert.Single(spot.Items("tasks"));
    }
}
