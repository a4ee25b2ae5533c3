using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.ServiceDiscovery;

namespace Kaviar.Ops.Simulator;

public enum Seed004Variant
{
    /// <summary>Production as the checklist sets it up: both services running, observability's one task registered in Cloud Map.</summary>
    Healthy,

    /// <summary>
    /// The observability task was replaced (a forced new deployment) and ECS missed the old task's deregistration: Cloud Map
    /// still holds the stopped task's instance, HEALTHY, beside the new one.
    /// </summary>
    StaleInstance,

    /// <summary>As <see cref="Healthy"/>, but the observability group admits go-backend only on Loki's 3100, not on OTLP's 4318.</summary>
    ObservabilityPortClosed,

    /// <summary>
    /// As <see cref="Healthy"/>, with the rest of the checklist done: images by version tag, a container health check on
    /// /healthz, Container Insights enabled, the four recommended alarms, and the observability endpoints named by their
    /// Cloud Map name on the ports the observability group admits.
    /// </summary>
    Ready,
}

/// <summary>Seed 004: the production checklist of a Go backend on ECS Fargate with its observability stack found through Cloud Map.</summary>
public static partial class Scenarios
{
    public const string Seed004Region = "us-east-1";
    public const string Seed004AccountId = "404404404404";
    public const string Seed004Cluster = "tinyurl-prod";
    public const string Seed004BackendService = "go-backend";
    public const string Seed004BackendFamily = "go-backend";
    public const string Seed004BackendContainer = "go-backend";
    public const string Seed004BackendLogGroup = "/ecs/go-backend";
    public const int Seed004BackendPort = 8080;
    public const string Seed004HealthPath = "/healthz";
    public const string Seed004ObservabilityService = "observability";
    public const string Seed004ObservabilityFamily = "observability";
    public const string Seed004ObservabilityContainer = "observability-container";
    public const string Seed004ObservabilityLogGroup = "/ecs/observability";
    public const int Seed004OtlpPort = 4318;
    public const int Seed004LokiPort = 3100;
    public const string Seed004Namespace = "internal.tinyurl.local";
    public const string Seed004DiscoveryService = "observability";
    public const string Seed004DiscoveryName = Seed004DiscoveryService + "." + Seed004Namespace;
    public const long Seed004RecordTtl = 60;
    public const string Seed004LoadBalancer = "tinyurl-prod-alb";
    public const string Seed004TargetGroup = "go-backend-tg";
    public const string Seed004BackendSecurityGroup = "tinyurl-prod-ecs-sg";
    public const string Seed004ObservabilitySecurityGroup = "tinyurl-prod-observability-sg";
    public const string Seed004PostgresSecret = "tinyurl/prod/postgres-password";
    public const int Seed004StopTimeout = 60;
    public const int Seed004HealthCheckGracePeriod = 120;

    /// <summary>When the observability service was force-redeployed, counted from the start of the history.</summary>
    public static readonly TimeSpan Seed004ObservabilityRedeployedAfter = TimeSpan.FromMinutes(5);

    /// <summary>Long enough for the redeployment to finish and the replaced task to be STOPPED (ECS still lists it for an hour).</summary>
    public static readonly TimeSpan Seed004History = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Seed 004 (us-east-1): VPC with public and private subnets; ALB tinyurl-prod-alb forwarding HTTP:80 to go-backend-tg
    /// (GET /healthz every 30 s, 5 s timeout, healthy after 2, unhealthy after 3, 200); cluster tinyurl-prod with
    /// go-backend (port 8080, the seed's environment, POSTGRES_PASSWORD from Secrets Manager, stopTimeout 60) behind it
    /// and observability (container observability-container, OTLP on 4318) registered in the Cloud Map private DNS
    /// namespace internal.tinyurl.local as service observability (A record, TTL 60, custom health check). Five minutes in,
    /// observability is force-redeployed; in <see cref="Seed004Variant.StaleInstance"/> ECS misses the deregistration of
    /// the task it replaced.
    /// </summary>
    public static AccountScenario Seed004(Seed004Variant variant = Seed004Variant.Healthy) =>
        AccountScenario.Named(variant switch
            {
                Seed004Variant.StaleInstance => "seed-004-stale-instance",
                Seed004Variant.ObservabilityPortClosed => "seed-004-observability-port-closed",
                Seed004Variant.Ready => "seed-004-ready",
                _ => "seed-004-healthy",
            })
            .InRegion(Seed004Region)
            .ForAccount(Seed004AccountId)
            .WithHistory(Seed004History)
            .With(state => BuildSeed004(state, variant));

