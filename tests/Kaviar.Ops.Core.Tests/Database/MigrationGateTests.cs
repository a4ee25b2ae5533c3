using System;
using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.Database;
using Npgsql;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class MigrationGateTests
{
    private static readonly string[] Required = { "users", "application_logs", "public.tax_provider" };

    private readonly PostgresServerFixture _fixture;

    public MigrationGateTests(PostgresServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_migrated_clean_database_passes()
    {
        using var folder = new MigrationsFolderFixture();
        var applied = string.Join(", ", MigrationsFolderFixture.Seed002Files.Select(file => $"('{file}', 1, now())"));
        var result = await EvaluateAsync(folder.Path, $"""
            CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255), batch integer, migration_time timestamptz);
            INSERT INTO knex_migrations (name, batch, migration_time) VALUES {applied};
            CREATE TABLE users (id int); CREATE TABLE application_logs (id int); CREATE TABLE tax_provider (id text);
            """);

        Assert.True(result.Passed, string.Join("\n", result.Reasons));
        Assert.Empty(result.Reasons);
        Assert.Equal(17, Assert.Single(result.Histories).AppliedCount);
        Assert.Equal("Schema migrated and clean", result.ToString());
    }

    [Fact]
    public async Task Missing_tables_a_dirty_history_and_pending_files_each_give_a_reason()
    {
        using var folder = new MigrationsFolderFixture();
        var result = await EvaluateAsync(folder.Path, MigrationTables.GolangMigrate + """
            INSERT INTO schema_migrations VALUES (7, true);
            CREATE TABLE users (id int);
            """);

        Assert.False(result.Passed);
        Assert.Equal(new[] { "public.application_logs", "public.tax_provider" }, result.Schema.Missing);
        Assert.Equal(new[]
        {
            "Missing relations: public.application_logs, public.tax_provider. The migrations have not run against this database " +
            "(apps fail with 'relation … does not exist'); run them (e.g. an ECS run-task with the migrate command) before starting the service.",
            "GolangMigrate history public.schema_migrations: dirty at version 7: that migration failed part-way; repair the schema, " +
            "then run migrate force <last good version> and migrate up.",
            "10 migration file(s) not applied: 007_add_application_logs.sql, 007_user_insights.sql, 008_add_admin_users.sql, " +
            "009_add_hackathon_metrics_tables.sql, 010_add_email_delivery_tracking.sql, 011_add_email_abuse_prevention.sql, " +
            "012_add_shopping_order_fields.sql, 013_add_playwright_product_cache.sql, 014_add_demo_user.sql, 014_product_cache_categories.sql.",
        }, result.Reasons);
    }

    [Fact]
    public async Task An_empty_database_fails_on_tables_and_on_every_file_with_no_history()
    {
        using var folder = new MigrationsFolderFixture("001_initial_schema.sql", "002_add_email_threads.sql");

        var result = await EvaluateAsync(folder.Path, "SELECT 1;");

        Assert.Equal(2, result.Reasons.Count);
        Assert.Equal("2 migration file(s) not applied (no migration history table exists): 001_initial_schema.sql, 002_add_email_threads.sql.", result.Reasons[1]);
    }

    [Fact]
    public async Task Without_a_folder_only_tables_and_histories_are_checked()
    {
        var result = await EvaluateAsync(null, MigrationTables.MikroOrm + "CREATE TABLE users (id int); CREATE TABLE application_logs (id int); CREATE TABLE tax_provider (id text);");

        Assert.True(result.Passed);
        Assert.Empty(result.PendingFiles);
        Assert.Equal(MigrationTool.MikroOrm, Assert.Single(result.Histories).ToolKind);
    }

    [Fact]
    public async Task A_migration_tools_lock_held_by_another_session_fails_the_gate_and_an_apps_own_lock_does_not()
    {
        const string Migrated = """
            CREATE TABLE users (id int); CREATE TABLE application_logs (id int); CREATE TABLE tax_provider (id text);
            CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL, lockgranted timestamp, lockedby varchar(255));
            INSERT INTO databasechangeloglock VALUES (1, true, now(), 'ip-10-0-3-17 (10.0.3.17)');
            """;
        using var session = await _fixture.OpenNewDatabaseAsync("locks", Migrated);
        var database = session.Connection.Database;
        await using var prisma = await HoldAdvisoryLockAsync(database, "prisma-migrate", MigrationLocks.PrismaLockKey);
        await using var scheduler = await HoldAdvisoryLockAsync(database, "job-scheduler", 42);

        var result = await MigrationGate.EvaluateAsync(session.Connection, Required, null, default);

        Assert.False(result.Passed);
        Assert.Equal(new[] { "Prisma Migrate", "Liquibase" }, result.Locks.Select(l => l.Tool));
        Assert.Contains(result.Reasons, r => r.StartsWith("Prisma Migrate lock held by prisma-migrate from", StringComparison.Ordinal) && r.Contains("pg_terminate_backend("));
        Assert.Contains(result.Reasons, r => r.StartsWith("Liquibase lock held by ip-10-0-3-17 (10.0.3.17)", StringComparison.Ordinal) && r.Contains("releaseLocks"));
    }

    private async Task<NpgsqlConnection> HoldAdvisoryLockAsync(string database, string application, long key)
    {
        var connection = new NpgsqlConnection(_fixture.Server.AdminConnectionString(database) + ";Application Name=" + application);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task<MigrationGateResult> EvaluateAsync(string? folder, string sql)
    {
        using var session = await _fixture.OpenNewDatabaseAsync("gate", sql);
        return await MigrationGate.EvaluateAsync(session.Connection, Required, folder, default);
    }
}
