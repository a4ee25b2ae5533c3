namespace Kaviar.Ops.Core.Tests.Database;

/// <summary>History tables as each runner creates them (column types and names taken from the tools), with realistic rows.</summary>
internal static class MigrationTables
{
    public const string GolangMigrate = """
        CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
        """;

    public const string Dbmate = """
        CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);
        INSERT INTO schema_migrations VALUES ('20240215093000'), ('20240101120000');
        """;

    public const string Flyway = """
        CREATE TABLE flyway_schema_history (
            installed_rank int PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL,
            script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
            execution_time int NOT NULL, success boolean NOT NULL);
        INSERT INTO flyway_schema_history VALUES
            (1, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"public"', NULL, 'app', now(), 0, true),
            (2, '1', 'init', 'SQL', 'V1__init.sql', 1234, 'app', now(), 40, true),
            (3, '1.1', 'add users', 'SQL', 'V1_1__add_users.sql', 5678, 'app', now(), 12, true),
            (4, NULL, 'views', 'SQL', 'R__views.sql', 42, 'app', now(), 3, true),
            (5, '2', 'add orders', 'SQL', 'V2__add_orders.sql', 91, 'app', now(), 7, false);
        """;

    public const string Knex = """
        CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255), batch integer, migration_time timestamptz);
        CREATE TABLE knex_migrations_lock (index serial PRIMARY KEY, is_locked integer);
        INSERT INTO knex_migrations (name, batch, migration_time) VALUES
            ('001_initial_schema.js', 1, '2024-12-01 09:00:00+00'),
            ('002_add_email_threads.js', 1, '2024-12-01 09:00:01+00');
        INSERT INTO knex_migrations_lock (is_locked) VALUES (0);
        """;

    public const string NodePgMigrate = """
        CREATE TABLE pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL);
        INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000000_init', '2024-03-01 08:00:00'), ('1700000000001_add-users', '2024-03-02 08:00:00');
        """;

    public const string MikroOrm = """
        CREATE TABLE mikro_orm_migrations (id serial PRIMARY KEY, name varchar(255), executed_at timestamptz DEFAULT current_timestamp);
        INSERT INTO mikro_orm_migrations (name, executed_at) VALUES
            ('Migration20240124154000', '2025-10-12 18:10:00+00'),
            ('Migration20240205173216', '2025-10-12 18:10:02+00'),
            ('Migration20240307161216', '2025-10-12 18:10:05+00');
        """;

    public const string Prisma = """
        CREATE TABLE _prisma_migrations (
            id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL,
            logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0);
        INSERT INTO _prisma_migrations VALUES
            ('a1', 'c1', '2024-05-01 10:00:01+00', '20240501100000_init', NULL, NULL, '2024-05-01 10:00:00+00', 1),
            ('a2', 'c2', NULL, '20240502100000_add_orders', 'ERROR: column "total" of relation "orders" already exists', '2024-05-02 10:05:00+00', '2024-05-02 10:00:00+00', 0),
            ('a3', 'c3', '2024-05-03 10:00:01+00', '20240503100000_add_index', NULL, NULL, '2024-05-03 10:00:00+00', 1),
            ('a4', 'c4', NULL, '20240504100000_add_column', 'ERROR: deadlock detected', NULL, '2024-05-04 10:00:00+00', 0);
        """;

    public const string TypeOrm = """
        CREATE TABLE migrations (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL);
        INSERT INTO migrations ("timestamp", name) VALUES (1700000000000, 'CreateUsers1700000000000'), (1700000500000, 'AddOrders1700000500000');
        """;

    public const string Sequelize = """
        CREATE TABLE "SequelizeMeta" (name varchar(255) PRIMARY KEY);
        INSERT INTO "SequelizeMeta" VALUES ('20240101000000-create-user.js'), ('20240102000000-create-order.js');
        """;

    public const string EfCore = """
        CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL);
        INSERT INTO "__EFMigrationsHistory" VALUES ('20240101000000_Initial', '8.0.4'), ('20240301000000_AddOrders', '8.0.4');
        """;
}
