using System.Text.Json;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ECS.Internal;

/// <summary>Readers and writers of the Amazon ECS structures, member names as in the service model.</summary>
internal static class ECSShapes
{
    internal static Cluster ReadCluster(JsonElement e) => new Cluster
    {
        ClusterArn = e.Str("clusterArn"),
        ClusterName = e.Str("clusterName"),
        Status = e.Str("status"),
        RegisteredContainerInstancesCount = e.Int("registeredContainerInstancesCount"),
        RunningTasksCount = e.Int("runningTasksCount"),
        PendingTasksCount = e.Int("pendingTasksCount"),
        ActiveServicesCount = e.Int("activeServicesCount"),
        CapacityProviders = e.Strings("capacityProviders"),
        DefaultCapacityProviderStrategy = e.List("defaultCapacityProviderStrategy", ReadCapacityProviderStrategyItem),
        Tags = e.List("tags", ReadTag),
        Settings = e.List("settings", c => new ClusterSetting { Name = c.Str("name"), Value = c.Str("value") }),
    };

    internal static Service ReadService(JsonElement e) => new Service
    {
        ServiceArn = e.Str("serviceArn"),
        ServiceName = e.Str("serviceName"),
        ClusterArn = e.Str("clusterArn"),
        LoadBalancers = e.List("loadBalancers", ReadLoadBalancer),
        ServiceRegistries = e.List("serviceRegistries", ReadServiceRegistry),
        Status = e.Str("status"),
        DesiredCount = e.Int("desiredCount"),
        RunningCount = e.Int("runningCount"),
        PendingCount = e.Int("pendingCount"),
        LaunchType = e.Str("launchType"),
        CapacityProviderStrategy = e.List("capacityProviderStrategy", ReadCapacityProviderStrategyItem),
        PlatformVersion = e.Str("platformVersion"),
        TaskDefinition = e.Str("taskDefinition"),
        DeploymentConfiguration = e.Obj("deploymentConfiguration", ReadDeploymentConfiguration),
        DeploymentController = e.Obj("deploymentController", c => new DeploymentController { Type = c.Str("type") }),
        Deployments = e.List("deployments", ReadDeployment),
        RoleArn = e.Str("roleArn"),
        Events = e.List("events", ReadServiceEvent),
        CreatedAt = e.EpochSeconds("createdAt"),
        NetworkConfiguration = e.Obj("networkConfiguration", ReadNetworkConfiguration),
        HealthCheckGracePeriodSeconds = e.Int("healthCheckGracePeriodSeconds"),
        SchedulingStrategy = e.Str("schedulingStrategy"),
        EnableExecuteCommand = e.Bool("enableExecuteCommand"),
        Tags = e.List("tags", ReadTag),
    };

    private static ServiceRegistry ReadServiceRegistry(JsonElement e) => new ServiceRegistry
    {
        RegistryArn = e.Str("registryArn"),
        Port = e.Int("port"),
        ContainerName = e.Str("containerName"),
        ContainerPort = e.Int("containerPort"),
    };

    private static Deployment ReadDeployment(JsonElement e) => new Deployment
    {
        Id = e.Str("id"),
        Status = e.Str("status"),
        TaskDefinition = e.Str("taskDefinition"),
        DesiredCount = e.Int("desiredCount"),
        PendingCount = e.Int("pendingCount"),
        RunningCount = e.Int("runningCount"),
        FailedTasks = e.Int("failedTasks"),
        CreatedAt = e.EpochSeconds("createdAt"),
        UpdatedAt = e.EpochSeconds("updatedAt"),
        CapacityProviderStrategy = e.List("capacityProviderStrategy", ReadCapacityProviderStrategyItem),
        LaunchType = e.Str("launchType"),
        PlatformVersion = e.Str("platformVersion"),
        NetworkConfiguration = e.Obj("networkConfiguration", ReadNetworkConfiguration),
        RolloutState = e.Str("rolloutState"),
        RolloutStateReason = e.Str("rolloutStateReason"),
    };

    private static ServiceEvent ReadServiceEvent(JsonElement e) => new ServiceEvent
    {
        Id = e.Str("id"),
        CreatedAt = e.EpochSeconds("createdAt"),
        Message = e.Str("message"),
    };

