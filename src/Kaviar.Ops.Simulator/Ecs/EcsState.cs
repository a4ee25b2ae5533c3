using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>What a scenario asks for when it creates a service.</summary>
public sealed class ServiceSpec
{
    public required string Cluster { get; init; }

    public required string Name { get; init; }

    /// <summary>"family", "family:revision" or an ARN.</summary>
    public required string TaskDefinition { get; init; }

    public int DesiredCount { get; init; } = 1;

    public required AwsVpcConfiguration Network { get; init; }

    public IReadOnlyList<ServiceLoadBalancer> LoadBalancers { get; init; } = Array.Empty<ServiceLoadBalancer>();

    /// <summary>Cloud Map services ECS registers each task in (see <see cref="ServiceRegistrations"/>).</summary>
    public IReadOnlyList<ServiceRegistry> ServiceRegistries { get; init; } = Array.Empty<ServiceRegistry>();

    public int? HealthCheckGracePeriodSeconds { get; init; }

    /// <summary>ECS, CODE_DEPLOY or EXTERNAL.</summary>
    public string DeploymentController { get; init; } = "ECS";

    /// <summary>LATEST, 1.4.0 or 1.3.0 (the Fargate Linux platform versions ECS still launches).</summary>
    public string PlatformVersion { get; init; } = EcsState.LatestPlatformVersion;

    /// <summary>NONE, SERVICE or TASK_DEFINITION.</summary>
    public string PropagateTags { get; init; } = "NONE";

    public bool EnableExecuteCommand { get; init; }

    public IReadOnlyList<(string Key, string Value)> Tags { get; init; } = Array.Empty<(string, string)>();

    /// <summary>Empty for the FARGATE launch type.</summary>
    public IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy { get; init; } = Array.Empty<CapacityProviderStrategyItem>();

    public bool CircuitBreakerEnabled { get; init; }

    public bool CircuitBreakerRollback { get; init; }

    public int MaximumPercent { get; init; } = 200;

    public int MinimumHealthyPercent { get; init; } = 100;
}

/// <summary>ECS of the simulated account: clusters, task definitions, services and tasks, and the apps inside them.</summary>
public sealed class EcsState
{
    public const string LaunchTypeWithStrategy =
        "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.";

    /// <summary>The platform version a Fargate service asks for unless it names one.</summary>
    public const string LatestPlatformVersion = "LATEST";

    private static readonly ISimulatedApp DefaultApp = CreateDefaultApp();
    private readonly Dictionary<string, EcsCluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TaskDefinition>> _families = new(StringComparer.Ordinal);
    private readonly List<EcsTask> _tasks = new();
    private readonly Dictionary<string, ISimulatedApp> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<EcsTask>> _runTaskClientTokens = new(StringComparer.Ordinal);

    public EcsState(AccountState account)
    {
        Account = account;
        Registrations = new ServiceRegistrations(account);
        Lifecycle = new TaskLifecycle(account, Registrations);
        Scheduler = new ServiceScheduler(account, Lifecycle);
        Lifecycle.TaskChanged = Scheduler.OnTaskChanged;
        account.Elbv2.ServingChanged = Lifecycle.RecheckUnusedTargets;
    }

    public AccountState Account { get; }

    public IReadOnlyCollection<EcsCluster> Clusters => _clusters.Values;

    /// <summary>Tasks not yet expired (stopped tasks stay visible for an hour), oldest first.</summary>
    public IReadOnlyList<EcsTask> Tasks => _tasks;

    public IEnumerable<TaskDefinition> TaskDefinitions => _families.Values.SelectMany(revisions => revisions);

    internal TaskLifecycle Lifecycle { get; }

    internal ServiceRegistrations Registrations { get; }

    internal ServiceScheduler Scheduler { get; }

    internal Dictionary<string, IReadOnlyList<EcsTask>> RunTaskClientTokens => _runTaskClientTokens;

    /// <summary>
    /// The account's "Fargate On-Demand vCPU resource count" quota in this region: the vCPUs its Fargate tasks (not Fargate
    /// Spot) may hold at once, from launch until STOPPED. Null leaves it unmodelled, as for an account whose quota is far
    /// above its use.
    /// </summary>
    public double? FargateOnDemandVcpuQuota { get; set; }