    private static void BuildSeed004(AccountState state, Seed004Variant variant)
    {
        var ec2 = state.Ec2;
        var (vpc, publicSubnets, privateSubnets) = AddTwoTierVpc(state, "tinyurl-prod");
        var (albGroup, backendGroup) = AddAlbAndTaskGroups(state, vpc.VpcId, "tinyurl-prod", "TinyURL prod", Seed004BackendPort);
        var observabilityGroup = ec2.AddSecurityGroup(vpc.VpcId, Seed004ObservabilitySecurityGroup, "TinyURL prod observability");
        ec2.AuthorizeIngressFromGroup(observabilityGroup.GroupId, Seed004LokiPort, backendGroup.GroupId, "Loki from go-backend");
        if (variant != Seed004Variant.ObservabilityPortClosed)
        {
            ec2.AuthorizeIngressFromGroup(observabilityGroup.GroupId, Seed004OtlpPort, backendGroup.GroupId, "OTLP/HTTP from go-backend");
        }

        var elbv2 = state.Elbv2;
        var loadBalancer = elbv2.AddLoadBalancer(Seed004LoadBalancer, SubnetIds(publicSubnets), new[] { albGroup.GroupId });
        var targetGroup = elbv2.AddTargetGroup(Seed004TargetGroup, vpc.VpcId, Seed004BackendPort, Seed004HealthPath, "200");
        UseBriskHealthChecks(targetGroup);
        elbv2.AddForwardListener(loadBalancer.LoadBalancerArn, 80, targetGroup.TargetGroupArn);

        state.Logs.AddLogGroup(Seed004BackendLogGroup, retentionInDays: 30);
        state.Logs.AddLogGroup(Seed004ObservabilityLogGroup, retentionInDays: 30);
        var postgresPassword = state.SecretsManager.AddSecret(Seed004PostgresSecret, "tinyurl-prod-postgres-password");

        var cloudMap = state.ServiceDiscovery;
        var ns = cloudMap.AddPrivateDnsNamespace(Seed004Namespace, vpc.VpcId, "TinyURL prod internal services");
        var discovery = cloudMap.AddService(new CloudMapServiceSpec
        {
            Name = Seed004DiscoveryService,
            NamespaceId = ns.Id,
            DnsRecords = new[] { new DnsRecord("A", Seed004RecordTtl) },
            CustomHealthCheck = true,
            FailureThreshold = 1,
        });

        var ecs = state.Ecs;
        ecs.AddCluster(Seed004Cluster);
        var executionRole = $"arn:aws:iam::{state.AccountId}:role/tinyurl-prod-ecs-task-execution";
        var taskRole = $"arn:aws:iam::{state.AccountId}:role/tinyurl-prod-ecs-task";
        var ready = variant == Seed004Variant.Ready;
        var backend = ecs.RegisterTaskDefinition(Seed004BackendFamily, new[] { GoBackendContainer(state, postgresPassword.Arn, ready) }, "512", "1024", executionRole, taskRole);
        var observability = ecs.RegisterTaskDefinition(Seed004ObservabilityFamily, new[] { ObservabilityContainer(state) }, "1024", "2048", executionRole, taskRole);
        PushImagesOf(state, backend);
        PushImagesOf(state, observability);
        ecs.SetApp(Seed004BackendFamily, GoBackendApp());

        var backendNetwork = new AwsVpcConfiguration(SubnetIds(privateSubnets), new[] { backendGroup.GroupId }, AssignPublicIp: false);
        ecs.AddService(new ServiceSpec
        {
            Cluster = Seed004Cluster,
            Name = Seed004BackendService,
            TaskDefinition = backend.FamilyRevision,
            DesiredCount = 2,
            Network = backendNetwork,
            LoadBalancers = new[] { new ServiceLoadBalancer(targetGroup.TargetGroupArn, Seed004BackendContainer, Seed004BackendPort) },
            HealthCheckGracePeriodSeconds = Seed004HealthCheckGracePeriod,
            CircuitBreakerEnabled = true,
            CircuitBreakerRollback = true,
        });
        var observabilityService = ecs.AddService(new ServiceSpec
        {
            Cluster = Seed004Cluster,
            Name = Seed004ObservabilityService,
            TaskDefinition = observability.FamilyRevision,
            DesiredCount = 1,
            Network = new AwsVpcConfiguration(SubnetIds(privateSubnets), new[] { observabilityGroup.GroupId }, AssignPublicIp: false),
            ServiceRegistries = new[] { new ServiceRegistry(discovery.Arn, ContainerName: Seed004ObservabilityContainer) },
            CircuitBreakerEnabled = true,
            CircuitBreakerRollback = true,
        });

        if (ready)
        {
            ecs.RequireCluster(Seed004Cluster).ContainerInsights = "enabled";
            AddRecommendedAlarms(state, loadBalancer, targetGroup);
        }

        state.Timeline.After(Seed004ObservabilityRedeployedAfter, () =>
        {
            if (variant == Seed004Variant.StaleInstance)
            {
                cloudMap.EcsDeregistrationsToMiss = 1;
            }

            var primary = observabilityService.Primary;
            ecs.Scheduler.Deploy(observabilityService, primary.TaskDefinition, primary.DesiredCount, primary.Network);
        });
    }

