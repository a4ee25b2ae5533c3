using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Kaviar.Ops.Simulator.Ecs;

public sealed class EcsCluster
{
    internal EcsCluster(string name, string arn)
    {
        Name = name;
        Arn = arn;
    }

    public string Name { get; }

    public string Arn { get; }

    public string Status => "ACTIVE";

    public List<EcsService> Services { get; } = new();

    /// <summary>The cluster setting containerInsights: disabled (the account default), enabled or enhanced.</summary>
    public string ContainerInsights { get; internal set; } = "disabled";

    /// <summary>Case-sensitive keys, as ECS keeps them.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}

/// <summary>A container definition: the members the lifecycle acts on.</summary>
public sealed class ContainerDefinition
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    public int Cpu { get; init; }

    public int? Memory { get; init; }

    public bool Essential { get; init; } = true;

    public IReadOnlyList<int> ContainerPorts { get; init; } = Array.Empty<int>();

    public IReadOnlyList<string> Command { get; init; } = Array.Empty<string>();

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Environment variables ECS fills from Secrets Manager or SSM Parameter Store before the container starts.</summary>
    public IReadOnlyList<ContainerSecret> Secrets { get; init; } = Array.Empty<ContainerSecret>();

    /// <summary>awslogs-group; null when the container does not log to CloudWatch.</summary>
    public string? LogGroup { get; init; }

    /// <summary>awslogs-stream-prefix; the stream is "&lt;prefix&gt;/&lt;container&gt;/&lt;task id&gt;".</summary>
    public string? LogStreamPrefix { get; init; }

    /// <summary>awslogs-create-group: without it a missing group stops the task at start.</summary>
    public bool CreateLogGroup { get; init; }

    /// <summary>The options of an awsfirelens logConfiguration (the Fluent Bit output its log goes to); null for other drivers.</summary>
    public IReadOnlyDictionary<string, string>? FireLensOptions { get; init; }

    /// <summary>firelensConfiguration: set on the task's log router container, which runs Fluent Bit or Fluentd for the awsfirelens containers.</summary>
    public FirelensConfiguration? FirelensConfiguration { get; init; }

    /// <summary>dependsOn: the containers this one waits for, each with its condition (START, COMPLETE, SUCCESS, HEALTHY).</summary>
    public IReadOnlyList<ContainerDependency> DependsOn { get; init; } = Array.Empty<ContainerDependency>();

    /// <summary>
    /// The definition as RegisterTaskDefinition received it: members the simulation does not act on (healthCheck,
    /// stopTimeout, dependsOn…) are echoed from here by DescribeTaskDefinition.
    /// </summary>
    public JsonObject? Registered { get; init; }
}

/// <summary>
/// One entry of a container's "secrets": <see cref="ValueFrom"/> is a Secrets Manager secret ARN (optionally followed by
/// ":json-key:version-stage:version-id") or an SSM parameter, by ARN or, in the task's region, by name.
/// </summary>
public sealed record ContainerSecret(string Name, string ValueFrom);

/// <summary>A log router's firelensConfiguration: its type (fluentbit or fluentd) and options (enable-ecs-log-metadata, config-file-type…).</summary>
public sealed record FirelensConfiguration(string Type, IReadOnlyDictionary<string, string> Options);

/// <summary>One entry of a container's dependsOn.</summary>
public sealed record ContainerDependency(string ContainerName, string Condition);

public sealed class TaskDefinition
{
    internal TaskDefinition(string family, int revision, string arn, IReadOnlyList<ContainerDefinition> containers, DateTime registeredAt)
    {
        Family = family;
        Revision = revision;
        Arn = arn;
        Containers = containers;
        RegisteredAt = registeredAt;
    }

    public string Family { get; }

    public int Revision { get; }

    public string Arn { get; }

    public IReadOnlyList<ContainerDefinition> Containers { get; }

    public string Cpu { get; init; } = "512";

    public string Memory { get; init; } = "1024";

    public string NetworkMode { get; init; } = "awsvpc";

    public string? ExecutionRoleArn { get; init; }

