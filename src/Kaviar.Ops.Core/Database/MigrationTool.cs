namespace Kaviar.Ops.Database;

/// <summary>Migration runners whose history table we can read.</summary>
public enum MigrationTool
{
    /// <summary>golang-migrate: <c>schema_migrations(version bigint, dirty bool)</c>, one row holding the current version.</summary>
    GolangMigrate,

    /// <summary>dbmate (also Rails): <c>schema_migrations(version)</c>, one row per applied file prefix.</summary>
    Dbmate,

    Flyway,
    Knex,
    NodePgMigrate,

    /// <summary>MikroORM, as used by Medusa v2 (<c>medusa db:migrate</c>).</summary>
    MikroOrm,

    Prisma,
    TypeOrm,
    Sequelize,
    EfCore,
}
