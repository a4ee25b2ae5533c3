using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.CloudWatchLogs;
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
    private readonly IAmazonCloudWatchLogs logs;
    private readonly OpsContext context;

    public MigrationTaskRunner(OpsContext context)
    {
        this.context = context;
        ecs = context.Ecs;
        logs = context.Logs;
    }

    /// <summary>Migration tasks of the plan's family that are pending or running (ours, or run-task command overrides).</summary>
    public async Task<IReadOnlyList<string>> FindActiveMigrationsAsync(MigrationTaskPlan plan, CancellationToken cancellationToken)
    {
        var arns = await ecs.ListAllTaskArnsAsync(
            new ListTasksRequest { Cluster = plan.Cluster, Family = plan.Family, DesiredStatus = "RUNNING" }, cancellationToken).ConfigureAwait(false);
        var tasks = await new EcsServiceLocator(context).DescribeTasksAsync(plan.Cluster, arns).ConfigureAwait(false);
        return tasks.Where(IsMigration).Select(t => t.TaskArn).ToList();
    }

    /// <summary>Starts the task; with the plan's client token a retry returns the task already started.</summary>
    public async Task<string> StartAsync(MigrationTaskPlan plan, CancellationToken cancellationToken)
    {
        var response = await ecs.RunTaskAsync(ToRunTaskRequest(plan), cancellationToken).ConfigureAwait(false);
        var task = response.Tasks?.FirstOrDefault();
        if (task == null)
        {
            var failure = response.Failures?.FirstOrDefault();
            throw new MigrationRunException(MigrationRunProblem.FailedToStart,
                $"ECS did not start the migration task: {failure?.Reason ?? "no task and no failure returned"} {failure?.Detail}".TrimEnd());
        }

        return task.TaskArn;
    }

    public async Task<EcsMigrationResult> WaitAsync(
        MigrationTaskPlan plan, string taskArn, TimeSpan timeout, int tailLines, IOperationReporter reporter, CancellationToken cancellationToken)
    {
        var taskId = EcsNames.TaskId(taskArn);
        var stream = plan.LogStreamFor(taskId);
        var tail = plan.LogGroup != null && stream != null ? new LogStreamTail(logs, plan.LogGroup, stream, tailLines) : null;
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
                $"Migration task {taskId} stopped without running its command. " +
                Evidence.StartFailure.Explain(result.StopCode, result.StoppedReason, new[] { result.ContainerReason }), result);
        }

        if (result.ExitCode != 0)
        {
            throw new MigrationRunException(MigrationRunProblem.ExitedWithError,
                $"Migration task {taskId} exited with code {result.ExitCode}. Do not deploy: fix the migration and run it again. " +
                $"Last log lines:{Environment.NewLine}{string.Join(Environment.NewLine, result.LogTail)}", result);
        }

        return result;
    }

    private static bool IsMigration(EcsTask task) =>
        task.LastStatus != "STOPPED" &&
        (task.StartedBy == MigrationTaskPlan.StartedByMarker ||
         // Started by hand the way the seeds did: a standalone run-task overriding the command.
         (task.Group?.StartsWith("service:", StringComparison.Ordinal) != true &&
          task.Overrides?.ContainerOverrides?.Any(o => o.Command is { Count: > 0 }) == true));

    private static RunTaskRequest ToRunTaskRequest(MigrationTaskPlan plan) => new RunTaskRequest
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
        Tags = new List<Tag> { new Tag { Key = "kaviar-ops:purpose", Value = "migration" } },
        ClientToken = plan.ClientToken,
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
