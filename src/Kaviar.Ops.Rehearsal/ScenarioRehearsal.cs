using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Rds;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Rehearsal;

/// <summary>Whether a catalog scenario runs on a real PostgreSQL database.</summary>
public enum DatabaseNeed
{
    None,

    /// <summary>With PostgreSQL's server binaries the database is real; without, the scenario scripts its schema.</summary>
    WhenAvailable,

    Required,
}

/// <summary>A scenario the rehearsal host knows by name, what it needs to run, and what its database is called.</summary>
public sealed record CatalogScenario(DatabaseNeed Database, Func<ScenarioDatabase?, AccountScenario> Build, string DatabaseName = "");

/// <summary>
/// A simulated account started from a catalog scenario, with its database when the scenario has one: a local
/// PostgreSQL 15 on 127.0.0.1 (TLS from a private RDS-like chain), an empty database owned by the app's login, its
/// RDS-format secret in the account, and a working folder holding <c>global-bundle.pem</c>, so a procedure's
/// <c>-CaBundlePath ./global-bundle.pem</c> works as it does in CloudShell after downloading RDS's bundle.
/// </summary>
public sealed class ScenarioRehearsal : IDisposable
{
    public static readonly IReadOnlyDictionary<string, CatalogScenario> Catalog = new Dictionary<string, CatalogScenario>(StringComparer.OrdinalIgnoreCase)
    {
        ["seed000"] = new(DatabaseNeed.Required, database => Scenarios.Seed000(database!), "medusa"),
        ["seed001"] = new(DatabaseNeed.None, _ => Scenarios.Seed001()),
        ["seed001-healthy"] = new(DatabaseNeed.None, _ => Scenarios.Seed001(Seed001Variant.Healthy)),
        ["seed002"] = new(DatabaseNeed.WhenAvailable, database => Scenarios.Seed002(Seed002Variant.MigrationsNeverRan, database), "faxi_qa"),
        ["seed002-fixed"] = new(DatabaseNeed.WhenAvailable, database => Scenarios.Seed002(Seed002Variant.Fixed, database), "faxi_qa"),
        ["seed003"] = new(DatabaseNeed.None, _ => Seed003Scenarios.AuroraMigrationsRunner()),
        ["seed004"] = new(DatabaseNeed.None, _ => Scenarios.Seed004()),
        ["seed004-stale-instance"] = new(DatabaseNeed.None, _ => Scenarios.Seed004(Seed004Variant.StaleInstance)),
        ["seed004-ready"] = new(DatabaseNeed.None, _ => Scenarios.Seed004(Seed004Variant.Ready)),
    };

    /// <summary>The CA bundle's name in the working folder: what RDS's documentation has users download.</summary>
    public const string CaBundleFileName = "global-bundle.pem";

    private ScenarioRehearsal(SimulatedAccount account, PostgresServer? databaseServer, ScenarioDatabase? database, string? workingDirectory)
    {
        Account = account;
        DatabaseServer = databaseServer;
        Database = database;
        WorkingDirectory = workingDirectory;
    }

    public SimulatedAccount Account { get; }

    /// <summary>The local PostgreSQL serving the scenario's database; null when it has none.</summary>
    public PostgresServer? DatabaseServer { get; }

    public ScenarioDatabase? Database { get; }

    /// <summary>The folder a session starts in (holding <see cref="CaBundleFileName"/>); null to stay where the user is.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>
    /// Starts <paramref name="scenarioName"/> (a catalog name, or a scenario file's path ending in .json) on a clock
    /// running <paramref name="speed"/> times real time. A scenario that needs a database gets one; one that can do
    /// without gets one when PostgreSQL is installed, and <paramref name="notice"/> says which.
    /// </summary>
    public static ScenarioRehearsal Start(string scenarioName, double speed, TextWriter notice)
    {
        var scenario = IsFile(scenarioName) ? FromFile(AccountFile.Read(scenarioName))
            : Catalog.TryGetValue(scenarioName, out var known) ? known
            : throw new ArgumentException($"Unknown scenario '{scenarioName}'. Known: {string.Join(", ", Catalog.Keys)}, or a scenario file (.json).", nameof(scenarioName));
        var server = scenario.Database == DatabaseNeed.None ? null : StartDatabaseServer(scenario.Database, notice);
        try
        {
            var database = server?.CreateOwnedDatabaseAsync(scenario.DatabaseName).GetAwaiter().GetResult();
            string? workingDirectory = null;
            if (server is not null)
            {
                workingDirectory = Path.Combine(server.RootDirectory, "work");
                Directory.CreateDirectory(workingDirectory);
                File.Copy(server.Certificates.MultiCaBundlePath, Path.Combine(workingDirectory, CaBundleFileName));
            }

            var account = SimulatedAccount.Start(scenario.Build(database), new SystemClock(speed));
            return new ScenarioRehearsal(account, server, database, workingDirectory);
        }
        catch
        {
            server?.Dispose();
            throw;
        }
    }

    /// <summary>Whether the host was given a scenario file rather than a catalog name.</summary>
    public static bool IsFile(string scenarioName) => scenarioName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A file runs as a catalog scenario does, with the database it asks for.</summary>
    private static CatalogScenario FromFile(AccountFile file) => new(
        file.Database switch
        {
            null => DatabaseNeed.None,
            { Required: true } => DatabaseNeed.Required,
            _ => DatabaseNeed.WhenAvailable,
        },
        file.Scenario,
        file.Database?.Name ?? string.Empty);

    /// <summary>
    /// Each load balancer's first listener as a host:port on 127.0.0.1, the address that stands for its DNS name;
    /// a session gets the first as <c>$albDns</c>.
    /// </summary>
    public IReadOnlyList<(string LoadBalancer, int Port, string Address)> LoadBalancerAddresses() => Account
        .Read(state => state.Elbv2.LoadBalancers
            .Select(lb => (lb.LoadBalancerName, Port: state.Elbv2.ListenersOf(lb.LoadBalancerArn).Select(l => (int?)l.Port).Min()))
            .Where(lb => lb.Port is not null)
            .ToList())
        .Select(lb => (lb.LoadBalancerName, lb.Port!.Value, Account.ListenerUrl(lb.LoadBalancerName, lb.Port.Value).Authority))
        .ToList();

    /// <summary>Points <paramref name="session"/> at the account, starts it in the working folder, and sets <c>$albDns</c>.</summary>
    public void Prepare(ModuleSession session)
    {
        session.UseAccount(Account.Endpoint, Account.Region);
        var albDns = LoadBalancerAddresses().Select(lb => lb.Address).FirstOrDefault();
        // The engine's own API, as the hosted engine may lack the Management module's Set-Location.
        var result = session.Invoke(
            "if ($args[0]) { $null = $ExecutionContext.SessionState.Path.SetLocation($args[0]) }; $global:albDns = $args[1]", WorkingDirectory, albDns);
        if (result.Terminating != null || result.Errors.Count > 0)
        {
            throw new InvalidOperationException("Could not prepare the session: " + (result.Terminating?.Message ?? result.Errors[0].ToString()));
        }
    }

    public void Dispose()
    {
        Account.Dispose();
        DatabaseServer?.Dispose();
    }

    private static PostgresServer? StartDatabaseServer(DatabaseNeed need, TextWriter notice)
    {
        try
        {
            return PostgresServer.StartAsync().GetAwaiter().GetResult();
        }
        catch (PostgresBinariesNotFoundException missing) when (need == DatabaseNeed.WhenAvailable)
        {
            notice.WriteLine($"{missing.Message} The database steps cannot run; the account scripts its schema instead.");
            return null;
        }
    }
}
