using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>Amazon ECS over JSON 1.1 (X-Amz-Target: AmazonEC2ContainerServiceV20141113.*).</summary>
public sealed class EcsHandler : IServiceHandler
{
    private const int MaxServicesPerDescribe = 10;
    private const int MaxTasksPerDescribe = 100;
    private const int MaxTasksPerRunTask = 10;
    private const int DefaultPageSize = 100;
    private const int DefaultServiceDeploymentsPageSize = 20;
    private const int MaxServiceDeploymentsPerDescribe = 20;
    private const int MaxServiceRevisionsPerDescribe = 20;

    /// <summary>The stages a PAUSE hook may name (Pause hooks for Amazon ECS service deployments); a rolling update passes PRE_SCALE_UP and POST_SCALE_UP.</summary>
    private static readonly string[] PauseStages =
    {
        "RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "POST_TEST_TRAFFIC_SHIFT", "PRE_PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
    };

    /// <summary>14 days, the longest a pause hook may wait.</summary>
    private const int MaxHookMinutes = 14 * 24 * 60;

    private static readonly string[] ServiceDeploymentStatuses =
    {
        "PENDING", "SUCCESSFUL", "STOPPED", "STOP_REQUESTED", "IN_PROGRESS",
        "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED",
    };

    private readonly AccountState _state;

    public EcsHandler(AccountState state) => _state = state;

    public string ServiceName => ServiceProtocols.Ecs.ServiceName;

