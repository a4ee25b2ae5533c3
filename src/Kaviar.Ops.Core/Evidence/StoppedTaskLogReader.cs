using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatchLogs.Model;
using Kaviar.Ops.AwsServices.ECS.Model;
using Task = System.Threading.Tasks.Task;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Health;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Evidence;

/// <summary>
/// Reads what failed tasks left in their logs, within CloudWatch Logs' limits: a few tasks per service, one
/// GetLogEvents (newest lines) per task's essential container, and one DescribeTaskDefinition per revision. The group
/// and stream come from the revision's logConfiguration (awslogs, or FireLens to CloudWatch Logs); a task ECS never
/// started has none, and the stop reason says why. The lines are classified (<see cref="LogSignatures"/>), and each
/// task's hint becomes what they show.
/// </summary>
public sealed class StoppedTaskLogReader
{
    /// <summary>Failed tasks read per service: enough to see whether they fail alike, few enough for a 5 TPS API.</summary>
    public const int TasksPerService = 3;

    /// <summary>Lines kept per task: a stack trace's head and the error above it.</summary>
    public const int LinesPerTask = 25;

    private readonly OpsContext context;
    private readonly Dictionary<string, Task<TaskDefinition>> definitions = new Dictionary<string, Task<TaskDefinition>>(StringComparer.Ordinal);

    public StoppedTaskLogReader(OpsContext context) => this.context = context;

    /// <summary>Which of a service's stopped tasks to read: the newest failed ones, one per revision and stop reason first.</summary>
    public static IReadOnlyList<EcsStoppedTask> Choose(IEnumerable<EcsStoppedTask> stopped) =>
        stopped.Where(t => t.Failed)
            .OrderByDescending(t => t.StoppedAt ?? DateTime.MinValue)
            .GroupBy(t => (t.TaskDefinitionArn, t.StopCode, t.StoppedReason))
            .SelectMany((group, rank) => group.Select((task, index) => (task, index, rank)))
            .OrderBy(x => x.index).ThenBy(x => x.rank)
            .Select(x => x.task)
            .Take(TasksPerService)
            .ToList();

    /// <summary>
    /// Attaches <see cref="EcsStoppedTask.Log"/> to each task and sets its hint to what the log shows; a failure to read
    /// one task's log is noted on it, not thrown.
    /// </summary>
    /// <param name="service">The tasks' service, and its security groups, for the fixes the diagnoses suggest.</param>
    public async Task ReadAsync(IReadOnlyList<EcsStoppedTask> tasks, string? service, IReadOnlyList<string> securityGroups, CancellationToken cancellationToken)
    {
        foreach (var task in tasks)
        {
            task.Log = await ReadOneAsync(task, service, securityGroups, cancellationToken).ConfigureAwait(false);
            task.Hint = HintFrom(task, task.Log) ?? task.Hint;
        }
    }