    /// <summary>What RunTask's failures and the service events name when a task would pass <see cref="FargateOnDemandVcpuQuota"/>.</summary>
    internal const string VcpuQuotaReached = "You've reached the limit on the number of vCPUs you can run concurrently";

    public EcsCluster AddCluster(string name)
    {
        var cluster = new EcsCluster(name, $"arn:aws:ecs:{Account.Region}:{Account.AccountId}:cluster/{name}");
        _clusters.Add(name, cluster);
        return cluster;
    }

    public TaskDefinition RegisterTaskDefinition(string family, IReadOnlyList<ContainerDefinition> containers,
        string cpu = "512", string memory = "1024", string? executionRoleArn = null, string? taskRoleArn = null)
    {
        RequireResolvableDependencies(containers);
        RequireLogRouterWithFireLens(containers);
        if (!_families.TryGetValue(family, out var revisions))
        {
            revisions = new List<TaskDefinition>();
            _families.Add(family, revisions);
        }

        var revision = revisions.Count + 1;
        var definition = new TaskDefinition(
            family,
            revision,
            $"arn:aws:ecs:{Account.Region}:{Account.AccountId}:task-definition/{family}:{revision}",
            containers,
            Account.Now)
        {
            Cpu = cpu,
            Memory = memory,
            ExecutionRoleArn = executionRoleArn,
            TaskRoleArn = taskRoleArn,
        };
        revisions.Add(definition);
        return definition;
    }

    public void DeregisterTaskDefinition(TaskDefinition definition)
    {
        definition.Status = "INACTIVE";
        definition.DeregisteredAt = Account.Now;
    }

    public EcsService AddService(ServiceSpec spec)
    {
        var cluster = RequireCluster(spec.Cluster);
        var taskDefinition = RequireTaskDefinition(spec.TaskDefinition);
        Registrations.Validate(spec.ServiceRegistries, taskDefinition);
        RequireServiceSettings(spec);
        RequireIpTargetGroups(spec.LoadBalancers);
        var service = new EcsService(spec.Name, $"arn:aws:ecs:{Account.Region}:{Account.AccountId}:service/{cluster.Name}/{spec.Name}", cluster, Account.Now)
        {
            LoadBalancers = spec.LoadBalancers,
            ServiceRegistries = spec.ServiceRegistries,
            HealthCheckGracePeriodSeconds = spec.HealthCheckGracePeriodSeconds,
            DeploymentController = spec.DeploymentController,
            PlatformVersion = spec.PlatformVersion,
            PropagateTags = spec.PropagateTags,
            EnableExecuteCommand = spec.EnableExecuteCommand,
            CapacityProviderStrategy = spec.CapacityProviderStrategy,
            CircuitBreakerEnabled = spec.CircuitBreakerEnabled,
            CircuitBreakerRollback = spec.CircuitBreakerRollback,
            MaximumPercent = spec.MaximumPercent,
            MinimumHealthyPercent = spec.MinimumHealthyPercent,
        };
        foreach (var (key, value) in spec.Tags)
        {
            service.Tags[key] = value;
        }

        cluster.Services.Add(service);
        Scheduler.Deploy(service, taskDefinition, spec.DesiredCount, spec.Network);
        return service;
    }

    /// <summary>CreateService's enumerations and its tags, refused with ECS's errors.</summary>
    private static void RequireServiceSettings(ServiceSpec spec)
    {
        RequireDeploymentController(spec.DeploymentController);
        RequirePlatformVersion(spec.PlatformVersion);
        RequirePropagateTags(spec.PropagateTags);
        RequireValidTags(spec.Tags, existing: 0);
        RequireCapacityProviderStrategy(spec.CapacityProviderStrategy);
    }

