using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// "ecrRepositories", "clusters", "taskDefinitions" and "services":
/// <code>
/// "ecrRepositories": [ { "name": "shop-api", "imageTags": [ "v1", "v2" ] } ],
/// "clusters": [ { "name": "shop-cluster", "containerInsights": "enabled" } ],
/// "taskDefinitions": [ { "family": "shop-api", "cpu": "512", "memory": "1024", "containerDefinitions": [ … ], "deregistered": false } ],
/// "services": [ { "cluster": "shop-cluster", "serviceName": "shop-api", "taskDefinition": "shop-api:1", "desiredCount": 1,
///   "networkConfiguration": { "awsvpcConfiguration": { "subnets": [ "shop-private-1" ], "securityGroups": [ "shop-ecs-sg" ], "assignPublicIp": "DISABLED" } },
///   "loadBalancers": [ { "targetGroup": "shop-tg", "containerName": "api", "containerPort": 8080 } ],
///   "healthCheckGracePeriodSeconds": 60,
///   "deploymentConfiguration": { "maximumPercent": 200, "minimumHealthyPercent": 100, "deploymentCircuitBreaker": { "enable": true, "rollback": true } },
///   "deploymentController": { "type": "CODE_DEPLOY" }, "platformVersion": "1.4.0",
///   "capacityProviderStrategy": [ { "capacityProvider": "FARGATE", "base": 1, "weight": 1 }, { "capacityProvider": "FARGATE_SPOT", "weight": 3 } ],
///   "tags": [ { "key": "team", "value": "shop" } ], "propagateTags": "SERVICE", "enableExecuteCommand": true } ]
/// </code>
/// A service's settings are CreateService's, checked as ECS checks them, with its defaults when left out: deployment
/// controller ECS, platform version LATEST, propagateTags NONE, execute command off, no tags (keys are case-sensitive,
/// so Team and team are two tags). Its launch type can only be FARGATE, the one the simulated account runs, or a capacity
/// provider strategy of FARGATE and FARGATE_SPOT takes its place (not both, as in ECS): each task then runs on the
/// provider ECS would pick, and only FARGATE tasks count against "fargateOnDemandVcpuQuota".
/// A task definition is RegisterTaskDefinition's request (what <c>aws ecs register-task-definition --cli-input-json</c>
/// takes), registered in file order, each the family's next revision; "deregistered" leaves it INACTIVE. A container
/// secret's valueFrom may name a secret of the file as <c>secret:NAME</c> (optionally followed by
/// <c>:json-key:version-stage:version-id</c>) for its ARN, which has a generated suffix. An image in the account's registry
/// pulls only when "ecrRepositories" holds its tag, as in AWS.
/// </summary>
internal sealed partial class AccountFileBuilder
{
    private const string SecretReference = "secret:";

    private void AddRepository(AccountFileNode node)
    {
        var name = node.RequiredString("name");
        _state.Ecr.AddRepository(name);
        foreach (var tag in node.Strings("imageTags"))
        {
            _state.Ecr.PushImage(name, tag);
        }
    }

    private void AddCluster(AccountFileNode node)
    {
        var cluster = _state.Ecs.AddCluster(node.RequiredString("name"));
        if (node.String("containerInsights") is { } insights)
        {
            cluster.ContainerInsights = insights;
        }
    }

    private void RegisterTaskDefinition(AccountFileNode node)
    {
        var request = (JsonObject)JsonNode.Parse(node.Element.GetRawText())!;
        var deregistered = node.Bool("deregistered") ?? false;
        request.Remove("deregistered");
        foreach (var (container, index) in node.Items("containerDefinitions").Select((c, i) => (c, i)))
        {
            foreach (var (secret, secretIndex) in container.Items("secrets").Select((s, i) => (s, i)))
            {
                request["containerDefinitions"]![index]!["secrets"]![secretIndex]!["valueFrom"] = ResolveSecretReference(secret.Required("valueFrom"));
            }
        }

        using var document = JsonDocument.Parse(request.ToJsonString());
        var definition = EcsHandler.RegisterTaskDefinition(_state.Ecs, new JsonArgs(document.RootElement.Clone()));
        if (deregistered)
        {
            _state.Ecs.DeregisterTaskDefinition(definition);
        }
    }

    /// <summary><c>secret:NAME…</c> as the ARN of the file's secret NAME followed by the rest; any other value as written.</summary>
    private string ResolveSecretReference(AccountFileNode value)
    {
        var text = value.AsString();
        if (!text.StartsWith(SecretReference, StringComparison.Ordinal))
        {
            return text;
        }

        var reference = text[SecretReference.Length..];
        var name = reference.Split(':')[0];
        var secret = _state.SecretsManager.Secrets.FirstOrDefault(s => s.Name == name)
            ?? throw value.Fail($"no secret is named '{name}'; there are: {string.Join(", ", _state.SecretsManager.Secrets.Select(s => s.Name).DefaultIfEmpty("none"))}.");
        return secret.Arn + reference[name.Length..];
    }

