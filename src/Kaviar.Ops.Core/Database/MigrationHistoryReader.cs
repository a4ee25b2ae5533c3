using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Kaviar.Ops.Database;

/// <summary>Finds every known migration history table (any schema) and reads it; several tools present means several results.</summary>
public static class MigrationHistoryReader
{
    private const string KnexLockTable = "knex_migrations_lock";

    public static async Task<IReadOnlyList<MigrationHistory>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = await FindTablesAsync(connection, cancellationToken).ConfigureAwait(false);
        var histories = new List<MigrationHistory>();
        foreach (var table in tables)
        {
            var format = MigrationTableFormat.Find(table.Relation.Name, table.Columns);
            if (format is null)
                continue;
            var entries = await ReadEntriesAsync(connection, format, table.Relation, cancellationToken).ConfigureAwait(false);
            var problems = entries.Where(entry => entry.Problem is not null).Select(entry => entry.Problem!).ToList();
            if (format.Tool == MigrationTool.Knex && tables.Any(other => other.Relation.Equals(new RelationName(table.Relation.Schema, KnexLockTable))))
                problems.AddRange(await KnexLockProblemsAsync(connection, table.Relation.Schema, cancellationToken).ConfigureAwait(false));
            histories.Add(new MigrationHistory(format.Tool, table.Relation.ToString(), entries, problems));
        }

        return histories;
    }

    private static async Task<List<(RelationName Relation, HashSet<string> Columns)>> FindTablesAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT n.nspname, c.relname, array_agg(a.attname::text)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p') AND c.relname = ANY(@names)
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
            GROUP BY n.nspname, c.relname
            ORDER BY n.nspname = 'public' DESC, n.nspname, c.relname
            """;
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("names", MigrationTableFormat.TableNames.Concat(new[] { KnexLockTable }).ToArray());
        var tables = new List<(RelationName, HashSet<string>)>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            tables.Add((new RelationName(reader.GetString(0), reader.GetString(1)), new HashSet<string>(reader.GetFieldValue<string[]>(2), StringComparer.Ordinal)));
        return tables;
    }

    private static async Task<IReadOnlyList<AppliedMigration>> ReadEntriesAsync(NpgsqlConnection connection, MigrationTableFormat format,
        RelationName table, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(string.Format(format.SelectTemplate, Quote(table)), connection);
        var entries = new List<AppliedMigration>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AppliedMigration(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                !reader.IsDBNull(3) && reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return entries;
    }

    // A crashed knex run leaves is_locked = 1 and every later "knex migrate:latest" waits on it forever.
    private static async Task<IReadOnlyList<string>> KnexLockProblemsAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var lockTable = new RelationName(schema, KnexLockTable);
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {Quote(lockTable)} WHERE is_locked = 1", connection);
        var held = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        return held > 0
            ? new[] { $"{lockTable} is held (is_locked = 1): a knex run died while migrating; check the schema, then run knex migrate:unlock" }
            : Array.Empty<string>();
    }

    private static string Quote(RelationName relation) =>
        $"\"{relation.Schema.Replace("\"", "\"\"")}\".\"{relation.Name.Replace("\"", "\"\"")}\"";
}