    /// <summary>
    /// A strategy of the cluster's capacity providers (a simulated cluster has FARGATE and FARGATE_SPOT), each once, with
    /// weights of 0–1000 of which one at least is above 0, and a base of 0–100000 on one provider at most.
    /// </summary>
    internal static void RequireCapacityProviderStrategy(IReadOnlyList<CapacityProviderStrategyItem> strategy)
    {
        if (strategy.Any(p => p.CapacityProvider is not ("FARGATE" or "FARGATE_SPOT")))
        {
            throw new AwsErrorException("InvalidParameterException", "The specified capacity provider strategy cannot contain a capacity provider that is not "
                + "associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.");
        }

        if (strategy.Select(p => p.CapacityProvider).Distinct(StringComparer.Ordinal).Count() < strategy.Count)
        {
            throw new AwsErrorException("InvalidParameterException", "The specified capacity provider strategy cannot contain duplicate capacity providers.");
        }

        if (strategy.Any(p => p.Weight is < 0 or > 1000 || p.Base is < 0 or > 100000))
        {
            throw new AwsErrorException("InvalidParameterException", "A capacity provider's weight must be from 0 to 1000 and its base from 0 to 100000.");
        }

        if (strategy.Count(p => p.Base > 0) > 1)
        {
            throw new AwsErrorException("InvalidParameterException", "Only one capacity provider in a capacity provider strategy can have a base defined.");
        }

        if (strategy.Count > 0 && strategy.All(p => p.Weight == 0))
        {
            throw new AwsErrorException("InvalidParameterException", "At least one capacity provider in a capacity provider strategy must have a weight greater than zero.");
        }
    }

    /// <summary>An awsvpc task has its own network interface, not an instance: ECS registers it by IP address only.</summary>
    private void RequireIpTargetGroups(IEnumerable<ServiceLoadBalancer> loadBalancers)
    {
        foreach (var loadBalancer in loadBalancers)
        {
            if (Account.Elbv2.FindTargetGroup(loadBalancer.TargetGroupArn) is { TargetType: not "ip" } group)
            {
                throw new AwsErrorException("InvalidParameterException",
                    $"The provided target group {group.TargetGroupArn} has target type {group.TargetType}, which is incompatible with the awsvpc network mode specified in the task definition.");
            }
        }
    }

    internal static void RequireDeploymentController(string type)
    {
        if (type is not ("ECS" or "CODE_DEPLOY" or "EXTERNAL"))
        {
            throw new AwsErrorException("InvalidParameterException", $"Invalid deployment controller type: {type}. Valid values are ECS, CODE_DEPLOY, EXTERNAL.");
        }
    }

    internal static void RequirePlatformVersion(string version)
    {
        if (version is not (LatestPlatformVersion or "1.4.0" or "1.3.0"))
        {
            throw new AwsErrorException("PlatformUnknownException", "The specified platform version doesn't exist.");
        }
    }

    internal static void RequirePropagateTags(string propagateTags)
    {
        if (propagateTags is not ("NONE" or "SERVICE" or "TASK_DEFINITION"))
        {
            throw new AwsErrorException("InvalidParameterException", $"Invalid propagateTags value: {propagateTags}. Valid values are TASK_DEFINITION, SERVICE, NONE.");
        }
    }

