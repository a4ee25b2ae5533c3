using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Database;

/// <summary>
/// How one runner's history table looks and how to read it. Every query yields the same five columns
/// (version, name, applied_at, succeeded, problem) so one reader handles all tools.
/// </summary>
internal sealed class MigrationTableFormat
{
    private MigrationTableFormat(MigrationTool tool, string table, string[] requiredColumns, string selectTemplate)
    {
        Tool = tool;
        Table = table;
        RequiredColumns = requiredColumns;
        SelectTemplate = selectTemplate;
    }

    public MigrationTool Tool { get; }

    public string Table { get; }

    /// <summary>Columns that tell this tool's table from another tool's table of the same name (schema_migrations, migrations).</summary>
    public string[] RequiredColumns { get; }

    /// <summary>SELECT with <c>{0}</c> standing for the quoted, schema-qualified table.</summary>
    public string SelectTemplate { get; }

    public bool Matches(IReadOnlyCollection<string> columns) => RequiredColumns.All(columns.Contains);

    /// <summary>Most specific first: golang-migrate and dbmate share a table name, told apart by golang-migrate's dirty column.</summary>
    public static readonly IReadOnlyList<MigrationTableFormat> All = new[]
    {
        new MigrationTableFormat(MigrationTool.GolangMigrate, "schema_migrations", new[] { "version", "dirty" },
            "SELECT version::text, NULL::text, NULL::timestamptz, NOT dirty, " +
            "CASE WHEN dirty THEN 'dirty at version ' || version || ': that migration failed part-way; repair the schema, then run migrate force <last good version> and migrate up' END " +
            "FROM {0}"),
        new MigrationTableFormat(MigrationTool.Dbmate, "schema_migrations", new[] { "version" },
            "SELECT version::text, NULL::text, NULL::timestamptz, true, NULL::text FROM {0} ORDER BY version"),
        new MigrationTableFormat(MigrationTool.Flyway, "flyway_schema_history", new[] { "installed_rank", "version", "description", "script", "success", "installed_on" },
            "SELECT version, script, installed_on::timestamptz, success, " +
            "CASE WHEN NOT success THEN 'failed: ' || script || ' (version ' || coalesce(version, 'repeatable') || '); fix it, then run flyway repair and migrate' END " +
            "FROM {0} WHERE description NOT LIKE '<<%' ORDER BY installed_rank"),
        new MigrationTableFormat(MigrationTool.Knex, "knex_migrations", new[] { "id", "name", "migration_time" },
            "SELECT NULL::text, name, migration_time::timestamptz, true, NULL::text FROM {0} ORDER BY id"),
        new MigrationTableFormat(MigrationTool.NodePgMigrate, "pgmigrations", new[] { "id", "name", "run_on" },
            "SELECT NULL::text, name, run_on::timestamptz, true, NULL::text FROM {0} ORDER BY run_on, id"),
        new MigrationTableFormat(MigrationTool.MikroOrm, "mikro_orm_migrations", new[] { "id", "name", "executed_at" },
            "SELECT NULL::text, name, executed_at::timestamptz, true, NULL::text FROM {0} ORDER BY id"),
        new MigrationTableFormat(MigrationTool.Prisma, "_prisma_migrations", new[] { "migration_name", "started_at", "finished_at", "rolled_back_at", "logs" },
            "SELECT NULL::text, migration_name, coalesce(finished_at, started_at), finished_at IS NOT NULL AND rolled_back_at IS NULL, " +
            "CASE WHEN rolled_back_at IS NOT NULL THEN 'rolled back: ' || migration_name || '; prisma migrate deploy will apply it again' " +
            "WHEN finished_at IS NULL THEN 'failed: ' || migration_name || coalesce(' (' || left(logs, 300) || ')', '') || '; fix it, then prisma migrate resolve' END " +
            "FROM {0} ORDER BY started_at"),
        new MigrationTableFormat(MigrationTool.TypeOrm, "migrations", new[] { "id", "timestamp", "name" },
            "SELECT \"timestamp\"::text, name, NULL::timestamptz, true, NULL::text FROM {0} ORDER BY id"),
        new MigrationTableFormat(MigrationTool.Sequelize, "SequelizeMeta", new[] { "name" },
            "SELECT NULL::text, name, NULL::timestamptz, true, NULL::text FROM {0} ORDER BY name"),
        new MigrationTableFormat(MigrationTool.EfCore, "__EFMigrationsHistory", new[] { "MigrationId", "ProductVersion" },
            "SELECT NULL::text, \"MigrationId\", NULL::timestamptz, true, NULL::text FROM {0} ORDER BY \"MigrationId\""),
    };

    public static IReadOnlyList<string> TableNames { get; } = All.Select(format => format.Table).Distinct().ToList();

    public static MigrationTableFormat? Find(string table, IReadOnlyCollection<string> columns) =>
        All.FirstOrDefault(format => string.Equals(format.Table, table, StringComparison.Ordinal) && format.Matches(columns));
}
