using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Kaviar.Ops.Database;

/// <summary>A migration tool's lock held by another session: a migration is running, or died holding it.</summary>
public sealed class MigrationLock
{
    public string Tool { get; set; } = "";

    /// <summary>The backend holding it (pg_terminate_backend takes it), or null for a lock table row.</summary>
    public int? Pid { get; set; }

    /// <summary>Who holds it as the database knows it: application_name, client address, state, or the lock table's LOCKEDBY.</summary>
    public string HeldBy { get; set; } = "";

    public DateTime? Since { get; set; }

    public override string ToString() =>
        $"{Tool} lock held by {HeldBy}{(Pid == null ? "" : $" (pid {Pid})")}{(Since == null ? "" : $" since {Since:u}")}";
}

/// <summary>
/// The locks migration tools take so that two runs never migrate at once: session advisory locks in pg_locks (Prisma's
/// fixed key 72707369; golang-migrate, Flyway, Atlas, knex and others take keys derived from names, recognised by the
/// holding session's application name or last query) and Liquibase's DATABASECHANGELOGLOCK row. Another session
/// holding one means the schema is changing now, or a crashed run left it behind and the next migration will hang.
/// </summary>
public static class MigrationLocks
{
    /// <summary>Prisma Migrate's advisory lock key.</summary>
    public const long PrismaLockKey = 72707369;

    private static readonly Regex MigrationSession = new Regex(
        @"migrat|flyway|liquibase|atlas|prisma|knex|typeorm|sequelize|goose|dbmate|alembic|sqitch",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static async Task<IReadOnlyList<MigrationLock>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var locks = new List<MigrationLock>();
        // Advisory locks keyed by one bigint keep its high half in classid and its low half in objid (objsubid 1).
        const string advisory = """
            SELECT l.pid, (l.classid::bigint << 32) | l.objid::bigint, l.objsubid, coalesce(a.application_name, ''), coalesce(a.query, ''),
                   coalesce(a.client_addr::text, 'local'), coalesce(a.state, ''), a.xact_start, a.backend_start
            FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;
        using (var command = new NpgsqlCommand(advisory, connection))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = reader.GetInt64(1);
                var application = reader.GetString(3);
                var query = reader.GetString(4);
                var tool = reader.GetInt16(2) == 1 && key == PrismaLockKey ? "Prisma Migrate"
                    : MigrationSession.IsMatch(application) || MigrationSession.IsMatch(query) ? "A migration tool's advisory"
                    : null;
                if (tool == null)
                {
                    continue;
                }

                locks.Add(new MigrationLock
                {
                    Tool = tool,
                    Pid = reader.GetInt32(0),
                    HeldBy = $"{(application.Length == 0 ? "a session" : application)} from {reader.GetString(5)} ({reader.GetString(6)})",
                    Since = reader.IsDBNull(7) ? reader.IsDBNull(8) ? null : reader.GetDateTime(8) : reader.GetDateTime(7),
                });
            }
        }

        locks.AddRange(await LiquibaseLockAsync(connection, cancellationToken).ConfigureAwait(false));
        return locks;
    }

    private static async Task<IReadOnlyList<MigrationLock>> LiquibaseLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using (var exists = new NpgsqlCommand("SELECT to_regclass('databasechangeloglock') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return Array.Empty<MigrationLock>();
            }
        }

        var locks = new List<MigrationLock>();
        using var command = new NpgsqlCommand("SELECT coalesce(lockedby, 'unknown'), lockgranted FROM databasechangeloglock WHERE locked", connection);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            locks.Add(new MigrationLock
            {
                Tool = "Liquibase",
                HeldBy = reader.GetString(0),
                Since = reader.IsDBNull(1) ? null : reader.GetDateTime(1),
            });
        }

        return locks;
    }
}