    private EcsState Ecs => _state.Ecs;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request)
    {
        var args = new JsonArgs(request.JsonBody);
        return JsonWire.Ok(request.Action switch
        {
            "DescribeClusters" => DescribeClusters(args),
            "ListClusters" => ListClusters(args),
            "ListServices" => ListServices(args),
            "DescribeServices" => DescribeServices(args),
            "ListTasks" => ListTasks(args),
            "DescribeTasks" => DescribeTasks(args),
            "DescribeTaskDefinition" => DescribeTaskDefinition(args),
            "ListTaskDefinitions" => ListTaskDefinitions(args),
            "RegisterTaskDefinition" => RegisterTaskDefinition(args),
            "DeregisterTaskDefinition" => DeregisterTaskDefinition(args),
            "RunTask" => RunTask(args),
            "StopTask" => StopTask(args),
            "CreateService" => CreateService(args),
            "UpdateService" => UpdateService(args),
            "ListServiceDeployments" => ListServiceDeployments(args),
            "DescribeServiceDeployments" => DescribeServiceDeployments(args),
            "StopServiceDeployment" => StopServiceDeployment(args),
            "ContinueServiceDeployment" => ContinueServiceDeployment(args),
            "DescribeServiceRevisions" => DescribeServiceRevisions(args),
            "UpdateClusterSettings" => UpdateClusterSettings(args),
            "TagResource" => TagResource(args),
            "ListTagsForResource" => ListTagsForResource(args),
            _ => throw AwsErrors.UnknownAction(ServiceProtocols.Ecs, request.Action),
        });
    }

    private JsonObject DescribeClusters(JsonArgs args)
    {
        var names = args.Strings("clusters");
        return Described("clusters", names.Count == 0 ? new[] { "default" } : names, Ecs.FindCluster,
            cluster => EcsJson.Cluster(cluster, Ecs.Tasks, args.Strings("include")), name => Arn($"cluster/{name}"));
    }

    private JsonObject ListClusters(JsonArgs args)
    {
        var arns = Ecs.Clusters.Select(c => c.Arn).OrderBy(a => a, StringComparer.Ordinal).ToList();
        var (page, next) = PageToken.Slice(arns, args.String("nextToken"), PageSize(args.Int("maxResults"), 100));
        return new JsonObject { ["clusterArns"] = page.ToJsonArray() }.AddIfPresent("nextToken", next);
    }

    private JsonObject ListServices(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var launchType = args.String("launchType");
        var arns = cluster.Services.Where(s => launchType is null || s.LaunchType == launchType).Select(s => s.Arn).ToList();
        var (page, next) = PageToken.Slice(arns, args.String("nextToken"), PageSize(args.Int("maxResults"), 10));
        return new JsonObject { ["serviceArns"] = page.ToJsonArray() }.AddIfPresent("nextToken", next);
    }

    private JsonObject DescribeServices(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var names = args.Strings("services");
        if (names.Count == 0 || names.Count > MaxServicesPerDescribe)
        {
            throw new AwsErrorException("InvalidParameterException", $"Services cannot be empty and must contain at most {MaxServicesPerDescribe} elements.");
        }

        var tags = args.Strings("include").Contains("TAGS");
        return Described("services", names, name => Ecs.FindService(cluster, name),
            service => tags ? EcsJson.Service(service, Ecs.Tasks).AddIfPresent("tags", EcsJson.Tags(service.Tags)) : EcsJson.Service(service, Ecs.Tasks),
            name => Arn($"service/{cluster.Name}/{name}"));
    }

    private JsonObject ListTasks(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var serviceName = args.String("serviceName");
        var service = serviceName is null ? null : Ecs.RequireService(cluster, serviceName);
        var family = args.String("family");
        var startedBy = args.String("startedBy");
        var desiredStatus = args.String("desiredStatus") ?? "RUNNING";
        var launchType = args.String("launchType");
        if (desiredStatus is not ("RUNNING" or "PENDING" or "STOPPED"))
        {
            throw new AwsErrorException("InvalidParameterException", "Invalid desiredStatus.");
        }

        var arns = Ecs.Tasks
            .Where(t => t.Cluster == cluster
                && (service is null || t.Service == service)
                && (family is null || t.TaskDefinition.Family == family)
                && (startedBy is null || t.StartedBy == startedBy)
                && (launchType is null || t.LaunchType == launchType)
                && (desiredStatus == "STOPPED" ? t.DesiredStatus == "STOPPED" : t.DesiredStatus == "RUNNING"))
            .Select(t => t.Arn)
            .ToList();
        var (page, next) = PageToken.Slice(arns, args.String("nextToken"), PageSize(args.Int("maxResults"), DefaultPageSize));
        return new JsonObject { ["taskArns"] = page.ToJsonArray() }.AddIfPresent("nextToken", next);
    }

    private JsonObject DescribeTasks(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var references = args.Strings("tasks");
        if (references.Count == 0 || references.Count > MaxTasksPerDescribe)
        {
            throw new AwsErrorException("InvalidParameterException", $"Tasks cannot be empty and must contain at most {MaxTasksPerDescribe} elements.");
        }

        return Described("tasks", references, reference => Ecs.FindTask(cluster, reference),
            EcsJson.Task, id => Arn($"task/{cluster.Name}/{id}"));
    }

    private JsonObject DescribeTaskDefinition(JsonArgs args)
    {
        var definition = Ecs.RequireTaskDefinition(args.RequiredString("taskDefinition"));
        return new JsonObject { ["taskDefinition"] = EcsJson.TaskDefinition(definition) }
            .AddIfPresent("tags", args.Strings("include").Contains("TAGS") ? EcsJson.Tags(definition.Tags) : null);
    }

    private JsonObject ListTaskDefinitions(JsonArgs args)
    {
        var familyPrefix = args.String("familyPrefix");
        var status = args.String("status") ?? "ACTIVE";
        var definitions = Ecs.TaskDefinitions
            .Where(d => (familyPrefix is null || d.Family == familyPrefix) && d.Status == status)
            .OrderBy(d => d.Family, StringComparer.Ordinal)
            .ThenBy(d => d.Revision)
            .Select(d => d.Arn)
            .ToList();
        if (args.String("sort") == "DESC")
        {
            definitions.Reverse();
        }

        var (page, next) = PageToken.Slice(definitions, args.String("nextToken"), PageSize(args.Int("maxResults"), DefaultPageSize));
        return new JsonObject { ["taskDefinitionArns"] = page.ToJsonArray() }.AddIfPresent("nextToken", next);
    }

    private JsonObject RegisterTaskDefinition(JsonArgs args)
    {
        var definition = RegisterTaskDefinition(Ecs, args);
        return new JsonObject { ["taskDefinition"] = EcsJson.TaskDefinition(definition), ["tags"] = EcsJson.Tags(definition.Tags) };
    }

    /// <summary>Registers a RegisterTaskDefinition request's revision; scenario files embed the same request.</summary>
    internal static TaskDefinition RegisterTaskDefinition(EcsState ecs, JsonArgs args)
    {
        var containers = args.Objects("containerDefinitions").Select(ParseContainerDefinition).ToList();
        if (containers.Count == 0)
        {
            throw new AwsErrorException("ClientException", "Container list cannot be empty.");
        }

        var definition = ecs.RegisterTaskDefinition(
            args.RequiredString("family"),
            containers,
            args.String("cpu") ?? "256",
            args.String("memory") ?? "512",
            args.String("executionRoleArn"),
            args.String("taskRoleArn"));
        foreach (var (key, value) in ValidTags(args, definition.Tags.Count))
        {
            definition.Tags[key] = value;
        }

        return definition;
    }

    private JsonObject DeregisterTaskDefinition(JsonArgs args)
    {
        var reference = args.RequiredString("taskDefinition");
        var definition = reference.Contains(':', StringComparison.Ordinal) ? Ecs.FindTaskDefinition(reference) : null;
        if (definition is null)
        {
            throw new AwsErrorException("ClientException", "The specified task definition does not exist.");
        }

        Ecs.DeregisterTaskDefinition(definition);
        return new JsonObject { ["taskDefinition"] = EcsJson.TaskDefinition(definition) };
    }

    private JsonObject RunTask(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var clientToken = args.String("clientToken");
        if (clientToken is not null && Ecs.RunTaskClientTokens.TryGetValue(clientToken, out var earlier))
        {
            return new JsonObject { ["tasks"] = earlier.ToJsonArray(t => EcsJson.Task(t)), ["failures"] = new JsonArray() };
        }

        var definition = Ecs.FindTaskDefinition(args.RequiredString("taskDefinition"))
            ?? throw new AwsErrorException("InvalidParameterException", "TaskDefinition not found.");
        var count = args.Int("count") ?? 1;
        if (count is < 1 or > MaxTasksPerRunTask)
        {
            throw new AwsErrorException("InvalidParameterException", $"Count must be between 1 and {MaxTasksPerRunTask}.");
        }

        var strategy = args.Objects("capacityProviderStrategy");
        var launchType = args.String("launchType");
        if (launchType is not null && strategy.Count > 0)
        {
            throw new AwsErrorException("InvalidParameterException", EcsState.LaunchTypeWithStrategy);
        }

        var network = ParseNetwork(args.Object("networkConfiguration"))
            ?? throw new AwsErrorException("InvalidParameterException", "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        var overrides = args.Object("overrides");
        var containerOverrides = overrides.Objects("containerOverrides").ToDictionary(
            o => o.RequiredString("name"),
            o => new ContainerOverride(
                o.Element("command") is null ? null : o.Strings("command"),
                o.Objects("environment").ToDictionary(e => e.RequiredString("name"), e => e.String("value") ?? string.Empty, StringComparer.Ordinal)),
            StringComparer.Ordinal);
        var unknownContainer = containerOverrides.Keys.FirstOrDefault(name => definition.Containers.All(c => c.Name != name));
        if (unknownContainer is not null)
        {
            throw new AwsErrorException("InvalidParameterException", $"Override for container named {unknownContainer} is not a container in the TaskDefinition.");
        }

        var order = new LaunchOrder(
            cluster,
            definition,
            network,
            Group: args.String("group") ?? $"family:{definition.Family}",
            StartedBy: args.String("startedBy"),
            LaunchType: "FARGATE",
            CapacityProviderName: strategy.Count > 0 ? strategy[0].RequiredString("capacityProvider") : null,
            Overrides: args.Node("overrides"),
            ContainerOverrides: containerOverrides,
            Tags: args.Objects("tags").ToDictionary(t => t.RequiredString("key"), t => t.String("value") ?? string.Empty, StringComparer.Ordinal));
        // Over the account's Fargate vCPU quota RunTask still answers 200: the tasks that fit, and a failure for each other one.
        var placed = Math.Min(count, Ecs.FargateTasksThatFit(definition, order.CapacityProviderName));
        var tasks = Enumerable.Range(0, placed).Select(_ => Ecs.Lifecycle.Launch(order)).ToList();
        if (clientToken is not null)
        {
            Ecs.RunTaskClientTokens[clientToken] = tasks;
        }

        return new JsonObject
        {
            ["tasks"] = tasks.ToJsonArray(t => EcsJson.Task(t)),
            ["failures"] = Enumerable.Range(0, count - placed).ToJsonArray(_ => new JsonObject { ["reason"] = EcsState.VcpuQuotaReached }),
        };
    }

    private JsonObject StopTask(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var task = Ecs.FindTask(cluster, args.RequiredString("task"))
            ?? throw new AwsErrorException("InvalidParameterException", "The referenced task was not found.");
        Ecs.Lifecycle.Stop(task, "UserInitiated", args.String("reason") ?? "Task stopped by user");
        return new JsonObject { ["task"] = EcsJson.Task(task) };
    }

    /// <summary>A Fargate REPLICA service: its first deployment starts at once; serviceRegistries are checked as ECS checks them.</summary>
    private JsonObject CreateService(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var name = args.RequiredString("serviceName");
        if (Ecs.FindService(cluster, name) is not null)
        {
            throw new AwsErrorException("InvalidParameterException", "Creation of service was not idempotent.");
        }

        var definition = Ecs.FindTaskDefinition(args.RequiredString("taskDefinition"))
            ?? throw new AwsErrorException("InvalidParameterException", "TaskDefinition not found.");
        if (definition.Status == "INACTIVE")
        {
            throw new AwsErrorException("InvalidParameterException", "TaskDefinition is inactive");
        }

        var network = ParseNetwork(args.Object("networkConfiguration"))
            ?? throw new AwsErrorException("InvalidParameterException", "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        var configuration = args.Object("deploymentConfiguration");
        var circuitBreaker = configuration.Object("deploymentCircuitBreaker");
        var service = Ecs.AddService(new ServiceSpec
        {
            Cluster = cluster.Name,
            Name = name,
            TaskDefinition = definition.Arn,
            DesiredCount = args.Int("desiredCount") ?? 1,
            Network = network,
            LoadBalancers = args.Objects("loadBalancers").Select(lb => new ServiceLoadBalancer(
                lb.RequiredString("targetGroupArn"), lb.RequiredString("containerName"), lb.Int("containerPort")
                    ?? throw new AwsErrorException("InvalidParameterException", "containerPort must be specified with containerName."))).ToList(),
            ServiceRegistries = args.Objects("serviceRegistries").Select(r => new ServiceRegistry(
                r.RequiredString("registryArn"), r.Int("port"), r.String("containerName"), r.Int("containerPort"))).ToList(),
            HealthCheckGracePeriodSeconds = args.Int("healthCheckGracePeriodSeconds"),
            DeploymentController = args.Object("deploymentController").String("type") ?? "ECS",
            CapacityProviderStrategy = ServiceCapacityProviders(args),
            PlatformVersion = args.String("platformVersion") ?? EcsState.LatestPlatformVersion,
            PropagateTags = args.String("propagateTags") ?? "NONE",
            EnableExecuteCommand = args.Bool("enableExecuteCommand") ?? false,
            Tags = RequestTags(args),
            CircuitBreakerEnabled = circuitBreaker.Bool("enable") ?? false,
            CircuitBreakerRollback = circuitBreaker.Bool("rollback") ?? false,
            MaximumPercent = configuration.Int("maximumPercent") ?? 200,
            MinimumHealthyPercent = configuration.Int("minimumHealthyPercent") ?? 100,
        });
        return new JsonObject { ["service"] = EcsJson.Service(service, Ecs.Tasks) };
    }

    /// <summary>CreateService's capacityProviderStrategy (weight and base 0 when not given), never beside a launch type.</summary>
    private static IReadOnlyList<CapacityProviderStrategyItem> ServiceCapacityProviders(JsonArgs args)
    {
        var strategy = args.Objects("capacityProviderStrategy")
            .Select(p => new CapacityProviderStrategyItem(p.RequiredString("capacityProvider"), p.Int("weight") ?? 0, p.Int("base") ?? 0)).ToList();
        if (strategy.Count > 0 && args.String("launchType") is not null)
        {
            throw new AwsErrorException("InvalidParameterException", EcsState.LaunchTypeWithStrategy);
        }

        return strategy;
    }

    private JsonObject UpdateService(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var service = Ecs.RequireService(cluster, args.RequiredString("service"));
        var primary = service.Primary;
        var desiredCount = args.Int("desiredCount");
        if (desiredCount is < 0)
        {
            throw new AwsErrorException("InvalidParameterException", "Desired count must be greater than or equal to 0.");
        }

        var requestedDefinition = args.String("taskDefinition") is { } reference
            ? Ecs.FindTaskDefinition(reference) ?? throw new AwsErrorException("InvalidParameterException", "TaskDefinition not found.")
            : null;
        if (requestedDefinition is { Status: "INACTIVE" })
        {
            throw new AwsErrorException("InvalidParameterException", $"TaskDefinition is inactive");
        }

        var requestedNetwork = ParseNetwork(args.Object("networkConfiguration"));
        RequireEcsController(service, requestedDefinition is not null && requestedDefinition != primary.TaskDefinition,
            requestedNetwork is not null && !SameNetwork(requestedNetwork, primary.Network), args.Bool("forceNewDeployment") == true);
        if (args.Int("healthCheckGracePeriodSeconds") is { } grace)
        {
            service.HealthCheckGracePeriodSeconds = grace;
        }

        var configuration = args.Object("deploymentConfiguration");
        var hooks = ParseLifecycleHooks(configuration);
        var minimumHealthy = configuration.Int("minimumHealthyPercent") ?? service.MinimumHealthyPercent;
        var maximum = configuration.Int("maximumPercent") ?? service.MaximumPercent;
        if (minimumHealthy < 0 || maximum < 0)
        {
            throw new AwsErrorException("InvalidParameterException", "minimumHealthyPercent and maximumPercent must not be negative.");
        }

        service.MinimumHealthyPercent = minimumHealthy;
        service.MaximumPercent = maximum;
        service.LifecycleHooks = hooks ?? service.LifecycleHooks;
        var circuitBreaker = configuration.Object("deploymentCircuitBreaker");
        service.CircuitBreakerEnabled = circuitBreaker.Bool("enable") ?? service.CircuitBreakerEnabled;
        service.CircuitBreakerRollback = circuitBreaker.Bool("rollback") ?? service.CircuitBreakerRollback;

        var newDeployment = args.Bool("forceNewDeployment") == true
            || (requestedDefinition is not null && requestedDefinition != primary.TaskDefinition)
            || (requestedNetwork is not null && !SameNetwork(requestedNetwork, primary.Network));
        if (newDeployment)
        {
            Ecs.Scheduler.Deploy(service, requestedDefinition ?? primary.TaskDefinition, desiredCount ?? primary.DesiredCount, requestedNetwork ?? primary.Network);
        }
        else if (desiredCount is { } count)
        {
            primary.DesiredCount = count;
            primary.UpdatedAt = _state.Now;
            Ecs.Scheduler.Reconcile(service);
        }

        return new JsonObject { ["service"] = EcsJson.Service(service, Ecs.Tasks) };
    }

    /// <summary>
    /// A CodeDeploy or external service takes a new revision, network or deployment only from its controller. The task
    /// definition refusal is AWS's text; the network and forced-deployment ones follow its pattern.
    /// </summary>
    private static void RequireEcsController(EcsService service, bool newDefinition, bool newNetwork, bool forceNewDeployment)
    {
        if (service.DeploymentController == "ECS" || !(newDefinition || newNetwork || forceNewDeployment))
        {
            return;
        }

        var what = newDefinition ? "update task definition" : newNetwork ? "update network configuration" : "force a new deployment";
        var use = service.DeploymentController == "CODE_DEPLOY" ? "Use AWS CodeDeploy to trigger a new deployment." : "Use a new task set instead.";
        throw new AwsErrorException("InvalidParameterException",
            $"Unable to {what} on services with a {service.DeploymentController} deployment controller. {use}");
    }

    private JsonObject ListServiceDeployments(JsonArgs args)
    {
        var cluster = Ecs.RequireCluster(args.String("cluster"));
        var service = Ecs.RequireService(cluster, args.RequiredString("service"));
        var statuses = args.Strings("status");
        var unknownStatus = statuses.FirstOrDefault(s => !ServiceDeploymentStatuses.Contains(s));
        if (unknownStatus is not null)
        {
            throw new AwsErrorException("InvalidParameterException", $"Invalid status: {unknownStatus}.");
        }

        var createdAt = args.Object("createdAt");
        var before = EpochSecondsArg(createdAt, "before");
        var after = EpochSecondsArg(createdAt, "after");
        var arns = Ecs.ServiceDeploymentsOf(service)
            .Where(d => (statuses.Count == 0 || statuses.Contains(d.Status))
                && (before is null || d.CreatedAt < before)
                && (after is null || d.CreatedAt > after))
            .ToList();
        var (page, next) = PageToken.Slice(arns, args.String("nextToken"), PageSize(args.Int("maxResults"), DefaultServiceDeploymentsPageSize));
        return new JsonObject { ["serviceDeployments"] = page.ToJsonArray(EcsJson.ServiceDeploymentBrief) }.AddIfPresent("nextToken", next);
    }

    private JsonObject DescribeServiceDeployments(JsonArgs args)
    {
        var arns = args.Strings("serviceDeploymentArns");
        if (arns.Count == 0 || arns.Count > MaxServiceDeploymentsPerDescribe)
        {
            throw new AwsErrorException("InvalidParameterException",
                $"serviceDeploymentArns cannot be empty and must contain at most {MaxServiceDeploymentsPerDescribe} elements.");
        }

        return Described("serviceDeployments", arns, Ecs.FindServiceDeployment, d => EcsJson.ServiceDeployment(d, Ecs.Tasks), arn => arn);
    }

    private JsonObject DescribeServiceRevisions(JsonArgs args)
    {
        var arns = args.Strings("serviceRevisionArns");
        if (arns.Count == 0 || arns.Count > MaxServiceRevisionsPerDescribe)
        {
            throw new AwsErrorException("InvalidParameterException",
                $"serviceRevisionArns cannot be empty and must contain at most {MaxServiceRevisionsPerDescribe} elements.");
        }

        return Described("serviceRevisions", arns, Ecs.FindServiceRevision, EcsJson.ServiceRevision, arn => arn);
    }

    private JsonObject StopServiceDeployment(JsonArgs args)
    {
        var arn = args.RequiredString("serviceDeploymentArn");
        var record = Ecs.FindServiceDeployment(arn)
            ?? throw new AwsErrorException("ServiceDeploymentNotFoundException", $"The service deployment {arn} does not exist.");
        var stopType = args.String("stopType") ?? "ROLLBACK";
        if (stopType != "ROLLBACK")
        {
            // The API reference: "The valid values are ROLLBACK." (ABORT is in the model for other deployment strategies.)
            throw new AwsErrorException("InvalidParameterException", $"Stop type {stopType} is not supported for this service deployment; the valid value is ROLLBACK.");
        }

        Ecs.Scheduler.StopWithRollback(record);
        return new JsonObject { ["serviceDeploymentArn"] = record.Arn };
    }

    private JsonObject ContinueServiceDeployment(JsonArgs args)
    {
        var arn = args.RequiredString("serviceDeploymentArn");
        var record = Ecs.FindServiceDeployment(arn)
            ?? throw new AwsErrorException("ServiceDeploymentNotFoundException", $"The service deployment {arn} does not exist.");
        var action = args.String("action") ?? "CONTINUE";
        if (action is not ("CONTINUE" or "ROLLBACK"))
        {
            throw new AwsErrorException("InvalidParameterException", $"Invalid action {action}; the valid values are ROLLBACK and CONTINUE.");
        }

        Ecs.Scheduler.Continue(record, args.RequiredString("hookId"), action);
        return new JsonObject { ["serviceDeploymentArn"] = record.Arn };
    }

    /// <summary>
    /// deploymentConfiguration.lifecycleHooks. PAUSE hooks hold a deployment; the simulated account does not invoke Lambda
    /// hooks, and says so rather than skip them. A hook without timeoutConfiguration waits the longest ECS allows, 14 days,
    /// then rolls back.
    /// </summary>
    private static IReadOnlyList<LifecycleHook>? ParseLifecycleHooks(JsonArgs configuration)
    {
        if (configuration.Element("lifecycleHooks") is null)
        {
            return null;
        }

        return configuration.Objects("lifecycleHooks").Select(hook =>
        {
            if ((hook.String("targetType") ?? "AWS_LAMBDA") != "PAUSE")
            {
                throw new AwsErrorException("UnsupportedFeatureException", "The simulated account runs PAUSE lifecycle hooks only, not Lambda hooks.");
            }

            var stages = hook.Strings("lifecycleStages");
            var unknown = stages.FirstOrDefault(stage => !PauseStages.Contains(stage));
            if (stages.Count == 0 || unknown is not null)
            {
                throw new AwsErrorException("InvalidParameterException",
                    $"lifecycleStages must name one or more of {string.Join(", ", PauseStages)}{(unknown is null ? "" : $"; {unknown} is not one")}.");
            }

            var timeout = hook.Object("timeoutConfiguration");
            var minutes = timeout.Int("timeoutInMinutes") ?? MaxHookMinutes;
            if (minutes is < 1 or > MaxHookMinutes)
            {
                throw new AwsErrorException("InvalidParameterException", $"timeoutInMinutes must be between 1 and {MaxHookMinutes}.");
            }

            return new LifecycleHook(stages, minutes, timeout.String("action") ?? "ROLLBACK");
        }).ToList();
    }

    private static DateTime? EpochSecondsArg(JsonArgs args, string name) =>
        args.Element(name) is { } value ? DateTime.UnixEpoch.AddMilliseconds(Math.Round(value.GetDouble() * 1000)) : null;

    /// <summary>
    /// The Describe* answer: what was found, and a MISSING failure for each reference that was not, named by
    /// the ARN it would have (names and ids are expanded, ARNs echoed).
    /// </summary>
    /// <summary>The containerInsights setting, the only cluster setting there is: enabled, enhanced or disabled.</summary>
    private JsonObject UpdateClusterSettings(JsonArgs args)
    {
        var cluster = Ecs.FindCluster(args.RequiredString("cluster")) ?? throw new AwsErrorException("ClusterNotFoundException", "Cluster not found.");
        foreach (var setting in args.Objects("settings"))
        {
            var value = setting.RequiredString("value");
            if (setting.RequiredString("name") != "containerInsights" || value is not ("enabled" or "enhanced" or "disabled"))
            {
                throw new AwsErrorException("InvalidParameterException", "The specified setting is not valid: containerInsights takes enabled, enhanced or disabled.");
            }

            cluster.ContainerInsights = value;
        }

        return new JsonObject { ["cluster"] = EcsJson.Cluster(cluster, Ecs.Tasks, new[] { "SETTINGS" }) };
    }

    private JsonObject TagResource(JsonArgs args)
    {
        var tags = TagsOf(args.RequiredString("resourceArn"));
        foreach (var (key, value) in ValidTags(args, tags.Count))
        {
            tags[key] = value;
        }

        return new JsonObject();
    }

    private JsonObject ListTagsForResource(JsonArgs args) => new() { ["tags"] = EcsJson.Tags(TagsOf(args.RequiredString("resourceArn"))) };

    /// <summary>The tags of a cluster, service or task definition named by ARN.</summary>
    private Dictionary<string, string> TagsOf(string arn)
    {
        var resource = arn.Split(':', 6) is { Length: 6 } parts ? parts[5] : throw new AwsErrorException("InvalidParameterException", "Invalid resource ARN.");
        var path = resource.Split('/');
        var tags = path[0] switch
        {
            "cluster" when path.Length == 2 => Ecs.FindCluster(path[1])?.Tags,
            "service" when path.Length == 3 => Ecs.FindCluster(path[1]) is { } cluster ? Ecs.FindService(cluster, path[2])?.Tags : null,
            "task-definition" when path.Length == 2 => Ecs.FindTaskDefinition(path[1])?.Tags,
            _ => throw new AwsErrorException("InvalidParameterException", "The ARN names a resource type that cannot be tagged here."),
        };
        return tags ?? throw new AwsErrorException("ResourceNotFoundException", "The specified resource could not be found.");
    }

    private static IReadOnlyList<(string Key, string Value)> ValidTags(JsonArgs args, int existing)
    {
        var tags = RequestTags(args);
        EcsState.RequireValidTags(tags, existing);
        return tags;
    }

    /// <summary>A request's "tags" as ECS writes them: <c>[ { "key": …, "value": … } ]</c>.</summary>
    private static IReadOnlyList<(string Key, string Value)> RequestTags(JsonArgs args) =>
        args.Objects("tags").Select(t => (Key: t.RequiredString("key"), Value: t.String("value") ?? string.Empty)).ToList();

    private static JsonObject Described<T>(string member, IReadOnlyList<string> references, Func<string, T?> find,
        Func<T, JsonObject> render, Func<string, string> arnOfName)
        where T : class
    {
        var found = references.Select(reference => (Reference: reference, Resource: find(reference))).ToList();
        return new JsonObject
        {
            [member] = found.Where(f => f.Resource is not null).ToJsonArray(f => render(f.Resource!)),
            ["failures"] = found.Where(f => f.Resource is null).ToJsonArray(f => EcsJson.Failure(
                f.Reference.StartsWith("arn:", StringComparison.Ordinal) ? f.Reference : arnOfName(f.Reference),
                "MISSING")),
        };
    }

    private string Arn(string resource) => $"arn:aws:ecs:{_state.Region}:{_state.AccountId}:{resource}";

    private static AwsVpcConfiguration? ParseNetwork(JsonArgs networkConfiguration)
    {
        if (networkConfiguration.Element("awsvpcConfiguration") is null)
        {
            return null;
        }

        var awsvpc = networkConfiguration.Object("awsvpcConfiguration");
        var subnets = awsvpc.Strings("subnets");
        if (subnets.Count == 0)
        {
            throw new AwsErrorException("InvalidParameterException", "subnets can not be empty.");
        }

        return new AwsVpcConfiguration(subnets, awsvpc.Strings("securityGroups"), awsvpc.String("assignPublicIp") == "ENABLED");
    }

    private static bool SameNetwork(AwsVpcConfiguration a, AwsVpcConfiguration b) =>
        a.Subnets.SequenceEqual(b.Subnets) && a.SecurityGroups.SequenceEqual(b.SecurityGroups) && a.AssignPublicIp == b.AssignPublicIp;

    private static ContainerDefinition ParseContainerDefinition(JsonArgs container)
    {
        var driver = container.Object("logConfiguration").String("logDriver");
        var options = driver == "awslogs" ? container.Object("logConfiguration").Object("options") : null;
        var router = container.Object("firelensConfiguration");
        return new ContainerDefinition
        {
            Name = container.RequiredString("name"),
            Image = container.RequiredString("image"),
            Cpu = container.Int("cpu") ?? 0,
            Memory = container.Int("memory"),
            Essential = container.Bool("essential") ?? true,
            ContainerPorts = container.Objects("portMappings").Select(p => p.Int("containerPort") ?? 0).ToList(),
            Command = container.Strings("command"),
            Environment = container.Objects("environment").ToDictionary(e => e.RequiredString("name"), e => e.String("value") ?? string.Empty, StringComparer.Ordinal),
            Secrets = container.Objects("secrets").Select(s => new ContainerSecret(s.RequiredString("name"), s.RequiredString("valueFrom"))).ToList(),
            LogGroup = options?.String("awslogs-group"),
            LogStreamPrefix = options?.String("awslogs-stream-prefix"),
            CreateLogGroup = options?.String("awslogs-create-group") == "true",
            FireLensOptions = driver == "awsfirelens" ? StringMap(container.Object("logConfiguration").Element("options")) : null,
            FirelensConfiguration = router.String("type") is { } type ? new FirelensConfiguration(type, StringMap(router.Element("options"))) : null,
            DependsOn = container.Objects("dependsOn").Select(d => new ContainerDependency(d.RequiredString("containerName"), d.RequiredString("condition"))).ToList(),
            Registered = container.AsNode(),
        };
    }

    /// <summary>A JSON object of strings (logConfiguration or firelensConfiguration options), keys as sent.</summary>
    private static IReadOnlyDictionary<string, string> StringMap(JsonElement? map) =>
        map?.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
        ?? new Dictionary<string, string>();

    private static int PageSize(int? maxResults, int defaultSize)
    {
        if (maxResults is < 1 or > 100)
        {
            throw new AwsErrorException("InvalidParameterException", "maxResults must be between 1 and 100.");
        }

        return maxResults ?? defaultSize;
    }
}
