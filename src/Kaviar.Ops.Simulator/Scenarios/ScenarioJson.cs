using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// A scenario written as JSON, for rehearsals without C#: a catalog scenario, optionally with another
/// history, id seed, and scripted apps per task definition. For example:
/// <code>
/// { "catalog": "seed001", "variant": "Healthy", "historySeconds": 0,
///   "apps": { "kaviar-backend:2": {
///     "routes": { "/api/health": { "status": 503, "body": "{\"success\":false}" } },
///     "start": { "logLines": ["Backend running on port 3001"] },
///     "commands": { "npm run migrate": { "exitCode": 0, "exitAfterSeconds": 5, "logLines": ["Migrations complete"] } } } } }
/// </code>
/// "seed000" needs a "database" (its Medusa backend is Postgres-backed); "seed002" takes one optionally. A database is
/// named as an RDS secret names it, plus the CA bundle that verifies it:
/// <c>{ "host": "127.0.0.1", "port": 5432, "dbname": "faxi", "username": "faxi", "password": "…", "caBundlePath": "ca.pem" }</c>.
/// "seed001-crashing" takes an <see cref="AppCrashKind"/> as its variant and an optional "runtime" (<see cref="AppRuntime"/>);
/// "seed001-failing-to-start" a <see cref="Seed001StartFailure"/>.
/// A start is one of: log lines only (keeps running), an exitCode (exits after exitAfterSeconds), or failsToStart (a stoppedReason).
/// An app may instead be a catalogue crash: <c>{ "crash": "OutOfMemoryKilled", "runtime": "Go" }</c>.
/// </summary>
public static class ScenarioJson
{
    public static AccountScenario Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = new JsonArgs(document.RootElement);
        var catalog = root.RequiredString("catalog");
        var scenario = catalog switch
        {
            "seed000" => Scenarios.Seed000(ParseDatabase(root.Object("database"))),
            "seed001" => Scenarios.Seed001(Enum.Parse<Seed001Variant>(root.String("variant") ?? nameof(Seed001Variant.WrongSecurityGroup))),
            "seed001-crashing-revision" => Scenarios.Seed001WithCrashingRevision(Enum.Parse<Seed001Crash>(root.String("variant") ?? nameof(Seed001Crash.Registered))),
            "seed001-crashing" => Scenarios.Seed001Crashing(Enum.Parse<AppCrashKind>(root.RequiredString("variant")), Runtime(root)),
            "seed001-failing-to-start" => Scenarios.Seed001FailingToStart(Enum.Parse<Seed001StartFailure>(root.RequiredString("variant"))),
            "seed002" => Scenarios.Seed002(Enum.Parse<Seed002Variant>(root.String("variant") ?? nameof(Seed002Variant.MigrationsNeverRan)),
                root.Element("database") is null ? null : ParseDatabase(root.Object("database"))),
            "seed004" => Scenarios.Seed004(Enum.Parse<Seed004Variant>(root.String("variant") ?? nameof(Seed004Variant.Healthy))),
            _ => throw new ArgumentException($"Unknown catalog scenario '{catalog}'; known: seed000, seed001, seed001-crashing-revision, "
                + "seed001-crashing, seed001-failing-to-start, seed002, seed004.", nameof(json)),
        };

        if (root.Int("historySeconds") is { } historySeconds)
        {
            scenario = scenario.WithHistory(TimeSpan.FromSeconds(historySeconds));
        }

        if (root.Int("idSeed") is { } idSeed)
        {
            scenario = scenario.WithIdSeed(idSeed);
        }

        if (root.Element("apps") is { } apps)
        {
            var parsed = apps.EnumerateObject().Select(app => (Key: app.Name, App: ParseApp(new JsonArgs(app.Value)))).ToList();
            scenario = scenario.With(state => parsed.ForEach(app => state.Ecs.SetApp(app.Key, app.App)));
        }

        return scenario;
    }

    private static ISimulatedApp ParseApp(JsonArgs json)
    {
        if (json.String("crash") is { } crash)
        {
            return new CrashingApp(Enum.Parse<AppCrashKind>(crash), Runtime(json));
        }

        var app = new SimulatedApp { Start = json.Element("start") is null ? ContainerStartOutcome.KeepsRunning() : ParseStart(json.Object("start")) };
        foreach (var route in Members(json, "routes"))
        {
            var answer = new JsonArgs(route.Value);
            app.Routes[route.Name] = new HttpAnswer(answer.Int("status") ?? 200, answer.String("body") ?? string.Empty);
        }

        foreach (var command in Members(json, "commands"))
        {
            app.CommandOutcomes[command.Name] = ParseStart(new JsonArgs(command.Value));
        }

        return app;
    }

    private static ScenarioDatabase ParseDatabase(JsonArgs database) => new(
        database.RequiredString("host"), database.Int("port") ?? 5432, database.RequiredString("dbname"),
        database.RequiredString("username"), database.RequiredString("password"), database.RequiredString("caBundlePath"));

    private static AppRuntime Runtime(JsonArgs json) => Enum.Parse<AppRuntime>(json.String("runtime") ?? nameof(AppRuntime.Node));

    private static IEnumerable<JsonProperty> Members(JsonArgs json, string name) =>
        json.Element(name) is { } element ? element.EnumerateObject() : Enumerable.Empty<JsonProperty>();

    private static ContainerStartOutcome ParseStart(JsonArgs start)
    {
        if (start.String("failsToStart") is { } reason)
        {
            return ContainerStartOutcome.FailsToStart(reason);
        }

        var logLines = start.Strings("logLines").ToArray();
        return start.Int("exitCode") is { } exitCode
            ? ContainerStartOutcome.Exits(exitCode, TimeSpan.FromSeconds(start.Int("exitAfterSeconds") ?? 0), logLines)
            : ContainerStartOutcome.KeepsRunning(logLines);
    }
}
