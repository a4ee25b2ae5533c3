using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>ECS resources in the botocore model's member names.</summary>
internal static class EcsJson
{
    private const int EventsShown = 100;

    public static JsonObject Cluster(EcsCluster cluster, IReadOnlyList<EcsTask> tasks, IReadOnlyCollection<string> include)
    {
        var json = Cluster(cluster, tasks);
        if (include.Contains("TAGS"))
        {
            json["tags"] = Tags(cluster.Tags);
        }

        if (include.Contains("SETTINGS"))
        {
            json["settings"] = new JsonArray(new JsonObject { ["name"] = "containerInsights", ["value"] = cluster.ContainerInsights });
        }

        return json;
    }

    /// <summary>A string map as a JSON object (logConfiguration and firelensConfiguration options).</summary>
    private static JsonObject StringMap(IReadOnlyDictionary<string, string> map) =>
        new(map.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)JsonValue.Create(o.Value))));

    /// <summary>ECS's tag list: key and value in camelCase.</summary>
    public static JsonArray Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.ToJsonArray(t => new JsonObject { ["key"] = t.Key, ["value"] = t.Value });

    private static JsonObject Cluster(EcsCluster cluster, IReadOnlyList<EcsTask> tasks) => new()
    {
        ["clusterArn"] = cluster.Arn,
        ["clusterName"] = cluster.Name,
        ["status"] = cluster.Status,
        ["registeredContainerInstancesCount"] = 0,
        ["runningTasksCount"] = tasks.Count(t => t.Cluster == cluster && t.LastStatus == "RUNNING"),
        ["pendingTasksCount"] = tasks.Count(t => t.Cluster == cluster && IsPending(t)),
        ["activeServicesCount"] = cluster.Services.Count,
        ["statistics"] = new JsonArray(),
        ["capacityProviders"] = new JsonArray("FARGATE", "FARGATE_SPOT"),
        ["defaultCapacityProviderStrategy"] = new JsonArray(),
    };

    public static JsonObject Service(EcsService service, IReadOnlyList<EcsTask> tasks)
    {
        var serviceTasks = tasks.Where(t => t.Service == service).ToList();
        var primary = service.Primary;
        return new JsonObject
        {
            ["serviceArn"] = service.Arn,
            ["serviceName"] = service.Name,
            ["clusterArn"] = service.Cluster.Arn,
            ["loadBalancers"] = LoadBalancers(service),
            ["serviceRegistries"] = ServiceRegistries(service),
            ["status"] = service.Status,
            ["desiredCount"] = service.DesiredCount,
            ["runningCount"] = serviceTasks.Count(t => t.LastStatus == "RUNNING"),
            ["pendingCount"] = serviceTasks.Count(IsPending),
            ["platformVersion"] = service.PlatformVersion,
            ["platformFamily"] = "Linux",
            ["taskDefinition"] = primary.TaskDefinition.Arn,
            ["deploymentConfiguration"] = DeploymentConfiguration(
                service.CircuitBreakerEnabled, service.CircuitBreakerRollback, service.MaximumPercent, service.MinimumHealthyPercent, service.LifecycleHooks),
            ["deployments"] = service.Deployments.ToJsonArray(d => Deployment(d, serviceTasks)),
            ["roleArn"] = $"arn:aws:iam::{AccountOf(service.Arn)}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
            ["events"] = Enumerable.Reverse(service.Events).Take(EventsShown).ToJsonArray(e => new JsonObject
            {
                ["id"] = e.Id,
                ["createdAt"] = JsonWire.EpochSeconds(e.CreatedAt),
                ["message"] = e.Message,
            }),
            ["createdAt"] = JsonWire.EpochSeconds(service.CreatedAt),
            ["placementConstraints"] = new JsonArray(),
            ["placementStrategy"] = new JsonArray(),
            ["networkConfiguration"] = Network(primary.Network),
        }
            .AddIfPresent("launchType", service.LaunchType)
            .AddIfPresent("capacityProviderStrategy", CapacityProviderStrategy(service))
            .AddIfPresent("healthCheckGracePeriodSeconds", service.HealthCheckGracePeriodSeconds)
            .AddIfPresent("schedulingStrategy", "REPLICA")
            .AddIfPresent("deploymentController", new JsonObject { ["type"] = service.DeploymentController })
            .AddIfPresent("createdBy", $"arn:aws:iam::{AccountOf(service.Arn)}:root")
            .AddIfPresent("enableECSManagedTags", false)
            .AddIfPresent("propagateTags", service.PropagateTags)
            .AddIfPresent("enableExecuteCommand", service.EnableExecuteCommand)
            .AddIfPresent("availabilityZoneRebalancing", "DISABLED");
    }

    public static JsonObject Task(EcsTask task) => new JsonObject
        {
            ["attachments"] = new JsonArray(Attachment(task.Attachment, task.Cluster.Arn.Split(':')[3])),
            ["attributes"] = new JsonArray(new JsonObject { ["name"] = "ecs.cpu-architecture", ["value"] = "x86_64" }),
        }
            .AddIfPresent("availabilityZone", task.AvailabilityZone)
            .AddIfPresent("capacityProviderName", task.CapacityProviderName)
            .AddIfPresent("clusterArn", task.Cluster.Arn)
            .AddIfPresent("connectivity", task.ConnectivityAt is null ? null : "CONNECTED")
            .AddIfPresent("connectivityAt", Time(task.ConnectivityAt))
            .AddIfPresent("containers", task.Containers.ToJsonArray(c => Container(task, c)))
            .AddIfPresent("cpu", task.TaskDefinition.Cpu)
            .AddIfPresent("createdAt", JsonWire.EpochSeconds(task.CreatedAt))
            .AddIfPresent("desiredStatus", task.DesiredStatus)
            .AddIfPresent("enableExecuteCommand", false)
            .AddIfPresent("executionStoppedAt", Time(task.ExecutionStoppedAt))
            .AddIfPresent("group", task.Group)
            .AddIfPresent("healthStatus", "UNKNOWN")
            .AddIfPresent("lastStatus", task.LastStatus)
            .AddIfPresent("launchType", task.LaunchType)
            .AddIfPresent("memory", task.TaskDefinition.Memory)
            .AddIfPresent("overrides", task.Overrides?.DeepClone() ?? new JsonObject
            {
                ["containerOverrides"] = task.Containers.ToJsonArray(c => new JsonObject { ["name"] = c.Name }),
                ["inferenceAcceleratorOverrides"] = new JsonArray(),
            })
            .AddIfPresent("platformVersion", task.Service?.RunningPlatformVersion ?? "1.4.0")
            .AddIfPresent("platformFamily", "Linux")
            .AddIfPresent("pullStartedAt", Time(task.PullStartedAt))
            .AddIfPresent("pullStoppedAt", Time(task.PullStoppedAt))
            .AddIfPresent("startedAt", Time(task.StartedAt))
            .AddIfPresent("startedBy", task.StartedBy)
            .AddIfPresent("stopCode", task.StopCode)
            .AddIfPresent("stoppedAt", Time(task.StoppedAt))
            .AddIfPresent("stoppedReason", task.StoppedReason)
            .AddIfPresent("stoppingAt", Time(task.StoppingAt))
            .AddIfPresent("tags", task.Tags.ToJsonArray(tag => new JsonObject { ["key"] = tag.Key, ["value"] = tag.Value }))
            .AddIfPresent("taskArn", task.Arn)
            .AddIfPresent("taskDefinitionArn", task.TaskDefinition.Arn)
            .AddIfPresent("version", task.Version)
            .AddIfPresent("ephemeralStorage", new JsonObject { ["sizeInGiB"] = 20 })
            .AddIfPresent("fargateEphemeralStorage", new JsonObject { ["sizeInGiB"] = 20 });

    public static JsonObject TaskDefinition(TaskDefinition definition) => new JsonObject
    {
        ["taskDefinitionArn"] = definition.Arn,
        ["containerDefinitions"] = definition.Containers.ToJsonArray(c => ContainerDefinition(c)),
        ["family"] = definition.Family,
    }
        .AddIfPresent("taskRoleArn", definition.TaskRoleArn)
        .AddIfPresent("executionRoleArn", definition.ExecutionRoleArn)
        .AddIfPresent("networkMode", definition.NetworkMode)
        .AddIfPresent("revision", definition.Revision)
        .AddIfPresent("volumes", new JsonArray())
        .AddIfPresent("status", definition.Status)
        .AddIfPresent("requiresAttributes", new JsonArray(
            new JsonObject { ["name"] = "com.amazonaws.ecs.capability.logging-driver.awslogs" },
            new JsonObject { ["name"] = "ecs.capability.task-eni" }))
        .AddIfPresent("placementConstraints", new JsonArray())
        .AddIfPresent("compatibilities", new JsonArray("EC2", "FARGATE"))
        .AddIfPresent("requiresCompatibilities", new JsonArray("FARGATE"))
        .AddIfPresent("cpu", definition.Cpu)
        .AddIfPresent("memory", definition.Memory)
        .AddIfPresent("registeredAt", JsonWire.EpochSeconds(definition.RegisteredAt))
        .AddIfPresent("deregisteredAt", Time(definition.DeregisteredAt))
        .AddIfPresent("registeredBy", $"arn:aws:iam::{AccountOf(definition.Arn)}:root");

    public static JsonObject Network(AwsVpcConfiguration network) => new()
    {
        ["awsvpcConfiguration"] = new JsonObject
        {
            ["subnets"] = network.Subnets.ToJsonArray(),
            ["securityGroups"] = network.SecurityGroups.ToJsonArray(),
            ["assignPublicIp"] = network.AssignPublicIp ? "ENABLED" : "DISABLED",
        },
    };

    public static JsonObject ServiceDeploymentBrief(EcsServiceDeployment deployment) => new JsonObject
    {
        ["serviceDeploymentArn"] = deployment.Arn,
        ["serviceArn"] = deployment.Service.Arn,
        ["clusterArn"] = deployment.Service.Cluster.Arn,
        ["startedAt"] = JsonWire.EpochSeconds(deployment.StartedAt),
        ["createdAt"] = JsonWire.EpochSeconds(deployment.CreatedAt),
    }
        .AddIfPresent("finishedAt", Time(deployment.FinishedAt))
        .AddIfPresent("targetServiceRevisionArn", deployment.TargetRevision.Arn)
        .AddIfPresent("status", deployment.Status)
        .AddIfPresent("statusReason", deployment.StatusReason);

    public static JsonObject ServiceDeployment(EcsServiceDeployment deployment, IReadOnlyList<EcsTask> tasks)
    {
        var serviceTasks = tasks.Where(t => t.Service == deployment.Service && !t.IsStopping).ToList();
        var target = RevisionSummary(deployment.Service, deployment.TargetRevision, serviceTasks);
        var json = new JsonObject
        {
            ["serviceDeploymentArn"] = deployment.Arn,
            ["serviceArn"] = deployment.Service.Arn,
            ["clusterArn"] = deployment.Service.Cluster.Arn,
            ["createdAt"] = JsonWire.EpochSeconds(deployment.CreatedAt),
            ["startedAt"] = JsonWire.EpochSeconds(deployment.StartedAt),
        }
            .AddIfPresent("finishedAt", Time(deployment.FinishedAt))
            .AddIfPresent("stoppedAt", Time(deployment.StoppedAt))
            .AddIfPresent("updatedAt", JsonWire.EpochSeconds(deployment.UpdatedAt))
            .AddIfPresent("sourceServiceRevisions", deployment.SourceRevisions.ToJsonArray(r => RevisionSummary(deployment.Service, r, serviceTasks)))
            .AddIfPresent("targetServiceRevision", target)
            .AddIfPresent("status", deployment.Status)
            .AddIfPresent("statusReason", deployment.StatusReason)
            .AddIfPresent("lifecycleStage", LifecycleStage(deployment, serviceTasks))
            .AddIfPresent("lifecycleHookDetails", deployment.HookRuns.Count == 0 ? null : deployment.HookRuns.ToJsonArray(run => new JsonObject
            {
                ["hookId"] = run.HookId,
                ["targetType"] = "PAUSE",
                ["status"] = run.Status,
                ["expiresAt"] = JsonWire.EpochSeconds(run.ExpiresAt),
                ["timeoutAction"] = run.TimeoutAction,
            }))
            .AddIfPresent("deploymentConfiguration", DeploymentConfiguration(
                deployment.CircuitBreakerEnabled, deployment.CircuitBreakerRollback, deployment.MaximumPercent, deployment.MinimumHealthyPercent, deployment.Hooks))
            .AddIfPresent("deploymentCircuitBreaker", new JsonObject
            {
                ["status"] = CircuitBreakerStatus(deployment),
                ["failureCount"] = deployment.Deployment.FailedTasks,
                ["threshold"] = ServiceScheduler.CircuitBreakerThreshold(deployment.Deployment.DesiredCount),
            })
            .AddIfPresent("alarms", new JsonObject
            {
                ["status"] = "DISABLED",
                ["alarmNames"] = new JsonArray(),
                ["triggeredAlarmNames"] = new JsonArray(),
            });
        if (deployment.RollbackRevision is { } rollbackTo)
        {
            json["rollback"] = new JsonObject
            {
                ["reason"] = deployment.RollbackReason,
                ["startedAt"] = Time(deployment.RollbackStartedAt),
                ["serviceRevisionArn"] = rollbackTo.Arn,
            };
        }

        return json;
    }

    /// <summary>What the revision runs: its task definition and network, the service's load balancers, each container's image.</summary>
    public static JsonObject ServiceRevision(ServiceRevision revision) => new JsonObject
    {
        ["serviceRevisionArn"] = revision.Arn,
        ["serviceArn"] = revision.Service.Arn,
        ["clusterArn"] = revision.Service.Cluster.Arn,
        ["taskDefinition"] = revision.TaskDefinition.Arn,
        ["platformVersion"] = revision.Service.RunningPlatformVersion,
        ["platformFamily"] = "Linux",
        ["loadBalancers"] = LoadBalancers(revision.Service),
        ["serviceRegistries"] = ServiceRegistries(revision.Service),
        ["networkConfiguration"] = Network(revision.Network),
        // Revisions do not record the digest ECS resolves for each image at deployment, so imageDigest is left out.
        ["containerImages"] = revision.TaskDefinition.Containers.ToJsonArray(c => new JsonObject { ["containerName"] = c.Name, ["image"] = c.Image }),
        ["guardDutyEnabled"] = false,
        ["createdAt"] = JsonWire.EpochSeconds(revision.CreatedAt),
    }.AddIfPresent("launchType", revision.Service.LaunchType).AddIfPresent("capacityProviderStrategy", CapacityProviderStrategy(revision.Service));

    /// <summary>A service's strategy as ECS writes it; null for the FARGATE launch type.</summary>
    public static JsonArray? CapacityProviderStrategy(EcsService service) => service.CapacityProviderStrategy.Count == 0
        ? null
        : service.CapacityProviderStrategy.ToJsonArray(p => new JsonObject { ["capacityProvider"] = p.CapacityProvider, ["weight"] = p.Weight, ["base"] = p.Base });

    public static JsonObject Failure(string arn, string reason) => new() { ["arn"] = arn, ["reason"] = reason };

    private static JsonObject Deployment(EcsDeployment deployment, IReadOnlyList<EcsTask> serviceTasks) => new JsonObject
    {
        ["id"] = deployment.Id,
        ["status"] = deployment.Status,
        ["taskDefinition"] = deployment.TaskDefinition.Arn,
        ["desiredCount"] = deployment.DesiredCount,
        ["pendingCount"] = serviceTasks.Count(t => t.Deployment == deployment && IsPending(t)),
        ["runningCount"] = serviceTasks.Count(t => t.Deployment == deployment && t.LastStatus == "RUNNING"),
        ["failedTasks"] = deployment.FailedTasks,
        ["createdAt"] = JsonWire.EpochSeconds(deployment.CreatedAt),
        ["updatedAt"] = JsonWire.EpochSeconds(deployment.UpdatedAt),
        ["platformVersion"] = deployment.Revision.Service.RunningPlatformVersion,
        ["platformFamily"] = "Linux",
        ["networkConfiguration"] = Network(deployment.Network),
        ["rolloutState"] = deployment.RolloutState,
        ["rolloutStateReason"] = deployment.RolloutStateReason,
    }.AddIfPresent("launchType", deployment.Revision.Service.LaunchType).AddIfPresent("capacityProviderStrategy", CapacityProviderStrategy(deployment.Revision.Service));

    private static JsonObject Container(EcsTask task, EcsContainer container) => new JsonObject
        {
            ["containerArn"] = container.Arn,
            ["taskArn"] = task.Arn,
            ["name"] = container.Name,
            ["image"] = container.Definition.Image,
        }
            .AddIfPresent("runtimeId", container.RuntimeId)
            .AddIfPresent("lastStatus", container.LastStatus)
            .AddIfPresent("exitCode", container.ExitCode)
            .AddIfPresent("reason", container.Reason)
            .AddIfPresent("networkBindings", new JsonArray())
            .AddIfPresent("networkInterfaces", task.Attachment.PrivateIpv4Address is { } ip
                ? new JsonArray(new JsonObject { ["attachmentId"] = task.Attachment.Id, ["privateIpv4Address"] = ip })
                : new JsonArray())
            .AddIfPresent("healthStatus", "UNKNOWN")
            .AddIfPresent("cpu", container.Definition.Cpu.ToString(CultureInfo.InvariantCulture))
            .AddIfPresent("memory", container.Definition.Memory?.ToString(CultureInfo.InvariantCulture));

    private static JsonObject Attachment(EniAttachment attachment, string region)
    {
        var details = new List<(string Name, string? Value)>
        {
            ("subnetId", attachment.SubnetId),
            ("networkInterfaceId", attachment.NetworkInterfaceId),
            ("macAddress", attachment.MacAddress),
            ("privateDnsName", attachment.PrivateIpv4Address is { } ip ? $"ip-{ip.Replace('.', '-')}.{region}.compute.internal" : null),
            ("privateIPv4Address", attachment.PrivateIpv4Address),
        };
        return new JsonObject
        {
            ["id"] = attachment.Id,
            ["type"] = "ElasticNetworkInterface",
            ["status"] = attachment.Status,
            ["details"] = details.Where(d => d.Value is not null).ToJsonArray(d => new JsonObject { ["name"] = d.Name, ["value"] = d.Value }),
        };
    }

    public static JsonObject ContainerDefinition(ContainerDefinition container)
    {
        var json = new JsonObject
        {
            ["name"] = container.Name,
            ["image"] = container.Image,
            ["cpu"] = container.Cpu,
        }
            .AddIfPresent("memory", container.Memory)
            .AddIfPresent("portMappings", container.ContainerPorts.ToJsonArray(port => new JsonObject
            {
                ["containerPort"] = port,
                ["hostPort"] = port,
                ["protocol"] = "tcp",
            }))
            .AddIfPresent("essential", container.Essential)
            .AddIfPresent("environment", container.Environment.ToJsonArray(e => new JsonObject { ["name"] = e.Key, ["value"] = e.Value }))
            .AddIfPresent("secrets", container.Secrets.Count == 0 ? null : container.Secrets.ToJsonArray(e => new JsonObject { ["name"] = e.Name, ["valueFrom"] = e.ValueFrom }))
            .AddIfPresent("mountPoints", new JsonArray())
            .AddIfPresent("volumesFrom", new JsonArray());
        if (container.Command.Count > 0)
        {
            json["command"] = container.Command.ToJsonArray();
        }

        if (container.LogGroup is not null)
        {
            var options = new JsonObject { ["awslogs-group"] = container.LogGroup };
            options.AddIfPresent("awslogs-stream-prefix", container.LogStreamPrefix);
            if (container.CreateLogGroup)
            {
                options["awslogs-create-group"] = "true";
            }

            json["logConfiguration"] = new JsonObject { ["logDriver"] = "awslogs", ["options"] = options };
        }

        if (container.FireLensOptions is { } firelens)
        {
            json["logConfiguration"] = new JsonObject { ["logDriver"] = "awsfirelens", ["options"] = StringMap(firelens) };
        }

        if (container.FirelensConfiguration is { } router)
        {
            json["firelensConfiguration"] = new JsonObject { ["type"] = router.Type }.AddIfPresent("options", router.Options.Count == 0 ? null : StringMap(router.Options));
        }

        json.AddIfPresent("systemControls", new JsonArray());
        foreach (var (name, value) in container.Registered ?? new JsonObject())
        {
            if (!json.ContainsKey(name))
            {
                json[name] = value?.DeepClone();
            }
        }

        return json;
    }

    private static JsonArray LoadBalancers(EcsService service) => service.LoadBalancers.ToJsonArray(lb => new JsonObject
    {
        ["targetGroupArn"] = lb.TargetGroupArn,
        ["containerName"] = lb.ContainerName,
        ["containerPort"] = lb.ContainerPort,
    });

    private static JsonArray ServiceRegistries(EcsService service) => service.ServiceRegistries.ToJsonArray(registry => new JsonObject
        {
            ["registryArn"] = registry.RegistryArn,
        }
        .AddIfPresent("port", registry.Port)
        .AddIfPresent("containerName", registry.ContainerName)
        .AddIfPresent("containerPort", registry.ContainerPort));

    private static JsonObject DeploymentConfiguration(bool circuitBreakerEnabled, bool circuitBreakerRollback, int maximumPercent, int minimumHealthyPercent,
        IReadOnlyList<LifecycleHook> hooks) => new JsonObject
    {
        ["deploymentCircuitBreaker"] = new JsonObject
        {
            ["enable"] = circuitBreakerEnabled,
            ["rollback"] = circuitBreakerRollback,
        },
        ["maximumPercent"] = maximumPercent,
        ["minimumHealthyPercent"] = minimumHealthyPercent,
    }.AddIfPresent("lifecycleHooks", hooks.Count == 0 ? null : hooks.ToJsonArray(hook => new JsonObject
    {
        ["targetType"] = "PAUSE",
        ["lifecycleStages"] = hook.Stages.ToJsonArray(stage => JsonValue.Create(stage)),
        ["timeoutConfiguration"] = new JsonObject { ["timeoutInMinutes"] = hook.TimeoutInMinutes, ["action"] = hook.TimeoutAction },
    }));

    /// <summary>A revision's tasks now: requested by the deployments still rolling it out, running and pending among the live ones.</summary>
    private static JsonObject RevisionSummary(EcsService service, ServiceRevision revision, IReadOnlyList<EcsTask> liveServiceTasks) => new()
    {
        ["arn"] = revision.Arn,
        ["requestedTaskCount"] = service.Deployments.Where(d => d.Revision == revision).Sum(d => d.DesiredCount),
        ["runningTaskCount"] = liveServiceTasks.Count(t => t.Deployment?.Revision == revision && t.LastStatus == "RUNNING"),
        ["pendingTaskCount"] = liveServiceTasks.Count(t => t.Deployment?.Revision == revision && IsPending(t)),
    };

    /// <summary>A rolling update scales the revision up, then cleans the old ones up; null once finished.</summary>
    private static string? LifecycleStage(EcsServiceDeployment deployment, IReadOnlyList<EcsTask> liveServiceTasks)
    {
        if (!deployment.IsInProgress)
        {
            return null;
        }

        if (deployment.AwaitingAction is { } paused)
        {
            return paused.Stage;
        }

        var rollingOut = deployment.RollbackDeployment ?? deployment.Deployment;
        var running = liveServiceTasks.Count(t => t.Deployment == rollingOut && t.LastStatus == "RUNNING");
        return running < rollingOut.DesiredCount ? "SCALE_UP" : "CLEAN_UP";
    }

    private static string CircuitBreakerStatus(EcsServiceDeployment deployment) =>
        !deployment.CircuitBreakerEnabled ? "DISABLED"
        : deployment.CircuitBreakerTriggered ? "TRIGGERED"
        : deployment.IsInProgress ? "MONITORING"
        : "MONITORING_COMPLETE";

    private static JsonNode? Time(DateTime? utc) => utc is { } value ? JsonWire.EpochSeconds(value) : null;

    private static bool IsPending(EcsTask task) => task.LastStatus is "PROVISIONING" or "PENDING" or "ACTIVATING";

    private static string AccountOf(string arn) => arn.Split(':')[4];
}
