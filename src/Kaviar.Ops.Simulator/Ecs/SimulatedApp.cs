using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>
/// One container starting in one task, with its overrides applied (and, once it starts, its secrets in
/// <see cref="Environment"/>). <see cref="Task"/> and <see cref="Account"/> say where it runs: its subnet, groups and
/// address, and what it can reach from there; read them only under the account's lock, as the lifecycle calls apps.
/// </summary>
public sealed record ContainerLaunch(
    string TaskArn,
    string TaskId,
    string ContainerName,
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment,
    DateTime StartedAt,
    EcsTask Task,
    AccountState Account);

/// <summary>What a simulated HTTP GET answered.</summary>
public sealed record HttpAnswer(int StatusCode, string Body)
{
    /// <summary>The app holds no listening socket (still starting, or failed to bind): the connection is refused.</summary>
    public static readonly HttpAnswer NotListening = new(0, string.Empty);
}

/// <summary>What happens once a container starts: it keeps running, exits after a while, or never starts at all.</summary>
public sealed class ContainerStartOutcome
{
    private ContainerStartOutcome(IReadOnlyList<string> logLines, int? exitCode, TimeSpan exitAfter, string? failureReason,
        IReadOnlyList<string>? exitLogLines = null, string? exitReason = null)
    {
        LogLines = logLines;
        ExitCode = exitCode;
        ExitAfter = exitAfter;
        FailureReason = failureReason;
        ExitLogLines = exitLogLines ?? Array.Empty<string>();
        ExitReason = exitReason;
    }

    /// <summary>Lines the container writes to its log, in order, shortly after starting.</summary>
    public IReadOnlyList<string> LogLines { get; }

    /// <summary>Lines it writes as it exits: the error that ends it.</summary>
    public IReadOnlyList<string> ExitLogLines { get; }

    /// <summary>Set when the container exits on its own.</summary>
    public int? ExitCode { get; }

    public TimeSpan ExitAfter { get; }

    /// <summary>Set when the container never starts (the task's stoppedReason, e.g. "CannotPullContainerError: …").</summary>
    public string? FailureReason { get; }

    /// <summary>What ECS reports as the container's reason when it exits, e.g. "OutOfMemoryError: Container killed due to memory usage".</summary>
    public string? ExitReason { get; }

    public static ContainerStartOutcome KeepsRunning(params string[] logLines) => new(logLines, null, TimeSpan.Zero, null);

    public static ContainerStartOutcome Exits(int exitCode, TimeSpan after, params string[] logLines) =>
        new(logLines, exitCode, after, null);

    /// <summary>
    /// Starts writing <paramref name="linesAtStart"/>, and <paramref name="after"/> later writes <paramref name="linesAtExit"/> and
    /// exits (or is killed, with the <paramref name="exitReason"/> ECS puts on the container).
    /// </summary>
    public static ContainerStartOutcome Crashes(int exitCode, TimeSpan after, IReadOnlyList<string> linesAtStart, IReadOnlyList<string> linesAtExit,
        string? exitReason = null) =>
        new(linesAtStart, exitCode, after, null, linesAtExit, exitReason);

    public static ContainerStartOutcome FailsToStart(string stoppedReason) =>
        new(Array.Empty<string>(), null, TimeSpan.Zero, stoppedReason);
}

/// <summary>
/// The application inside a task definition's containers. The lifecycle asks it what happens when a
/// container starts and what it answers on a path; implement it to put real behaviour behind a task
/// (a real migration runner, a real HTTP server).
/// </summary>
public interface ISimulatedApp
{
    ContainerStartOutcome OnStart(ContainerLaunch launch);

    HttpAnswer AnswerGet(ContainerLaunch launch, string path);

    /// <summary>A request a load balancer forwards; an app that looks only at the path answers it as a GET of that path.</summary>
    HttpAnswer AnswerRequest(ContainerLaunch launch, TargetRequest request) => AnswerGet(launch, request.PathAndQuery);
}

/// <summary>What a load balancer forwards to a target: the client's request after the matched rule's transforms.</summary>
public sealed record TargetRequest(string Method, string Host, string PathAndQuery);

/// <summary>An app whose database schema its migration command brings up to date.</summary>
public interface IMigratingApp : ISimulatedApp
{
    /// <summary>
    /// Applies the pending migrations at <paramref name="runOn"/>, as the migration command does (scenarios use it to start
    /// migrated). Returns false when one fails; its error is the last line of <paramref name="log"/>.
    /// </summary>
    bool TryApplyPendingMigrations(DateTime runOn, out IReadOnlyList<string> log);
}

/// <summary>A scripted app: fixed answers per path, one start outcome, and optional outcomes per command override.</summary>
public sealed class SimulatedApp : ISimulatedApp
{
    private static readonly HttpAnswer NotFound = new(404, "{\"success\":false,\"error\":\"Not Found\"}");

    /// <summary>Answers by path; any other path answers 404.</summary>
    public Dictionary<string, HttpAnswer> Routes { get; } = new(StringComparer.Ordinal);

    /// <summary>What a plain start does (no command override, or one not listed in <see cref="CommandOutcomes"/>).</summary>
    public ContainerStartOutcome Start { get; init; } = ContainerStartOutcome.KeepsRunning();

    /// <summary>Outcomes keyed by the command override joined with spaces, e.g. "npm run migrate".</summary>
    public Dictionary<string, ContainerStartOutcome> CommandOutcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>The Kaviar backend when all is well: logs its start, answers /api/health with 200.</summary>
    public static SimulatedApp KaviarBackend(int port = 3001)
    {
        var app = new SimulatedApp
        {
            Start = ContainerStartOutcome.KeepsRunning(
                "> kaviar-backend@1.0.0 start",
                "> node dist/server.js",
                "Connected to PostgreSQL",
                $"Backend running on port {port}"),
        };
        app.Routes["/api/health"] = new HttpAnswer(200, "{\"success\":true,\"status\":\"ok\"}");
        app.Routes["/"] = new HttpAnswer(200, "{\"success\":true,\"service\":\"kaviar-backend\"}");
        return app;
    }

    /// <summary>The backend crashing on start because a migration was never applied.</summary>
    public static SimulatedApp KaviarBackendMissingMigration(string relation = "public.tax_provider") => new()
    {
        Start = ContainerStartOutcome.Exits(
            1,
            TimeSpan.FromSeconds(3),
            "> kaviar-backend@1.0.0 start",
            "> node dist/server.js",
            "Connected to PostgreSQL",
            $"error: relation \"{relation}\" does not exist",
            "    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:287:98)",
            "Backend failed to start; exiting with code 1"),
    };

    public ContainerStartOutcome OnStart(ContainerLaunch launch) =>
        launch.Command.Count > 0 && CommandOutcomes.TryGetValue(string.Join(' ', launch.Command), out var outcome)
            ? outcome
            : Start;

    public HttpAnswer AnswerGet(ContainerLaunch launch, string path) =>
        Routes.TryGetValue(path.Split('?').First(), out var answer) ? answer : NotFound;
}
