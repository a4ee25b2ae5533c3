using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Get-EcsServiceLog and Test-EcsServiceLog against seed 001 on simulated time: a poll's pause moves the account's
/// clock, so following a replacement task takes no real time, and every call the account answered is counted.
/// </summary>
public sealed class ServiceLogTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;
    private const string Group = Scenarios.Seed001LogGroup;
    private const string StartLine = "Backend running on port 3001";

    private static readonly string[] StartLines = { "> kaviar-backend@1.0.0 start", "> node dist/server.js", "Connected to PostgreSQL", StartLine };

    private readonly ManualClock clock = new ManualClock();
    private readonly List<TimeSpan> pauses = new List<TimeSpan>();
    private readonly SimulatedAccount account;
    private readonly ModuleSession session;

    /// <summary>Runs at each pause of a wait or a follow, after the clock moved: what happens in the account meanwhile.</summary>
    private Action<int>? duringPause;

    private readonly ITestOutputHelper? output;

    public ServiceLogTests(ITestOutputHelper output) : this(Scenarios.Seed001(Seed001Variant.Healthy)) => this.output = output;

    private ServiceLogTests(AccountScenario scenario)
    {
        account = SimulatedAccount.Start(scenario, clock);
        session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
        session.UseClock(clock, pause =>
        {
            pauses.Add(pause);
            duringPause?.Invoke(pauses.Count);
        });
    }

    public void Dispose()
    {
        session.UseRealTime();
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void Reads_the_lines_of_the_last_minutes_oldest_first_with_their_task_and_stream()
    {
        var task = RunningTaskId();
        var stream = $"ecs/kaviar-backend/{task}";
        account.Use(state => state.Logs.Write(Group, stream, new[]
        {
            (clock.UtcNow.AddMinutes(-7), "GET /api/health 200"), (clock.UtcNow.AddMinutes(-2), "GET /api/orders 500"), (clock.UtcNow.AddSeconds(-5), "GET /api/health 200"),
        }));

        var recent = session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Since 5m", Cluster, Service);
        var byTimeSpan = session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Since '00:05:00'", Cluster, Service);
        var all = session.Invoke("Get-EcsServiceLog -Cluster $args[0] -Service $args[1] -Since 1h", Cluster, Service);

        Assert.Empty(recent.Errors);
        Assert.Empty(recent.Warnings);
        Assert.Equal(new[] { "GET /api/orders 500", "GET /api/health 200" }, Messages(recent));
        Assert.Equal(Messages(recent), Messages(byTimeSpan));
        Assert.Equal(StartLines.Concat(new[] { "GET /api/health 200", "GET /api/orders 500", "GET /api/health 200" }), Messages(all));
        var line = recent.Output[0];
        Assert.Equal("Kaviar.Ops.Logs.EcsLogLine", line.BaseObject.GetType().FullName);
        Assert.Equal((task, "kaviar-backend", Group, stream), (Text(line, "TaskId"), Text(line, "Container"), Text(line, "LogGroup"), Text(line, "LogStream")));
        Assert.Equal(("us-east-2", Cluster, Service), (Text(line, "Region"), Text(line, "Cluster"), Text(line, "ServiceName")));
        var timestamp = (DateTime)line.Properties["Timestamp"].Value;
        Assert.Equal(DateTimeKind.Utc, timestamp.Kind);
        Assert.Equal(clock.UtcNow.AddMinutes(-2), timestamp);
        var rendered = session.Render("Get-EcsServiceLog $args[0] $args[1] -Since 5m", Cluster, Service);
        Assert.Contains("Time (UTC)", rendered);
        Assert.Contains($"{timestamp:yyyy-MM-dd HH:mm:ss.fff} {task.Substring(0, 8)} GET /api/orders 500", rendered);
    }

    [Fact]
    public void The_default_window_is_ten_minutes_and_a_bare_number_is_refused()
    {
        account.Use(state => state.Logs.Write(Group, $"ecs/kaviar-backend/{RunningTaskId()}", new[] { (clock.UtcNow.AddMinutes(-9), "nine minutes ago") }));

        Assert.Equal(new[] { "nine minutes ago" }, Messages(session.Invoke("Get-EcsServiceLog $args[0] $args[1]", Cluster, Service)));
        var error = session.CatchTerminatingError("Get-EcsServiceLog $args[0] $args[1] -Since 5", Cluster, Service);
        Assert.Equal("ParameterArgumentTransformationError,Kaviar.Ops.Cmdlets.GetEcsServiceLogCommand", error!.FullyQualifiedErrorId);
        Assert.Contains("give one, as in 30s, 5m", error.Exception.Message);
    }

    [Fact]
    public void Filter_is_a_CloudWatch_filter_pattern()
    {
        Assert.Equal(new[] { StartLine }, Messages(session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Since 1h -Filter '\"Backend running\"'", Cluster, Service)));
        Assert.Equal(new[] { "Connected to PostgreSQL", StartLine },
            Messages(session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Since 1h -Filter '?PostgreSQL ?Backend'", Cluster, Service)));
        Assert.Equal(new[] { "> kaviar-backend@1.0.0 start", "> node dist/server.js" },
            Messages(session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Since 1h -FilterPattern '-PostgreSQL -Backend'", Cluster, Service)));
    }

    [Fact]
    public void A_crash_loops_stopped_tasks_are_read_and_so_are_piped_tasks()
    {
        using var broken = new ServiceLogTests(Scenarios.Seed001());

        var lines = broken.session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Since 20m", Cluster, Service).Output;
        var piped = broken.session.Invoke("@((Get-EcsServiceHealth $args[1] -Cluster $args[0]).StoppedTasks)[0..1] | Get-EcsServiceLog", Cluster, Service);

        // Four tasks ran and were stopped for failing health checks; the fifth is still PENDING and has written nothing.
        Assert.Equal(16, lines.Count);
        Assert.Equal(4, lines.Select(l => Text(l, "TaskId")).Distinct().Count());
        Assert.Equal(lines.Select(l => (DateTime)l.Properties["Timestamp"].Value).OrderBy(t => t), lines.Select(l => (DateTime)l.Properties["Timestamp"].Value));
        Assert.Empty(piped.Errors);
        Assert.Equal(8, piped.Output.Count);
        Assert.Equal(2, piped.Output.Select(l => Text(l, "TaskId")).Distinct().Count());
    }

    [Fact]
    public void Following_reads_a_replacement_tasks_lines_within_one_poll_in_bounded_calls()
    {
        var first = RunningTaskArn();
        // The second pause: the task is stopped, and the scheduler starts another that logs its start 30 s later.
        duringPause = count =>
        {
            if (count == 2)
            {
                Assert.Equal(0, AwsCli.Run(account.Endpoint, account.Region, "ecs", "stop-task", "--cluster", Cluster, "--task", first).ExitCode);
            }
        };
        account.Calls.Clear();

        var result = session.Invoke(
            "$now = $args[2]; Get-EcsServiceLog $args[0] $args[1] -Since 1h -Follow -Timeout 120 | ForEach-Object { [pscustomobject]@{ Line = $_; SeenAt = $now.Invoke() } }",
            Cluster, Service, new Func<DateTime>(() => clock.UtcNow));

        Assert.Empty(result.Errors);
        var seen = result.Output.Select(o => (Line: (PSObject)o.Properties["Line"].Value, SeenAt: (DateTime)o.Properties["SeenAt"].Value)).ToList();
        Assert.Equal(StartLines, seen.Take(4).Select(s => Text(s.Line, "Message")));
        Assert.All(seen.Take(4), s => Assert.Equal(first.Split('/').Last(), Text(s.Line, "TaskId")));
        var replacement = seen.Skip(4).ToList();
        Assert.Equal(StartLines, replacement.Select(s => Text(s.Line, "Message")));
        Assert.Single(replacement.Select(s => Text(s.Line, "TaskId")).Distinct());
        Assert.NotEqual(first.Split('/').Last(), Text(replacement[0].Line, "TaskId"));
        // Seen by the first poll after it was written (the simulated container stamps its lines a few ms ahead).
        Assert.All(replacement, s => Assert.InRange(s.SeenAt - (DateTime)s.Line.Properties["Timestamp"].Value, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(2)));

        var polls = pauses.Count + 1;
        Assert.All(pauses.Take(pauses.Count - 1), pause => Assert.Equal(TimeSpan.FromSeconds(2), pause));
        var calls = account.Calls.Snapshot().Where(c => !c.IsMutating).ToList();
        Assert.All(calls, c => Assert.Equal(200, c.StatusCode));
        Assert.Equal(polls, calls.Count(c => c.Action == "FilterLogEvents"));
        // The first poll lists running and stopped tasks; every third lists the running ones again; one revision is read once.
        Assert.Equal(1, calls.Count(c => c.Action == "DescribeTaskDefinition"));
        Assert.Equal(1 + (polls - 1) / 3, calls.Count(c => c.Action == "DescribeServices"));
        Assert.InRange(calls.Count, polls, 2 * polls + 4);
        output!.WriteLine($"{polls} polls: {calls.Count(c => c.Action == "FilterLogEvents")} FilterLogEvents, " +
            $"{calls.Count(c => c.Action != "FilterLogEvents")} ECS calls ({string.Join(", ", calls.Where(c => c.Action != "FilterLogEvents").GroupBy(c => c.Action).Select(g => $"{g.Key} {g.Count()}"))})");
    }

    [Fact]
    public void Ctrl_C_stops_following_before_the_next_poll()
    {
        using var live = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy));
        using var realTime = new ModuleSession();
        realTime.UseAccount(live.Endpoint, live.Region);
        var watch = Stopwatch.StartNew();

        realTime.InvokeAndStop(TimeSpan.FromSeconds(4.5), "Get-EcsServiceLog $args[0] $args[1] -Follow", Cluster, Service);

        // Pressed while it waits for the poll due at 6 s (polls every 2 s): it was still following, and stopped
        // before that poll, with room left for a busy CI machine.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(5.9));
        Assert.InRange(live.Calls.Snapshot().Count(c => c.Action == "FilterLogEvents"), 2, 3);
    }

    [Fact]
    public void The_seed_001_start_line_check_passes_on_a_healthy_service()
    {
        var result = session.Invoke("Test-EcsServiceLog $args[0] $args[1] $args[2]", Cluster, Service, StartLine);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var check = Assert.Single(result.Output);
        Assert.Equal("Kaviar.Ops.Logs.EcsServiceLogCheck", check.BaseObject.GetType().FullName);
        Assert.True((bool)check.Properties["Passed"].Value);
        Assert.Equal((StartLine, Cluster, Service, "us-east-2"), (Text(check, "Pattern"), Text(check, "Cluster"), Text(check, "ServiceName"), Text(check, "Region")));
        Assert.StartsWith("ecs-svc/", Text(check, "DeploymentId"));
        Assert.Null(check.Properties["Since"].Value);
        var task = Assert.Single(Tasks(check));
        Assert.True((bool)task.Properties["Found"].Value);
        Assert.Equal((RunningTaskId(), StartLine, "kaviar-backend", "RUNNING"), (Text(task, "TaskId"), Text(task, "Message"), Text(task, "Container"), Text(task, "LastStatus")));
        var rendered = session.Render("Test-EcsServiceLog $args[0] $args[1] $args[2]", Cluster, Service, StartLine);
        Assert.Matches(@"kaviar-cluster/kaviar-backend-service\s+True\s+1/1\s+All 1 task\(s\) of deployment ecs-svc/", rendered);
        // Its start is older than the window: within the last 10 minutes, the task has not logged it.
        Assert.False((bool)session.Invoke("Test-EcsServiceLog $args[0] $args[1] -FilterPattern $args[2] -Since 10m", Cluster, Service, "\"Backend running\"")
            .Output.Single().Properties["Passed"].Value);
    }

    [Fact]
    public void A_task_without_the_line_fails_the_check_by_name_and_Wait_times_out_with_the_last_check()
    {
        var healthy = RunningTaskId();
        // Up for the load balancer, but it never says so in its log.
        account.Use(state => state.Ecs.SetApp(Scenarios.Seed001Family, new SimulatedApp
        {
            Start = ContainerStartOutcome.KeepsRunning("> kaviar-backend@1.0.0 start", "Waiting for PostgreSQL..."),
            Routes = { ["/api/health"] = new HttpAnswer(200, "{}") },
        }));
        Assert.Equal(0, AwsCli.Run(account.Endpoint, account.Region, "ecs", "update-service", "--cluster", Cluster, "--service", Service, "--desired-count", "2").ExitCode);
        clock.Advance(TimeSpan.FromMinutes(1));
        var silent = account.Read(state => state.Ecs.Tasks.Where(t => t.Service?.Name == Service && t.DesiredStatus == "RUNNING").OrderBy(t => t.CreatedAt).Last().Id);

        var result = session.Invoke("Test-EcsServiceLog $args[0] $args[1] -Pattern $args[2]", Cluster, Service, StartLine);
        var error = session.CatchTerminatingError("Test-EcsServiceLog $args[0] $args[1] -Pattern $args[2] -Wait -Timeout 30", Cluster, Service, StartLine);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var check = Assert.Single(result.Output);
        Assert.False((bool)check.Properties["Passed"].Value);
        Assert.Equal(new[] { (healthy, true), (silent, false) }, Tasks(check).Select(t => (Text(t, "TaskId"), (bool)t.Properties["Found"].Value)));
        Assert.Contains($"1 of 2 task(s) of deployment ecs-svc/", Text(check, "Detail"));
        Assert.Contains($"{silent} (RUNNING)", Text(check, "Detail"));

        Assert.Equal("EcsServiceLogTimeout,Kaviar.Ops.Cmdlets.TestEcsServiceLogCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains(silent, error.Exception.Message);
        Assert.False((bool)PSObject.AsPSObject(error.TargetObject).Properties["Passed"].Value);
        Assert.All(pauses, pause => Assert.True(pause <= TimeSpan.FromSeconds(2), $"paused {pause}"));
    }

    [Fact]
    public void Wait_returns_once_the_new_deployments_task_has_logged_the_line()
    {
        var old = RunningTaskId();
        Assert.Null(session.Invoke("Start-EcsDeployment $args[0] $args[1] -ForceNewDeployment -Confirm:$false", Cluster, Service).Terminating);

        var result = session.Invoke("Test-EcsServiceLog $args[0] $args[1] $args[2] -Wait -Timeout 120", Cluster, Service, StartLine);

        Assert.Empty(result.Errors);
        var check = Assert.Single(result.Output);
        Assert.True((bool)check.Properties["Passed"].Value);
        var task = Assert.Single(Tasks(check));
        Assert.NotEqual(old, Text(task, "TaskId"));
        Assert.True(clock.UtcNow - (DateTime)task.Properties["Timestamp"].Value <= TimeSpan.FromSeconds(2), "returned more than one poll after the line");
        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
    }

    [Fact]
    public void A_container_that_logs_nowhere_is_a_warning_and_the_others_are_read()
    {
        account.Use(state =>
        {
            var backend = state.Ecs.TaskDefinitions.Single(d => d.FamilyRevision == "kaviar-backend:2");
            state.Ecs.RegisterTaskDefinition(backend.Family, backend.Containers.Append(new ContainerDefinition { Name = "metrics", Image = "otel/collector", Essential = false }).ToList(),
                backend.Cpu, backend.Memory, backend.ExecutionRoleArn, backend.TaskRoleArn);
        });
        Assert.Null(session.Invoke("Start-EcsDeployment $args[0] $args[1] kaviar-backend:3 -Wait -Force", Cluster, Service).Terminating);

        var result = session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Since 1h", Cluster, Service);
        var missing = session.Invoke("Get-EcsServiceLog $args[0] $args[1] -Container web", Cluster, Service);

        Assert.Empty(result.Errors);
        Assert.Equal("kaviar-backend:3: Container metrics has no logConfiguration: what it writes is not kept.", Assert.Single(result.Warnings));
        var running = RunningTaskId();
        Assert.Equal(StartLines, result.Output.Where(l => Text(l, "TaskId") == running).Select(l => Text(l, "Message")));
        Assert.All(result.Output, l => Assert.Equal("kaviar-backend", Text(l, "Container")));
        Assert.Equal("EcsContainerNotFound,Kaviar.Ops.Cmdlets.GetEcsServiceLogCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
        Assert.Contains("its containers are: kaviar-backend, metrics", missing.Errors[0].Exception.Message);
    }

    [Fact]
    public void A_service_with_no_task_in_the_window_says_so_instead_of_printing_nothing()
    {
        Assert.Equal(0, AwsCli.Run(account.Endpoint, account.Region, "ecs", "update-service", "--cluster", Cluster, "--service", Service, "--desired-count", "0").ExitCode);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(account.Read(state => state.Ecs.Tasks.Where(t => t.Service?.Name == Service && t.LastStatus != "STOPPED").ToList()));
        clock.Advance(TimeSpan.FromMinutes(15));

        var result = session.Invoke("Get-EcsServiceLog $args[0] $args[1]", Cluster, Service);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith($"Service {Service} has no task running or stopped since ", warning);
        Assert.EndsWith($"so there is no log to read. Get-EcsServiceHealth -Cluster {Cluster} -ServiceName {Service} -Region {account.Region} says why.", warning);
    }

    private string RunningTaskArn() => account.Read(state => state.Ecs.Tasks.Single(t => t.Service?.Name == Service && t.DesiredStatus == "RUNNING").Arn);

    private string RunningTaskId() => RunningTaskArn().Split('/').Last();

    private static IReadOnlyList<PSObject> Tasks(PSObject check) => ((IEnumerable)check.Properties["Tasks"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();

    private static IReadOnlyList<string> Messages(SessionResult result)
    {
        Assert.Null(result.Terminating);
        return result.Output.Select(o => Text(o, "Message")).ToList();
    }

    private static string Text(PSObject item, string property) => (string)item.Properties[property].Value;
}
