using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>One SQL migration file, e.g. "007_add_application_logs.sql".</summary>
public sealed record SqlMigration(string FileName, string Sql)
{
    /// <summary>What node-pg-migrate records in pgmigrations.name: the file name without its extension.</summary>
    public string Name => Path.GetFileNameWithoutExtension(FileName);

    /// <summary>The folder's *.sql files in ordinal name order, the order migration runners apply them in.</summary>
    public static IReadOnlyList<SqlMigration> FromFolder(string folder) => Directory.GetFiles(folder, "*.sql")
        .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
        .Select(path => new SqlMigration(Path.GetFileName(path), File.ReadAllText(path)))
        .ToList();
}

/// <summary>
/// An app backed by a real PostgreSQL database. Started with the migration command, it applies the pending migration
/// files in order, each in its own transaction, recording them in node-pg-migrate's
/// <c>pgmigrations(id serial, name varchar, run_on timestamp)</c>, and exits 0 (1 on the first SQL error, with
/// Postgres's message in the log). Started plainly, it reads every required table and exits 1 with Postgres's own
/// error (<c>error: relation "public.tax_provider" does not exist</c>) unless the schema is complete. Its health path
/// answers 200 only while the schema is complete. Lifecycle calls arrive under the account's lock, so they never overlap.
/// </summary>
public sealed class PostgresBackedApp : IMigratingApp
{
    /// <summary>How long a migration run, or a boot that finds the schema incomplete, takes before the process exits.</summary>
    public static readonly TimeSpan RunDuration = TimeSpan.FromSeconds(3);

    private static readonly Regex TableName = new("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$", RegexOptions.CultureInvariant);
    private static readonly HttpAnswer NotFound = new(404, "{\"error\":\"Not Found\"}");

    private readonly string _connectionString;
    private readonly string _migrationCommand;
    private readonly IReadOnlyList<SqlMigration> _migrations;
    private readonly IReadOnlyList<string> _requiredTables;
    private readonly string _healthPath;
    private readonly int _port;

    /// <param name="connectionString">Npgsql connection string of the app's database (the scenario decides TLS).</param>
    /// <param name="migrationCommand">The command override that runs migrations, words joined with spaces: "npm run migrate".</param>
    /// <param name="migrations">Migration files in the order they apply.</param>
    /// <param name="requiredTables">Tables the app reads at boot, in that order, named as its queries name them:
    /// "public.tax_provider" or "application_logs" (Postgres echoes the name in its error).</param>
    /// <param name="healthPath">The path the target group's health check requests.</param>
    /// <param name="port">The port the server reports listening on.</param>
    public PostgresBackedApp(string connectionString, string migrationCommand, IReadOnlyList<SqlMigration> migrations,
        IReadOnlyList<string> requiredTables, string healthPath, int port)
    {
        var invalid = requiredTables.FirstOrDefault(table => !TableName.IsMatch(table));
        if (invalid is not null)
        {
            throw new ArgumentException($"'{invalid}' is not a plain table name (table or schema.table).", nameof(requiredTables));
        }

        _connectionString = connectionString;
        _migrationCommand = migrationCommand;
        _migrations = migrations;
        _requiredTables = requiredTables;
        _healthPath = healthPath;
        _port = port;
    }

    // What a scenario file writes of it (AccountFileApps).
    internal string MigrationCommand => _migrationCommand;

    internal IReadOnlyList<SqlMigration> Migrations => _migrations;

    internal IReadOnlyList<string> RequiredTables => _requiredTables;

    internal string HealthPath => _healthPath;

    internal int Port => _port;

    /// <summary>What the health path answers with status 200.</summary>
    public string HealthyBody { get; init; } = "{\"status\":\"ok\"}";

    public ContainerStartOutcome OnStart(ContainerLaunch launch)
    {
        if (string.Join(' ', launch.Command) == _migrationCommand)
        {
            var migrated = TryApplyPendingMigrations(launch.StartedAt, out var log);
            return ContainerStartOutcome.Exits(migrated ? 0 : 1, RunDuration, log.ToArray());
        }

        return FirstSchemaProblem() is { } problem
            ? ContainerStartOutcome.Exits(1, RunDuration, $"error: {problem}")
            : ContainerStartOutcome.KeepsRunning($"Server is ready on port {_port}");
    }

    public HttpAnswer AnswerGet(ContainerLaunch launch, string path)
    {
        if (path.Split('?')[0] != _healthPath)
        {
            return NotFound;
        }

        return FirstSchemaProblem() is { } problem
            ? new HttpAnswer(503, JsonSerializer.Serialize(new { status = "error", error = problem }))
            : new HttpAnswer(200, HealthyBody);
    }

    /// <summary>Applies the migrations pgmigrations does not record yet, stamping them <paramref name="runOn"/>.</summary>
    public bool TryApplyPendingMigrations(DateTime runOn, out IReadOnlyList<string> log)
    {
        var lines = new List<string>();
        log = lines;
        try
        {
            using var connection = Open();
            Execute(connection, null, "CREATE TABLE IF NOT EXISTS public.pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)");
            var applied = AppliedMigrationNames(connection);
            var pending = _migrations.Where(m => !applied.Contains(m.Name)).ToList();
            foreach (var migration in pending)
            {
                lines.Add(ApplyingLine(migration.FileName));
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, migration.Sql);
                using var record = new NpgsqlCommand("INSERT INTO public.pgmigrations (name, run_on) VALUES (@name, @runOn)", connection, transaction);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("runOn", DateTime.SpecifyKind(runOn, DateTimeKind.Unspecified));
                record.ExecuteNonQuery();
                transaction.Commit();
            }

            lines.Add(SummaryLine(pending.Count));
            return true;
        }
        catch (NpgsqlException error)
        {
            lines.Add($"error: {Describe(error)}");
            return false;
        }
    }

    /// <summary>The runner's line before each file; shared with <see cref="ScriptedMigrationApp"/> so both log alike.</summary>
    internal static string ApplyingLine(string fileName) => $"Applying {fileName}";

    internal static string SummaryLine(int applied) => applied == 0 ? "No migrations to run!" : $"Migrations complete: {applied} applied.";

    /// <summary>Postgres's message for the first required table the app cannot read, or why it cannot connect; null when all is there.</summary>
    private string? FirstSchemaProblem()
    {
        try
        {
            using var connection = Open();
            foreach (var table in _requiredTables)
            {
                try
                {
                    Execute(connection, null, $"SELECT FROM {table} LIMIT 0");
                }
                catch (PostgresException missing)
                {
                    return missing.MessageText;
                }
            }

            return null;
        }
        catch (NpgsqlException unreachable)
        {
            return Describe(unreachable);
        }
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static HashSet<string> AppliedMigrationNames(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT name FROM public.pgmigrations", connection);
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static string Describe(NpgsqlException error) => error is PostgresException postgres ? postgres.MessageText : error.Message;
}