    public string? TaskRoleArn { get; init; }

    /// <summary>ACTIVE or INACTIVE (deregistered; existing services keep using it, new ones cannot).</summary>
    public string Status { get; internal set; } = "ACTIVE";

    public DateTime RegisteredAt { get; }

    public DateTime? DeregisteredAt { get; internal set; }

    /// <summary>Case-sensitive keys, as ECS keeps them.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>"family:revision", the short form ECS accepts anywhere a task definition is named.</summary>
    public string FamilyRevision => $"{Family}:{Revision}";
}

/// <summary>awsvpc network configuration of a service, deployment or task.</summary>
public sealed record AwsVpcConfiguration(IReadOnlyList<string> Subnets, IReadOnlyList<string> SecurityGroups, bool AssignPublicIp);

public sealed record ServiceLoadBalancer(string TargetGroupArn, string ContainerName, int ContainerPort);

/// <summary>One line of a service's capacity provider strategy: FARGATE or FARGATE_SPOT, its weight and its base.</summary>
public sealed record CapacityProviderStrategyItem(string CapacityProvider, int Weight, int Base);

/// <summary>
/// One of a service's serviceRegistries: the Cloud Map service (registryArn) each task is registered in, with the port
/// ECS publishes as AWS_INSTANCE_PORT (port, or containerName and containerPort; needed for SRV records).
/// </summary>
public sealed record ServiceRegistry(string RegistryArn, int? Port = null, string? ContainerName = null, int? ContainerPort = null);

public sealed record ServiceEvent(string Id, DateTime CreatedAt, string Message);

/// <summary>A service revision: the task definition and network one deployment rolls out; a rollback reuses the revision it returns to.</summary>
public sealed class ServiceRevision
{
    internal ServiceRevision(string arn, EcsService service, TaskDefinition taskDefinition, AwsVpcConfiguration network, DateTime createdAt)
    {
        Arn = arn;
        Service = service;
        TaskDefinition = taskDefinition;
        Network = network;
        CreatedAt = createdAt;
    }

    /// <summary>arn:aws:ecs:region:account:service-revision/cluster/service/id.</summary>
    public string Arn { get; }

    public EcsService Service { get; }

    public TaskDefinition TaskDefinition { get; }

    public AwsVpcConfiguration Network { get; }

    public DateTime CreatedAt { get; }
}

/// <summary>
/// What ListServiceDeployments and DescribeServiceDeployments show: one per UpdateService that started a deployment (and
/// one for the service's creation), with its status as ECS moves it. A circuit-breaker or requested rollback stays on
/// the same record (ROLLBACK_IN_PROGRESS, then ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED) while a deployment of the
/// revision rolled back to does the work.
/// </summary>
public sealed class EcsServiceDeployment
{
    internal EcsServiceDeployment(string arn, EcsService service, ServiceRevision target, IReadOnlyList<ServiceRevision> sources, DateTime createdAt)
    {
        Arn = arn;
        Service = service;
        TargetRevision = target;
        SourceRevisions = sources;
        CreatedAt = createdAt;
        StartedAt = createdAt;
        UpdatedAt = createdAt;
    }

    /// <summary>arn:aws:ecs:region:account:service-deployment/cluster/service/id.</summary>
    public string Arn { get; }

    public EcsService Service { get; }

    public ServiceRevision TargetRevision { get; }

    /// <summary>The revisions that had tasks when the deployment started.</summary>
    public IReadOnlyList<ServiceRevision> SourceRevisions { get; }

    /// <summary>The scheduler's deployment rolling out <see cref="TargetRevision"/>.</summary>
    public EcsDeployment Deployment { get; internal set; } = null!;

    /// <summary>The scheduler's deployment rolling back to <see cref="RollbackRevision"/>, once a rollback started.</summary>
    public EcsDeployment? RollbackDeployment { get; internal set; }

    public DateTime CreatedAt { get; }

    public DateTime StartedAt { get; }

    public DateTime? FinishedAt { get; internal set; }

    public DateTime? StoppedAt { get; internal set; }