    /// <summary>
    /// ECS's tag rules ("Tagging your Amazon ECS resources"): at most 50 per resource, keys of 1–128 and values of up to
    /// 256 characters, keys case-sensitive (Project and project are two tags), and the aws: prefix reserved.
    /// </summary>
    internal static void RequireValidTags(IReadOnlyCollection<(string Key, string Value)> tags, int existing)
    {
        if (tags.Any(t => t.Key.Length is 0 or > 128 || t.Value.Length > 256))
        {
            throw new AwsErrorException("InvalidParameterException", "Tag keys must be 1 to 128 characters and values at most 256 characters.");
        }

        if (tags.Any(t => t.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            throw new AwsErrorException("InvalidParameterException", "Tag keys beginning with aws: are reserved.");
        }

        if (existing + tags.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count() > 50)
        {
            throw new AwsErrorException("InvalidParameterException", "A resource can have at most 50 tags.");
        }
    }

    /// <summary>dependsOn names containers of the same definition, and a COMPLETE or SUCCESS dependency must be able to exit without stopping the task.</summary>
    /// <summary>ECS registers awsfirelens containers only beside a log router (firelensConfiguration), and a log router only beside one of them.</summary>
    private static void RequireLogRouterWithFireLens(IReadOnlyList<ContainerDefinition> containers)
    {
        var routed = containers.Any(c => c.FireLensOptions is not null);
        var router = containers.Any(c => c.FirelensConfiguration is not null);
        if (routed && !router)
        {
            throw new AwsErrorException("ClientException",
                "When awsfirelens log driver is specified in log configuration, a firelens configuration object must be configured in one of the containers.");
        }

        if (router && !routed)
        {
            throw new AwsErrorException("ClientException",
                "When a firelensConfiguration object is specified, at least one container has to be configured with the awsfirelens log driver.");
        }
    }

    private static void RequireResolvableDependencies(IReadOnlyList<ContainerDefinition> containers)
    {
        foreach (var dependency in containers.SelectMany(c => c.DependsOn))
        {
            var target = containers.FirstOrDefault(c => c.Name == dependency.ContainerName)
                ?? throw new AwsErrorException("ClientException", $"Container dependency references unknown container '{dependency.ContainerName}'.");
            if (dependency.Condition is not ("START" or "COMPLETE" or "SUCCESS" or "HEALTHY"))
            {
                throw new AwsErrorException("ClientException", $"Invalid dependency condition '{dependency.Condition}': use START, COMPLETE, SUCCESS or HEALTHY.");
            }

            if (dependency.Condition is "COMPLETE" or "SUCCESS" && target.Essential)
            {
                throw new AwsErrorException("ClientException", "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container");
            }
        }
    }

    /// <summary>
    /// Puts <paramref name="app"/> inside tasks: key "family:revision" or "family" for one task definition's tasks, or an
    /// image ("repository:tag", or the repository for every tag) for whatever runs it, as a task definition derived
    /// from another (a migrations family) runs the same app.
    /// </summary>
    public void SetApp(string key, ISimulatedApp app) => _apps[key] = app;

    /// <summary>The apps by the key <see cref="SetApp"/> was given.</summary>
    public IReadOnlyDictionary<string, ISimulatedApp> Apps => _apps;

    /// <summary>The most specific app registered for the definition (revision, family, image, repository); a plain app answering "/" otherwise.</summary>
    public ISimulatedApp AppFor(TaskDefinition definition) =>
        new[] { definition.FamilyRevision, definition.Family }
            .Concat(definition.Containers.Select(c => c.Image))
            .Concat(definition.Containers.Select(c => ImageRepository(c.Image)))
            .Select(key => _apps.GetValueOrDefault(key))
            .FirstOrDefault(app => app is not null) ?? DefaultApp;

    /// <summary>An image reference without its tag or digest: "registry/repo:tag" and "registry/repo@sha256:…" are "registry/repo".</summary>
    private static string ImageRepository(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var tagSeparator = withoutDigest.LastIndexOf(':');
        return tagSeparator > withoutDigest.LastIndexOf('/') ? withoutDigest.Substring(0, tagSeparator) : withoutDigest;
    }

    public EcsCluster RequireCluster(string? nameOrArn)
    {
        var name = LastSegment(nameOrArn ?? "default");
        return _clusters.GetValueOrDefault(name) ?? throw new AwsErrorException("ClusterNotFoundException", "Cluster not found.");
    }

    public EcsCluster? FindCluster(string nameOrArn) => _clusters.GetValueOrDefault(LastSegment(nameOrArn));

    public EcsService? FindService(EcsCluster cluster, string nameOrArn) =>
        cluster.Services.Find(s => s.Name == LastSegment(nameOrArn) && (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal) || s.Arn == nameOrArn));

    public EcsService RequireService(EcsCluster cluster, string nameOrArn) =>
        FindService(cluster, nameOrArn) ?? throw new AwsErrorException("ServiceNotFoundException", "Service not found.");

    /// <summary>"family" (latest ACTIVE revision), "family:revision" or a task definition ARN.</summary>
    public TaskDefinition? FindTaskDefinition(string reference)
    {
        var familyRevision = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference.Split(":task-definition/").Last() : reference;
        var parts = familyRevision.Split(':');
        if (!_families.TryGetValue(parts[0], out var revisions))
        {
            return null;
        }

        return parts.Length == 2 && int.TryParse(parts[1], out var revision)
            ? revisions.Find(d => d.Revision == revision)
            : revisions.LastOrDefault(d => d.Status == "ACTIVE");
    }