    private static LoadBalancer ReadLoadBalancer(JsonElement e) => new LoadBalancer
    {
        TargetGroupArn = e.Str("targetGroupArn"),
        LoadBalancerName = e.Str("loadBalancerName"),
        ContainerName = e.Str("containerName"),
        ContainerPort = e.Int("containerPort"),
    };

    private static DeploymentConfiguration ReadDeploymentConfiguration(JsonElement e) => new DeploymentConfiguration
    {
        DeploymentCircuitBreaker = e.Obj("deploymentCircuitBreaker", b => new DeploymentCircuitBreaker { Enable = b.Bool("enable"), Rollback = b.Bool("rollback") }),
        MaximumPercent = e.Int("maximumPercent"),
        MinimumHealthyPercent = e.Int("minimumHealthyPercent"),
    };

    internal static Task ReadTask(JsonElement e) => new Task
    {
        Attachments = e.List("attachments", ReadAttachment),
        AvailabilityZone = e.Str("availabilityZone"),
        ClusterArn = e.Str("clusterArn"),
        Containers = e.List("containers", ReadContainer),
        Cpu = e.Str("cpu"),
        CreatedAt = e.EpochSeconds("createdAt"),
        DesiredStatus = e.Str("desiredStatus"),
        ExecutionStoppedAt = e.EpochSeconds("executionStoppedAt"),
        Group = e.Str("group"),
        HealthStatus = e.Str("healthStatus"),
        LastStatus = e.Str("lastStatus"),
        LaunchType = e.Str("launchType"),
        Memory = e.Str("memory"),
        Overrides = e.Obj("overrides", ReadTaskOverride),
        PlatformVersion = e.Str("platformVersion"),
        PullStartedAt = e.EpochSeconds("pullStartedAt"),
        PullStoppedAt = e.EpochSeconds("pullStoppedAt"),
        StartedAt = e.EpochSeconds("startedAt"),
        StartedBy = e.Str("startedBy"),
        StopCode = e.Str("stopCode"),
        StoppedAt = e.EpochSeconds("stoppedAt"),
        StoppedReason = e.Str("stoppedReason"),
        StoppingAt = e.EpochSeconds("stoppingAt"),
        Tags = e.List("tags", ReadTag),
        TaskArn = e.Str("taskArn"),
        TaskDefinitionArn = e.Str("taskDefinitionArn"),
    };

    private static Container ReadContainer(JsonElement e) => new Container
    {
        ContainerArn = e.Str("containerArn"),
        TaskArn = e.Str("taskArn"),
        Name = e.Str("name"),
        Image = e.Str("image"),
        ImageDigest = e.Str("imageDigest"),
        RuntimeId = e.Str("runtimeId"),
        LastStatus = e.Str("lastStatus"),
        ExitCode = e.Int("exitCode"),
        Reason = e.Str("reason"),
        NetworkInterfaces = e.List("networkInterfaces", n => new NetworkInterface
        {
            AttachmentId = n.Str("attachmentId"),
            PrivateIpv4Address = n.Str("privateIpv4Address"),
            Ipv6Address = n.Str("ipv6Address"),
        }),
        HealthStatus = e.Str("healthStatus"),
    };

    private static Attachment ReadAttachment(JsonElement e) => new Attachment
    {
        Id = e.Str("id"),
        Type = e.Str("type"),
        Status = e.Str("status"),
        Details = e.List("details", ReadKeyValuePair),
    };

    private static TaskOverride ReadTaskOverride(JsonElement e) => new TaskOverride
    {
        ContainerOverrides = e.List("containerOverrides", c => new ContainerOverride
        {
            Name = c.Str("name"),
            Command = c.Strings("command"),
            Environment = c.List("environment", ReadKeyValuePair),
            Cpu = c.Int("cpu"),
            Memory = c.Int("memory"),
        }),
        Cpu = e.Str("cpu"),
        ExecutionRoleArn = e.Str("executionRoleArn"),
        Memory = e.Str("memory"),
        TaskRoleArn = e.Str("taskRoleArn"),
    };

