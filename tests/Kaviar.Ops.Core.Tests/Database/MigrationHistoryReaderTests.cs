using System;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.Database;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class MigrationHistoryReaderTests
{
    private readonly PostgresServerFixture _fixture;

    public MigrationHistoryReaderTests(PostgresServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Golang_migrate_clean_is_its_current_version()
    {
        var history = await SingleAsync(MigrationTables.GolangMigrate + "INSERT INTO schema_migrations VALUES (14, false);");

        Assert.Equal(MigrationTool.GolangMigrate, history.ToolKind);
        Assert.Equal("public.schema_migrations", history.Table);
        Assert.Equal(1, history.AppliedCount);
        Assert.Equal("14", history.LastApplied!.Version);
        Assert.True(history.IsClean);
    }

    [Fact]
    public async Task Golang_migrate_dirty_is_a_failed_entry_with_the_fix()
    {
        var history = await SingleAsync(MigrationTables.GolangMigrate + "INSERT INTO schema_migrations VALUES (7, true);");

        Assert.Equal(0, history.AppliedCount);
        Assert.Null(history.LastApplied);
        Assert.Equal("7", Assert.Single(history.FailedEntries).Version);
        Assert.Equal(
            "dirty at version 7: that migration failed part-way; repair the schema, then run migrate force <last good version> and migrate up",
            Assert.Single(history.Problems));
    }

    [Fact]
    public async Task Dbmate_lists_every_version_in_order()
    {
        var history = await SingleAsync(MigrationTables.Dbmate);

        Assert.Equal(MigrationTool.Dbmate, history.ToolKind);
        Assert.Equal(new[] { "20240101120000", "20240215093000" }, history.Entries.Select(entry => entry.Version));
        Assert.Equal("20240215093000", history.LastApplied!.Version);
        Assert.True(history.IsClean);
    }

    [Fact]
    public async Task Flyway_skips_the_schema_marker_and_reports_failed_scripts()
    {
        var history = await SingleAsync(MigrationTables.Flyway);

        Assert.Equal(MigrationTool.Flyway, history.ToolKind);
        Assert.Equal(new[] { "V1__init.sql", "V1_1__add_users.sql", "R__views.sql", "V2__add_orders.sql" }, history.Entries.Select(entry => entry.Name));
        Assert.Equal(3, history.AppliedCount);
        Assert.Equal("R__views.sql", history.LastApplied!.Name);
        Assert.Equal("failed: V2__add_orders.sql (version 2); fix it, then run flyway repair and migrate", Assert.Single(history.Problems));
        Assert.NotNull(history.LastApplied.AppliedAtUtc);
    }

    [Fact]
    public async Task Knex_reads_names_and_times_and_a_held_lock_is_a_problem()
    {
        var clean = await SingleAsync(MigrationTables.Knex);
        var locked = await SingleAsync(MigrationTables.Knex + "UPDATE knex_migrations_lock SET is_locked = 1;");

        Assert.Equal(MigrationTool.Knex, clean.ToolKind);
        Assert.Equal(2, clean.AppliedCount);
        Assert.Equal("002_add_email_threads.js", clean.LastApplied!.Name);
        Assert.Equal(new DateTime(2024, 12, 1, 9, 0, 1, DateTimeKind.Utc), clean.LastApplied.AppliedAtUtc);
        Assert.True(clean.IsClean);
        Assert.Equal(
            "public.knex_migrations_lock is held (is_locked = 1): a knex run died while migrating; check the schema, then run knex migrate:unlock",
            Assert.Single(locked.Problems));
    }

    [Fact]
    public async Task Node_pg_migrate_reads_names_in_run_order()
    {
        var history = await SingleAsync(MigrationTables.NodePgMigrate);

        Assert.Equal(MigrationTool.NodePgMigrate, history.ToolKind);
        Assert.Equal(2, history.AppliedCount);
        Assert.Equal("1700000000001_add-users", history.LastApplied!.Name);
    }

    [Fact]
    public async Task Mikro_orm_as_in_medusa_v2_reads_names_and_times()
    {
        var history = await SingleAsync(MigrationTables.MikroOrm);

        Assert.Equal(MigrationTool.MikroOrm, history.ToolKind);
        Assert.Equal("public.mikro_orm_migrations", history.Table);
        Assert.Equal(3, history.AppliedCount);
        Assert.Equal("Migration20240307161216", history.LastApplied!.Name);
        Assert.Equal(new DateTime(2025, 10, 12, 18, 10, 5, DateTimeKind.Utc), history.LastApplied.AppliedAtUtc);
    }

    [Fact]
    public async Task Prisma_unfinished_and_rolled_back_migrations_are_failed()
    {
        var history = await SingleAsync(MigrationTables.Prisma);

        Assert.Equal(MigrationTool.Prisma, history.ToolKind);
        Assert.Equal(2, history.AppliedCount);
        Assert.Equal("20240503100000_add_index", history.LastApplied!.Name);
        Assert.Equal(new[] { "20240502100000_add_orders", "20240504100000_add_column" }, history.FailedEntries.Select(entry => entry.Name));
        Assert.Equal(new[]
        {
            "rolled back: 20240502100000_add_orders; prisma migrate deploy will apply it again",
            "failed: 20240504100000_add_column (ERROR: deadlock detected); fix it, then prisma migrate resolve",
        }, history.Problems);
    }

    [Fact]
    public async Task TypeOrm_reads_timestamps_and_class_names()
    {
        var history = await SingleAsync(MigrationTables.TypeOrm);

        Assert.Equal(MigrationTool.TypeOrm, history.ToolKind);
        Assert.Equal("1700000500000", history.LastApplied!.Version);
        Assert.Equal("AddOrders1700000500000", history.LastApplied.Name);
    }

    [Fact]
    public async Task Sequelize_reads_file_names()
    {
        var history = await SingleAsync(MigrationTables.Sequelize);

        Assert.Equal(MigrationTool.Sequelize, history.ToolKind);
        Assert.Equal("public.SequelizeMeta", history.Table);
        Assert.Equal("20240102000000-create-order.js", history.LastApplied!.Name);
    }

    [Fact]
    public async Task Ef_core_reads_migration_ids()
    {
        var history = await SingleAsync(MigrationTables.EfCore);

        Assert.Equal(MigrationTool.EfCore, history.ToolKind);
        Assert.Equal(new[] { "20240101000000_Initial", "20240301000000_AddOrders" }, history.Entries.Select(entry => entry.Name));
    }

    [Fact]
    public async Task Several_tools_in_several_schemas_are_each_reported_and_foreign_tables_ignored()
    {
        var database = await _fixture.Server.CreateDatabaseAsync("multi");
        await _fixture.Server.ExecuteAsync(database, MigrationTables.MikroOrm + MigrationTables.Knex + """
            CREATE SCHEMA billing;
            CREATE TABLE billing.flyway_schema_history (
                installed_rank int PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL,
                script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
                execution_time int NOT NULL, success boolean NOT NULL);
            INSERT INTO billing.flyway_schema_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 1, 'app', now(), 1, true);
            CREATE TABLE migrations (file text, ran boolean);
            """);
        using var session = await _fixture.OpenAsync(database);

        var histories = await MigrationHistoryReader.ReadAsync(session.Connection, default);

        Assert.Equal(new[] { "Knex public.knex_migrations", "MikroOrm public.mikro_orm_migrations", "Flyway billing.flyway_schema_history" },
            histories.Select(history => $"{history.Tool} {history.Table}"));
    }

    [Fact]
    public async Task A_database_without_history_tables_has_no_histories()
    {
        Assert.Empty(await ReadAsync("CREATE TABLE users (id int);"));
    }

    private async Task<MigrationHistory> SingleAsync(string sql) => Assert.Single(await ReadAsync(sql));

    private async Task<System.Collections.Generic.IReadOnlyList<MigrationHistory>> ReadAsync(string sql)
    {
        using var session = await _fixture.OpenNewDatabaseAsync("history", sql);
        return await MigrationHistoryReader.ReadAsync(session.Connection, default);
    }
}
