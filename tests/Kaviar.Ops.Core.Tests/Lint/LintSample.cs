using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Lint;
using TargetGroup = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.TargetGroup;

namespace Kaviar.Ops.Core.Tests.Lint;

/// <summary>
/// Seed 004's go-backend as its production checklist wants it (every rule passes), for tests to break one thing of:
/// the task definition as register-task-definition takes it, and the live facts around it.
/// </summary>
internal sealed class LintSample
{
    public const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/go-backend/0123456789abcdef";
    public const string LoadBalancerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/tinyurl/fedcba9876543210";
    public const string SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tinyurl/postgres-AbCdEf";

    public JsonObject Document { get; } = JsonNode.Parse("""
        {
          "family": "go-backend",
          "networkMode": "awsvpc",
          "requiresCompatibilities": ["FARGATE"],
          "cpu": "512",
          "memory": "1024",
          "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
          "containerDefinitions": [
            {
              "name": "go-backend",
              "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/go-backend@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
              "essential": true,
              "portMappings": [{ "containerPort": 8080, "protocol": "tcp" }],
              "environment": [
                { "name": "ENV", "value": "production" },
                { "name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://observability:4318" },
                { "name": "DB_SECRET_ARN", "value": "arn:aws:secretsmanager:us-east-1:123456789012:secret:tinyurl/postgres-AbCdEf" }
              ],
              "secrets": [{ "name": "POSTGRES_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:tinyurl/postgres-AbCdEf" }],
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": { "awslogs-group": "/ecs/go-backend", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs" }
              },
              "healthCheck": {
                "command": ["CMD-SHELL", "wget -qO- http://localhost:8080/healthz || exit 1"],
                "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 30
              },
              "stopTimeout": 60
            }
          ],
          "tags": [{ "key": "Environment", "value": "production" }, { "key": "Service", "value": "go-backend" }]
        }
        """)!.AsObject();

    public JsonObject Container => (JsonObject)Document["containerDefinitions"]![0]!;

    public Service Service { get; } = new Service
    {
        ServiceName = "go-backend",
        ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/tinyurl-prod",
        LaunchType = "FARGATE",
        HealthCheckGracePeriodSeconds = 120,
        LoadBalancers = new List<LoadBalancer> { new LoadBalancer { TargetGroupArn = TargetGroupArn, ContainerName = "go-backend", ContainerPort = 8080 } },
    };

    public List<Tag> ServiceTags { get; } = new List<Tag> { new Tag { Key = "Environment", Value = "production" } };

    public TargetGroup TargetGroup { get; } = new TargetGroup
    {
        TargetGroupArn = TargetGroupArn,
        TargetGroupName = "go-backend",
        HealthCheckPath = "/healthz",
        HealthCheckIntervalSeconds = 30,
        HealthyThresholdCount = 2,
        UnhealthyThresholdCount = 3,
        LoadBalancerArns = new List<string> { LoadBalancerArn },
    };

    public int DeregistrationDelay { get; set; } = 60;

    public string ContainerInsights { get; set; } = "enhanced";

    public Dictionary<string, bool> LogGroups { get; } = new Dictionary<string, bool> { ["/ecs/go-backend"] = true };

    public Dictionary<string, bool> Secrets { get; } = new Dictionary<string, bool> { [SecretArn] = true };

    public List<MetricAlarmFact> Alarms { get; } = new List<MetricAlarmFact>
    {
        Alarm("AWS/ECS", "CPUUtilization", 80, ("ClusterName", "tinyurl-prod"), ("ServiceName", "go-backend")),
        Alarm("AWS/ECS", "MemoryUtilization", 90, ("ClusterName", "tinyurl-prod"), ("ServiceName", "go-backend")),
        Alarm("AWS/ApplicationELB", "UnHealthyHostCount", 0, ("TargetGroup", "targetgroup/go-backend/0123456789abcdef"), ("LoadBalancer", "app/tinyurl/fedcba9876543210")),
        Alarm("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", 10, ("TargetGroup", "targetgroup/go-backend/0123456789abcdef"), ("LoadBalancer", "app/tinyurl/fedcba9876543210")),
    };

    public int MinimumStopTimeout { get; set; } = 60;

    public static MetricAlarmFact Alarm(string ns, string metric, double threshold, params (string Name, string Value)[] dimensions) => new MetricAlarmFact
    {
        AlarmName = metric, Namespace = ns, MetricName = metric, Threshold = threshold, ComparisonOperator = "GreaterThanThreshold",
        Dimensions = dimensions.ToDictionary(d => d.Name, d => d.Value),
    };

    /// <summary>The file alone, as Test-EcsTaskDefinition reads it.</summary>
    public ReadinessReport LintOffline(FindingSeverity minimum = FindingSeverity.Info) =>
        TaskDefinitionLinter.Lint(TaskDefinitionFile.Parse(Document.ToJsonString(), "go-backend.json", MinimumStopTimeout), minimum);

    /// <summary>The same task definition with every live fact, as Test-EcsServiceReadiness reads it.</summary>
    public ReadinessReport LintLive(FindingSeverity minimum = FindingSeverity.Info)
    {
        var file = TaskDefinitionFile.Parse(Document.ToJsonString(), "go-backend.json", MinimumStopTimeout);
        var subject = new LintSubject(file.TaskDefinition, "arn:aws:ecs:us-east-1:123456789012:task-definition/go-backend:7")
        {
            Region = "us-east-1",
            TaskDefinitionTags = file.TaskDefinitionTags,
            Service = Service,
            ServiceTags = ServiceTags,
            TargetGroups = new[] { TargetGroup },
            DeregistrationDelays = new Dictionary<string, int> { [TargetGroupArn] = DeregistrationDelay },
            LogGroupsExist = LogGroups,
            SecretsExist = Secrets,
            ContainerInsights = ContainerInsights,
            Alarms = Alarms,
            MinimumStopTimeout = MinimumStopTimeout,
        };
        return TaskDefinitionLinter.Lint(subject, minimum);
    }

    public static IReadOnlyList<string> Codes(ReadinessReport report) => report.Findings.Select(f => f.Code).ToList();
}
