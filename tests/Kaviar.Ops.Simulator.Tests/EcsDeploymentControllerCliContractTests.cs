using System;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// A service whose deployments belong to CodeDeploy, created with the real aws CLI beside seed 001's: UpdateService
/// still changes its desired count, and refuses a new revision with ECS's own InvalidParameterException.
/// </summary>
public sealed class EcsDeploymentControllerCliContractTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string BlueGreen = "kaviar-blue-green";
    private readonly SimulatedAccount _account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock());
    private readonly CliContract _aws;

    public EcsDeploymentControllerCliContractTests()
    {
        _aws = new CliContract(_account);
        var network = _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", Scenarios.Seed001Service)
            .Items("services")[0].GetProperty("networkConfiguration").GetRawText();
        _aws.Json("ecs", "create-service", "--cluster", Cluster, "--service-name", BlueGreen, "--task-definition", "kaviar-backend:2", "--desired-count", "1",
            "--launch-type", "FARGATE", "--network-configuration", network, "--deployment-controller", "type=CODE_DEPLOY");
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void The_controller_is_described_and_only_CodeDeploy_may_change_the_revision()
    {
        var described = _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", BlueGreen).Items("services")[0];
        Assert.Equal("CODE_DEPLOY", described.GetProperty("deploymentController").Str("type"));

        var containers = _aws.Json("ecs", "describe-task-definition", "--task-definition", "kaviar-backend:2").GetProperty("taskDefinition").GetProperty("containerDefinitions").GetRawText();
        var next = _aws.Json("ecs", "register-task-definition", "--family", "kaviar-backend", "--requires-compatibilities", "FARGATE", "--network-mode", "awsvpc",
            "--cpu", "256", "--memory", "512", "--container-definitions", containers).GetProperty("taskDefinition").Int("revision");

        var refused = _aws.Error("ecs", "update-service", "--cluster", Cluster, "--service", BlueGreen, "--task-definition", $"kaviar-backend:{next}");
        Assert.Contains("InvalidParameterException", refused);
        Assert.Contains("Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.", refused);
        Assert.Contains("Unable to force a new deployment", _aws.Error("ecs", "update-service", "--cluster", Cluster, "--service", BlueGreen, "--force-new-deployment"));

        var scaled = _aws.Json("ecs", "update-service", "--cluster", Cluster, "--service", BlueGreen, "--desired-count", "2").GetProperty("service");
        Assert.Equal(2, scaled.Int("desiredCount"));
        Assert.EndsWith("kaviar-backend:2", scaled.Str("taskDefinition"));
    }

    [Fact]
    public void An_unknown_controller_type_is_refused_at_creation() =>
        Assert.Contains("InvalidParameterException", _aws.Error("ecs", "create-service", "--cluster", Cluster, "--service-name", "odd", "--task-definition", "kaviar-backend:2",
            "--network-configuration", "awsvpcConfiguration={subnets=[subnet-1]}", "--deployment-controller", "type=ROLLING"));
}
