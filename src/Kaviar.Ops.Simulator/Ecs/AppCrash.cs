using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>The runtime an app is written for, which decides how it words a failure.</summary>
public enum AppRuntime
{
    /// <summary>Node.js 20 with node-postgres, logging with pino.</summary>
    Node,

    /// <summary>Go with pgx v5 and the standard log package.</summary>
    Go,

    /// <summary>Python 3.12 under uvicorn, with SQLAlchemy over psycopg2.</summary>
    Python,

    /// <summary>Java 21, Spring Boot with HikariCP and the PostgreSQL JDBC driver.</summary>
    Java,

    /// <summary>.NET 8 (ASP.NET Core) with Npgsql.</summary>
    DotNet,
}

/// <summary>Why an app's container stops on its own soon after it starts.</summary>
public enum AppCrashKind
{
    /// <summary>The database's TLS certificate chains to a CA the app does not trust (Node SELF_SIGNED_CERT_IN_CHAIN, Go x509).</summary>
    DatabaseTlsUntrusted,

    /// <summary>The database requires TLS and the app connects without it: no pg_hba.conf entry … no encryption.</summary>
    DatabaseTlsRequired,

    /// <summary>A migration never ran: relation "…" does not exist.</summary>
    MissingRelation,

    /// <summary>A migration never ran: column … does not exist.</summary>
    MissingColumn,

    /// <summary>Nothing listens on the database port the app connects to (ECONNREFUSED).</summary>
    DatabaseConnectionRefused,

    /// <summary>Security groups or network ACLs drop the connection to the database (ETIMEDOUT, i/o timeout).</summary>
    DatabaseConnectionTimedOut,

    /// <summary>password authentication failed for user "…".</summary>
    PasswordAuthenticationFailed,

    /// <summary>database "…" does not exist.</summary>
    DatabaseDoesNotExist,

    /// <summary>The database host name does not resolve (getaddrinfo ENOTFOUND).</summary>
    DnsLookupFailed,

    /// <summary>A dependency missing from the image: Cannot find module, ModuleNotFoundError, ClassNotFoundException.</summary>
    MissingModule,

    /// <summary>An image built for another CPU architecture: exec … exec format error, exit code 255.</summary>
    ExecFormatError,

    /// <summary>The runtime's own heap limit: JavaScript heap out of memory (exit code 134), java.lang.OutOfMemoryError.</summary>
    HeapOutOfMemory,

    /// <summary>The container passes its memory limit and is killed: exit code 137, reason OutOfMemoryError.</summary>
    OutOfMemoryKilled,

    /// <summary>Another process holds the port: EADDRINUSE.</summary>
    PortInUse,

    /// <summary>A non-root process binds a port below 1024: EACCES.</summary>
    PermissionDenied,

    /// <summary>A required environment variable is not set.</summary>
    MissingEnvironmentVariable,
}

/// <summary>
/// What a crash names besides its kind. The database's host, port, user and name come from the container's
/// DATABASE_URL when it has one (as the app reads them); these are the fallbacks.
/// </summary>
public sealed record AppCrashDetails
{
    /// <summary>The package or service name in start-up banners.</summary>
    public string App { get; init; } = "app";

    public string DatabaseHost { get; init; } = "db.internal";

    /// <summary>The address the host resolved to, as connect errors print it.</summary>
    public string DatabaseAddress { get; init; } = "10.0.5.20";

    public int DatabasePort { get; init; } = 5432;

    public string DatabaseUser { get; init; } = "app";

    public string DatabaseName { get; init; } = "app";

    public string Relation { get; init; } = "public.tax_provider";

    /// <summary>As Postgres names a qualified column it cannot find: "users.stripe_customer_id".</summary>
    public string Column { get; init; } = "users.stripe_customer_id";

    /// <summary>The missing module, package, main class or assembly; null for the runtime's usual one.</summary>
    public string? Module { get; init; }

    public string Variable { get; init; } = "DATABASE_URL";

    /// <summary>The port the app listens on; null for the container's PORT variable, else the runtime's default.</summary>
    public int? ListenPort { get; init; }
}