    private async Task<TaskLogEvidence> ReadOneAsync(EcsStoppedTask task, string? service, IReadOnlyList<string> securityGroups, CancellationToken cancellationToken)
    {
        TaskDefinition definition;
        try
        {
            definition = await DefinitionAsync(task.TaskDefinitionArn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OpsException || ex is AmazonServiceException)
        {
            return new TaskLogEvidence { Container = "", LogRegion = context.Region, WhyNoLog = $"Its task definition could not be read: {ex.Message}" };
        }

        var location = EssentialContainer(task, definition);
        var evidence = new TaskLogEvidence
        {
            Container = location.Container,
            LogDriver = location.Driver,
            LogGroup = location.GroupFor(task.TaskArn, task.Cluster) ?? location.LogGroup,
            LogRegion = location.Region,
            LogStream = location.StreamFor(task.TaskArn, task.Cluster),
            NeverStarted = NeverStarted(task),
        };
        if (evidence.NeverStarted)
        {
            evidence.WhyNoLog = StartFailure.Explain(task.StopCode, task.StoppedReason, task.Containers.Select(c => c.Reason));
            return evidence;
        }

        if (!location.IsReadable)
        {
            evidence.WhyNoLog = location.WhyUnreadable();
            evidence.Diagnoses = LogSignatures.Classify(Array.Empty<string>(), ContextOf(task, definition, location.Container, service, securityGroups));
            return evidence;
        }

        try
        {
            var page = await context.InRegion(location.Region).Logs.GetLogEventsAsync(new GetLogEventsRequest
            {
                LogGroupName = evidence.LogGroup,
                LogStreamName = evidence.LogStream,
                StartFromHead = false,
                Limit = LinesPerTask,
            }, cancellationToken).ConfigureAwait(false);
            evidence.StreamFound = true;
            evidence.Lines = (page.Events ?? new List<OutputLogEvent>()).Select(e => e.Message.TrimEnd('\r', '\n')).ToList();
        }
        catch (ResourceNotFoundException ex)
        {
            evidence.WhyNoLog = ex.Message.IndexOf("log group", StringComparison.OrdinalIgnoreCase) >= 0
                ? $"The task ran, but its log group {evidence.LogGroup} does not exist in {location.Region}: check {location.GroupSettings} in the task definition."
                : $"The task ran, but wrote no stream {evidence.LogStream} in {evidence.LogGroup}: check {location.StreamSettings}.";
        }
        catch (AmazonServiceException ex)
        {
            evidence.WhyNoLog = $"Its log could not be read: {ex.ErrorCode}: {ex.Message}";
        }

        evidence.Diagnoses = LogSignatures.Classify(evidence.Lines, ContextOf(task, definition, location.Container, service, securityGroups));
        return evidence;
    }

    /// <summary>What the classifier may know beyond the lines: where the task ran, its CPU, how the container ended, its database secret.</summary>
    private LogContext ContextOf(EcsStoppedTask task, TaskDefinition definition, string container, string? service, IReadOnlyList<string> securityGroups)
    {
        var exit = task.Containers.FirstOrDefault(c => c.Name == container);
        return new LogContext(context.Region, task.Cluster)
        {
            Service = service,
            ContainerName = container,
            TaskSecurityGroups = securityGroups,
            CpuArchitecture = definition.RuntimePlatform?.CpuArchitecture,
            ExitCode = exit?.ExitCode,
            // Only an essential container exiting by itself stops a task with EssentialContainerExited; any other stop
            // code is ECS stopping it (its SIGKILL after stopTimeout also reads 137).
            ExitedOnItsOwn = task.StopCode == null ? (bool?)null : task.StopCode == "EssentialContainerExited" && exit?.ExitCode != null,
            ContainerReason = exit?.Reason,
            DatabaseSecretId = DatabaseSecret(definition, container),
        };
    }

    /// <summary>The Secrets Manager secret a container's database login comes from, judged by the variable's name (DATABASE_*, DB_*, PG*, POSTGRES*).</summary>
    private static string? DatabaseSecret(TaskDefinition definition, string container) =>
        (definition.ContainerDefinitions ?? new List<ContainerDefinition>()).FirstOrDefault(c => c.Name == container)?.Secrets?
            .Where(s => s.ValueFrom?.IndexOf(":secretsmanager:", StringComparison.Ordinal) >= 0)
            .Select(s => (s.Name, s.ValueFrom))
            .FirstOrDefault(s => DatabaseVariable.IsMatch(s.Name ?? "")).ValueFrom is { } valueFrom
            ? TaskDefinitions.SecretIdOf(valueFrom)
            : null;

    private static readonly System.Text.RegularExpressions.Regex DatabaseVariable = new System.Text.RegularExpressions.Regex(
        @"^(DATABASE|DB|PG|POSTGRES)", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// The hint the evidence gives: the first known failure and its fix, or why the task never started; otherwise the
    /// stop reason's hint stands (a failed ELB health check), and without one, why there is no log or that the lines are unknown.
    /// </summary>
    private static string? HintFrom(EcsStoppedTask task, TaskLogEvidence log)
    {
        if (log.Diagnoses.Count > 0)
        {
            var first = log.Diagnoses[0];
            return first.FixLine == null ? first.Cause : $"{first.Cause} Fix: {first.FixLine}";
        }

        if (log.NeverStarted)
        {
            return log.WhyNoLog;
        }

        return task.Hint ?? log.WhyNoLog ?? (log.Lines.Count > 0 ? $"No known failure in the last {log.Lines.Count} lines of its log; read them as they are (Log.Lines)." : null);
    }

    private Task<TaskDefinition> DefinitionAsync(string arn, CancellationToken cancellationToken)
    {
        if (!definitions.TryGetValue(arn, out var described))
        {
            described = TaskDefinitions.DescribeAsync(context, arn, cancellationToken);
            definitions[arn] = described;
        }

        return described;
    }

    /// <summary>The essential container whose exit explains the stop (<see cref="ContainerExits.ExplainingStop"/>), else the first one.</summary>
    private ContainerLogLocation EssentialContainer(EcsStoppedTask task, TaskDefinition definition)
    {
        var containers = ContainerLogLocation.Of(definition, context.Region);
        var essential = new HashSet<string>((definition.ContainerDefinitions ?? new List<ContainerDefinition>())
            .Where(c => c.Essential ?? true).Select(c => c.Name), StringComparer.Ordinal);
        var explaining = ContainerExits.ExplainingStop(task.Containers.Where(c => essential.Contains(c.Name)), c => c.ExitCode);
        return containers.FirstOrDefault(c => c.Container == explaining?.Name) ?? containers.First();
    }

    private static bool NeverStarted(EcsStoppedTask task) => task.StopCode == "TaskFailedToStart" || task.StartedAt == null;

}
