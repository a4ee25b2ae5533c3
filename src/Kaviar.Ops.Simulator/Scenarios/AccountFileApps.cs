using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// What runs in a scenario's tasks, keyed as <see cref="EcsState.SetApp"/> keys it ("family:revision", "family", an
/// image or its repository). An app is one of:
/// <list type="bullet">
/// <item>a scripted app: <c>{ "routes": { "/health": { "status": 200, "body": "ok" } }, "start": { "logLines": [ … ] },
/// "commands": { "npm run migrate": { "exitCode": 0, "exitAfterSeconds": 5, "logLines": [ … ] } } }</c>; a start is log
/// lines only (keeps running), an exitCode (exits after exitAfterSeconds, writing exitLogLines as it ends, with the
/// container's exitReason), or failsToStart (a stoppedReason);</item>
/// <item>a catalogue crash: <c>{ "crash": "OutOfMemoryKilled", "runtime": "Go" }</c> (<see cref="AppCrashKind"/>, <see cref="AppRuntime"/>);</item>
/// <item>an app whose schema migrations are scripted: <c>{ "scriptedMigration": { "command": "npm run migrate",
/// "migrations": [ "001_init.sql" ], "unmigrated": app, "migrated": app, "applied": false } }</c>;</item>
/// <item>an app on the scenario's PostgreSQL database: <c>{ "postgresBacked": { "migrationCommand": "npm run migrate",
/// "migrations": [ { "fileName": "001_init.sql", "sql": "…" } ], "requiredTables": [ "users" ], "healthPath": "/health",
/// "port": 3000, "healthyBody": "…", "applied": false }, "withoutDatabase": app }</c>; "migrations" may instead name
/// a catalog seed's set ("faxi", "medusa"); "withoutDatabase" is what runs when the rehearsal has no PostgreSQL.</item>
/// </list>
/// </summary>
internal static class AccountFileApps
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<SqlMigration>> CatalogMigrations = new Dictionary<string, IReadOnlyList<SqlMigration>>
    {
        ["faxi"] = SeedMigrations.Faxi,
        ["medusa"] = SeedMigrations.Medusa,
    };

    public static ISimulatedApp Parse(AccountFileNode app, ScenarioDatabase? database, DateTime now)
    {
        if (app.String("crash") is { } crash)
        {
            return new CrashingApp(app.Required("crash").AsEnum<AppCrashKind>(), Runtime(app));
        }

        if (app.Member("scriptedMigration") is { } scripted)
        {
            var migrating = new ScriptedMigrationApp(scripted.RequiredString("command"), scripted.Strings("migrations"),
                Scripted(scripted.Required("unmigrated")), Scripted(scripted.Required("migrated")));
            return Migrated(scripted, migrating, now);
        }

        if (app.Member("postgresBacked") is { } backed)
        {
            if (database is null)
            {
                return app.Member("withoutDatabase") is { } fallback
                    ? Parse(fallback, null, now)
                    : throw backed.Fail("runs on the scenario's database: give the file a \"database\", or this app a \"withoutDatabase\".");
            }

            var postgres = new PostgresBackedApp(database.AppConnectionString, backed.RequiredString("migrationCommand"), Migrations(backed.Required("migrations")),
                backed.Strings("requiredTables"), backed.String("healthPath") ?? "/health", backed.Required("port").AsInt())
            {
                HealthyBody = backed.String("healthyBody") ?? "{\"status\":\"ok\"}",
            };
            return Migrated(backed, postgres, now);
        }

        return Scripted(app);
    }

    public static AppRuntime Runtime(AccountFileNode node) =>
        node.Member("runtime")?.AsEnum<AppRuntime>() ?? AppRuntime.Node;

    /// <summary>With "applied": true the migrations ran before the history began, as after a runbook's fix.</summary>
    private static ISimulatedApp Migrated(AccountFileNode node, IMigratingApp app, DateTime now)
    {
        if ((node.Bool("applied") ?? false) && !app.TryApplyPendingMigrations(now, out var log))
        {
            throw node.Fail("could not apply its migrations: " + log[^1]);
        }

        return app;
    }

    private static IReadOnlyList<SqlMigration> Migrations(AccountFileNode migrations) =>
        migrations.Element.ValueKind == System.Text.Json.JsonValueKind.String
            ? CatalogMigrations.GetValueOrDefault(migrations.AsString())
                ?? throw migrations.Fail($"names no catalog migrations; known: {string.Join(", ", CatalogMigrations.Keys)}.")
            : migrations.AsItems().Select(m => new SqlMigration(m.RequiredString("fileName"), m.RequiredString("sql"))).ToList();

    private static SimulatedApp Scripted(AccountFileNode json)
    {
        var app = new SimulatedApp { Start = json.Member("start") is { } start ? Start(start) : ContainerStartOutcome.KeepsRunning() };
        foreach (var (path, answer) in json.Properties("routes"))
        {
            app.Routes[path] = new HttpAnswer(answer.Int("status") ?? 200, answer.String("body") ?? string.Empty);
        }

        foreach (var (command, outcome) in json.Properties("commands"))
        {
            app.CommandOutcomes[command] = Start(outcome);
        }

        return app;
    }

    private static ContainerStartOutcome Start(AccountFileNode start)
    {
        if (start.String("failsToStart") is { } reason)
        {
            return ContainerStartOutcome.FailsToStart(reason);
        }

        var logLines = start.Strings("logLines").ToArray();
        return start.Int("exitCode") is { } exitCode
            ? ContainerStartOutcome.Crashes(exitCode, TimeSpan.FromSeconds(start.Double("exitAfterSeconds") ?? 0), logLines, start.Strings("exitLogLines"),
                start.String("exitReason"))
            : ContainerStartOutcome.KeepsRunning(logLines);
    }

    /// <summary>The app as a file writes it, so that <see cref="Parse"/> reads back an app that behaves the same.</summary>
    public static JsonObject ToJson(ISimulatedApp app) => app switch
    {
        CrashingApp { HasDetails: false } crash => new JsonObject { ["crash"] = crash.Kind.ToString(), ["runtime"] = crash.Runtime.ToString() },
        ScriptedMigrationApp scripted => new JsonObject
        {
            ["scriptedMigration"] = new JsonObject
            {
                ["command"] = scripted.MigrationCommand,
                ["migrations"] = new JsonArray(scripted.MigrationFileNames.Select(name => (JsonNode)name).ToArray()),
                ["unmigrated"] = ToJson(scripted.Unmigrated),
                ["migrated"] = ToJson(scripted.Migrated),
                ["applied"] = scripted.IsMigrated,
            },
        },
        PostgresBackedApp backed => new JsonObject
        {
            ["postgresBacked"] = new JsonObject
            {
                ["migrationCommand"] = backed.MigrationCommand,
                ["migrations"] = CatalogMigrations.FirstOrDefault(m => ReferenceEquals(m.Value, backed.Migrations)).Key is { } catalog
                    ? catalog
                    : new JsonArray(backed.Migrations.Select(m => (JsonNode)new JsonObject { ["fileName"] = m.FileName, ["sql"] = m.Sql }).ToArray()),
                ["requiredTables"] = new JsonArray(backed.RequiredTables.Select(t => (JsonNode)t).ToArray()),
                ["healthPath"] = backed.HealthPath,
                ["port"] = backed.Port,
                ["healthyBody"] = backed.HealthyBody,
            },
        },
        SimulatedApp scripted => new JsonObject
        {
            ["start"] = ToJson(scripted.Start),
            ["routes"] = new JsonObject(scripted.Routes.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonObject { ["status"] = r.Value.StatusCode, ["body"] = r.Value.Body }))),
            ["commands"] = new JsonObject(scripted.CommandOutcomes.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)ToJson(c.Value)))),
        },
        _ => throw new NotSupportedException($"A scenario file cannot describe a {app.GetType().Name} yet."),
    };

    private static JsonObject ToJson(ContainerStartOutcome start)
    {
        if (start.FailureReason is { } reason)
        {
            return new JsonObject { ["failsToStart"] = reason };
        }

        var json = new JsonObject { ["logLines"] = new JsonArray(start.LogLines.Select(line => (JsonNode)line).ToArray()) };
        if (start.ExitCode is { } exitCode)
        {
            json["exitCode"] = exitCode;
            json["exitAfterSeconds"] = start.ExitAfter.TotalSeconds;
            json["exitLogLines"] = new JsonArray(start.ExitLogLines.Select(line => (JsonNode)line).ToArray());
            json.AddIfPresent("exitReason", start.ExitReason);
        }

        return json;
    }
}