/// <summary>
/// One crash from the catalogue (<c>AppCrashCatalogue.json</c>): the lines a real app of <see cref="Runtime"/> writes
/// when it fails with <see cref="Kind"/> (as it starts, and as it exits), its exit code and how long after starting it
/// exits, and the reason ECS puts on the container when ECS itself stopped it (an OOM kill).
/// </summary>
public sealed record AppCrash(
    AppCrashKind Kind,
    AppRuntime Runtime,
    IReadOnlyList<string> LinesAtStart,
    IReadOnlyList<string> LinesAtExit,
    int ExitCode,
    TimeSpan ExitAfter,
    string? ContainerReason)
{
    private static readonly Lazy<JsonObject> Catalogue = new(LoadCatalogue);

    private static readonly JsonSerializerOptions PinoJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The crash as <paramref name="launch"/>'s container writes it: its address, host name and start time in the lines,
    /// the database its DATABASE_URL names (resolved in the account) over <paramref name="details"/>.
    /// </summary>
    public static AppCrash Of(AppCrashKind kind, AppRuntime runtime, ContainerLaunch launch, AppCrashDetails? details = null)
    {
        details ??= new AppCrashDetails();
        var runtimeDefaults = Catalogue.Value["runtimes"]![runtime.ToString()]!.AsObject();
        var entry = Catalogue.Value["crashes"]![kind.ToString()]![runtime.ToString()]!.AsObject();
        var database = DatabaseTarget.FromEnvironment(launch);
        var clientAddress = launch.Task.Attachment.PrivateIpv4Address!;
        var values = new Dictionary<string, string>
        {
            ["app"] = details.App,
            ["host"] = database?.Host ?? details.DatabaseHost,
            ["address"] = database is null ? details.DatabaseAddress : database.Address ?? database.Host,
            ["port"] = Text(database?.Port ?? details.DatabasePort),
            ["user"] = database?.User ?? details.DatabaseUser,
            ["database"] = database?.Database ?? details.DatabaseName,
            ["relation"] = details.Relation,
            ["column"] = details.Column,
            ["module"] = details.Module ?? (string)runtimeDefaults["module"]!,
            ["variable"] = details.Variable,
            ["listenPort"] = Text(details.ListenPort ?? ListenPortOf(launch) ?? (int)runtimeDefaults["listenPort"]!),
            ["clientAddress"] = clientAddress,
            ["resolver"] = DatabaseTarget.ResolverOf(launch),
        };
        var hostname = $"ip-{clientAddress.Replace('.', '-')}.{launch.Account.Region}.compute.internal";
        var exitAfter = TimeSpan.FromSeconds((int)entry["exitAfterSeconds"]!);

        var banner = entry["banner"]?.GetValue<bool>() == false ? new JsonArray() : runtimeDefaults["banner"]!.AsArray();
        var lines = entry["lines"]!.AsArray();
        var startLines = (int?)entry["startLines"] ?? 0;
        return new AppCrash(kind, runtime,
            Render(banner.Concat(lines.Take(startLines)), values, launch.StartedAt, hostname),
            Render(lines.Skip(startLines), values, launch.StartedAt + exitAfter, hostname),
            (int)entry["exitCode"]!, exitAfter, (string?)entry["containerReason"]);
    }

    /// <summary>How the container ends: it starts, writes its lines, and exits (or is killed) after <see cref="ExitAfter"/>.</summary>
    public ContainerStartOutcome ToOutcome() => ContainerStartOutcome.Crashes(ExitCode, ExitAfter, LinesAtStart, LinesAtExit, ContainerReason);

    /// <summary>The lines as written at <paramref name="at"/>, which their timestamps show.</summary>
    private static IReadOnlyList<string> Render(IEnumerable<JsonNode?> lines, IReadOnlyDictionary<string, string> values, DateTime at, string hostname)
    {
        var timed = new Dictionary<string, string>(values)
        {
            ["isoTime"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["goTime"] = at.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
        return lines
            .Select(line => line is JsonObject structured && structured["pino"] is JsonObject pino
                ? PinoLine(pino, timed, at, hostname)
                : Fill(line!.GetValue<string>(), timed))
            .ToList();
    }

    /// <summary>pino's layout: level, time (epoch milliseconds), pid, hostname, the logged fields, msg last.</summary>
    private static string PinoLine(JsonObject fields, IReadOnlyDictionary<string, string> values, DateTime at, string hostname)
    {
        var line = new JsonObject
        {
            ["level"] = fields["level"]!.DeepClone(),
            ["time"] = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
            ["pid"] = 1,
            ["hostname"] = hostname,
        };
        foreach (var (name, value) in fields.Where(f => f.Key is not ("level" or "msg")).Append(fields.Single(f => f.Key == "msg")))
        {
            line[name] = FillNode(value, values);
        }

        return line.ToJsonString(PinoJson);
    }

    private static JsonNode? FillNode(JsonNode? node, IReadOnlyDictionary<string, string> values) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, FillNode(p.Value, values)))),
        JsonValue value when value.TryGetValue<string>(out var text) => Fill(text, values),
        _ => node?.DeepClone(),
    };

    private static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(text, (filled, value) => filled.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));

    private static int? ListenPortOf(ContainerLaunch launch) =>
        launch.Environment.TryGetValue("PORT", out var port) && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static JsonObject LoadCatalogue()
    {
        using var stream = typeof(AppCrash).Assembly.GetManifestResourceStream("Kaviar.Ops.Simulator.Ecs.AppCrashCatalogue.json")
            ?? throw new InvalidOperationException("The crash catalogue is not embedded in the simulator assembly.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}

/// <summary>
/// An app that crashes the same way on every start: <see cref="AppCrash.Of"/> for its kind and runtime. Until it dies
/// it serves every path (when the crash comes after it started listening) or refuses connections (when it never got
/// that far).
/// </summary>
public sealed class CrashingApp : ISimulatedApp
{
    private readonly AppCrashDetails? _details;

    public CrashingApp(AppCrashKind kind, AppRuntime runtime = AppRuntime.Node, AppCrashDetails? details = null)
    {
        Kind = kind;
        Runtime = runtime;
        _details = details;
    }

    public AppCrashKind Kind { get; }

    public AppRuntime Runtime { get; }

    /// <summary>Whether the crash names facts of its own (host, variable…) rather than the catalogue's.</summary>
    internal bool HasDetails => _details is not null;

    public ContainerStartOutcome OnStart(ContainerLaunch launch) => AppCrash.Of(Kind, Runtime, launch, _details).ToOutcome();

    public HttpAnswer AnswerGet(ContainerLaunch launch, string path) =>
        Kind is AppCrashKind.HeapOutOfMemory or AppCrashKind.OutOfMemoryKilled ? new HttpAnswer(200, "{\"status\":\"ok\"}") : HttpAnswer.NotListening;
}