    public DateTime UpdatedAt { get; internal set; }

    /// <summary>PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED.</summary>
    public string Status { get; internal set; } = "IN_PROGRESS";

    public string? StatusReason { get; internal set; }

    public bool CircuitBreakerEnabled { get; init; }

    public bool CircuitBreakerRollback { get; init; }

    public int MaximumPercent { get; init; }

    public int MinimumHealthyPercent { get; init; }

    /// <summary>TRIGGERED once the breaker tripped; otherwise derived from the status (MONITORING, MONITORING_COMPLETE, DISABLED).</summary>
    public bool CircuitBreakerTriggered { get; internal set; }

    public string? RollbackReason { get; internal set; }

    public DateTime? RollbackStartedAt { get; internal set; }

    public ServiceRevision? RollbackRevision { get; internal set; }

    /// <summary>The service's lifecycle hooks when the deployment started.</summary>
    public IReadOnlyList<LifecycleHook> Hooks { get; init; } = Array.Empty<LifecycleHook>();

    /// <summary>Every hook this deployment has reached, in order; the last may still await action.</summary>
    public List<HookRun> HookRuns { get; } = new();

    /// <summary>The pause hook the deployment waits on, if any.</summary>
    public HookRun? AwaitingAction => HookRuns.LastOrDefault(h => h.Status == "AWAITING_ACTION");

    public bool Reached(string stage) => HookRuns.Any(h => h.Stage == stage);

    public bool IsInProgress => Status is "PENDING" or "IN_PROGRESS" or "ROLLBACK_REQUESTED" or "ROLLBACK_IN_PROGRESS" or "STOP_REQUESTED";
}

public sealed class EcsDeployment
{
    internal EcsDeployment(string id, ServiceRevision revision, int desiredCount, DateTime createdAt)
    {
        Id = id;
        Revision = revision;
        TaskDefinition = revision.TaskDefinition;
        DesiredCount = desiredCount;
        Network = revision.Network;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        RolloutStateReason = $"ECS deployment {id} in progress.";
    }

    /// <summary>ecs-svc/…; tasks of the deployment carry it as startedBy.</summary>
    public string Id { get; }

    /// <summary>PRIMARY (the one being rolled out), ACTIVE (being replaced) or INACTIVE (drained, no longer listed).</summary>
    public string Status { get; internal set; } = "PRIMARY";

    public TaskDefinition TaskDefinition { get; }

    public int DesiredCount { get; internal set; }

    public AwsVpcConfiguration Network { get; }

    public int FailedTasks { get; internal set; }

    public DateTime CreatedAt { get; }

    public DateTime UpdatedAt { get; internal set; }

    public string RolloutState { get; internal set; } = "IN_PROGRESS";

    public string RolloutStateReason { get; internal set; }

    public ServiceRevision Revision { get; }

    /// <summary>The service deployment this rolls out, or rolls back for.</summary>
    public EcsServiceDeployment ServiceDeployment { get; internal set; } = null!;
}

public sealed class EcsService
{
    internal EcsService(string name, string arn, EcsCluster cluster, DateTime createdAt)
    {
        Name = name;
        Arn = arn;
        Cluster = cluster;
        CreatedAt = createdAt;
    }

    public string Name { get; }

    public string Arn { get; }

    public EcsCluster Cluster { get; }

    public string Status => "ACTIVE";

    /// <summary>FARGATE, or null when a capacity provider strategy places the service's tasks.</summary>
    public string? LaunchType => CapacityProviderStrategy.Count == 0 ? "FARGATE" : null;

    /// <summary>Empty for the FARGATE launch type; otherwise where each task goes (see <see cref="ServiceScheduler"/>).</summary>
    public IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy { get; init; } = Array.Empty<CapacityProviderStrategyItem>();

    public DateTime CreatedAt { get; }

    public IReadOnlyList<ServiceLoadBalancer> LoadBalancers { get; init; } = Array.Empty<ServiceLoadBalancer>();

    public IReadOnlyList<ServiceRegistry> ServiceRegistries { get; init; } = Array.Empty<ServiceRegistry>();