    internal static TaskDefinition ReadTaskDefinition(JsonElement e) => new TaskDefinition
    {
        Document = e.GetRawText(),
        TaskDefinitionArn = e.Str("taskDefinitionArn"),
        ContainerDefinitions = e.List("containerDefinitions", ReadContainerDefinition),
        Family = e.Str("family"),
        TaskRoleArn = e.Str("taskRoleArn"),
        ExecutionRoleArn = e.Str("executionRoleArn"),
        NetworkMode = e.Str("networkMode"),
        Revision = e.Int("revision"),
        Status = e.Str("status"),
        RequiresCompatibilities = e.Strings("requiresCompatibilities"),
        Cpu = e.Str("cpu"),
        Memory = e.Str("memory"),
        Volumes = e.List("volumes", ReadVolume),
        RuntimePlatform = e.Obj("runtimePlatform", p => new RuntimePlatform { CpuArchitecture = p.Str("cpuArchitecture"), OperatingSystemFamily = p.Str("operatingSystemFamily") }),
        EphemeralStorage = e.Obj("ephemeralStorage", s => new EphemeralStorage { SizeInGiB = s.Int("sizeInGiB") }),
        Compatibilities = e.Strings("compatibilities"),
        RegisteredAt = e.EpochSeconds("registeredAt"),
        DeregisteredAt = e.EpochSeconds("deregisteredAt"),
    };

    private static ContainerDefinition ReadContainerDefinition(JsonElement e) => new ContainerDefinition
    {
        Name = e.Str("name"),
        Image = e.Str("image"),
        Cpu = e.Int("cpu"),
        Memory = e.Int("memory"),
        MemoryReservation = e.Int("memoryReservation"),
        PortMappings = e.List("portMappings", p => new PortMapping
        {
            ContainerPort = p.Int("containerPort"),
            HostPort = p.Int("hostPort"),
            Protocol = p.Str("protocol"),
            Name = p.Str("name"),
        }),
        Essential = e.Bool("essential"),
        EntryPoint = e.Strings("entryPoint"),
        Command = e.Strings("command"),
        Environment = e.List("environment", ReadKeyValuePair),
        LogConfiguration = e.Obj("logConfiguration", l => new LogConfiguration
        {
            LogDriver = l.Str("logDriver"),
            Options = l.Map("options"),
            SecretOptions = l.List("secretOptions", ReadSecret),
        }),
        Secrets = e.List("secrets", ReadSecret),
        EnvironmentFiles = e.List("environmentFiles", f => new EnvironmentFile { Value = f.Str("value"), Type = f.Str("type") }),
        HealthCheck = e.Obj("healthCheck", h => new HealthCheck
        {
            Command = h.Strings("command"),
            Interval = h.Int("interval"),
            Timeout = h.Int("timeout"),
            Retries = h.Int("retries"),
            StartPeriod = h.Int("startPeriod"),
        }),
        StartTimeout = e.Int("startTimeout"),
        StopTimeout = e.Int("stopTimeout"),
        DependsOn = e.List("dependsOn", d => new ContainerDependency { ContainerName = d.Str("containerName"), Condition = d.Str("condition") }),
        MountPoints = e.List("mountPoints", m => new MountPoint { SourceVolume = m.Str("sourceVolume"), ContainerPath = m.Str("containerPath"), ReadOnly = m.Bool("readOnly") }),
        VolumesFrom = e.List("volumesFrom", v => new VolumeFrom { SourceContainer = v.Str("sourceContainer"), ReadOnly = v.Bool("readOnly") }),
        WorkingDirectory = e.Str("workingDirectory"),
        User = e.Str("user"),
        ReadonlyRootFilesystem = e.Bool("readonlyRootFilesystem"),
        DockerLabels = e.Map("dockerLabels"),
        Ulimits = e.List("ulimits", u => new Ulimit { Name = u.Str("name"), SoftLimit = u.Int("softLimit"), HardLimit = u.Int("hardLimit") }),
        RepositoryCredentials = e.Obj("repositoryCredentials", r => new RepositoryCredentials { CredentialsParameter = r.Str("credentialsParameter") }),
    };

    private static Secret ReadSecret(JsonElement e) => new Secret { Name = e.Str("name"), ValueFrom = e.Str("valueFrom") };

