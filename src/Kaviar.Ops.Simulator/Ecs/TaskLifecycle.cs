using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>A container override from RunTask: a replacement command and extra environment.</summary>
internal sealed record ContainerOverride(IReadOnlyList<string>? Command, IReadOnlyDictionary<string, string> Environment);

/// <summary>Everything needed to start one task, whether the service scheduler or RunTask asks.</summary>
internal sealed record LaunchOrder(
    EcsCluster Cluster,
    TaskDefinition TaskDefinition,
    AwsVpcConfiguration Network,
    string Group,
    string? StartedBy,
    EcsService? Service = null,
    EcsDeployment? Deployment = null,
    string LaunchType = "FARGATE",
    string? CapacityProviderName = null,
    JsonNode? Overrides = null,
    IReadOnlyDictionary<string, ContainerOverride>? ContainerOverrides = null,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>
/// Moves each Fargate task through PROVISIONING → PENDING → RUNNING → (DEACTIVATING/STOPPING) → STOPPED
/// on the account's timeline, with the side effects AWS has: the task ENI, the awslogs stream, the target
/// in each target group and ELB health checks computed from security groups and the app's answers.
/// </summary>
internal sealed class TaskLifecycle
{
    public static readonly TimeSpan ProvisioningDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan PendingDuration = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan TargetRegistrationDuration = TimeSpan.FromSeconds(10);

    /// <summary>Draining and ENI teardown; shorter than ELB's default 300 s deregistration delay to keep rehearsals brisk.</summary>
    public static readonly TimeSpan StopDuration = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan StoppedTaskRetention = TimeSpan.FromHours(1);

    /// <summary>SIGTERM: what a container that was running reports when ECS stops its task.</summary>
    public const int TerminatedExitCode = 143;

    private readonly AccountState _account;
    private readonly ServiceRegistrations _registrations;
    private int _launches;

    public TaskLifecycle(AccountState account, ServiceRegistrations registrations)
    {
        _account = account;
        _registrations = registrations;
    }

    /// <summary>Called after every state change of a task; the service scheduler reacts to it.</summary>
    public Action<EcsTask>? TaskChanged { get; set; }

    public EcsTask Launch(LaunchOrder order)
    {
        var id = _account.Ids.Hex(32);
        var arn = $"arn:aws:ecs:{_account.Region}:{_account.AccountId}:task/{order.Cluster.Name}/{id}";

        // Fargate spreads a service's tasks across its subnets (and so across availability zones).
        var subnetId = order.Network.Subnets[_launches++ % order.Network.Subnets.Count];
        var task = new EcsTask(id, arn, order.Cluster, order.TaskDefinition, _account.Now)
        {
            Service = order.Service,
            Deployment = order.Deployment,
            Group = order.Group,
            StartedBy = order.StartedBy,
            LaunchType = order.LaunchType,
            CapacityProviderName = order.CapacityProviderName,
            Network = order.Network,
            Overrides = order.Overrides,
            Tags = order.Tags ?? new Dictionary<string, string>(),
            Attachment = new EniAttachment(_account.Ids.Guid().ToString(), subnetId),
            AvailabilityZone = _account.Ec2.FindSubnet(subnetId)?.AvailabilityZone,
        };
        foreach (var definition in order.TaskDefinition.Containers)
        {
            var containerOverride = order.ContainerOverrides?.GetValueOrDefault(definition.Name);
            var environment = new Dictionary<string, string>(definition.Environment, StringComparer.Ordinal);
            foreach (var (name, value) in containerOverride?.Environment ?? new Dictionary<string, string>())
            {
                environment[name] = value;
            }

            var launch = new ContainerLaunch(arn, id, definition.Name, definition.Image,
                containerOverride?.Command ?? definition.Command, environment, _account.Now, task, _account);
            task.Containers.Add(new EcsContainer(
                definition,
                $"arn:aws:ecs:{_account.Region}:{_account.AccountId}:container/{order.Cluster.Name}/{id}/{_account.Ids.Guid()}",
                launch));
        }

        _account.Ecs.Add(task);
        _account.Timeline.After(ProvisioningDuration, () => ToPending(task));
        return task;
    }

    /// <summary>Stops a task the way ECS does: desired STOPPED now, targets drain, STOPPED after <see cref="StopDuration"/>.</summary>
    public void Stop(EcsTask task, string stopCode, string stoppedReason)
    {
        if (task.IsStopping)
        {
            return;
        }

        task.DesiredStatus = "STOPPED";
        task.StoppingAt = _account.Now;
        task.StopCode = stopCode;
        task.StoppedReason = stoppedReason;
        _registrations.Deregister(task);
        foreach (var target in task.Targets)
        {
            target.State = "draining";
            _account.Elbv2.SetTargetHealth(target.LoadBalancer.TargetGroupArn, task.Attachment.PrivateIpv4Address!, target.LoadBalancer.ContainerPort,
                "draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
        }

        if (task.Targets.Count > 0 && task.Service is { } service)
        {
            _account.Ecs.Announce(service, $"(service {service.Name}) has begun draining connections on {task.Targets.Count} tasks.");
        }

        task.LastStatus = task.LastStatus == "RUNNING" && task.Targets.Count > 0 ? "DEACTIVATING" : "STOPPING";
        task.Version++;
        _account.Timeline.After(StopDuration, () => FinishStop(task));
        TaskChanged?.Invoke(task);
    }

    private void ToPending(EcsTask task)
    {
        if (task.IsStopping)
        {
            return;
        }

        try
        {
            var eni = _account.Ec2.CreateNetworkInterface(
                task.Attachment.SubnetId,
                task.Network.SecurityGroups,
                $"arn:aws:ecs:{_account.Region}:{_account.AccountId}:attachment/{task.Attachment.Id}",
                task.Network.AssignPublicIp);
            task.Attachment.NetworkInterfaceId = eni.NetworkInterfaceId;
            task.Attachment.MacAddress = eni.MacAddress;
            task.Attachment.PrivateIpv4Address = eni.PrivateIpAddress;
            task.Attachment.Status = "ATTACHED";
        }
        catch (AwsErrorException error)
        {
            // E.g. InsufficientFreeAddressesInSubnet: the task stops from PROVISIONING, as in AWS's TaskFailedToStart guide.
            var publicIp = task.Network.AssignPublicIp ? " with public IP assignment enabled" : string.Empty;
            FailToStart(task, $"Unexpected EC2 error while attempting to Create Network Interface{publicIp} in subnet '{task.Attachment.SubnetId}': {error.Code}");
            return;
        }

        task.LastStatus = "PENDING";
        task.ConnectivityAt = _account.Now;
        task.PullStartedAt = _account.Now;
        task.Version++;
        _account.Timeline.After(PendingDuration, () => ToRunning(task));
        TaskChanged?.Invoke(task);
    }

    private void ToRunning(EcsTask task)
    {
        if (task.IsStopping)
        {
            return;
        }

        var secrets = TaskSecrets.Of(_account, task);
        if ((UnreachableDuringStart(task, secrets) ?? secrets.MissingReason() ?? ImageNotInRegistry(task)) is { } startFailure)
        {
            FailToStart(task, startFailure);
            return;
        }

        // Containers that depend on others (dependsOn) wait; the rest start together.
        var app = _account.Ecs.AppFor(task.TaskDefinition);
        var starts = task.Containers
            .Where(container => container.Definition.DependsOn.Count == 0)
            .Select(container =>
            {
                container.Launch = container.Launch with { StartedAt = _account.Now, Environment = secrets.EnvironmentOf(container) };
                return (Container: container, Outcome: OnStart(app, container));
            })
            .ToList();

        var neverStarted = starts.FirstOrDefault(s => s.Outcome.FailureReason is not null && s.Container.Definition.Essential);
        if (neverStarted.Outcome is not null)
        {
            FailToStart(task, neverStarted.Outcome.FailureReason!);
            return;
        }

        task.PullStoppedAt = _account.Now;
        var missingGroup = task.Containers.FirstOrDefault(c => c.Definition.LogGroup is { } group
            && _account.Logs.FindGroup(group) is null && !c.Definition.CreateLogGroup);
        if (missingGroup is not null)
        {
            FailToStart(task, "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
                + "failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1");
            return;
        }

        foreach (var (container, outcome) in starts)
        {
            Run(task, container, outcome);
        }

        StartReadyDependents(task);
        RunningOnceEveryContainerStarted(task);
    }

    private void Run(EcsTask task, EcsContainer container, ContainerStartOutcome outcome)
    {
        container.LastStatus = "RUNNING";
        container.RuntimeId = $"{task.Id}-{_account.Ids.Digits(10)}";
        CreateLogStream(task, container);
        WriteLogs(task, container, outcome.LogLines);
        if (outcome.ExitCode is { } exitCode)
        {
            _account.Timeline.After(outcome.ExitAfter, () => ContainerExited(task, container, exitCode, outcome));
        }
    }

    /// <summary>
    /// The task is RUNNING (and its targets registered) once no container waits on another any more; until then it stays
    /// PENDING, as while an init container runs.
    /// </summary>
    private void RunningOnceEveryContainerStarted(EcsTask task)
    {
        if (!task.IsStopping && task.LastStatus == "PENDING" && task.Containers.All(c => c.LastStatus != "PENDING"))
        {
            task.LastStatus = "RUNNING";
            task.StartedAt = _account.Now;
            RegisterTargets(task);
            _registrations.Register(task);
        }

        task.Version++;
        TaskChanged?.Invoke(task);
    }

    /// <summary>
    /// Starts each waiting container whose dependencies now hold (START and HEALTHY: the dependency has started — the
    /// simulation runs no container health checks; COMPLETE: it has exited; SUCCESS: it has exited 0). A dependency that
    /// can no longer hold stops the waiting container as the ECS agent does (exit 143, CannotStartContainerError), and
    /// with it the task when that container is essential.
    /// </summary>
    private void StartReadyDependents(EcsTask task)
    {
        var started = true;
        while (started && !task.IsStopping)
        {
            started = false;
            foreach (var container in task.Containers.Where(c => c.LastStatus == "PENDING" && c.Definition.DependsOn.Count > 0).ToList())
            {
                var dependencies = container.Definition.DependsOn
                    .Select(d => (d.Condition, Container: task.Containers.Single(c => c.Name == d.ContainerName)))
                    .ToList();
                if (dependencies.FirstOrDefault(d => d.Condition == "SUCCESS" && d.Container is { LastStatus: "STOPPED" } && d.Container.ExitCode != 0)
                    is { Container: { } failed })
                {
                    StopUnresolvable(task, container, failed);
                    started = true;
                    break;
                }

                if (dependencies.All(d => d.Condition switch
                    {
                        "COMPLETE" => d.Container.LastStatus == "STOPPED",
                        "SUCCESS" => d.Container is { LastStatus: "STOPPED", ExitCode: 0 },
                        _ => d.Container.RuntimeId is not null,
                    }))
                {
                    StartDependent(task, container);
                    started = true;
                }
            }
        }
    }

    private void StartDependent(EcsTask task, EcsContainer container)
    {
        var secrets = TaskSecrets.Of(_account, task);
        container.Launch = container.Launch with { StartedAt = _account.Now, Environment = secrets.EnvironmentOf(container) };
        var outcome = OnStart(_account.Ecs.AppFor(task.TaskDefinition), container);
        if (outcome.FailureReason is { } reason)
        {
            container.LastStatus = "STOPPED";
            container.Reason = reason;
            if (container.Definition.Essential)
            {
                FailToStart(task, reason);
            }

            return;
        }

        Run(task, container, outcome);
    }

    private void StopUnresolvable(EcsTask task, EcsContainer container, EcsContainer dependency)
    {
        container.LastStatus = "STOPPED";
        container.ExitCode = TerminatedExitCode;
        container.Reason = "CannotStartContainerError: dependency graph: failed to resolve container ordering dependency "
            + $"[{dependency.Name}({dependency.Definition.Image}) (STOPPED->RUNNING) - Exit: {dependency.ExitCode}] "
            + $"for target [{container.Name}({container.Definition.Image}) (NONE->RUNNING)]";
        if (container.Definition.Essential)
        {
            CountFailure(task);
            Stop(task, "EssentialContainerExited", "Essential container in task exited");
        }
    }

    /// <summary>A log router container runs Fluent Bit, whatever app the task definition's other containers run.</summary>
    private static ContainerStartOutcome OnStart(ISimulatedApp app, EcsContainer container) =>
        container.Definition.FirelensConfiguration is not null ? FireLensRouter.Start : app.OnStart(container.Launch);

    /// <summary>
    /// The stream the container's lines go to, made as it starts: awslogs' (a missing group was refused before the
    /// task started, unless awslogs-create-group), or the one Fluent Bit writes for an awsfirelens container, in a
    /// group it creates only with auto_create_group (otherwise its lines are dropped).
    /// </summary>
    private void CreateLogStream(EcsTask task, EcsContainer container)
    {
        var (group, stream, createsGroup) = container.Definition.LogGroup is { } awslogsGroup
            ? (awslogsGroup, container.Definition.LogStreamPrefix is { } prefix ? $"{prefix}/{container.Name}/{task.Id}" : task.Id, true)
            : FireLensRouter.CloudWatchOutput(task, container) is { } output ? (output.Group, output.Stream, output.CreatesGroup) : default;
        var existing = group is null ? null : _account.Logs.FindGroup(group);
        if (group is null || existing is null && !createsGroup)
        {
            return;
        }

        container.LogGroupName = group;
        container.LogStreamName = stream;
        // A fixed FireLens stream name is every task's: the first one creates it.
        if ((existing ?? _account.Logs.AddLogGroup(group)).FindStream(stream!) is null)
        {
            _account.Logs.AddLogStream(group, stream!);
        }
    }

    private void WriteLogs(EcsTask task, EcsContainer container, IReadOnlyList<string> lines)
    {
        if (container.LogGroupName is { } group && container.LogStreamName is { } stream)
        {
            var messages = container.Definition.FireLensOptions is null ? lines : lines.Select(line => FireLensRouter.Message(task, container, line)).ToList();
            // A few milliseconds apart, as a process writes a banner or a stack trace.
            _account.Logs.Write(group, stream, messages.Select((line, i) => (_account.Now.AddMilliseconds(40 * (i + 1)), line)));
        }
    }

    private void RegisterTargets(EcsTask task)
    {
        if (task.Service is not { } service)
        {
            return;
        }

        // A target group deleted under the service takes no targets, as on AWS.
        foreach (var loadBalancer in service.LoadBalancers.Where(lb => _account.Elbv2.FindTargetGroup(lb.TargetGroupArn) is not null))
        {
            var target = new TaskTarget(loadBalancer);
            task.Targets.Add(target);
            _account.Elbv2.RegisterTarget(loadBalancer.TargetGroupArn, task.Attachment.PrivateIpv4Address!, loadBalancer.ContainerPort, task.AvailabilityZone ?? string.Empty);
            _account.Ecs.Announce(service, $"(service {service.Name}) registered 1 targets in (target-group {loadBalancer.TargetGroupArn})");
            BeginHealthChecks(task, target);
        }
    }

    /// <summary>
    /// Elbv2State.ServingChanged: a running task's target left unused that a load balancer now sends to (a listener
    /// added, its zone enabled) is checked from the start, as a new registration is.
    /// </summary>
    public void RecheckUnusedTargets()
    {
        foreach (var task in _account.Ecs.Tasks.Where(t => t.LastStatus == "RUNNING" && !t.IsStopping))
        {
            foreach (var target in task.Targets.Where(t => t.State == "unused" && NotInUseDescription(task, t) is null))
            {
                target.ChecksSinceRegistration = target.ConsecutivePasses = target.ConsecutiveFailures = target.FailuresAfterGrace = 0;
                BeginHealthChecks(task, target);
            }
        }
    }

    /// <summary>A target no load balancer sends to is never checked: it stays unused, and never turns healthy.</summary>
    private void BeginHealthChecks(EcsTask task, TaskTarget target)
    {
        if (NotInUseDescription(task, target) is { } description)
        {
            WriteTargetHealth(task, target, "unused", "Target.NotInUse", description);
            return;
        }

        WriteTargetHealth(task, target, "initial", "Elb.RegistrationInProgress", "Target registration is in progress");
        _account.Timeline.After(TargetRegistrationDuration, () =>
        {
            if (!task.IsStopping && target.State == "initial")
            {
                WriteTargetHealth(task, target, "initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
            }
        });
        ScheduleHealthCheck(task, target);
    }

    /// <summary>ELB's description of why it does not use the target, or null when a load balancer sends to it.</summary>
    private string? NotInUseDescription(EcsTask task, TaskTarget target) =>
        _account.Elbv2.LoadBalancersOf(target.LoadBalancer.TargetGroupArn).Count == 0
            ? "Target group is not configured to receive traffic from the load balancer"
            : !_account.Elbv2.ServesZone(target.LoadBalancer.TargetGroupArn, task.AvailabilityZone ?? string.Empty)
                ? "Target is in an Availability Zone that is not enabled for the load balancer"
                : null;

    private void ScheduleHealthCheck(EcsTask task, TaskTarget target)
    {
        if (_account.Elbv2.FindTargetGroup(target.LoadBalancer.TargetGroupArn) is { } group)
        {
            _account.Timeline.After(TimeSpan.FromSeconds(group.HealthCheckIntervalSeconds), () => CheckHealth(task, target));
        }
    }

    /// <summary>
    /// One ELB health check. Initial targets get their verdict on the HealthyThresholdCount-th check; after
    /// that, UnhealthyThresholdCount failures in a row make a target unhealthy and HealthyThresholdCount
    /// passes make it healthy again. ECS replaces a task once its target has failed UnhealthyThresholdCount
    /// checks in a row after the service's health check grace period.
    /// </summary>
    private void CheckHealth(EcsTask task, TaskTarget target)
    {
        var group = _account.Elbv2.FindTargetGroup(target.LoadBalancer.TargetGroupArn);
        if (task.IsStopping || group is null)
        {
            return;
        }

        // SetSubnets or a listener change took the target out of use: ELB stops checking it.
        if (NotInUseDescription(task, target) is { } description)
        {
            WriteTargetHealth(task, target, "unused", "Target.NotInUse", description);
            return;
        }

        var failure = Probe(task, target, group);
        target.ChecksSinceRegistration++;
        var graceEnds = task.StartedAt!.Value.AddSeconds(task.Service?.HealthCheckGracePeriodSeconds ?? 0);
        if (failure is null)
        {
            target.ConsecutivePasses++;
            target.ConsecutiveFailures = 0;
            target.FailuresAfterGrace = 0;
        }
        else
        {
            target.ConsecutiveFailures++;
            target.ConsecutivePasses = 0;
            if (_account.Now >= graceEnds)
            {
                target.FailuresAfterGrace++;
            }
        }

        var verdict = target.State switch
        {
            "initial" when target.ChecksSinceRegistration >= group.HealthyThresholdCount => failure is null ? "healthy" : "unhealthy",
            "healthy" when target.ConsecutiveFailures >= group.UnhealthyThresholdCount => "unhealthy",
            "unhealthy" when target.ConsecutivePasses >= group.HealthyThresholdCount => "healthy",
            _ => target.State,
        };
        if (verdict == "healthy" && target.State != "healthy")
        {
            WriteTargetHealth(task, target, "healthy", null, null);
            TaskChanged?.Invoke(task);
        }
        else if (verdict == "unhealthy" && failure is not null)
        {
            // An unhealthy target that passes, below the healthy threshold, stays unhealthy with its last reason.
            WriteTargetHealth(task, target, "unhealthy", failure.Reason, failure.Description);
        }

        if (target.State == "unhealthy" && target.FailuresAfterGrace >= group.UnhealthyThresholdCount && task.Service is { } service)
        {
            _account.Ecs.Announce(service, $"(service {service.Name}) (port {target.LoadBalancer.ContainerPort}) is unhealthy in "
                + $"(target-group {group.TargetGroupArn}) due to (reason {target.FailureDescription}).");
            _account.Ecs.Announce(service, $"(service {service.Name}) has stopped 1 running tasks: (task {task.Id}).");
            CountFailure(task);
            Stop(task, "ServiceSchedulerInitiated", $"Task failed ELB health checks in (target-group {group.TargetGroupArn})");
            return;
        }

        ScheduleHealthCheck(task, target);
    }

    /// <summary>What the load balancer sees when it sends GET &lt;path&gt; to the target; null when the check passes.</summary>
    private HealthFailure? Probe(EcsTask task, TaskTarget target, Elbv2.TargetGroup group)
    {
        var container = task.Containers.Find(c => c.Name == target.LoadBalancer.ContainerName);
        // Health checks go to the registered port ("traffic-port") or the one the target group names.
        var probePort = int.TryParse(group.HealthCheckPort, out var named) ? named : target.LoadBalancer.ContainerPort;
        if (container is not { LastStatus: "RUNNING" } || !_account.LoadBalancerReaches(group, task, probePort))
        {
            return new HealthFailure("Target.Timeout", "Request timed out");
        }

        if (ListeningPort(container) != probePort)
        {
            return new HealthFailure("Target.FailedHealthChecks", "Health checks failed");
        }

        // Simulated apps serve plain HTTP: an HTTPS check fails its TLS handshake, which ELB reports as a failed check.
        if (group.HealthCheckProtocol == "HTTPS")
        {
            return new HealthFailure("Target.FailedHealthChecks", "Health checks failed");
        }

        var answer = _account.Ecs.AppFor(task.TaskDefinition).AnswerGet(container.Launch, group.HealthCheckPath);
        if (answer == HttpAnswer.NotListening)
        {
            return new HealthFailure("Target.FailedHealthChecks", "Health checks failed");
        }

        return HttpCodeMatcher.Matches(group.MatcherHttpCode, answer.StatusCode)
            ? null
            : new HealthFailure("Target.ResponseCodeMismatch", $"Health checks failed with these codes: [{answer.StatusCode}]");
    }

    /// <summary>The app listens on its PORT variable when it has one, else on the container's first mapped port.</summary>
    private static int? ListeningPort(EcsContainer container) =>
        container.Definition.Environment.TryGetValue("PORT", out var value) && int.TryParse(value, out var port)
            ? port
            : container.Definition.ContainerPorts.Count > 0 ? container.Definition.ContainerPorts[0] : null;

    private void WriteTargetHealth(EcsTask task, TaskTarget target, string state, string? reason, string? description)
    {
        target.State = state;
        target.FailureDescription = description;
        _account.Elbv2.SetTargetHealth(target.LoadBalancer.TargetGroupArn, task.Attachment.PrivateIpv4Address!, target.LoadBalancer.ContainerPort, state, reason, description);
        _registrations.FollowHealth(task);
    }

    private void ContainerExited(EcsTask task, EcsContainer container, int exitCode, ContainerStartOutcome outcome)
    {
        if (container.LastStatus != "RUNNING")
        {
            return;
        }

        WriteLogs(task, container, outcome.ExitLogLines);
        container.LastStatus = "STOPPED";
        container.ExitCode = exitCode;
        container.Reason = outcome.ExitReason;
        task.ExecutionStoppedAt = _account.Now;
        task.Version++;
        if (container.Definition.Essential)
        {
            if (exitCode != 0)
            {
                CountFailure(task);
            }

            Stop(task, "EssentialContainerExited", "Essential container in task exited");
            return;
        }

        StartReadyDependents(task);
        RunningOnceEveryContainerStarted(task);
    }

    /// <summary>
    /// What the agent cannot reach while starting the task (registry auth and secrets, then the image, then the log
    /// stream), as the stopped reason AWS gives; null when the subnet's routes, the task's groups and the ACLs let
    /// every call through.
    /// </summary>
    private string? UnreachableDuringStart(EcsTask task, TaskSecrets secrets)
    {
        var region = _account.Region;
        var definitions = task.Containers.Select(c => c.Definition).ToList();
        var needs = (definitions.Any(c => IsEcrImage(c.Image)) ? new[] { "ecr.api" } : Array.Empty<string>())
            .Concat(secrets.Apis)
            .Concat(definitions.SelectMany(c => IsEcrImage(c.Image) ? new[] { "ecr.dkr", "s3" } : new[] { Ec2.Ec2State.PublicRegistry }))
            .Concat(definitions.Any(c => c.LogGroup is not null) ? new[] { "logs" } : Array.Empty<string>());
        var unreachable = _account.Ec2.UnreachableAwsApi(task.Attachment.SubnetId, task.Network.SecurityGroups, task.Attachment.PrivateIpv4Address!,
            task.Network.AssignPublicIp, needs);
        var image = task.Containers.First(c => c.Definition.Essential).Definition.Image;
        return unreachable switch
        {
            null => null,
            TaskSecrets.SecretsManagerApi or TaskSecrets.ParameterStoreApi => secrets.UnreachableReason(unreachable),
            "ecr.api" => "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: " +
                         $"service call has been retried 3 time(s): RequestError: send request failed caused by: Post \"https://api.ecr.{region}.amazonaws.com/\": " +
                         $"dial tcp api.ecr.{region}.amazonaws.com:443: i/o timeout. Please check your task network configuration.",
            "logs" => "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: " +
                      $"RequestError: send request failed caused by: Post \"https://logs.{region}.amazonaws.com/\": dial tcp logs.{region}.amazonaws.com:443: i/o timeout : exit status 1",
            _ => $"CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to do request: Head \"https://{Registry(image)}/v2/\": " +
                 $"dial tcp {Registry(image)}:443: i/o timeout",
        };
    }

    private static bool IsEcrImage(string image) => image.Contains(".dkr.ecr.", StringComparison.Ordinal);

    /// <summary>The pull of the first image the account's registry lacks, as it fails once the manifest lookup gives up.</summary>
    private string? ImageNotInRegistry(EcsTask task) =>
        task.Containers.Select(c => c.Definition.Image).FirstOrDefault(image => _account.Ecr.Resolves(image) == false) is { } image
            ? $"CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref {image}: {image}: not found"
            : null;

    private static string Registry(string image) =>
        image.IndexOf('/') is var slash and > 0 && image[..slash].Contains('.') ? image[..slash] : "registry-1.docker.io";

    private void FailToStart(EcsTask task, string reason)
    {
        foreach (var container in task.Containers)
        {
            container.Reason = reason;
        }

        CountFailure(task);
        Stop(task, "TaskFailedToStart", reason);
    }

    private static void CountFailure(EcsTask task)
    {
        if (task.Deployment is { } deployment)
        {
            deployment.FailedTasks++;
        }
    }

    private void FinishStop(EcsTask task)
    {
        foreach (var container in task.Containers.Where(c => c.LastStatus != "STOPPED"))
        {
            // Containers that ran are SIGTERMed; ones that never started have no exit code.
            container.ExitCode = container.LastStatus == "RUNNING" ? TerminatedExitCode : null;
            container.LastStatus = "STOPPED";
        }

        foreach (var target in task.Targets)
        {
            _account.Elbv2.DeregisterTarget(target.LoadBalancer.TargetGroupArn, task.Attachment.PrivateIpv4Address!, target.LoadBalancer.ContainerPort);
            if (task.Service is { } service)
            {
                _account.Ecs.Announce(service, $"(service {service.Name}) deregistered 1 targets in (target-group {target.LoadBalancer.TargetGroupArn})");
            }
        }

        if (task.Attachment.NetworkInterfaceId is { } eniId)
        {
            _account.Ec2.DeleteNetworkInterface(eniId);
        }

        task.Attachment.Status = "DELETED";
        task.ExecutionStoppedAt ??= _account.Now;
        task.StoppedAt = _account.Now;
        task.LastStatus = "STOPPED";
        task.Version++;
        _account.Timeline.After(StoppedTaskRetention, () => _account.Ecs.Expire(task));
        TaskChanged?.Invoke(task);
    }

    private sealed record HealthFailure(string Reason, string Description);
}

/// <summary>ELB's success-code matcher: "200", "200,202" or "200-299".</summary>
internal static class HttpCodeMatcher
{
    public static bool Matches(string matcher, int statusCode) =>
        matcher.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(part =>
        {
            var range = part.Split('-');
            return range.Length == 2
                ? int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture) <= statusCode
                    && statusCode <= int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture)
                : int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) == statusCode;
        });
}
