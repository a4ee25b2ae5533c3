using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Logs;

/// <summary>
/// Checks that every task of a service's PRIMARY deployment (the tasks a release runs; those of a deployment being
/// replaced are going away) has logged a line. Without a window each task is searched from its start, so a start-up
/// line of a task that has run for days still counts. Each check reads only what is new since the last one and
/// stops reading a task once its line is found, so waiting costs one FilterLogEvents call per probe.
/// </summary>
public sealed class ServiceLogChecker
{
    private readonly OpsContext context;
    private readonly ServiceReference service;
    private readonly LogLinePattern pattern;
    private readonly TimeSpan? since;
    private readonly TaskLogStreams sources;
    private readonly LogStreamCursor cursor;
    private readonly Dictionary<string, EcsTaskLogMatch> found = new Dictionary<string, EcsTaskLogMatch>(StringComparer.Ordinal);
    private readonly List<string> warnings = new List<string>();
    private DateTime? windowStart;
    private bool started;

    public ServiceLogChecker(OpsContext context, ServiceReference service, LogLinePattern pattern, TimeSpan? since, IReadOnlyCollection<string> containers)
    {
        this.context = context;
        this.service = service;
        this.pattern = pattern;
        this.since = since;
        sources = new TaskLogStreams(context, containers);
        cursor = new LogStreamCursor(context, pattern.ServerFilter);
    }

    public async Task<EcsServiceLogCheck> CheckAsync()
    {
        var polledAt = context.Clock.UtcNow;
        var snapshot = await new EcsServiceLocator(context).LocateOneAsync(service, ServiceParts.RunningTasks).ConfigureAwait(false);
        var primary = snapshot.PrimaryDeployment;
        var tasks = snapshot.RunningTasks.Where(t => primary == null || t.StartedBy == primary.Id).OrderBy(t => t.CreatedAt).ToList();
        await ReadTasksAsync(tasks, polledAt).ConfigureAwait(false);

        foreach (var (stream, logEvent) in await cursor.ReadNewAsync(polledAt, warnings).ConfigureAwait(false))
        {
            if (!found.ContainsKey(stream.TaskArn) && pattern.Matches(logEvent.Message ?? ""))
            {
                found[stream.TaskArn] = new EcsTaskLogMatch
                {
                    Found = true,
                    Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(logEvent.Timestamp ?? 0).UtcDateTime,
                    Message = (logEvent.Message ?? "").TrimEnd('\r', '\n'),
                    Container = stream.Container,
                    LogStream = stream.LogStream,
                };
                cursor.Remove(s => s.TaskArn == stream.TaskArn);
            }
        }

        return Result(snapshot, primary?.Id ?? "", tasks);
    }

    /// <summary>Checks until every task has logged the line; the timeout is a terminating error carrying the last check.</summary>
    public Task<EcsServiceLogCheck> WaitAsync(TimeSpan timeout) => Waiter.UntilAsync(context, new WaitSpec<EcsServiceLogCheck>
    {
        Activity = $"Log line in {service}",
        Timeout = timeout,
        CallsPerProbe = EcsLogReader.ServiceListingCalls + 1,
        Probe = _ => CheckAsync(),
        Done = check => check.Passed,
        Describe = check => $"{check.Tasks.Count(t => t.Found)}/{check.Tasks.Count} tasks logged it",
        TimedOut = (last, waited) => new OpsException(ErrorTable.EcsServiceLogTimeout,
            $"Not every task of {last.Cluster}/{last.ServiceName} logged '{pattern.Value}' within {waited}: {last.Detail}", last,
            $"See what they logged with 'Get-EcsServiceLog {last.Cluster} {last.ServiceName} -Region {context.Region}', and why tasks stop with " +
            $"'Get-EcsServiceHealth {last.ServiceName} -Cluster {last.Cluster} -Region {context.Region}'."),
    });

    /// <summary>New tasks' streams join; tasks gone from the deployment are no longer read.</summary>
    private async Task ReadTasksAsync(IReadOnlyList<EcsTask> tasks, DateTime polledAt)
    {
        var current = new HashSet<string>(tasks.Select(t => t.TaskArn), StringComparer.Ordinal);
        cursor.Remove(s => !current.Contains(s.TaskArn));
        if (!started)
        {
            windowStart = polledAt - since;
        }

        // The first read starts at the oldest task's start, in one call per log group.
        var firstFrom = windowStart ?? tasks.Min(t => t.CreatedAt) ?? polledAt;
        foreach (var stream in await sources.OfAsync(tasks.Where(t => !found.ContainsKey(t.TaskArn)), warnings).ConfigureAwait(false))
        {
            var created = stream.TaskCreatedAt ?? firstFrom;
            cursor.Add(stream, !started ? firstFrom : windowStart is { } start && start > created ? start : created);
        }

        started = true;
    }

    private EcsServiceLogCheck Result(ServiceSnapshot snapshot, string deploymentId, IReadOnlyList<EcsTask> tasks)
    {
        var matches = tasks.Select(task =>
        {
            var match = found.TryGetValue(task.TaskArn, out var hit) ? hit : new EcsTaskLogMatch();
            match.TaskArn = task.TaskArn;
            match.TaskId = EcsNames.TaskId(task.TaskArn);
            match.LastStatus = task.LastStatus ?? "";
            return match;
        }).ToList();
        var missing = matches.Where(m => !m.Found).ToList();
        var window = windowStart is { } start ? $"since {start:yyyy-MM-dd HH:mm:ss}Z" : "since they started";
        return context.Stamp(new EcsServiceLogCheck
        {
            Passed = matches.Count > 0 && missing.Count == 0,
            Pattern = pattern.Value,
            IsFilterPattern = pattern.IsFilterPattern,
            Cluster = snapshot.Cluster,
            ServiceName = snapshot.ServiceName,
            DeploymentId = deploymentId,
            Since = windowStart,
            Tasks = matches,
            Warnings = warnings.ToList(),
            Detail = matches.Count == 0
                ? $"No task of the PRIMARY deployment {deploymentId} is running or starting."
                : missing.Count == 0
                    ? $"All {matches.Count} task(s) of deployment {deploymentId} logged '{pattern.Value}'."
                    : $"{missing.Count} of {matches.Count} task(s) of deployment {deploymentId} have not logged '{pattern.Value}' {window}: " +
                      string.Join(", ", missing.Select(m => $"{m.TaskId} ({m.LastStatus})")) + ".",
        });
    }
}