    private static Volume ReadVolume(JsonElement e) => new Volume
    {
        Name = e.Str("name"),
        Host = e.Obj("host", h => new HostVolumeProperties { SourcePath = h.Str("sourcePath") }),
        EfsVolumeConfiguration = e.Obj("efsVolumeConfiguration", f => new EFSVolumeConfiguration
        {
            FileSystemId = f.Str("fileSystemId"),
            RootDirectory = f.Str("rootDirectory"),
            TransitEncryption = f.Str("transitEncryption"),
            TransitEncryptionPort = f.Int("transitEncryptionPort"),
            AuthorizationConfig = f.Obj("authorizationConfig", a => new EFSAuthorizationConfig { AccessPointId = a.Str("accessPointId"), Iam = a.Str("iam") }),
        }),
        ConfiguredAtLaunch = e.Bool("configuredAtLaunch"),
    };

    internal static ServiceDeploymentBrief ReadServiceDeploymentBrief(JsonElement e) => new ServiceDeploymentBrief
    {
        ServiceDeploymentArn = e.Str("serviceDeploymentArn"),
        ServiceArn = e.Str("serviceArn"),
        ClusterArn = e.Str("clusterArn"),
        StartedAt = e.EpochSeconds("startedAt"),
        CreatedAt = e.EpochSeconds("createdAt"),
        FinishedAt = e.EpochSeconds("finishedAt"),
        TargetServiceRevisionArn = e.Str("targetServiceRevisionArn"),
        Status = e.Str("status"),
        StatusReason = e.Str("statusReason"),
    };

    internal static ServiceDeployment ReadServiceDeployment(JsonElement e) => new ServiceDeployment
    {
        ServiceDeploymentArn = e.Str("serviceDeploymentArn"),
        ServiceArn = e.Str("serviceArn"),
        ClusterArn = e.Str("clusterArn"),
        CreatedAt = e.EpochSeconds("createdAt"),
        StartedAt = e.EpochSeconds("startedAt"),
        FinishedAt = e.EpochSeconds("finishedAt"),
        StoppedAt = e.EpochSeconds("stoppedAt"),
        UpdatedAt = e.EpochSeconds("updatedAt"),
        SourceServiceRevisions = e.List("sourceServiceRevisions", ReadServiceRevisionSummary),
        TargetServiceRevision = e.Obj("targetServiceRevision", ReadServiceRevisionSummary),
        Status = e.Str("status"),
        StatusReason = e.Str("statusReason"),
        LifecycleStage = e.Str("lifecycleStage"),
        LifecycleHookDetails = e.List("lifecycleHookDetails", h => new DeploymentLifecycleHookDetail
        {
            HookId = h.Str("hookId"),
            TargetType = h.Str("targetType"),
            TargetArn = h.Str("targetArn"),
            Status = h.Str("status"),
            ExpiresAt = h.EpochSeconds("expiresAt"),
            TimeoutAction = h.Str("timeoutAction"),
        }),
        DeploymentConfiguration = e.Obj("deploymentConfiguration", ReadDeploymentConfiguration),
        Rollback = e.Obj("rollback", r => new Rollback { Reason = r.Str("reason"), StartedAt = r.EpochSeconds("startedAt"), ServiceRevisionArn = r.Str("serviceRevisionArn") }),
        DeploymentCircuitBreaker = e.Obj("deploymentCircuitBreaker", b => new ServiceDeploymentCircuitBreaker
        {
            Status = b.Str("status"),
            FailureCount = b.Int("failureCount"),
            Threshold = b.Int("threshold"),
        }),
        Alarms = e.Obj("alarms", a => new ServiceDeploymentAlarms
        {
            Status = a.Str("status"),
            AlarmNames = a.Strings("alarmNames"),
            TriggeredAlarmNames = a.Strings("triggeredAlarmNames"),
        }),
    };

    private static ServiceRevisionSummary ReadServiceRevisionSummary(JsonElement e) => new ServiceRevisionSummary
    {
        Arn = e.Str("arn"),
        RequestedTaskCount = e.Int("requestedTaskCount"),
        RunningTaskCount = e.Int("runningTaskCount"),
        PendingTaskCount = e.Int("pendingTaskCount"),
    };

