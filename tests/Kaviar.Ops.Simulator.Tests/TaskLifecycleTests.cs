using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>The Fargate task lifecycle and ELB health, stepped on a manual clock from the moment the service was created.</summary>
public sealed class TaskLifecycleTests
{
    [Fact]
    public void A_task_is_provisioned_then_pending_with_its_eni_then_running()
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy);
        using var _ = account;

        var task = account.Read(s => s.ServiceTasks().Single());
        Assert.Equal("PROVISIONING", task.LastStatus);
        Assert.Equal("PRECREATED", task.Attachment.Status);
        Assert.Null(task.Attachment.NetworkInterfaceId);

        clock.Advance(TimeSpan.FromSeconds(10));
        account.Use(s =>
        {
            Assert.Equal("PENDING", task.LastStatus);
            Assert.Equal("ATTACHED", task.Attachment.Status);
            var eni = s.Ec2.FindNetworkInterface(task.Attachment.NetworkInterfaceId!)!;
            Assert.Equal(task.Attachment.SubnetId, eni.SubnetId);
            Assert.Equal(new[] { s.SecurityGroupId("kaviar-ecs-sg") }, eni.GroupIds);
            Assert.Equal(eni.PrivateIpAddress, task.Attachment.PrivateIpv4Address);
            Assert.Equal(eni.MacAddress, task.Attachment.MacAddress);
            Assert.StartsWith("10.0.3.", eni.PrivateIpAddress);
        });

        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal("PENDING", account.Read(_ => task.LastStatus));
        clock.Advance(TimeSpan.FromSeconds(1));
        account.Use(s =>
        {
            Assert.Equal("RUNNING", task.LastStatus);
            Assert.Equal("RUNNING", task.Containers.Single().LastStatus);
            Assert.Equal(clock.UtcNow, task.StartedAt);
            var target = s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001)!;
            Assert.Equal("initial", target.State);
            Assert.Equal("Elb.RegistrationInProgress", target.Reason);
            var stream = s.Logs.FindGroup("/ecs/kaviar-backend")!.FindStream($"ecs/kaviar-backend/{task.Id}")!;
            Assert.Equal("Backend running on port 3001", stream.Events[^1].Message);
            Assert.Contains($"(service kaviar-backend-service) registered 1 targets in (target-group {s.TargetGroup().TargetGroupArn})",
                s.Service().Events.Select(e => e.Message));
        });
    }

    [Fact]
    public void With_the_ecs_security_group_the_target_turns_healthy_and_the_rollout_completes()
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy);
        using var _ = account;
        var task = account.Read(s => s.ServiceTasks().Single());

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal("Elb.InitialHealthChecking", account.Read(s => s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001)!.Reason));

        // Two passing checks, 30 s apart, after registration at +30 s.
        clock.Advance(TimeSpan.FromSeconds(49));
        Assert.Equal("initial", account.Read(s => s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001)!.State));
        clock.Advance(TimeSpan.FromSeconds(1));
        account.Use(s =>
        {
            var target = s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001)!;
            Assert.Equal("healthy", target.State);
            Assert.Null(target.Reason);
            var deployment = s.Service().Deployments.Single();
            Assert.Equal("COMPLETED", deployment.RolloutState);
            Assert.Equal($"ECS deployment {deployment.Id} completed.", deployment.RolloutStateReason);
            Assert.Equal("(service kaviar-backend-service) has reached a steady state.", s.Service().Events[^1].Message);
        });

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new[] { task }, account.Read(s => s.ServiceTasks()));
    }

    [Fact]
    public void With_the_default_security_group_the_target_times_out_and_ecs_replaces_the_task()
    {
        var (account, clock) = TestAccounts.Seed001AtCreation();
        using var _ = account;
        var task = account.Read(s => s.ServiceTasks().Single());
        var targetGroupArn = account.Read(s => s.TargetGroup().TargetGroupArn);

        clock.Advance(TimeSpan.FromSeconds(90));
        account.Use(s =>
        {
            var target = s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001)!;
            Assert.Equal("unhealthy", target.State);
            Assert.Equal("Target.Timeout", target.Reason);
            Assert.Equal("Request timed out", target.Description);
        });

        // The grace period (120 s from RUNNING at +30 s) ends at +150 s; three more failures later ECS gives up.
        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal("RUNNING", account.Read(_ => task.DesiredStatus));
        clock.Advance(TimeSpan.FromSeconds(1));
        account.Use(s =>
        {
            Assert.Equal("STOPPED", task.DesiredStatus);
            Assert.Equal("DEACTIVATING", task.LastStatus);
            Assert.Equal("ServiceSchedulerInitiated", task.StopCode);
            Assert.Equal($"Task failed ELB health checks in (target-group {targetGroupArn})", task.StoppedReason);
            Assert.Equal("draining", s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001)!.State);
            var replacement = s.ServiceTasks().Last();
            Assert.NotEqual(task, replacement);
            Assert.Equal("PROVISIONING", replacement.LastStatus);
            var messages = s.Service().Events.Select(e => e.Message).ToList();
            Assert.Contains($"(service kaviar-backend-service) (port 3001) is unhealthy in (target-group {targetGroupArn}) due to (reason Request timed out).", messages);
            Assert.Contains($"(service kaviar-backend-service) has stopped 1 running tasks: (task {task.Id}).", messages);
            Assert.Equal($"(service kaviar-backend-service) has started 1 tasks: (task {replacement.Id}).", messages[^1]);
            Assert.Equal(1, s.Service().Primary.FailedTasks);
            Assert.Equal("IN_PROGRESS", s.Service().Primary.RolloutState);
        });

        clock.Advance(TimeSpan.FromSeconds(30));
        account.Use(s =>
        {
            Assert.Equal("STOPPED", task.LastStatus);
            Assert.Equal(clock.UtcNow, task.StoppedAt);
            var container = task.Containers.Single();
            Assert.Equal("STOPPED", container.LastStatus);
            Assert.Equal(143, container.ExitCode);
            Assert.Null(container.Reason);
            Assert.Equal("DELETED", task.Attachment.Status);
            Assert.Null(s.Ec2.FindNetworkInterface(task.Attachment.NetworkInterfaceId!));
            Assert.Null(s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001));
        });

        clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59));
        Assert.Contains(task, account.Read(s => s.Ecs.Tasks));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(task, account.Read(s => s.Ecs.Tasks));
    }

    [Fact]
    public void An_app_answering_404_fails_health_checks_with_response_code_mismatch()
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy,
            state => state.Ecs.SetApp("kaviar-backend", new SimulatedApp()));
        using var _ = account;
        var task = account.Read(s => s.ServiceTasks().Single());

        clock.Advance(TimeSpan.FromSeconds(90));
        account.Use(s =>
        {
            var target = s.TargetGroup().FindTarget(task.Attachment.PrivateIpv4Address!, 3001)!;
            Assert.Equal("unhealthy", target.State);
            Assert.Equal("Target.ResponseCodeMismatch", target.Reason);
            Assert.Equal("Health checks failed with these codes: [404]", target.Description);
        });
    }

    [Fact]
    public void A_container_crashing_on_start_stops_its_task_with_its_exit_code_and_logs()
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy,
            state => state.Ecs.SetApp("kaviar-backend", SimulatedApp.KaviarBackendMissingMigration()));
        using var _ = account;
        var task = account.Read(s => s.ServiceTasks().Single());

        clock.Advance(TimeSpan.FromSeconds(33));
        account.Use(s =>
        {
            Assert.Equal("STOPPED", task.DesiredStatus);
            Assert.Equal("EssentialContainerExited", task.StopCode);
            Assert.Equal("Essential container in task exited", task.StoppedReason);
            Assert.Equal(1, task.Containers.Single().ExitCode);
            var stream = s.Logs.FindGroup("/ecs/kaviar-backend")!.FindStream($"ecs/kaviar-backend/{task.Id}")!;
            Assert.Contains("error: relation \"public.tax_provider\" does not exist", stream.Events.Select(e => e.Message));
        });
    }

    [Fact]
    public void An_image_missing_from_the_registry_fails_to_start_without_a_log_stream()
    {
        const string image = "123456789012.dkr.ecr.us-east-2.amazonaws.com/kaviar-backend:v2";
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy, state => state.Ecr.DeleteImage("kaviar-backend", "v2"));
        using var _ = account;
        var task = account.Read(s => s.ServiceTasks().Single());

        clock.Advance(TimeSpan.FromSeconds(60));
        account.Use(s =>
        {
            Assert.Equal("STOPPED", task.LastStatus);
            Assert.Equal("TaskFailedToStart", task.StopCode);
            Assert.Equal($"CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref {image}: {image}: not found", task.StoppedReason);
            Assert.Equal(task.StoppedReason, task.Containers.Single().Reason);
            Assert.Null(task.Containers.Single().ExitCode);
            Assert.Null(task.StartedAt);
            Assert.Empty(s.Logs.FindGroup("/ecs/kaviar-backend")!.Streams);
        });
    }

    [Fact]
    public void The_circuit_breaker_fails_the_rollout_after_three_failed_tasks()
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy, state =>
        {
            state.Ecr.DeleteImage("kaviar-backend", "v2");
            state.Service().CircuitBreakerEnabled = true;
        });
        using var _ = account;

        // Each attempt fails 30 s after launch; the third failure trips the breaker and nothing more is launched.
        clock.Advance(TimeSpan.FromMinutes(10));
        account.Use(s =>
        {
            var deployment = s.Service().Primary;
            Assert.Equal("FAILED", deployment.RolloutState);
            Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", deployment.RolloutStateReason);
            Assert.Equal(3, deployment.FailedTasks);
            Assert.Equal(3, s.ServiceTasks().Length);
            Assert.Contains($"(service kaviar-backend-service) (deployment {deployment.Id}) deployment failed: tasks failed to start.",
                s.Service().Events.Select(e => e.Message));
        });
    }

    [Fact]
    public void The_broken_seed_starts_with_history_and_nothing_running()
    {
        var (account, _) = TestAccounts.Seed001();
        using var disposable = account;
        account.Use(s =>
        {
            var tasks = s.ServiceTasks();
            Assert.Equal(5, tasks.Length);
            Assert.Equal(new[] { "STOPPED", "STOPPED", "STOPPED", "DEACTIVATING", "PENDING" }, tasks.Select(t => t.LastStatus));
            Assert.All(tasks[..4], t =>
            {
                Assert.Equal("ServiceSchedulerInitiated", t.StopCode);
                Assert.StartsWith("Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/kaviar-backend-tg/", t.StoppedReason);
            });
            Assert.Equal("IN_PROGRESS", s.Service().Primary.RolloutState);
            Assert.Equal(4, s.Service().Primary.FailedTasks);
            Assert.DoesNotContain(s.ServiceTasks(), t => t.LastStatus == "RUNNING");
        });
    }

    [Fact]
    public void Fixing_the_security_group_rolls_out_a_new_deployment_and_drains_the_old_one()
    {
        var (account, clock) = TestAccounts.Seed001();
        using var _ = account;
        account.Use(s =>
        {
            var service = s.Service();
            s.Ecs.Scheduler.Deploy(service, service.Primary.TaskDefinition, 1,
                service.Primary.Network with { SecurityGroups = new[] { s.SecurityGroupId("kaviar-ecs-sg") } });
            Assert.Equal(new[] { "PRIMARY", "ACTIVE" }, service.Deployments.Select(d => d.Status));
        });

        clock.Advance(TimeSpan.FromMinutes(3));
        account.Use(s =>
        {
            var service = s.Service();
            var primary = service.Deployments.Single();
            Assert.Equal("COMPLETED", primary.RolloutState);
            var running = s.ServiceTasks().Where(t => t.DesiredStatus == "RUNNING").ToArray();
            Assert.Equal(primary, Assert.Single(running).Deployment);
            Assert.Equal("healthy", s.TargetGroup().FindTarget(running[0].Attachment.PrivateIpv4Address!, 3001)!.State);
            Assert.Equal("(service kaviar-backend-service) has reached a steady state.", service.Events[^1].Message);
        });
    }
}
