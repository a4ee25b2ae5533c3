using System;
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
///   "deploymentConfiguration": { "maximumPercent": 200, "minimumHealthyPercent": 100, "deploymentCircuitBreaker": { "enable": true, "rollback": true } } } ]
/// </code>
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
        });
    }
}
