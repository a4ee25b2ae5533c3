using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Elbv2;
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

    [Fact]
    public void Every_form_the_format_has_builds_and_exports_to_the_same_file()
    {
        var clock = new ManualClock();
        var scenario = AccountFile.Parse(EveryForm, "every-form").Scenario();
        var state = scenario.Build(clock);

        var ec2 = state.Ec2;
        var vpc = ec2.Vpcs.Single(v => v.Name == "shop-vpc");
        Assert.Equal("2600:1f16:abc::/56", vpc.Ipv6CidrBlock);
        var tasks = ec2.SecurityGroups.Single(g => g.GroupName == "shop-tasks-sg");
        var officeList = ec2.PrefixLists.Single(p => p.PrefixListName == "office");
        Assert.Equal(new[] { (string?)null, null, officeList.PrefixListId }, tasks.IngressRules.Select(r => r.PrefixListId));
        Assert.Equal("::/0", tasks.IngressRules[1].CidrIpv6);
        Assert.Equal((443, 443, "10.0.0.0/8"), (tasks.EgressRules.Single().FromPort, tasks.EgressRules.Single().ToPort, tasks.EgressRules.Single().CidrIpv4));
        Assert.Equal(2, ec2.SecurityGroups.Single(g => g.GroupName == "default" && g.VpcId == vpc.VpcId).IngressRules.Count);
        var acl = ec2.NetworkAcls.Single(a => a.Tags.GetValueOrDefault("Name") == "shop-app-acl");
        Assert.Equal(ec2.Subnets.Single(s => s.Name == "shop-app-a").SubnetId, acl.Associations.Single().SubnetId);
        Assert.Contains(acl.Entries, e => e is { RuleNumber: 100, RuleAction: "deny", PortRange: { From: 22, To: 22 } });
        Assert.False(ec2.VpcEndpoints.Single(e => e.VpcEndpointType == "Interface").PrivateDnsEnabled);
        Assert.Contains(ec2.RouteTables.SelectMany(t => t.Routes), r => r.DestinationPrefixListId is not null && r.GatewayId!.StartsWith("vpce-"));

        var listeners = state.Elbv2.Listeners.OrderBy(l => l.Port).ToList();
        Assert.Equal(new[] { 90, 10 }, listeners[0].DefaultActions.Single().ForwardTargetGroups!.Select(g => g.Weight));
        Assert.Equal("maintenance", listeners[1].DefaultActions.Single().FixedResponse!.MessageBody);
        var rules = state.Elbv2.RulesOf(listeners[1]).Where(r => !r.IsDefault).ToList();
        Assert.Equal(new[] { "host-header", "path-pattern" }, rules[0].Conditions.Select(c => c.Field));
        Assert.Equal(new[] { "http-header", "query-string", "path-pattern", "source-ip" }, rules[1].Conditions.Select(c => c.Field));
        Assert.Equal(("X-Env", "^/v[0-9]+/"), (rules[1].Conditions[0].HttpHeaderName, rules[1].Conditions[2].RegexValues.Single()));
        Assert.Equal(new QueryStringPair(null, "beta"), rules[1].Conditions[1].QueryPairs[1]);
        Assert.Equal("/$1", rules[1].Transforms.Single().Rewrites.Single().Replace);
        Assert.Equal("405", rules[2].Actions.Single().FixedResponse!.StatusCode);
        Assert.Equal((10, 3), (state.Elbv2.FindTargetGroupByName("shop-blue")!.HealthCheckIntervalSeconds, state.Elbv2.FindTargetGroupByName("shop-blue")!.HealthyThresholdCount));

        var secret = state.SecretsManager.Secrets.Single();
        Assert.Equal("{\"password\":\"p\"}", secret.SecretString);
        Assert.Equal(("INACTIVE", "ACTIVE"), (state.Ecs.RequireTaskDefinition("shop-api:1").Status, state.Ecs.RequireTaskDefinition("shop-api:2").Status));
        Assert.Equal(secret.Arn + ":password::", state.Ecs.RequireTaskDefinition("shop-api:2").Containers.Single().Secrets.Single().ValueFrom);
        Assert.Equal(secret.Arn, state.Lambda.RequireFunction("shop-migrations").Environment["DB_SECRET_ARN"]);
        Assert.Equal("SecureString", state.Ssm.FindParameter("/shop/api-key")!.Type);
        Assert.Equal(1, state.Ecs.FargateOnDemandVcpuQuota);
        var service = state.Ecs.RequireService(state.Ecs.RequireCluster("shop"), "shop-api");
        Assert.Equal((true, true, 150, 50, 30), (service.CircuitBreakerEnabled, service.CircuitBreakerRollback, service.MaximumPercent, service.MinimumHealthyPercent,
            service.HealthCheckGracePeriodSeconds!.Value));

        var exported = AccountFileExporter.Export(scenario, state).ToJsonString();
        var reloaded = AccountFile.Parse(exported).Scenario();
        var rebuilt = reloaded.Build(new ManualClock());
        Assert.Equal(exported, AccountFileExporter.Export(reloaded, rebuilt).ToJsonString());
        string Rules(AccountState s) => string.Join(" | ", s.Elbv2.Listeners.SelectMany(l => s.Elbv2.RulesOf(l)).Where(r => !r.IsDefault).Select(r =>
            string.Join(";", r.Conditions.Select(c => $"{c.Field}:{c.HttpHeaderName}:{string.Join(',', c.Values)}:{string.Join(',', c.RegexValues)}:{string.Join(',', c.QueryPairs)}"))
            + $" -> {r.Actions.Single().Type} {string.Join(";", r.Transforms.SelectMany(t => t.Rewrites.Select(w => $"{t.Type}:{w}")))}"));
        Assert.Equal(Rules(state), Rules(rebuilt));
    }

    [Fact]
    public void The_settings_the_modules_verdicts_read_reach_the_api_and_round_trip()
    {
        var file = WithSettings(File.ReadAllText(RepositoryFiles.PathOf("scenarios", "orders-api.json")));
        var scenario = AccountFile.Parse(file).Scenario();
        var state = scenario.Build(new ManualClock());
        using var account = SimulatedAccount.Start(scenario, new ManualClock());
        var aws = new CliContract(account);

        var service = aws.Json("ecs", "describe-services", "--cluster", "orders", "--services", "orders-api", "--include", "TAGS").Items("services").Single();
        Assert.Equal(("EXTERNAL", "1.3.0", "SERVICE", true), (service.GetProperty("deploymentController").Str("type"), service.Str("platformVersion"),
            service.Str("propagateTags"), service.GetProperty("enableExecuteCommand").GetBoolean()));
        Assert.Equal(new[] { "Team=orders", "team=payments" }, service.Items("tags").Select(t => $"{t.Str("key")}={t.Str("value")}"));
        var task = aws.Json("ecs", "describe-tasks", "--cluster", "orders", "--include", "TAGS", "--tasks",
            aws.Json("ecs", "list-tasks", "--cluster", "orders").Strings("taskArns").First()).Items("tasks").Single();
        Assert.Equal(("1.3.0", 2), (task.Str("platformVersion"), task.Items("tags").Length));
        var definitionTags = aws.Json("ecs", "describe-task-definition", "--task-definition", "orders-api:1", "--include", "TAGS").Items("tags");
        Assert.Equal("owner", definitionTags.Single().Str("key"));
        var group = aws.Json("elbv2", "describe-target-groups", "--names", "orders-api-tg").Items("TargetGroups").Single();
        Assert.Equal(("HTTPS", "HTTP2", "ip"), (group.Str("Protocol"), group.Str("ProtocolVersion"), group.Str("TargetType")));
        var attributes = aws.Json("elbv2", "describe-target-group-attributes", "--target-group-arn", group.Str("TargetGroupArn")).Items("Attributes")
            .ToDictionary(a => a.Str("Key"), a => a.Str("Value"));
        Assert.Equal(("60", "true", "3600"), (attributes["slow_start.duration_seconds"], attributes["stickiness.enabled"], attributes["stickiness.lb_cookie.duration_seconds"]));
        var loadBalancer = aws.Json("elbv2", "describe-load-balancers", "--names", "orders-alb").Items("LoadBalancers").Single();
        Assert.Equal(("internal", "dualstack"), (loadBalancer.Str("Scheme"), loadBalancer.Str("IpAddressType")));
        Assert.Equal("2600:1f18:abc:de01::/64", aws.Json("ec2", "describe-subnets", "--filters", "Name=tag:Name,Values=orders-public-b",
            "--query", "Subnets[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock").GetString());
        Assert.StartsWith("internal-orders-alb-", loadBalancer.Str("DNSName"), StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", aws.Error("logs", "filter-log-events", "--log-group-name", "/ecs/orders-api"), StringComparison.Ordinal);

        var exported = AccountFileExporter.Export(scenario, state);
        Assert.Equal(new[] { "ecs:ListServiceDeployments", "logs:Filter*" }, exported["iam"]!["deny"]!.AsArray().Select(a => a!.GetValue<string>()));
        var exportedService = exported["services"]![0]!;
        Assert.Equal(("EXTERNAL", "1.3.0", "SERVICE", true, 2), (exportedService["deploymentController"]!["type"]!.GetValue<string>(),
            exportedService["platformVersion"]!.GetValue<string>(), exportedService["propagateTags"]!.GetValue<string>(),
            exportedService["enableExecuteCommand"]!.GetValue<bool>(), exportedService["tags"]!.AsArray().Count));
        Assert.Equal("owner", exported["taskDefinitions"]![0]!["tags"]![0]!["key"]!.GetValue<string>());
        var exportedGroup = exported["targetGroups"]![0]!;
        Assert.Equal(("HTTPS", "HTTP2", 60, 3600), (exportedGroup["protocol"]!.GetValue<string>(), exportedGroup["protocolVersion"]!.GetValue<string>(),
            exportedGroup["slowStartSeconds"]!.GetValue<int>(), exportedGroup["stickiness"]!["durationSeconds"]!.GetValue<int>()));
        Assert.Equal(("internal", "dualstack"), (exported["loadBalancers"]![0]!["scheme"]!.GetValue<string>(), exported["loadBalancers"]![0]!["ipAddressType"]!.GetValue<string>()));
        Assert.Equal("2600:1f18:abc:de00::/64", exported["vpcs"]![0]!["subnets"]![0]!["ipv6Cidr"]!.GetValue<string>());
        var reloaded = AccountFile.Parse(exported.ToJsonString()).Scenario();
        Assert.Equal(exported.ToJsonString(), AccountFileExporter.Export(reloaded, reloaded.Build(new ManualClock())).ToJsonString());
    }

    [Fact]
    public void A_capacity_provider_strategy_places_each_task_as_ECS_spreads_it_and_round_trips()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("scenarios", "orders-api.json")))!.AsObject();
        file["historySeconds"] = 0;
        var service = file["services"]![0]!.AsObject();
        service["desiredCount"] = 5;
        service["capacityProviderStrategy"] = JsonNode.Parse("""
            [ { "capacityProvider": "FARGATE", "base": 1, "weight": 1 }, { "capacityProvider": "FARGATE_SPOT", "weight": 3 } ]
            """);
        var scenario = AccountFile.Parse(file.ToJsonString()).Scenario();
        using var account = SimulatedAccount.Start(scenario, new ManualClock());
        var aws = new CliContract(account);

        var described = aws.Json("ecs", "describe-services", "--cluster", "orders", "--services", "orders-api").Items("services").Single();
        Assert.False(described.TryGetProperty("launchType", out _));
        Assert.Equal(new[] { "FARGATE:1:1", "FARGATE_SPOT:3:0" },
            described.Items("capacityProviderStrategy").Select(p => $"{p.Str("capacityProvider")}:{p.Int("weight")}:{p.Int("base")}"));
        // The base's one task on FARGATE, then the other four split 1:3.
        var providers = aws.Json(new[] { "ecs", "describe-tasks", "--cluster", "orders", "--query", "tasks[*].capacityProviderName", "--tasks" }
            .Concat(aws.Json("ecs", "list-tasks", "--cluster", "orders").Strings("taskArns")).ToArray()).EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Equal((2, 3), (providers.Count(p => p == "FARGATE"), providers.Count(p => p == "FARGATE_SPOT")));

        var exported = AccountFileExporter.Export(scenario, scenario.Build(new ManualClock()));
        Assert.Equal(new[] { "FARGATE:1:1", "FARGATE_SPOT:3:0" }, exported["services"]![0]!["capacityProviderStrategy"]!.AsArray()
            .Select(p => $"{p!["capacityProvider"]!.GetValue<string>()}:{p["weight"]!.GetValue<int>()}:{p["base"]!.GetValue<int>()}"));
    }

    [Fact]
    public void Settings_left_at_their_defaults_are_not_exported()
    {
        var scenario = AccountFile.Read(RepositoryFiles.PathOf("scenarios", "orders-api.json")).Scenario();

        var exported = AccountFileExporter.Export(scenario, scenario.Build(new ManualClock())).ToJsonString();

        foreach (var setting in new[] { "iam", "deploymentController", "platformVersion", "propagateTags", "enableExecuteCommand", "tags", "capacityProviderStrategy", "protocolVersion", "targetType", "slowStartSeconds", "stickiness", "scheme", "ipAddressType" })
        {
            Assert.DoesNotContain($"\"{setting}\":", exported, StringComparison.Ordinal);
        }
    }

    /// <summary>The README's orders-api file with every setting this format has beyond AWS's defaults.</summary>
    private static string WithSettings(string ordersApi)
    {
        var file = JsonNode.Parse(ordersApi)!.AsObject();
        file["iam"] = JsonNode.Parse("""{ "deny": [ "ecs:ListServiceDeployments", "logs:Filter*" ] }""");
        file["taskDefinitions"]![0]!["tags"] = JsonNode.Parse("""[ { "key": "owner", "value": "orders" } ]""");
        var group = file["targetGroups"]![0]!.AsObject();
        (group["protocol"], group["protocolVersion"], group["targetType"], group["slowStartSeconds"]) = ("HTTPS", "HTTP2", "ip", 60);
        group["stickiness"] = JsonNode.Parse("""{ "enabled": true, "durationSeconds": 3600 }""");
        file["loadBalancers"]![0]!["scheme"] = "internal";
        file["loadBalancers"]![0]!["ipAddressType"] = "dualstack";
        var vpc = file["vpcs"]![0]!;
        vpc["ipv6Cidr"] = "2600:1f18:abc:de00::/56";
        (vpc["subnets"]![0]!["ipv6Cidr"], vpc["subnets"]![1]!["ipv6Cidr"]) = ("2600:1f18:abc:de00::/64", "2600:1f18:abc:de01::/64");
        var service = file["services"]![0]!.AsObject();
        service["deploymentController"] = JsonNode.Parse("""{ "type": "EXTERNAL" }""");
        (service["launchType"], service["platformVersion"], service["propagateTags"], service["enableExecuteCommand"]) = ("FARGATE", "1.3.0", "SERVICE", true);
        service["tags"] = JsonNode.Parse("""[ { "key": "Team", "value": "orders" }, { "key": "team", "value": "payments" } ]""");
        return file.ToJsonString();
    }

    private const string EveryForm = """
        {
          "region": "us-west-2", "accountId": "111122223333", "historySeconds": 120, "idSeed": 7, "fargateOnDemandVcpuQuota": 1,
          "prefixLists": [ { "name": "office", "maxEntries": 2, "entries": [ { "cidr": "203.0.113.0/24", "description": "HQ" } ] } ],
          "vpcs": [ {
            "name": "shop-vpc", "cidr": "10.1.0.0/16", "ipv6Cidr": "2600:1f16:abc::/56",
            "subnets": [
              { "name": "shop-public-a", "cidr": "10.1.0.0/24", "availabilityZone": "us-west-2a", "mapPublicIpOnLaunch": true },
              { "name": "shop-public-b", "cidr": "10.1.1.0/24", "availabilityZone": "us-west-2b", "mapPublicIpOnLaunch": true },
              { "name": "shop-app-a", "cidr": "10.1.10.0/24", "availabilityZone": "us-west-2a" },
              { "name": "shop-app-b", "cidr": "10.1.11.0/24", "availabilityZone": "us-west-2b" } ],
            "internetGateway": true,
            "natGateways": [ { "name": "shop-nat", "subnet": "shop-public-a" } ],
            "routeTables": [
              { "name": "shop-public", "subnets": [ "shop-public-a", "shop-public-b" ], "routes": [ { "destination": "0.0.0.0/0", "internetGateway": true } ] },
              { "name": "shop-app", "subnets": [ "shop-app-a", "shop-app-b" ], "routes": [ { "destination": "0.0.0.0/0", "natGateway": "shop-nat" } ] } ],
            "securityGroups": [
              { "name": "default", "ingress": [ { "port": 22, "prefixList": "office" } ] },
              { "name": "shop-alb-sg", "ingress": [ { "port": 80, "cidr": "0.0.0.0/0" } ] },
              { "name": "shop-tasks-sg", "description": "tasks",
                "ingress": [ { "fromPort": 8080, "toPort": 8081, "group": "shop-alb-sg" }, { "port": 8080, "ipv6Cidr": "::/0" }, { "protocol": "-1", "prefixList": "office" } ],
                "egress": [ { "port": 443, "cidr": "10.0.0.0/8" } ] },
              { "name": "shop-db-sg", "ingress": [ { "port": 5432, "group": "shop-tasks-sg" } ] } ],
            "vpcEndpoints": [
              { "service": "com.amazonaws.us-west-2.secretsmanager", "type": "Interface", "subnets": [ "shop-app-a" ], "securityGroups": [ "shop-tasks-sg" ], "privateDnsEnabled": false },
              { "service": "com.amazonaws.us-west-2.s3", "type": "Gateway", "routeTables": [ "shop-app" ] } ],
            "networkAcls": [ { "name": "shop-app-acl", "subnets": [ "shop-app-a" ], "entries": [
              { "ruleNumber": 100, "protocol": "6", "ruleAction": "deny", "cidr": "0.0.0.0/0", "fromPort": 22, "toPort": 22 },
              { "ruleNumber": 200, "protocol": "-1", "cidr": "0.0.0.0/0" },
              { "ruleNumber": 200, "egress": true, "protocol": "-1", "cidr": "0.0.0.0/0" } ] } ]
          } ],
          "targetGroups": [
            { "name": "shop-blue", "vpc": "shop-vpc", "port": 8080, "healthCheck": { "path": "/health", "matcher": "200-299", "intervalSeconds": 10, "healthyThreshold": 3 } },
            { "name": "shop-green", "vpc": "shop-vpc", "port": 8080 } ],
          "loadBalancers": [ { "name": "shop-alb", "subnets": [ "shop-public-a", "shop-public-b" ], "securityGroups": [ "shop-alb-sg" ], "listeners": [
            { "port": 80, "defaultAction": { "forward": [ { "targetGroup": "shop-blue", "weight": 90 }, { "targetGroup": "shop-green", "weight": 10 } ] } },
            { "port": 8080, "defaultAction": { "fixedResponse": { "statusCode": 503, "contentType": "text/plain", "messageBody": "maintenance" } },
              "rules": [ { "priority": 5, "hostHeaders": [ "api.shop.example" ], "pathPatterns": [ "/v1/*" ], "forward": "shop-blue" },
                { "priority": 6, "conditions": [
                    { "field": "http-header", "httpHeaderName": "X-Env", "values": [ "blue*" ] },
                    { "field": "query-string", "queryString": [ { "key": "version", "value": "v1" }, { "value": "beta" } ] },
                    { "field": "path-pattern", "regexValues": [ "^/v[0-9]+/" ] },
                    { "field": "source-ip", "values": [ "10.0.0.0/8" ] } ],
                  "transforms": [ { "type": "url-rewrite", "rewrites": [ { "regex": "^/v[0-9]+/(.*)$", "replace": "/$1" } ] } ],
                  "forward": "shop-blue" },
                { "priority": 7, "conditions": [ { "field": "http-request-method", "values": [ "DELETE" ] } ],
                  "action": { "fixedResponse": { "statusCode": 405, "contentType": "text/plain", "messageBody": "no" } } } ] } ] } ],
          "logGroups": [ { "name": "/ecs/shop-api", "retentionInDays": 3 } ],
          "ecrRepositories": [ { "name": "shop-api", "imageTags": [ "1", "2" ] } ],
          "secrets": [ { "name": "shop/db", "secretString": { "password": "p" } } ],
          "ssmParameters": [ { "name": "/shop/api-key", "value": "k" } ],
          "rds": {
            "subnetGroups": [ { "name": "shop-db-subnets", "subnets": [ "shop-app-a", "shop-app-b" ] } ],
            "instances": [ { "identifier": "shop-db", "subnetGroup": "shop-db-subnets", "securityGroups": [ "shop-db-sg" ] } ] },
          "clusters": [ { "name": "shop" } ],
          "taskDefinitions": [
            { "family": "shop-api", "deregistered": true, "containerDefinitions": [ { "name": "api", "image": "111122223333.dkr.ecr.us-west-2.amazonaws.com/shop-api:1" } ] },
            { "family": "shop-api", "cpu": "512", "memory": "1024", "containerDefinitions": [ { "name": "api",
              "image": "111122223333.dkr.ecr.us-west-2.amazonaws.com/shop-api:2", "portMappings": [ { "containerPort": 8080 } ],
              "secrets": [ { "name": "DB_PASSWORD", "valueFrom": "secret:shop/db:password::" } ],
              "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/shop-api", "awslogs-stream-prefix": "ecs" } } } ] } ],
          "apps": {
            "shop-api:2": { "start": { "exitCode": 1, "exitAfterSeconds": 2.5, "logLines": [ "booting" ], "exitLogLines": [ "panic" ], "exitReason": "boom" } },
            "shop-api": { "crash": "OutOfMemoryKilled", "runtime": "Go" } },
          "lambdaFunctions": [
            { "name": "shop-migrations", "timeoutSeconds": 60, "vpcConfig": { "subnets": [ "shop-app-a" ], "securityGroups": [ "shop-tasks-sg" ] },
              "environment": { "DB_SECRET_ARN": "secret:shop/db" }, "migrationsRunner": { "database": "shop-db", "migrations": [ "001", "002" ], "applied": [ "001" ] } },
            { "name": "shop-ping", "returns": { "ok": true } } ],
          "services": [ { "cluster": "shop", "serviceName": "shop-api", "taskDefinition": "shop-api:2", "desiredCount": 2,
            "networkConfiguration": { "awsvpcConfiguration": { "subnets": [ "shop-app-a", "shop-app-b" ], "securityGroups": [ "shop-tasks-sg" ] } },
            "loadBalancers": [ { "targetGroup": "shop-blue", "containerName": "api", "containerPort": 8080 } ],
            "healthCheckGracePeriodSeconds": 30,
            "deploymentConfiguration": { "maximumPercent": 150, "minimumHealthyPercent": 50, "deploymentCircuitBreaker": { "enable": true, "rollback": true } } } ]
        }
        """;

    [Theory]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "subnets": [ { "name": "a", "cidr": "10.1.0.0/24" } ] } ] }""",
        "$.vpcs[0].subnets[0]", "is not inside VPC")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "securityGroups": [ { "name": "g", "ingress": [ { "port": 80, "group": "ghost" } ] } ] } ] }""",
        "$.vpcs[0].securityGroups[0].ingress[0].group", "no security group in the VPC is named 'ghost'; there are: default, g.")]
    [InlineData("""{ "targetGroups": [ { "name": "tg", "vpc": "nowhere", "port": 80 } ] }""", "$.targetGroups[0].vpc", "no VPC is named 'nowhere'")]
    [InlineData("""{ "tags": [] }""", "$.tags", "is not part of the format here")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "subnets": [ { "name": "a", "cidr": "10.0.0.0/24", "availabilityZone": "us-east-1a" } ] } ], "targetGroups": [ { "name": "tg", "vpc": "v", "port": 80 } ], "loadBalancers": [ { "name": "lb", "subnets": [ "a" ], "listeners": [ { "port": 80, "defaultAction": { "forward": "tg" }, "rules": [ { "priority": 1, "conditions": [ { "field": "http-request-method", "values": [ "get" ] } ], "forward": "tg" } ] } ] } ] }""",
        "$.loadBalancers[0].listeners[0].rules[0]", "allowed characters are A-Z")]
    [InlineData("""{ "alarms": [ { "name": "a", "namespace": "AWS/ApplicationELB", "metricName": "UnHealthyHostCount", "comparisonOperator": "GreaterThanThreshold", "dimensions": { "TargetGroup": "targetGroup:nope" } } ] }""",
        "$.alarms[0].dimensions.TargetGroup", "no target group is named 'targetGroup:nope'")]
    [InlineData("""{ "serviceDiscovery": [ { "namespace": "internal.x.local", "vpc": "nope" } ] }""", "$.serviceDiscovery[0].vpc", "no VPC is named 'nope'")]
    [InlineData("""{ "idSeed": "one" }""", "$.idSeed", "must be a whole number")]
    [InlineData("""{ "apps": { "web:1": { "crash": "Exploded" } } }""", "$.apps[\"web:1\"].crash", "'Exploded' is not one of")]
    [InlineData("""{ "apps": { "web": { "scriptedMigration": { "command": "migrate", "migrated": {} } } } }""", "$.apps.web.scriptedMigration.unmigrated", "is required")]
    [InlineData("""{ "lambdaFunctions": [ { "name": "f", "vpcConfig": { "securityGroups": [ "g" ] } } ] }""", "$.lambdaFunctions[0].vpcConfig", "needs subnets")]
    [InlineData("""{ "secrets": [ { "name": "db", "rdsCredentialsOf": "db-1" } ] }""", "$.secrets[0].rdsCredentialsOf", "has no \"database\"")]
    [InlineData("""{ "taskDefinitions": [ { "family": "f", "containerDefinitions": [ { "name": "c", "image": "i", "secrets": [ { "name": "P", "valueFrom": "secret:nope" } ] } ] } ] }""",
        "$.taskDefinitions[0].containerDefinitions[0].secrets[0].valueFrom", "no secret is named 'nope'")]
    [InlineData("""{ "iam": { "deny": [ "ListServices" ] } }""", "$.iam.deny[0]", "An IAM action is service:Action")]
    [InlineData("""{ "iam": { "allow": [ "ecs:*" ] } }""", "$.iam.allow", "is not part of the format here")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16" } ], "targetGroups": [ { "name": "tg", "vpc": "v", "port": 80, "protocolVersion": "GRPC" } ] }""",
        "$.targetGroups[0].protocolVersion", "Member must satisfy enum value set: [HTTP1, HTTP2]")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16" } ], "targetGroups": [ { "name": "tg", "vpc": "v", "port": 80, "slowStartSeconds": 10 } ] }""",
        "$.targetGroups[0].slowStartSeconds", "it must be 0 or from 30 to 900")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16" } ], "targetGroups": [ { "name": "tg", "vpc": "v", "port": 80, "deregistrationDelaySeconds": 4000 } ] }""",
        "$.targetGroups[0].deregistrationDelaySeconds", "it must be from 0 to 3600")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16" } ], "targetGroups": [ { "name": "tg", "vpc": "v", "port": 80, "protocol": "TCP" } ] }""",
        "$.targetGroups[0].protocol", "Member must satisfy enum value set: [HTTP, HTTPS]")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "subnets": [ { "name": "a", "cidr": "10.0.0.0/24", "availabilityZone": "us-east-1a" } ] } ], "loadBalancers": [ { "name": "lb", "scheme": "private", "subnets": [ "a" ] } ] }""",
        "$.loadBalancers[0].scheme", "Member must satisfy enum value set: [internet-facing, internal]")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "subnets": [ { "name": "a", "cidr": "10.0.0.0/24", "availabilityZone": "us-east-1a" } ] } ], "loadBalancers": [ { "name": "lb", "ipAddressType": "dualstack", "subnets": [ "a" ] } ] }""",
        "$.loadBalancers[0]", "You must specify subnets with an associated IPv6 CIDR block.")]
    [InlineData("""{ "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "ipv6Cidr": "2600:1f18:abc:de00::/56", "subnets": [ { "name": "a", "cidr": "10.0.0.0/24", "ipv6Cidr": "2600:1f18:abc:ff00::/64" } ] } ] }""",
        "$.vpcs[0].subnets[0]", "a subnet's is a /64 of its VPC's IPv6 block (2600:1f18:abc:de00::/56)")]
    [InlineData(ServiceFile + """ "launchType": "EC2" } ] }""", "$.services[0].launchType", "the simulated account runs Fargate tasks only")]
    [InlineData(ServiceFile + """ "launchType": "FARGATE", "capacityProviderStrategy": [ { "capacityProvider": "FARGATE", "weight": 1 } ] } ] }""",
        "$.services[0].launchType", "Specifying both a launch type and capacity provider strategy is not supported")]
    [InlineData(ServiceFile + """ "capacityProviderStrategy": [ { "capacityProvider": "FARGATE_SPOT" } ] } ] }""",
        "$.services[0].capacityProviderStrategy", "must have a weight greater than zero")]
    [InlineData(ServiceFile + """ "capacityProviderStrategy": [ { "capacityProvider": "my-asg", "weight": 1 } ] } ] }""",
        "$.services[0].capacityProviderStrategy", "not associated with the cluster")]
    [InlineData(ServiceFile + """ "platformVersion": "1.2.0" } ] }""", "$.services[0].platformVersion", "The specified platform version doesn't exist.")]
    [InlineData(ServiceFile + """ "propagateTags": "CLUSTER" } ] }""", "$.services[0].propagateTags", "Valid values are TASK_DEFINITION, SERVICE, NONE")]
    [InlineData(ServiceFile + """ "deploymentController": { "type": "BLUE_GREEN" } } ] }""", "$.services[0].deploymentController.type", "Invalid deployment controller type")]
    [InlineData(ServiceFile + """ "tags": [ { "key": "aws:team", "value": "x" } ] } ] }""", "$.services[0].tags", "Tag keys beginning with aws: are reserved")]
    [InlineData(ServiceFile + """ "loadBalancers": [ { "targetGroup": "tg", "containerName": "c", "containerPort": 80 } ] } ] }""", "$.services[0]",
        "has target type instance, which is incompatible with the awsvpc network mode")]
    public void A_bad_or_dangling_value_is_an_error_at_its_json_path(string json, string path, string problem)
    {
        var error = Assert.Throws<AccountFileException>(() => AccountFile.Parse(json).Scenario().Build(new ManualClock()));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A service's file, open after its required members: a test appends the setting at fault and closes it.</summary>
    private const string ServiceFile = """
        { "vpcs": [ { "name": "v", "cidr": "10.0.0.0/16", "subnets": [ { "name": "a", "cidr": "10.0.0.0/24", "availabilityZone": "us-east-1a" } ] } ],
          "targetGroups": [ { "name": "tg", "vpc": "v", "port": 80, "targetType": "instance" } ],
          "clusters": [ { "name": "c" } ],
          "taskDefinitions": [ { "family": "f", "containerDefinitions": [ { "name": "c", "image": "nginx", "portMappings": [ { "containerPort": 80 } ] } ] } ],
          "services": [ { "cluster": "c", "serviceName": "s", "taskDefinition": "f:1", "networkConfiguration": { "awsvpcConfiguration": { "subnets": [ "a" ] } },
        """;
}