    internal static ServiceRevision ReadServiceRevision(JsonElement e) => new ServiceRevision
    {
        ServiceRevisionArn = e.Str("serviceRevisionArn"),
        ServiceArn = e.Str("serviceArn"),
        ClusterArn = e.Str("clusterArn"),
        TaskDefinition = e.Str("taskDefinition"),
        CapacityProviderStrategy = e.List("capacityProviderStrategy", ReadCapacityProviderStrategyItem),
        LaunchType = e.Str("launchType"),
        PlatformVersion = e.Str("platformVersion"),
        LoadBalancers = e.List("loadBalancers", ReadLoadBalancer),
        ServiceRegistries = e.List("serviceRegistries", ReadServiceRegistry),
        NetworkConfiguration = e.Obj("networkConfiguration", ReadNetworkConfiguration),
        ContainerImages = e.List("containerImages", i => new ContainerImage
        {
            ContainerName = i.Str("containerName"),
            ImageDigest = i.Str("imageDigest"),
            Image = i.Str("image"),
        }),
        GuardDutyEnabled = e.Bool("guardDutyEnabled"),
        CreatedAt = e.EpochSeconds("createdAt"),
    };

    private static NetworkConfiguration ReadNetworkConfiguration(JsonElement e) => new NetworkConfiguration
    {
        AwsvpcConfiguration = e.Obj("awsvpcConfiguration", a => new AwsVpcConfiguration
        {
            Subnets = a.Strings("subnets"),
            SecurityGroups = a.Strings("securityGroups"),
            AssignPublicIp = a.Str("assignPublicIp"),
        }),
    };

    private static CapacityProviderStrategyItem ReadCapacityProviderStrategyItem(JsonElement e) => new CapacityProviderStrategyItem
    {
        CapacityProvider = e.Str("capacityProvider"),
        Weight = e.Int("weight"),
        Base = e.Int("base"),
    };

    internal static Failure ReadFailure(JsonElement e) => new Failure { Arn = e.Str("arn"), Reason = e.Str("reason"), Detail = e.Str("detail") };

    internal static Tag ReadTag(JsonElement e) => new Tag { Key = e.Str("key"), Value = e.Str("value") };

    private static KeyValuePair ReadKeyValuePair(JsonElement e) => new KeyValuePair { Name = e.Str("name"), Value = e.Str("value") };

    internal static void WriteCapacityProviderStrategyItem(Utf8JsonWriter w, CapacityProviderStrategyItem item)
    {
        w.Opt("capacityProvider", item.CapacityProvider);
        w.Opt("weight", item.Weight);
        w.Opt("base", item.Base);
    }

    internal static void WriteNetworkConfiguration(Utf8JsonWriter w, NetworkConfiguration configuration) =>
        w.Opt("awsvpcConfiguration", configuration.AwsvpcConfiguration, (aw, a) =>
        {
            aw.Opt("subnets", a.Subnets);
            aw.Opt("securityGroups", a.SecurityGroups);
            aw.Opt("assignPublicIp", a.AssignPublicIp);
        });

    internal static void WriteTaskOverride(Utf8JsonWriter w, TaskOverride overrides)
    {
        w.Opt("containerOverrides", overrides.ContainerOverrides, (cw, c) =>
        {
            cw.Opt("name", c.Name);
            cw.Opt("command", c.Command);
            cw.Opt("environment", c.Environment, WriteKeyValuePair);
            cw.Opt("cpu", c.Cpu);
            cw.Opt("memory", c.Memory);
        });
        w.Opt("cpu", overrides.Cpu);
        w.Opt("executionRoleArn", overrides.ExecutionRoleArn);
        w.Opt("memory", overrides.Memory);
        w.Opt("taskRoleArn", overrides.TaskRoleArn);
    }

    internal static void WriteDeploymentConfiguration(Utf8JsonWriter w, DeploymentConfiguration configuration)
    {
        w.Opt("deploymentCircuitBreaker", configuration.DeploymentCircuitBreaker, (bw, b) =>
        {
            bw.Opt("enable", b.Enable);
            bw.Opt("rollback", b.Rollback);
        });
        w.Opt("maximumPercent", configuration.MaximumPercent);
        w.Opt("minimumHealthyPercent", configuration.MinimumHealthyPercent);
    }