    public TaskDefinition RequireTaskDefinition(string reference) =>
        FindTaskDefinition(reference) ?? throw new AwsErrorException("ClientException", "Unable to describe task definition.");

    /// <summary>How long ECS keeps a service deployment in its history.</summary>
    public static readonly TimeSpan ServiceDeploymentRetention = TimeSpan.FromDays(90);

    /// <summary>The service's deployments within the retention, newest first.</summary>
    public IReadOnlyList<EcsServiceDeployment> ServiceDeploymentsOf(EcsService service)
    {
        ForgetOldServiceDeployments(service);
        return Enumerable.Reverse(service.ServiceDeployments).ToList();
    }

    /// <summary>A service deployment by ARN, in any cluster; null when unknown or past the retention.</summary>
    public EcsServiceDeployment? FindServiceDeployment(string arn) =>
        _clusters.Values.SelectMany(c => c.Services).SelectMany(ServiceDeploymentsOf).FirstOrDefault(d => d.Arn == arn);

    /// <summary>
    /// A service revision by ARN, in any cluster: one a kept service deployment names, or one the service still runs;
    /// null when unknown.
    /// </summary>
    public ServiceRevision? FindServiceRevision(string arn) =>
        _clusters.Values.SelectMany(c => c.Services)
            .SelectMany(s => ServiceDeploymentsOf(s)
                .SelectMany(d => d.SourceRevisions.Append(d.TargetRevision))
                .Concat(s.Deployments.Select(d => d.Revision)))
            .FirstOrDefault(r => r.Arn == arn);

    internal void ForgetOldServiceDeployments(EcsService service) =>
        service.ServiceDeployments.RemoveAll(d => !d.IsInProgress && d.CreatedAt < Account.Now - ServiceDeploymentRetention);

    public EcsTask? FindTask(EcsCluster cluster, string idOrArn) =>
        _tasks.Find(t => t.Cluster == cluster && (t.Arn == idOrArn || t.Id == idOrArn));

    public IEnumerable<EcsTask> TasksOf(EcsService service) => _tasks.Where(t => t.Service == service);

    /// <summary>How many more tasks of <paramref name="definition"/> Fargate on-demand capacity takes under the account's vCPU quota.</summary>
    internal int FargateTasksThatFit(TaskDefinition definition, string? capacityProviderName = null)
    {
        if (FargateOnDemandVcpuQuota is not { } quota || capacityProviderName == "FARGATE_SPOT")
        {
            return int.MaxValue;
        }

        var inUse = _tasks.Where(t => t.LastStatus != "STOPPED" && t.CapacityProviderName != "FARGATE_SPOT").Sum(t => Vcpus(t.TaskDefinition));
        return (int)Math.Floor((quota - inUse) / Vcpus(definition) + 1e-9);
    }

    /// <summary>A task's size in vCPUs: its cpu in units (1024 a vCPU) or as "1 vCPU".</summary>
    private static double Vcpus(TaskDefinition definition) =>
        definition.Cpu.EndsWith("vCPU", StringComparison.OrdinalIgnoreCase)
            ? double.Parse(definition.Cpu[..^4], System.Globalization.CultureInfo.InvariantCulture)
            : double.Parse(definition.Cpu, System.Globalization.CultureInfo.InvariantCulture) / 1024;

    internal void Add(EcsTask task) => _tasks.Add(task);

    /// <summary>Writes a service event; DescribeServices shows the newest 100.</summary>
    internal void Announce(EcsService service, string message) =>
        service.Events.Add(new ServiceEvent(Account.Ids.Guid().ToString(), Account.Now, message));

    internal void Expire(EcsTask task) => _tasks.Remove(task);

    private static SimulatedApp CreateDefaultApp()
    {
        var app = new SimulatedApp();
        app.Routes["/"] = new HttpAnswer(200, "OK");
        return app;
    }

    private static string LastSegment(string nameOrArn) => nameOrArn.Split('/').Last();
}
