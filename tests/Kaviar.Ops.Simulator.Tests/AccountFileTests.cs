using System;
using System.Linq;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>Scenario files that describe a whole account: a user's own, read back through the aws CLI, and the errors of bad ones.</summary>
public sealed class AccountFileTests
{
    [Fact]
    public void A_user_written_file_serves_an_account_the_aws_cli_reads()
    {
        var file = AccountFile.Read(RepositoryFiles.PathOf("scenarios", "orders-api.json"));
        using var account = SimulatedAccount.Start(file.Scenario(), new ManualClock());
        var aws = new CliContract(account);

        Assert.Equal(("eu-west-1", "444455556666"), (account.Region, account.AccountId));
        var service = aws.Json("ecs", "describe-services", "--cluster", "orders", "--services", "orders-api").Items("services").Single();
        Assert.Equal(("ACTIVE", 1), (service.Str("status"), service.Int("desiredCount")));
        Assert.EndsWith("task-definition/orders-api:1", service.Str("taskDefinition"));
        var stopped = aws.Json("ecs", "list-tasks", "--cluster", "orders", "--service-name", "orders-api", "--desired-status", "STOPPED").Strings("taskArns");
        Assert.NotEmpty(stopped);
        var reasons = aws.Json(new[] { "ecs", "describe-tasks", "--cluster", "orders", "--query", "tasks[*].stoppedReason", "--tasks" }.Concat(stopped).ToArray());
        Assert.All(reasons.EnumerateArray(), reason => Assert.StartsWith("Task failed ELB health checks", reason.GetString(), StringComparison.Ordinal));

        var groups = aws.Json("ec2", "describe-security-groups", "--filters", "Name=group-name,Values=orders-tasks-sg,orders-bastion-sg",
            "--query", "SecurityGroups[*].{Name:GroupName,Id:GroupId,Ingress:IpPermissions}");
        var bastionId = groups.EnumerateArray().Single(g => g.Str("Name") == "orders-bastion-sg").Str("Id");
        var tasksIngress = groups.EnumerateArray().Single(g => g.Str("Name") == "orders-tasks-sg").Items("Ingress").Single();
        Assert.Equal((8080, 8080), (tasksIngress.Int("FromPort"), tasksIngress.Int("ToPort")));
        Assert.Equal(bastionId, tasksIngress.Items("UserIdGroupPairs").Single().Str("GroupId"));

        var targetGroupArn = aws.Json("elbv2", "describe-target-groups", "--names", "orders-api-tg", "--query", "TargetGroups[0].TargetGroupArn").GetString()!;
        var health = aws.Json("elbv2", "describe-target-health", "--target-group-arn", targetGroupArn,
            "--query", "TargetHealthDescriptions[*].TargetHealth.Reason").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.NotEmpty(health);
        Assert.All(health, reason => Assert.Contains(reason, new[] { "Target.Timeout", "Target.DeregistrationInProgress", "Elb.InitialHealthChecking" }));
    }

    [Theory]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "subnets": [ { "name": "a", "cidr": "10.1.0.0/24" } ] } ] }""",
        "$.vpcs[0].subnets[0]", "is not inside VPC")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "securityGroups": [ { "name": "g", "ingress": [ { "port": 80, "group": "ghost" } ] } ] } ] }""",
        "$.vpcs[0].securityGroups[0].ingress[0].group", "no security group in the VPC is named 'ghost'; there are: default, g.")]
    [InlineData("""{ "targetGroups": [ { "name": "tg", "vpc": "nowhere", "port": 80 } ] }""", "$.targetGroups[0].vpc", "no VPC is named 'nowhere'")]
    [InlineData("""{ "serviceDiscovery": [] }""", "$.serviceDiscovery", "is not part of the format here")]
    [InlineData("""{ "idSeed": "one" }""", "$.idSeed", "must be a whole number")]
    [InlineData("""{ "apps": { "web:1": { "crash": "Exploded" } } }""", "$.apps[\"web:1\"].crash", "'Exploded' is not one of")]
    public void A_bad_or_dangling_value_is_an_error_at_its_json_path(string json, string path, string problem)
    {
        var error = Assert.Throws<AccountFileException>(() => AccountFile.Parse(json).Scenario().Build(new ManualClock()));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
