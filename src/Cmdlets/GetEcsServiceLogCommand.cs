using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Logs;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Reads the container logs of a service's tasks (or of named tasks) from CloudWatch Logs, one object per line, as
/// `aws logs tail /ecs/kaviar-backend --since 10m --follow` does, with the streams found from the task definitions
/// the tasks run. -Follow keeps reading, and picks up the tasks that replace the service's tasks, until Ctrl+C.
/// </summary>
[Cmdlet(VerbsCommon.Get, "EcsServiceLog", DefaultParameterSetName = ByService)]
[OutputType(typeof(EcsLogLine))]
public sealed class GetEcsServiceLogCommand : EcsServiceOrTaskCmdlet
{
    private readonly List<(OpsContext Context, string Cluster, string TaskArn)> namedTasks = new List<(OpsContext, string, string)>();

    /// <summary>How far back to read: 5m, 1h, '00:05:00' or a TimeSpan. By default a service's last 10 minutes, or named tasks' whole life.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? Since { get; set; }

    /// <summary>A CloudWatch Logs filter pattern (ERROR, "exact phrase", ?ERROR ?WARN, -DEBUG, { $.level = "error" }).</summary>
    [Parameter]
    [Alias("FilterPattern")]
    [ValidateNotNullOrEmpty]
    public string? Filter { get; set; }

    /// <summary>The containers to read; by default every container whose logs CloudWatch keeps, essential ones first.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Container { get; set; } = new string[0];

    /// <summary>Keep reading new lines, and the tasks that replace the service's tasks, until Ctrl+C (or -Timeout).</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>With -Follow, stop following after this many seconds.</summary>
    [Parameter]
    [ValidateRange(1, 604800)]
    public int Timeout { get; set; }

    protected override void Process()
    {
        var input = ParameterSetName == ByService ? Service : TaskArn;
        try
        {
            if (ParameterSetName == ByService)
            {
                var service = EcsNames.Service(Service, Cluster, "-Service");
                Read(ContextFor(service), new EcsLogRequest { Service = service });
                return;
            }

            // Named tasks are collected and read together: one FilterLogEvents call covers 100 streams.
            var cluster = EcsNames.Cluster(Cluster);
            var task = ResourceReference.Parse(ResourceKind.EcsTask, TaskArn, "-TaskArn");
            namedTasks.Add((ContextFor(cluster, task), cluster.Name, task.Identifier));
        }
        catch (OpsException ex) when (ex is not Aws.AwsConnectionException)
        {
            // A missing service, or a container it does not have, fails that service; piped ones go on.
            WriteFailure(ex, input);
        }
    }

    protected override void End()
    {
        foreach (var group in namedTasks.GroupBy(t => (t.Context, t.Cluster)))
        {
            var request = new EcsLogRequest { Cluster = group.Key.Cluster, TaskArns = group.Select(t => t.TaskArn).Distinct().ToList() };
            try
            {
                Read(group.Key.Context, request);
            }
            catch (OpsException ex)
            {
                WriteFailure(ex, request.TaskArns);
            }
        }
    }

    /// <summary>Writes each poll's lines as they come, on the pipeline thread.</summary>
    private void Read(OpsContext context, EcsLogRequest request)
    {
        request.Since = Since;
        request.FilterPattern = Filter;
        request.Containers = Container;
        request.Follow = Follow;
        request.Timeout = Timeout > 0 ? TimeSpan.FromSeconds(Timeout) : null;
        var reader = new EcsLogReader(context, request);
        EcsLogPoll poll;
        do
        {
            poll = Await(reader.NextAsync());
            foreach (var failure in poll.Failures)
            {
                WriteFailure(failure, failure.Target);
            }

            foreach (var warning in poll.Warnings)
            {
                WriteWarning(warning);
            }

            foreach (var note in poll.Notes)
            {
                WriteVerbose(note);
            }

            WriteObject(poll.Lines, true);
        }
        while (!poll.Finished);
    }
}