    /// <summary>The checklist's four alarms, as `aws cloudwatch put-metric-alarm` makes them.</summary>
    private static void AddRecommendedAlarms(AccountState state, Elbv2.LoadBalancer loadBalancer, Elbv2.TargetGroup targetGroup)
    {
        var service = new[] { KeyValuePair.Create("ClusterName", Seed004Cluster), KeyValuePair.Create("ServiceName", Seed004BackendService) };
        var targets = new[]
        {
            KeyValuePair.Create("TargetGroup", targetGroup.MetricDimension),
            KeyValuePair.Create("LoadBalancer", loadBalancer.MetricDimension),
        };
        foreach (var (metric, space, dimensions, threshold, periods, statistic) in new[]
                 {
                     ("CPUUtilization", "AWS/ECS", service, 80.0, 5, "Average"),
                     ("MemoryUtilization", "AWS/ECS", service, 90.0, 5, "Average"),
                     ("UnHealthyHostCount", "AWS/ApplicationELB", targets, 0.0, 2, "Maximum"),
                     ("HTTPCode_Target_5XX_Count", "AWS/ApplicationELB", targets, 10.0, 5, "Sum"),
                 })
        {
            var name = $"{Seed004BackendService}-{metric}";
            state.CloudWatch.Put(new CloudWatch.MetricAlarm
            {
                Name = name,
                Arn = state.CloudWatch.AlarmArn(name),
                MetricName = metric,
                Namespace = space,
                Statistic = statistic,
                Dimensions = dimensions,
                Period = 60,
                EvaluationPeriods = periods,
                Threshold = threshold,
                ComparisonOperator = "GreaterThanThreshold",
                ConfigurationUpdatedAt = state.Now,
            });
        }
    }

    private static ContainerDefinition GoBackendContainer(AccountState state, string postgresPasswordArn, bool ready) => new()
    {
        Name = Seed004BackendContainer,
        Image = $"{state.AccountId}.dkr.ecr.{state.Region}.amazonaws.com/go-backend:{(ready ? "1.4.2" : "latest")}",
        Cpu = 0,
        Essential = true,
        ContainerPorts = new[] { Seed004BackendPort },
        Environment = new Dictionary<string, string>
        {
            ["ENV"] = "production",
            ["SERVICE_NAME"] = Seed004BackendService,
            ["GO_ENV"] = "production",
            // Ready names the observability service by its Cloud Map name and Loki's own port; the seed by the short name.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = ready ? $"http://{Seed004DiscoveryName}:{Seed004OtlpPort}" : $"http://{Seed004DiscoveryService}:{Seed004OtlpPort}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["LOKI_ENDPOINT"] = ready
                ? $"http://{Seed004DiscoveryName}:{Seed004LokiPort}/loki/api/v1/push"
                : $"http://{Seed004DiscoveryService}/observability/loki/api/v1/push",
            ["AWS_ECS_CLUSTER_NAME"] = Seed004Cluster,
            ["POSTGRES_PORT"] = "5432",
            ["POSTGRES_DB"] = "postgres",
            ["POSTGRES_USER"] = "postgres",
        },
        Secrets = new[] { new ContainerSecret("POSTGRES_PASSWORD", postgresPasswordArn) },
        LogGroup = Seed004BackendLogGroup,
        LogStreamPrefix = "ecs",
        Registered = ready
            ? new JsonObject
            {
                ["stopTimeout"] = Seed004StopTimeout,
                ["healthCheck"] = new JsonObject
                {
                    ["command"] = new JsonArray("CMD-SHELL", $"wget -qO- http://localhost:{Seed004BackendPort}{Seed004HealthPath} || exit 1"),
                    ["interval"] = 30,
                    ["timeout"] = 5,
                    ["retries"] = 3,
                    ["startPeriod"] = 30,
                },
            }
            : new JsonObject { ["stopTimeout"] = Seed004StopTimeout },
    };

    private static ContainerDefinition ObservabilityContainer(AccountState state) => new()
    {
        Name = Seed004ObservabilityContainer,
        Image = $"{state.AccountId}.dkr.ecr.{state.Region}.amazonaws.com/observability:2024.01",
        Cpu = 0,
        Essential = true,
        ContainerPorts = new[] { Seed004OtlpPort, Seed004LokiPort },
        LogGroup = Seed004ObservabilityLogGroup,
        LogStreamPrefix = "ecs",
        Registered = new JsonObject { ["stopTimeout"] = Seed004StopTimeout },
    };

    /// <summary>The Go backend: logs its start as zap does and answers /healthz with the seed's body.</summary>
    private static SimulatedApp GoBackendApp()
    {
        var app = new SimulatedApp
        {
            Start = ContainerStartOutcome.KeepsRunning(
                "{\"level\":\"info\",\"msg\":\"OpenTelemetry initialised\",\"service_name\":\"go-backend\",\"environment\":\"production\"}",
                $"{{\"level\":\"info\",\"msg\":\"HTTP server listening\",\"addr\":\":{Seed004BackendPort}\"}}"),
        };
        app.Routes[Seed004HealthPath] = new HttpAnswer(200,
            "{\"status\":\"ok\",\"otel_tracing\":true,\"otel_tracing_works\":true,\"otel_metrics\":true,\"otel_metrics_works\":true,"
            + "\"loki_logging\":true,\"service_name\":\"go-backend\",\"environment\":\"production\"}");
        return app;
    }
}
