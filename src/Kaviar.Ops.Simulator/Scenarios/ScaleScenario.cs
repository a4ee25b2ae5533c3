using System;
using System.Globalization;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;

namespace Kaviar.Ops.Simulator;

public static partial class Scenarios
{
    public const string ScaleCluster = "scale-cluster";
    public const string ScaleFamily = "scale-app";
    public const string ScaleContainer = "app";
    public const string ScaleLogGroup = "/ecs/scale-app";
    public const string ScaleHealthPath = "/health";
    public const int ScalePort = 8080;
    public const int ScaleTasksPerService = 3;

    /// <summary>Every this-many-th service had one task stopped (and replaced) during the history.</summary>
    public const int ScaleStoppedTaskEvery = 4;

    /// <summary>AWS's default quotas: 100 listener rules (besides the default) and 100 target groups per ALB.</summary>
    public const int ScaleServicesPerLoadBalancer = 100;

    /// <summary>Long enough for every task, the replacements included, to turn healthy; stopped tasks stay listed for an hour.</summary>
    public static readonly TimeSpan ScaleHistory = TimeSpan.FromMinutes(10);

    /// <summary>When, into the history, the one task of every fourth service is stopped: after the first rollout completed.</summary>
    private static readonly TimeSpan ScaleStopAfter = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A busy, healthy account for measuring how commands scale: cluster scale-cluster with <paramref name="services"/>
    /// services (scale-svc-001, …) of <see cref="ScaleTasksPerService"/> Fargate tasks each, every service behind its own
    /// target group (scale-svc-001-tg, …). The target groups hang off host-header rules (svc-001.scale.internal, …) of
    /// the HTTP:80 listeners of ALBs scale-alb-1, scale-alb-2, … (100 services each), whose default answers 404. One task
    /// of every fourth service was stopped with <c>aws ecs stop-task</c> at minute 3 and replaced, so the cluster's
    /// STOPPED list has services/4 tasks. The tasks sit in two private /19 subnets: 600 tasks do not fit the /24s
    /// the seed scenarios use.
    /// </summary>
    public static AccountScenario Scale(int services = 200)
    {
        if (services < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(services), services, "A scale account needs at least one service.");
        }

        return AccountScenario.Named($"scale-{services}-services")
            .WithHistory(ScaleHistory)
            .With(state => BuildScale(state, services));
    }

    /// <summary>scale-svc-001 … : zero-padded to at least three digits so names sort in creation order.</summary>
    public static string ScaleServiceName(int number, int services) =>
        "scale-svc-" + number.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(3, services.ToString(CultureInfo.InvariantCulture).Length), '0');

    private static void BuildScale(AccountState state, int services)
    {
        var ec2 = state.Ec2;
        var vpc = ec2.AddVpc("10.0.0.0/16", "scale-vpc");
        var publicA = ec2.AddSubnet(vpc.VpcId, "10.0.0.0/24", $"{state.Region}a", "scale-public-1", mapPublicIp: true);
        var publicB = ec2.AddSubnet(vpc.VpcId, "10.0.1.0/24", $"{state.Region}b", "scale-public-2", mapPublicIp: true);
        var privateA = ec2.AddSubnet(vpc.VpcId, "10.0.32.0/19", $"{state.Region}a", "scale-private-1", mapPublicIp: false);
        var privateB = ec2.AddSubnet(vpc.VpcId, "10.0.64.0/19", $"{state.Region}b", "scale-private-2", mapPublicIp: false);
        var internetGateway = ec2.AddInternetGateway(vpc.VpcId);
        var natGateway = ec2.AddNatGateway(publicA.SubnetId);
        ec2.AddRouteTable(vpc.VpcId, new[] { publicA.SubnetId, publicB.SubnetId }, new[] { ("0.0.0.0/0", internetGateway) });
        ec2.AddRouteTable(vpc.VpcId, new[] { privateA.SubnetId, privateB.SubnetId }, new[] { ("0.0.0.0/0", natGateway) });
        var (albGroup, taskGroup) = AddAlbAndTaskGroups(state, vpc.VpcId, "scale", "Scale", ScalePort);

        state.Logs.AddLogGroup(ScaleLogGroup, retentionInDays: 7);
        var ecs = state.Ecs;
        ecs.AddCluster(ScaleCluster);
        PushImagesOf(state, ecs.RegisterTaskDefinition(ScaleFamily, new[] { NodeContainer(state, ScaleContainer, "scale-app:v1", ScalePort, ScaleLogGroup) },
            "256", "512", $"arn:aws:iam::{state.AccountId}:role/ecsTaskExecutionRole"));
        var app = new SimulatedApp { Start = ContainerStartOutcome.KeepsRunning($"Listening on port {ScalePort}") };
        app.Routes[ScaleHealthPath] = new HttpAnswer(200, "{\"status\":\"ok\"}");
        ecs.SetApp(ScaleFamily, app);

        var elbv2 = state.Elbv2;
        var network = new AwsVpcConfiguration(new[] { privateA.SubnetId, privateB.SubnetId }, new[] { taskGroup.GroupId }, AssignPublicIp: false);
        string? listenerArn = null;
        for (var number = 1; number <= services; number++)
        {
            var slot = (number - 1) % ScaleServicesPerLoadBalancer;
            if (slot == 0)
            {
                var loadBalancerNumber = (number - 1) / ScaleServicesPerLoadBalancer + 1;
                var loadBalancer = elbv2.AddLoadBalancer($"scale-alb-{loadBalancerNumber}", new[] { publicA.SubnetId, publicB.SubnetId }, new[] { albGroup.GroupId });
                listenerArn = elbv2.AddFixedResponseListener(loadBalancer.LoadBalancerArn, 80, 404);
            }

            var name = ScaleServiceName(number, services);
            var targetGroup = elbv2.AddTargetGroup($"{name}-tg", vpc.VpcId, ScalePort, ScaleHealthPath);
            UseBriskHealthChecks(targetGroup);
            elbv2.AddRule(listenerArn!, slot + 1, new[] { $"{name["scale-".Length..]}.scale.internal" }, Array.Empty<string>(), targetGroup.TargetGroupArn);

            var service = ecs.AddService(new ServiceSpec
            {
                Cluster = ScaleCluster,
                Name = name,
                TaskDefinition = $"{ScaleFamily}:1",
                DesiredCount = ScaleTasksPerService,
                Network = network,
                LoadBalancers = new[] { new ServiceLoadBalancer(targetGroup.TargetGroupArn, ScaleContainer, ScalePort) },
                HealthCheckGracePeriodSeconds = 60,
            });
            if (number % ScaleStoppedTaskEvery == 0)
            {
                // What StopTask does: the scheduler drains and stops the task, then starts a replacement.
                state.Timeline.After(ScaleStopAfter, () => ecs.Lifecycle.Stop(ecs.TasksOf(service).First(t => !t.IsStopping), "UserInitiated", "Task stopped by user"));
            }
        }
    }
}