    private void AddService(AccountFileNode node)
    {
        RequireFargate(node);
        var network = node.Required("networkConfiguration").Required("awsvpcConfiguration");
        var subnets = network.Items("subnets").Select(SubnetOf).ToList();
        if (subnets.Count == 0)
        {
            throw network.Fail("subnets can not be empty.");
        }

        var groups = network.Items("securityGroups").Select(g => GroupOf(subnets[0].VpcId, g).GroupId).ToList();
        var deployment = node.Member("deploymentConfiguration");
        var circuitBreaker = deployment?.Member("deploymentCircuitBreaker");
        _state.Ecs.AddService(new ServiceSpec
        {
            Cluster = node.RequiredString("cluster"),
            Name = node.RequiredString("serviceName"),
            TaskDefinition = node.RequiredString("taskDefinition"),
            DesiredCount = node.Int("desiredCount") ?? 1,
            Network = new AwsVpcConfiguration(subnets.Select(s => s.SubnetId).ToList(), groups, network.String("assignPublicIp") == "ENABLED"),
            LoadBalancers = node.Items("loadBalancers").Select(lb => new ServiceLoadBalancer(
                TargetGroupOf(lb.Required("targetGroup")).TargetGroupArn, lb.RequiredString("containerName"), lb.Required("containerPort").AsInt())).ToList(),
            HealthCheckGracePeriodSeconds = node.Int("healthCheckGracePeriodSeconds"),
            MaximumPercent = deployment?.Int("maximumPercent") ?? 200,
            MinimumHealthyPercent = deployment?.Int("minimumHealthyPercent") ?? 100,
            CircuitBreakerEnabled = circuitBreaker?.Bool("enable") ?? false,
            CircuitBreakerRollback = circuitBreaker?.Bool("rollback") ?? false,
            ServiceRegistries = node.Items("serviceRegistries").Select(RegistryOf).ToList(),
            DeploymentController = Checked(node.Member("deploymentController")?.Required("type"), "ECS", EcsState.RequireDeploymentController),
            PlatformVersion = Checked(node.Member("platformVersion"), EcsState.LatestPlatformVersion, EcsState.RequirePlatformVersion),
            PropagateTags = Checked(node.Member("propagateTags"), "NONE", EcsState.RequirePropagateTags),
            EnableExecuteCommand = node.Bool("enableExecuteCommand") ?? false,
            Tags = Tags(node),
            CapacityProviderStrategy = CapacityProviderStrategy(node),
        });
    }

    /// <summary>A service's "capacityProviderStrategy" as CreateService takes it (weight and base 0 when left out).</summary>
    private static IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy(AccountFileNode service)
    {
        if (service.Member("capacityProviderStrategy") is not { } strategy)
        {
            return Array.Empty<CapacityProviderStrategyItem>();
        }

        var items = strategy.AsItems().Select(p => new CapacityProviderStrategyItem(p.RequiredString("capacityProvider"), p.Int("weight") ?? 0, p.Int("base") ?? 0)).ToList();
        At(strategy, () => EcsState.RequireCapacityProviderStrategy(items));
        return items;
    }

    /// <summary>An ECS resource's "tags" (<c>[ { "key": …, "value": … } ]</c>), refused at their path when ECS would refuse them.</summary>
    private static IReadOnlyList<(string Key, string Value)> Tags(AccountFileNode resource)
    {
        if (resource.Member("tags") is not { } tags)
        {
            return Array.Empty<(string, string)>();
        }

        var pairs = tags.AsItems().Select(t => (t.RequiredString("key"), t.String("value") ?? string.Empty)).ToList();
        At(tags, () => EcsState.RequireValidTags(pairs, existing: 0));
        return pairs;
    }

    /// <summary>The simulated account runs Fargate tasks only: a service of another launch type would have no capacity.</summary>
    private static void RequireFargate(AccountFileNode service)
    {
        if (service.Member("launchType") is not { } launchType)
        {
            return;
        }

        if (launchType.AsString() != "FARGATE")
        {
            throw launchType.Fail($"'{launchType.AsString()}' cannot be rehearsed: the simulated account runs Fargate tasks only (launchType FARGATE).");
        }

        if (service.Member("capacityProviderStrategy") is not null)
        {
            throw launchType.Fail(EcsState.LaunchTypeWithStrategy);
        }
    }
}
