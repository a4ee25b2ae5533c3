using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Operations;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Migrations;

/// <summary>
/// Runs a planned migration task and waits for its verdict: refuses while another migration of the family runs,
/// starts it idempotently, follows its status and its log stream, and turns anything but exit code 0 into a
/// <see cref="MigrationRunException"/> that a runbook cannot step over.
/// </summary>
public sealed class MigrationTaskRunner
{
    private const string Activity = "Running migration task";

    private readonly IAmazonECS ecs;
    private readonly OpsContext context;

    public MigrationTaskRunner(OpsContext context)
    {
        this.context = context;
        ecs = context.Ecs;
    }

    /// <summary>
    /// Refuses, naming it and who asked for it, while a migration task of the plan's family is pending or running: ours,
    /// or a run-task command override as the seeds started them by hand.
    /// </summary>
    public async System.Threading.Tasks.Task RefuseWhileOneRunsAsync(MigrationTaskPlan plan, CancellationToken cancellationToken)
    {
        var arns = await ecs.ListAllTaskArnsAsync(
            new ListTasksRequest { Cluster = plan.Cluster, Family = plan.Family, DesiredStatus = "RUNNING" }, cancellationToken).ConfigureAwait(false);
        var tasks = await new EcsServiceLocator(context).DescribeTasksAsync(plan.Cluster, arns).ConfigureAwait(false);
        var running = tasks.Where(IsMigration).OrderBy(t => t.CreatedAt ?? DateTime.MinValue).FirstOrDefault();
        if (running != null)
        {
            throw await AlreadyStartedAsync(plan, running, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the plan's migration as "the next migration of this family". Without a token of the user's, the client
    /// token is derived from the cluster, the family and the newest migration task that has stopped, so every start
    /// until a migration finishes asks ECS for the same task. RunTask's idempotency makes that atomic where a check and
    /// a start could not be: a retry or two engineers at once get one task, and whoever asked for another command or
    /// environment than the task ECS returns is refused, naming it. Once that task stops, the next run has a new token.
    /// <paramref name="concurrently"/> (-Force) starts a task of its own beside any other.
    /// </summary>
    public async Task<string> StartAsync(MigrationTaskPlan plan, bool concurrently, CancellationToken cancellationToken)
    {
        var token = plan.ClientToken
            ?? (concurrently ? "kaviar-" + Guid.NewGuid().ToString("N") : TokenAfter(plan, await LastStoppedMigrationAsync(plan, cancellationToken).ConfigureAwait(false)));
        var task = await RunAsync(plan, token, cancellationToken).ConfigureAwait(false);
        if (plan.ClientToken == null && task.LastStatus == "STOPPED")
        {
            // ECS remembered the token longer than it lists the task it started: that migration is over, so this one is new.
            task = await RunAsync(plan, TokenAfter(plan, task), cancellationToken).ConfigureAwait(false);
        }

        if (!RunsPlan(task, plan))
        {
            throw await AlreadyStartedAsync(plan, task, cancellationToken).ConfigureAwait(false);
        }

        return task.TaskArn;
    }

    private async Task<EcsTask> RunAsync(MigrationTaskPlan plan, string token, CancellationToken cancellationToken)
    {
        var response = await ecs.RunTaskAsync(ToRunTaskRequest(plan, token), cancellationToken).ConfigureAwait(false);
        var task = response.Tasks?.FirstOrDefault();
        if (task == null)
        {
            var failure = response.Failures?.FirstOrDefault();
            throw new MigrationRunException(MigrationRunProblem.FailedToStart,
                $"ECS did not start the migration task: {failure?.Reason ?? "no task and no failure returned"} {failure?.Detail}".TrimEnd());
        }

        return task;
    }

    /// <summary>The newest stopped migration task of the plan's family that ECS still lists (about an hour), if any.</summary>
    private async Task<EcsTask?> LastStoppedMigrationAsync(MigrationTaskPlan plan, CancellationToken cancellationToken)
    {
        var arns = await ecs.ListAllTaskArnsAsync(
            new ListTasksRequest { Cluster = plan.Cluster, Family = plan.Family, DesiredStatus = "STOPPED" }, cancellationToken).ConfigureAwait(false);
        var tasks = await new EcsServiceLocator(context).DescribeTasksAsync(plan.Cluster, arns).ConfigureAwait(false);
        return tasks.Where(IsMigrationTask).OrderByDescending(t => t.CreatedAt ?? DateTime.MinValue).ThenBy(t => t.TaskArn, StringComparer.Ordinal).FirstOrDefault();
    }

    private static string TokenAfter(MigrationTaskPlan plan, EcsTask? previous)
    {
        var identity = string.Join("\n", plan.Region, plan.Cluster, plan.Family, previous?.TaskArn ?? "first");
        using var sha = SHA256.Create();
        return "kaviar-" + BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(identity)), 0, 16).Replace("-", "").ToLowerInvariant();
    }

    /// <summary>Whether ECS's task is the run this plan asked for: same revision, container command and environment.</summary>
    private static bool RunsPlan(EcsTask task, MigrationTaskPlan plan)
    {
        var container = task.Overrides?.ContainerOverrides?.FirstOrDefault(o => o.Name == plan.Container);
        var environment = (container?.Environment ?? new List<KeyValuePair>()).ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        return task.TaskDefinitionArn == plan.TaskDefinitionArn
            && (container?.Command ?? new List<string>()).SequenceEqual(plan.Command, StringComparer.Ordinal)
            && environment.Count == plan.Environment.Count
            && plan.Environment.All(e => environment.TryGetValue(e.Key, out var value) && value == e.Value.Reveal());
    }

    private async Task<MigrationRunException> AlreadyStartedAsync(MigrationTaskPlan plan, EcsTask task, CancellationToken cancellationToken)
    {
        var described = (await ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = plan.Cluster, Tasks = new List<string> { task.TaskArn }, Include = new List<string> { "TAGS" } },
            cancellationToken).ConfigureAwait(false)).Tasks?.FirstOrDefault() ?? task;
        var requestedBy = described.Tags?.FirstOrDefault(t => t.Key == RequestedByTag)?.Value ?? "unknown";
        var command = described.Overrides?.ContainerOverrides?.FirstOrDefault(o => o.Name == plan.Container)?.Command ?? new List<string>();
        return new MigrationRunException(MigrationRunProblem.AlreadyRunning,
            $"Another migration of family {plan.Family} started first: task {task.TaskArn} ({described.LastStatus}, command [{string.Join(" ", command)}], " +
            $"startedBy {described.StartedBy}, requested by {requestedBy}, created {described.CreatedAt:u}). Yours was not started. Wait for it with " +
            $"'aws ecs wait tasks-stopped --cluster {plan.Cluster} --tasks {task.TaskArn} --region {plan.Region}', then run again; -Force starts a second one beside it.",
            target: task.TaskArn);
    }

    public async Task<EcsMigrationResult> WaitAsync(
        MigrationTaskPlan plan, string taskArn, TimeSpan timeout, int tailLines, IOperationReporter reporter, CancellationToken cancellationToken)
    {
        var taskId = EcsNames.TaskId(taskArn);
        var group = plan.LogGroupFor(taskArn);
        var stream = plan.LogStreamFor(taskArn);
        // The log group may be in another region than the task (awslogs-region, a FireLens output's region).
        var tail = group != null && stream != null ? new LogStreamTail(context.InRegion(plan.Log!.Region).Logs, group, stream, tailLines) : null;
        var progress = context.WithReporter(reporter);
        var task = await Waiter.UntilAsync(progress, new WaitSpec<EcsTask?>
        {
            Activity = Activity,
            Timeout = timeout,
            // DescribeTasks, and GetLogEvents while the log is tailed.
            CallsPerProbe = tail == null ? 1 : 2,
            Probe = async token =>
            {
                var described = (await ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = plan.Cluster, Tasks = new List<string> { taskArn } }, token)
                    .ConfigureAwait(false)).Tasks?.FirstOrDefault();
                if (tail != null)
                {
                    foreach (var line in await tail.ReadNewAsync(token).ConfigureAwait(false))
                    {
                        reporter.Verbose($"[{taskId}] {line}");
                    }
                }

                return described;
            },
            Done = described => described?.LastStatus == "STOPPED",
            Describe = described => $"Task {taskId} is {described?.LastStatus ?? "not visible yet"}",
            TimedOut = (described, _) => new MigrationRunException(MigrationRunProblem.TimedOut,
                $"Migration task {taskArn} was still {described?.LastStatus ?? "not visible"} after {timeout}. It keeps running: watch it with " +
                $"'aws ecs describe-tasks --cluster {plan.Cluster} --tasks {taskId} --region {plan.Region}', or stop it with 'aws ecs stop-task " +
                $"--cluster {plan.Cluster} --task {taskId} --region {plan.Region}'.", ToResult(plan, taskArn, described, tail)),
        }).ConfigureAwait(false);

        var result = ToResult(plan, taskArn, task, tail);

        if (result.ExitCode == null)
        {
            throw new MigrationRunException(MigrationRunProblem.FailedToStart,
                $"Migration task {taskId} stopped without running its command ({result.StopCode}: {result.StoppedReason ?? result.ContainerReason}). " +
                Evidence.StartFailure.Explain(result.StopCode, result.StoppedReason, new[] { result.ContainerReason }), result);
        }

        if (result.ExitCode != 0)
        {
            result.Diagnoses = Evidence.LogSignatures.Classify(result.LogTail, new Evidence.LogContext(plan.Region, plan.Cluster)
            {
                Service = plan.SourceService,
                ContainerName = plan.Container,
                TaskSecurityGroups = plan.SecurityGroups,
                ExitCode = result.ExitCode,
                ExitedOnItsOwn = result.StopCode == "EssentialContainerExited",
                ContainerReason = result.ContainerReason,
                MigrationCommand = string.Join(" ", plan.Command),
            });
            var cause = result.Diagnoses.FirstOrDefault() is { } known
                ? known.Cause + (known.FixLine == null ? "" : $" Fix: {known.FixLine}.") + " "
                : "";
            throw new MigrationRunException(MigrationRunProblem.ExitedWithError,
                $"Migration task {taskId} exited with code {result.ExitCode}. {cause}Do not deploy: fix the migration and run it again. " +
                $"Last log lines:{Environment.NewLine}{string.Join(Environment.NewLine, result.LogTail)}", result);
        }

        return result;
    }

    private static bool IsMigration(EcsTask task) => task.LastStatus != "STOPPED" && IsMigrationTask(task);

    private static bool IsMigrationTask(EcsTask task) =>
        (task.StartedBy == MigrationTaskPlan.StartedByMarker ||
         // Started by hand the way the seeds did: a standalone run-task overriding the command.
         (task.Group?.StartsWith("service:", StringComparison.Ordinal) != true &&
          task.Overrides?.ContainerOverrides?.Any(o => o.Command is { Count: > 0 }) == true));

    /// <summary>Who asked for a migration task, so a refused colleague can see it: user@host of the session that started it.</summary>
    private const string RequestedByTag = "kaviar-ops:requested-by";

    private static RunTaskRequest ToRunTaskRequest(MigrationTaskPlan plan, string token) => new RunTaskRequest
    {
        Cluster = plan.Cluster,
        TaskDefinition = plan.TaskDefinitionArn,
        Count = 1,
        LaunchType = plan.LaunchType,
        CapacityProviderStrategy = plan.CapacityProviderStrategy.Count == 0
            ? null
            : plan.CapacityProviderStrategy
                .Select(s => new CapacityProviderStrategyItem { CapacityProvider = s.CapacityProvider, Weight = s.Weight, Base = s.Base })
                .ToList(),
        PlatformVersion = plan.PlatformVersion,
        NetworkConfiguration = new NetworkConfiguration
        {
            AwsvpcConfiguration = new AwsVpcConfiguration
            {
                Subnets = plan.Subnets.ToList(),
                SecurityGroups = plan.SecurityGroups.ToList(),
                AssignPublicIp = plan.AssignPublicIp,
            },
        },
        Overrides = new TaskOverride
        {
            ContainerOverrides = new List<ContainerOverride>
            {
                new ContainerOverride
                {
                    Name = plan.Container,
                    Command = plan.Command.ToList(),
                    Environment = plan.Environment.Count == 0
                        ? null
                        : plan.Environment.Select(e => new KeyValuePair { Name = e.Key, Value = e.Value.Reveal() }).ToList(),
                },
            },
        },
        StartedBy = MigrationTaskPlan.StartedByMarker,
        Group = "kaviar-ops:migration",
        Tags = new List<Tag>
        {
            new Tag { Key = "kaviar-ops:purpose", Value = "migration" },
            new Tag { Key = RequestedByTag, Value = $"{Environment.UserName}@{Environment.MachineName}" },
        },
        ClientToken = token,
    };

    private static EcsMigrationResult ToResult(MigrationTaskPlan plan, string taskArn, EcsTask? task, LogStreamTail? tail)
    {
        var container = task?.Containers?.FirstOrDefault(c => c.Name == plan.Container);
        return new EcsMigrationResult
        {
            Region = plan.Region,
            Cluster = plan.Cluster,
            TaskArn = taskArn,
            TaskId = EcsNames.TaskId(taskArn),
            TaskDefinitionArn = plan.TaskDefinitionArn,
            Container = plan.Container,
            Command = plan.Command,
            LastStatus = task?.LastStatus ?? "",
            ExitCode = container?.ExitCode,
            ContainerReason = container?.Reason,
            StopCode = task?.StopCode,
            StoppedReason = task?.StoppedReason,
            StartedAt = task?.StartedAt,
            StoppedAt = task?.StoppedAt,
            Duration = task?.StartedAt is DateTime started && task.StoppedAt is DateTime stopped ? stopped - started : null,
            LogGroup = tail?.LogGroup,
            LogStream = tail?.LogStream,
            LogTail = tail?.LastLines ?? Array.Empty<string>(),
        };
    }
}
