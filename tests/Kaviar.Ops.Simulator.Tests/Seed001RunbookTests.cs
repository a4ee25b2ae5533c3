using System;
using System.Linq;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// The validation commands of runbook 001 ("FASE 4B - ECS + ALB"), run with the real aws CLI across ECS,
/// ELBv2 and EC2: the broken account fails them the way the runbook describes, the fixed one passes.
/// </summary>
public sealed class Seed001RunbookTests
{
    [Fact]
    public void The_broken_account_fails_the_runbook_checks_with_target_timeouts()
    {
        var (account, _) = TestAccounts.Seed001();
        using var _ = account;
        var aws = new CliContract(account);

        var status = aws.Json("ecs", "describe-services", "--cluster", "kaviar-cluster", "--services", "kaviar-backend-service",
            "--query", "services[0].{Status:status,Running:runningCount,Desired:desiredCount}");
        Assert.Equal(("ACTIVE", 0, 1), (status.Str("Status"), status.Int("Running"), status.Int("Desired")));

        var targetGroupArn = aws.Json("elbv2", "describe-target-groups", "--names", "kaviar-backend-tg", "--query", "TargetGroups[0].TargetGroupArn").GetString()!;
        var health = aws.Json("elbv2", "describe-target-health", "--target-group-arn", targetGroupArn,
            "--query", "TargetHealthDescriptions[*].{IP:Target.Id,State:TargetHealth.State,Reason:TargetHealth.Reason}");
        var draining = account.Read(s => s.ServiceTasks()[3].Attachment.PrivateIpv4Address);
        Assert.Equal(new[] { (draining, "draining", "Target.DeregistrationInProgress") },
            health.EnumerateArray().Select(h => ((string?)h.Str("IP"), h.Str("State"), h.Str("Reason"))));

        var taskArn = aws.Json("ecs", "list-tasks", "--cluster", "kaviar-cluster", "--service-name", "kaviar-backend-service", "--query", "taskArns[0]").GetString()!;
        var eniId = aws.Json("ecs", "describe-tasks", "--cluster", "kaviar-cluster", "--tasks", taskArn,
            "--query", "tasks[0].attachments[0].details[?name==`networkInterfaceId`].value").EnumerateArray().Single().GetString()!;
        var groups = aws.Json("ec2", "describe-network-interfaces", "--network-interface-ids", eniId,
            "--query", "NetworkInterfaces[0].Groups[*].{GroupId:GroupId,Name:GroupName}");
        Assert.Equal("kaviar-default-sg", groups.EnumerateArray().Single().Str("Name"));
    }

    [Fact]
    public void The_healthy_account_passes_the_runbook_checks()
    {
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), clock);
        var aws = new CliContract(account);

        var status = aws.Json("ecs", "describe-services", "--cluster", "kaviar-cluster", "--services", "kaviar-backend-service",
            "--query", "services[0].{Status:status,Running:runningCount,Desired:desiredCount}");
        Assert.Equal(("ACTIVE", 1, 1), (status.Str("Status"), status.Int("Running"), status.Int("Desired")));

        var targetGroupArn = aws.Json("elbv2", "describe-target-groups", "--names", "kaviar-backend-tg", "--query", "TargetGroups[0].TargetGroupArn").GetString()!;
        var health = aws.Json("elbv2", "describe-target-health", "--target-group-arn", targetGroupArn,
            "--query", "TargetHealthDescriptions[*].{IP:Target.Id,State:TargetHealth.State}").EnumerateArray().Single();
        Assert.Equal("healthy", health.Str("State"));

        var taskArn = aws.Json("ecs", "list-tasks", "--cluster", "kaviar-cluster", "--service-name", "kaviar-backend-service", "--query", "taskArns[0]").GetString()!;
        var task = aws.Json("ecs", "describe-tasks", "--cluster", "kaviar-cluster", "--tasks", taskArn).Items("tasks").Single();
        Assert.Equal(health.Str("IP"), task.Items("attachments").Single().Detail("privateIPv4Address"));
        var groups = aws.Json("ec2", "describe-network-interfaces", "--network-interface-ids", task.Items("attachments").Single().Detail("networkInterfaceId"),
            "--query", "NetworkInterfaces[0].Groups[*].GroupName");
        Assert.Equal(new[] { "kaviar-ecs-sg" }, groups.EnumerateArray().Select(g => g.GetString()));
    }
}