    public int? HealthCheckGracePeriodSeconds { get; internal set; }

    /// <summary>
    /// ECS, CODE_DEPLOY or EXTERNAL. The simulator starts a service's first tasks the same way for each; what differs
    /// is what UpdateService may change afterwards (CodeDeploy and task sets are not modelled).
    /// </summary>
    public string DeploymentController { get; init; } = "ECS";

    /// <summary>The Fargate platform version asked for: LATEST (what DescribeServices shows by default), 1.4.0 or 1.3.0.</summary>
    public string PlatformVersion { get; init; } = EcsState.LatestPlatformVersion;

    /// <summary>The version its tasks, deployments and revisions run: LATEST is 1.4.0.</summary>
    public string RunningPlatformVersion => PlatformVersion == EcsState.LatestPlatformVersion ? "1.4.0" : PlatformVersion;

    /// <summary>NONE, SERVICE or TASK_DEFINITION: whose tags ECS copies to each task it launches.</summary>
    public string PropagateTags { get; init; } = "NONE";

    public bool EnableExecuteCommand { get; init; }

    public bool CircuitBreakerEnabled { get; internal set; }

    public bool CircuitBreakerRollback { get; internal set; }

    public int MaximumPercent { get; internal set; } = 200;

    public int MinimumHealthyPercent { get; internal set; } = 100;

    /// <summary>deploymentConfiguration.lifecycleHooks of targetType PAUSE.</summary>
    public IReadOnlyList<LifecycleHook> LifecycleHooks { get; internal set; } = Array.Empty<LifecycleHook>();

    /// <summary>PRIMARY first, then ACTIVE ones still draining.</summary>
    public List<EcsDeployment> Deployments { get; } = new();

    /// <summary>Oldest first; the wire shows them newest first.</summary>
    public List<ServiceEvent> Events { get; } = new();

    /// <summary>Oldest first; ECS keeps 90 days of them (<see cref="EcsState.ServiceDeploymentsOf"/>).</summary>
    public List<EcsServiceDeployment> ServiceDeployments { get; } = new();

    /// <summary>Where the deployment circuit breaker rolls back to: the last deployment that completed.</summary>
    public EcsDeployment? LastCompletedDeployment { get; internal set; }

    public EcsDeployment Primary => Deployments.Find(d => d.Status == "PRIMARY")
        ?? throw new InvalidOperationException($"Service {Name} has no PRIMARY deployment.");

    public int DesiredCount => Primary.DesiredCount;

    /// <summary>Case-sensitive keys, as ECS keeps them.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}

public sealed class EcsContainer
{
    internal EcsContainer(ContainerDefinition definition, string arn, ContainerLaunch launch)
    {
        Definition = definition;
        Arn = arn;
        Launch = launch;
    }

    public ContainerDefinition Definition { get; }

    public string Name => Definition.Name;

    public string Arn { get; }

    /// <summary>Command and environment with the task's overrides applied.</summary>
    public ContainerLaunch Launch { get; internal set; }

    public string LastStatus { get; internal set; } = "PENDING";

    public int? ExitCode { get; internal set; }

    public string? Reason { get; internal set; }

    public string? RuntimeId { get; internal set; }

    /// <summary>The log group its stream is in (awslogs-group, or the FireLens output's), once the stream is created.</summary>
    public string? LogGroupName { get; internal set; }

    /// <summary>The stream its lines go to, once created: awslogs', or the one Fluent Bit writes for it.</summary>
    public string? LogStreamName { get; internal set; }
}

/// <summary>The ENI attachment of an awsvpc task.</summary>
public sealed class EniAttachment
{
    internal EniAttachment(string id, string subnetId)
    {
        Id = id;
        SubnetId = subnetId;
    }

    public string Id { get; }

    public string SubnetId { get; }

    /// <summary>PRECREATED, ATTACHED, DETACHING, DELETED.</summary>
    public string Status { get; internal set; } = "PRECREATED";

    public string? NetworkInterfaceId { get; internal set; }

