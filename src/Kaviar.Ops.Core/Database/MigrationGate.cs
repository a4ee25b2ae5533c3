using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Kaviar.Ops.Database;

/// <summary>
/// "Is the schema migrated and clean?" in one call: fails when a required relation is missing, a history table is
/// dirty or has failed entries, a migration tool's lock is held by another session, or a file in the migrations folder is not applied. The cmdlet turns a failure into a terminating error.
/// </summary>
public static class MigrationGate
{
    private const int NamesListed = 10;

    /// <summary>The gate on an open session: what the database commands call, so no Npgsql type reaches the cmdlet assembly.</summary>
    public static Task<MigrationGateResult> EvaluateAsync(PostgresSession session, IEnumerable<string> requiredRelations, string? migrationsFolder,
        CancellationToken cancellationToken) =>
        EvaluateAsync(session.Connection, requiredRelations, migrationsFolder, cancellationToken);

    /// <param name="migrationsFolder">Optional; without it pending files are not checked.</param>
    public static async Task<MigrationGateResult> EvaluateAsync(NpgsqlConnection connection, IEnumerable<string> requiredRelations,
        string? migrationsFolder, CancellationToken cancellationToken)
    {
        var schema = await SchemaInspector.CheckRelationsAsync(connection, requiredRelations, cancellationToken).ConfigureAwait(false);
        var histories = await MigrationHistoryReader.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var locks = await MigrationLocks.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var pending = migrationsFolder is null
            ? Array.Empty<MigrationFile>()
            : PendingMigrationFinder.Find(MigrationFolder.Scan(migrationsFolder), histories);

        var reasons = new List<string>();
        if (!schema.AllPresent)
            reasons.Add($"Missing relations: {string.Join(", ", schema.Missing)}. The migrations have not run against this database " +
                        "(apps fail with 'relation … does not exist'); run them (e.g. an ECS run-task with the migrate command) before starting the service.");
        foreach (var history in histories.Where(history => !history.IsClean))
            reasons.Add($"{history.Tool} history {history.Table}: {string.Join("; ", history.Problems)}.");
        foreach (var held in locks)
            reasons.Add($"{held}: a migration is running, or one died holding it and the next will wait for it. " +
                        (held.Pid == null
                            ? "When no migration runs, release it (UPDATE databasechangeloglock SET locked = false, or liquibase releaseLocks)."
                            : $"When no migration runs, end that session: SELECT pg_terminate_backend({held.Pid})."));
        if (pending.Count > 0)
            reasons.Add($"{pending.Count} migration file(s) not applied{(histories.Count == 0 ? " (no migration history table exists)" : string.Empty)}: " +
                        $"{Names(pending)}.");

        return new MigrationGateResult(reasons, schema, histories, pending, locks);
    }

    private static string Names(IReadOnlyList<MigrationFile> files) =>
        string.Join(", ", files.Take(NamesListed).Select(file => file.FileName)) +
        (files.Count > NamesListed ? $" and {files.Count - NamesListed} more" : string.Empty);
}
