using System;
using System.Text.Json;
using Kaviar.Ops.Simulator.Ecs;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// The catalog form of a scenario file (<see cref="AccountFile"/>): a catalog scenario, optionally with another
/// history, id seed, and apps per task definition (written as <see cref="AccountFileApps"/> reads them). For example:
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
/// </summary>
public static class ScenarioJson
{
    public static AccountScenario Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = new AccountFileNode(document.RootElement.Clone(), "$");
        var catalog = root.Required("catalog");
        var variant = root.Member("variant");
        var scenario = catalog.AsString() switch
        {
            "seed000" => Scenarios.Seed000(ParseDatabase(root.Required("database"))),
            "seed001" => Scenarios.Seed001(variant?.AsEnum<Seed001Variant>() ?? Seed001Variant.WrongSecurityGroup),
            "seed001-crashing-revision" => Scenarios.Seed001WithCrashingRevision(variant?.AsEnum<Seed001Crash>() ?? Seed001Crash.Registered),
            "seed001-crashing" => Scenarios.Seed001Crashing(root.Required("variant").AsEnum<AppCrashKind>(), AccountFileApps.Runtime(root)),
            "seed001-failing-to-start" => Scenarios.Seed001FailingToStart(root.Required("variant").AsEnum<Seed001StartFailure>()),
            "seed002" => Scenarios.Seed002(variant?.AsEnum<Seed002Variant>() ?? Seed002Variant.MigrationsNeverRan,
                root.Member("database") is { } database ? ParseDatabase(database) : null),
            "seed004" => Scenarios.Seed004(variant?.AsEnum<Seed004Variant>() ?? Seed004Variant.Healthy),
            _ => throw catalog.Fail($"names no catalog scenario; known: seed000, seed001, seed001-crashing-revision, "
                + "seed001-crashing, seed001-failing-to-start, seed002, seed004."),
        };

        if (root.Int("historySeconds") is { } historySeconds)
        {
            scenario = scenario.WithHistory(TimeSpan.FromSeconds(historySeconds));
        }

        if (root.Int("idSeed") is { } idSeed)
        {
            scenario = scenario.WithIdSeed(idSeed);
        }

        var apps = root.Properties("apps");
        if (apps.Count > 0)
        {
            scenario = scenario.With(state =>
            {
                foreach (var (key, app) in apps)
                {
                    state.Ecs.SetApp(key, AccountFileApps.Parse(app, database: null, state.Now));
                }
            });
        }

        return scenario;
    }

    internal static ScenarioDatabase ParseDatabase(AccountFileNode database) => new(
        database.RequiredString("host"), database.Int("port") ?? 5432, database.RequiredString("dbname"),
        database.RequiredString("username"), database.RequiredString("password"), database.RequiredString("caBundlePath"));
}