    public string? MacAddress { get; internal set; }

    public string? PrivateIpv4Address { get; internal set; }
}

/// <summary>What ECS tracks per target group for a task's target: ELB's verdict and the streak behind it.</summary>
public sealed class TaskTarget
{
    internal TaskTarget(ServiceLoadBalancer loadBalancer) => LoadBalancer = loadBalancer;

    public ServiceLoadBalancer LoadBalancer { get; }

    /// <summary>initial, healthy, unhealthy, draining.</summary>
    public string State { get; internal set; } = "initial";

    public string? FailureDescription { get; internal set; }

    internal int ConsecutivePasses { get; set; }

    internal int ConsecutiveFailures { get; set; }

    internal int ChecksSinceRegistration { get; set; }

    /// <summary>Failures counted once the service's grace period is over; ECS replaces the task on these.</summary>
    internal int FailuresAfterGrace { get; set; }
}

public sealed class EcsTask
{
    internal EcsTask(string id, string arn, EcsCluster cluster, TaskDefinition taskDefinition, DateTime createdAt)
    {
        Id = id;
        Arn = arn;
        Cluster = cluster;
        TaskDefinition = taskDefinition;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    public string Arn { get; }

    public EcsCluster Cluster { get; }

    public TaskDefinition TaskDefinition { get; }

    public EcsService? Service { get; init; }

    public EcsDeployment? Deployment { get; init; }

    /// <summary>"service:&lt;name&gt;" for service tasks, else "family:&lt;family&gt;" unless RunTask named a group.</summary>
    public required string Group { get; init; }

    public string? StartedBy { get; init; }

    public string LaunchType { get; init; } = "FARGATE";

    public string? CapacityProviderName { get; init; }

    public required AwsVpcConfiguration Network { get; init; }

    /// <summary>The overrides exactly as RunTask received them, echoed by DescribeTasks.</summary>
    public JsonNode? Overrides { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public List<EcsContainer> Containers { get; } = new();

    public List<TaskTarget> Targets { get; } = new();

    public required EniAttachment Attachment { get; init; }

    public string? AvailabilityZone { get; internal set; }

    /// <summary>PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED.</summary>
    public string LastStatus { get; internal set; } = "PROVISIONING";

    public string DesiredStatus { get; internal set; } = "RUNNING";

    public DateTime CreatedAt { get; }

    public DateTime? PullStartedAt { get; internal set; }

    public DateTime? PullStoppedAt { get; internal set; }

    public DateTime? ConnectivityAt { get; internal set; }

    public DateTime? StartedAt { get; internal set; }

    public DateTime? StoppingAt { get; internal set; }

    public DateTime? ExecutionStoppedAt { get; internal set; }

    public DateTime? StoppedAt { get; internal set; }

    public string? StopCode { get; internal set; }

    public string? StoppedReason { get; internal set; }

    /// <summary>Bumped on every change, like the task's "version" on the wire.</summary>
    public long Version { get; internal set; } = 1;

    public bool IsStopping => DesiredStatus == "STOPPED";
}

/// <summary>A PAUSE lifecycle hook of a service: the stages it holds a deployment at, and what happens when no one acts.</summary>
public sealed record LifecycleHook(IReadOnlyList<string> Stages, int TimeoutInMinutes, string TimeoutAction);

/// <summary>One pause of one deployment at one stage (lifecycleHookDetails): AWAITING_ACTION until continued, rolled back or timed out.</summary>
public sealed class HookRun
{
    internal HookRun(string hookId, string stage, DateTime expiresAt, string timeoutAction)
    {
        HookId = hookId;
        Stage = stage;
        ExpiresAt = expiresAt;
        TimeoutAction = timeoutAction;
    }

    public string HookId { get; }

    public string Stage { get; }

    public DateTime ExpiresAt { get; }

    public string TimeoutAction { get; }

    /// <summary>AWAITING_ACTION, SUCCEEDED, FAILED (rolled back) or TIMED_OUT.</summary>
    public string Status { get; internal set; } = "AWAITING_ACTION";
}