    internal static void WriteContainerDefinition(Utf8JsonWriter w, ContainerDefinition c)
    {
        w.Opt("name", c.Name);
        w.Opt("image", c.Image);
        w.Opt("repositoryCredentials", c.RepositoryCredentials, (rw, r) => rw.Opt("credentialsParameter", r.CredentialsParameter));
        w.Opt("cpu", c.Cpu);
        w.Opt("memory", c.Memory);
        w.Opt("memoryReservation", c.MemoryReservation);
        w.Opt("portMappings", c.PortMappings, (pw, p) =>
        {
            pw.Opt("containerPort", p.ContainerPort);
            pw.Opt("hostPort", p.HostPort);
            pw.Opt("protocol", p.Protocol);
            pw.Opt("name", p.Name);
        });
        w.Opt("essential", c.Essential);
        w.Opt("entryPoint", c.EntryPoint);
        w.Opt("command", c.Command);
        w.Opt("environment", c.Environment, WriteKeyValuePair);
        w.Opt("environmentFiles", c.EnvironmentFiles, (fw, f) =>
        {
            fw.Opt("value", f.Value);
            fw.Opt("type", f.Type);
        });
        w.Opt("mountPoints", c.MountPoints, (mw, m) =>
        {
            mw.Opt("sourceVolume", m.SourceVolume);
            mw.Opt("containerPath", m.ContainerPath);
            mw.Opt("readOnly", m.ReadOnly);
        });
        w.Opt("volumesFrom", c.VolumesFrom, (vw, v) =>
        {
            vw.Opt("sourceContainer", v.SourceContainer);
            vw.Opt("readOnly", v.ReadOnly);
        });
        w.Opt("secrets", c.Secrets, WriteSecret);
        w.Opt("dependsOn", c.DependsOn, (dw, d) =>
        {
            dw.Opt("containerName", d.ContainerName);
            dw.Opt("condition", d.Condition);
        });
        w.Opt("startTimeout", c.StartTimeout);
        w.Opt("stopTimeout", c.StopTimeout);
        w.Opt("user", c.User);
        w.Opt("workingDirectory", c.WorkingDirectory);
        w.Opt("readonlyRootFilesystem", c.ReadonlyRootFilesystem);
        w.Opt("dockerLabels", c.DockerLabels);
        w.Opt("ulimits", c.Ulimits, (uw, u) =>
        {
            uw.Opt("name", u.Name);
            uw.Opt("softLimit", u.SoftLimit);
            uw.Opt("hardLimit", u.HardLimit);
        });
        w.Opt("logConfiguration", c.LogConfiguration, (lw, l) =>
        {
            lw.Opt("logDriver", l.LogDriver);
            lw.Opt("options", l.Options);
            lw.Opt("secretOptions", l.SecretOptions, WriteSecret);
        });
        w.Opt("healthCheck", c.HealthCheck, (hw, h) =>
        {
            hw.Opt("command", h.Command);
            hw.Opt("interval", h.Interval);
            hw.Opt("timeout", h.Timeout);
            hw.Opt("retries", h.Retries);
            hw.Opt("startPeriod", h.StartPeriod);
        });
    }

    internal static void WriteVolume(Utf8JsonWriter w, Volume volume)
    {
        w.Opt("name", volume.Name);
        w.Opt("host", volume.Host, (hw, h) => hw.Opt("sourcePath", h.SourcePath));
        w.Opt("efsVolumeConfiguration", volume.EfsVolumeConfiguration, (ew, f) =>
        {
            ew.Opt("fileSystemId", f.FileSystemId);
            ew.Opt("rootDirectory", f.RootDirectory);
            ew.Opt("transitEncryption", f.TransitEncryption);
            ew.Opt("transitEncryptionPort", f.TransitEncryptionPort);
            ew.Opt("authorizationConfig", f.AuthorizationConfig, (aw, a) =>
            {
                aw.Opt("accessPointId", a.AccessPointId);
                aw.Opt("iam", a.Iam);
            });
        });
        w.Opt("configuredAtLaunch", volume.ConfiguredAtLaunch);
    }

    internal static void WriteRuntimePlatform(Utf8JsonWriter w, RuntimePlatform platform)
    {
        w.Opt("cpuArchitecture", platform.CpuArchitecture);
        w.Opt("operatingSystemFamily", platform.OperatingSystemFamily);
    }

    private static void WriteSecret(Utf8JsonWriter w, Secret secret)
    {
        w.Opt("name", secret.Name);
        w.Opt("valueFrom", secret.ValueFrom);
    }

    internal static void WriteTag(Utf8JsonWriter w, Tag tag)
    {
        w.Opt("key", tag.Key);
        w.Opt("value", tag.Value);
    }

    private static void WriteKeyValuePair(Utf8JsonWriter w, KeyValuePair pair)
    {
        w.Opt("name", pair.Name);
        w.Opt("value", pair.Value);
    }
}
