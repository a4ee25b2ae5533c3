using System.Linq;
using System.Threading.Tasks;
using Kaviar.Ops.Database;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class PendingMigrationFinderTests
{
    private readonly PostgresServerFixture _fixture;

    public PendingMigrationFinderTests(PostgresServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Without_a_history_table_every_file_is_pending()
    {
        using var folder = new MigrationsFolderFixture();

        var pending = await PendingAsync(folder, "CREATE TABLE users (id int);");

        Assert.Equal(MigrationsFolderFixture.Seed002Files, pending);
    }

    [Fact]
    public async Task Name_based_history_matches_file_names_without_extension()
    {
        using var folder = new MigrationsFolderFixture();
        var applied = string.Join(", ", MigrationsFolderFixture.Seed002Files.Take(12).Select(file => $"('{file.Replace(".sql", string.Empty)}', now())"));

        var pending = await PendingAsync(folder,
            $"CREATE TABLE pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL); INSERT INTO pgmigrations (name, run_on) VALUES {applied};");

        Assert.Equal(new[] { "011_add_email_abuse_prevention.sql", "012_add_shopping_order_fields.sql", "013_add_playwright_product_cache.sql",
            "014_add_demo_user.sql", "014_product_cache_categories.sql" }, pending);
    }

    [Fact]
    public async Task Knex_names_recorded_with_another_extension_still_match()
    {
        using var folder = new MigrationsFolderFixture("001_initial_schema.ts", "002_add_email_threads.ts", "003_add_shopping_cart.ts");

        var pending = await PendingAsync(folder, MigrationTables.Knex);

        Assert.Equal(new[] { "003_add_shopping_cart.ts" }, pending);
    }

    [Fact]
    public async Task Golang_migrate_applies_every_version_up_to_the_current_one()
    {
        using var folder = new MigrationsFolderFixture();

        var pending = await PendingAsync(folder, MigrationTables.GolangMigrate + "INSERT INTO schema_migrations VALUES (12, false);");

        Assert.Equal(new[] { "013_add_playwright_product_cache.sql", "014_add_demo_user.sql", "014_product_cache_categories.sql" }, pending);
    }

    [Fact]
    public async Task Golang_migrate_dirty_leaves_the_failed_version_pending()
    {
        using var folder = new MigrationsFolderFixture("1_init.up.sql", "1_init.down.sql", "2_users.up.sql", "3_orders.up.sql");

        var pending = await PendingAsync(folder, MigrationTables.GolangMigrate + "INSERT INTO schema_migrations VALUES (2, true);");

        Assert.Equal(new[] { "2_users.up.sql", "3_orders.up.sql" }, pending);
    }

    [Fact]
    public async Task Dbmate_matches_the_version_prefix_exactly()
    {
        using var folder = new MigrationsFolderFixture("20240101120000_init.sql", "20240215093000_users.sql", "20240301000000_orders.sql");

        var pending = await PendingAsync(folder, MigrationTables.Dbmate);

        Assert.Equal(new[] { "20240301000000_orders.sql" }, pending);
    }

    [Fact]
    public async Task Flyway_matches_versions_numerically_and_a_failed_version_stays_pending()
    {
        using var folder = new MigrationsFolderFixture("V1__init.sql", "V1_01__add_users.sql", "V2__add_orders.sql", "V3__add_index.sql", "R__views.sql", "R__reports.sql");

        var pending = await PendingAsync(folder, MigrationTables.Flyway);

        Assert.Equal(new[] { "V2__add_orders.sql", "V3__add_index.sql", "R__reports.sql" }, pending);
    }

    [Fact]
    public async Task Prisma_folders_that_failed_or_were_rolled_back_are_pending()
    {
        using var folder = new MigrationsFolderFixture("20240501100000_init/migration.sql", "20240502100000_add_orders/migration.sql",
            "20240503100000_add_index/migration.sql", "20240504100000_add_column/migration.sql", "migration_lock.toml");

        var pending = await PendingAsync(folder, MigrationTables.Prisma);

        Assert.Equal(new[] { "20240502100000_add_orders", "20240504100000_add_column" }, pending);
    }

    [Fact]
    public async Task TypeOrm_matches_the_timestamp_prefix()
    {
        using var folder = new MigrationsFolderFixture("1700000000000-CreateUsers.ts", "1700000500000-AddOrders.ts", "1700000900000-AddIndex.ts");

        var pending = await PendingAsync(folder, MigrationTables.TypeOrm);

        Assert.Equal(new[] { "1700000900000-AddIndex.ts" }, pending);
    }

    [Fact]
    public async Task Mikro_orm_sequelize_and_ef_core_match_by_name()
    {
        using var mikro = new MigrationsFolderFixture("Migration20240124154000.ts", "Migration20240205173216.ts", "Migration20240307161216.ts", "Migration20250101000000.ts");
        using var sequelize = new MigrationsFolderFixture("20240101000000-create-user.js", "20240102000000-create-order.js", "20240103000000-add-index.js");
        using var ef = new MigrationsFolderFixture("20240101000000_Initial.cs", "20240101000000_Initial.Designer.cs", "20240301000000_AddOrders.cs",
            "20240401000000_AddIndex.cs", "AppDbContextModelSnapshot.cs");

        Assert.Equal(new[] { "Migration20250101000000.ts" }, await PendingAsync(mikro, MigrationTables.MikroOrm));
        Assert.Equal(new[] { "20240103000000-add-index.js" }, await PendingAsync(sequelize, MigrationTables.Sequelize));
        Assert.Equal(new[] { "20240401000000_AddIndex.cs" }, await PendingAsync(ef, MigrationTables.EfCore));
    }

    private async Task<string[]> PendingAsync(MigrationsFolderFixture folder, string sql)
    {
        using var session = await _fixture.OpenNewDatabaseAsync("pending", sql);
        var histories = await MigrationHistoryReader.ReadAsync(session.Connection, default);
        return PendingMigrationFinder.Find(MigrationFolder.Scan(folder.Path), histories).Select(file => file.FileName).ToArray();
    }
}
