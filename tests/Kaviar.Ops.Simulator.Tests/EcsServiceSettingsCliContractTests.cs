using System;
using System.Linq;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// CreateService's settings beyond the deployment, through the real aws CLI beside seed 001's service: a capacity
/// provider strategy, a platform version, tags and their propagation, execute command; and ECS's refusals of them.
/// </summary>
public sealed class EcsServiceSettingsCliContractTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private readonly SimulatedAccount _account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock());
    private readonly CliContract _aws;
    private readonly string _network;

    public EcsServiceSettingsCliContractTests()
    {
        _aws = new CliContract(_account);
        _network = _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", Scenarios.Seed001Service)
            .Items("services")[0].GetProperty("networkConfiguration").GetRawText();
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void The_settings_are_described_and_reach_the_tasks()
    {
        var created = _aws.Json("ecs", "create-service", "--cluster", Cluster, "--service-name", "spot", "--task-definition", "kaviar-backend:2",
            "--desired-count", "4", "--network-configuration", _network, "--platform-version", "1.3.0", "--propagate-tags", "SERVICE", "--enable-execute-command",
            "--capacity-provider-strategy", "capacityProvider=FARGATE,base=2,weight=1", "capacityProvider=FARGATE_SPOT,weight=1",
            "--tags", "key=Team,value=core", "key=team,value=ops").GetProperty("service");

        Assert.False(created.TryGetProperty("launchType", out _));
        Assert.Equal(("1.3.0", "SERVICE", true), (created.Str("platformVersion"), created.Str("propagateTags"), created.GetProperty("enableExecuteCommand").GetBoolean()));
        var tasks = _aws.Json(new[] { "ecs", "describe-tasks", "--cluster", Cluster, "--include", "TAGS", "--tasks" }
            .Concat(_aws.Json("ecs", "list-tasks", "--cluster", Cluster, "--service-name", "spot").Strings("taskArns")).ToArray()).Items("tasks");
        // The base's two tasks on FARGATE, the other two split evenly.
        Assert.Equal(new[] { "FARGATE", "FARGATE", "FARGATE", "FARGATE_SPOT" }, tasks.Select(t => t.Str("capacityProviderName")).OrderBy(p => p, StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal(("1.3.0", 2), (t.Str("platformVersion"), t.Items("tags").Length)));
        var tags = _aws.Json("ecs", "list-tags-for-resource", "--resource-arn", created.Str("serviceArn")).Items("tags");
        Assert.Equal(new[] { "Team", "team" }, tags.Select(t => t.Str("key")));
    }

    [Theory]
    [InlineData("InvalidParameterException", "Specifying both a launch type and capacity provider strategy is not supported", "--launch-type", "FARGATE",
        "--capacity-provider-strategy", "capacityProvider=FARGATE,weight=1")]
    [InlineData("InvalidParameterException", "not associated with the cluster", "--capacity-provider-strategy", "capacityProvider=my-asg,weight=1")]
    [InlineData("PlatformUnknownException", "The specified platform version doesn't exist.", "--platform-version", "1.2.0")]
    public void ECS_refuses_a_setting_it_cannot_take(string code, string message, params string[] setting)
    {
        var refused = _aws.Error(new[] { "ecs", "create-service", "--cluster", Cluster, "--service-name", "odd", "--task-definition", "kaviar-backend:2",
            "--network-configuration", _network }.Concat(setting).ToArray());

        Assert.Contains(code, refused);
        Assert.Contains(message, refused);
    }
}
