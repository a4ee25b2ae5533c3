using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Database;

/// <summary>
/// Files in a migrations folder that no history table records as applied. Matching follows what each runner stores:
/// <list type="bullet">
/// <item>golang-migrate: only the current version is stored; a file is applied when its numeric version is &lt;= it,
/// except the current version itself while the table is dirty.</item>
/// <item>dbmate: the file's leading digits exactly as written ("002" is not "2"), because dbmate stores that string.</item>
/// <item>Flyway: versions compared numerically per dotted segment (V1_01 = 1.1) against rows with success = true;
/// repeatable R__ scripts by script name.</item>
/// <item>TypeORM: the file's leading timestamp against the timestamp column.</item>
/// <item>Prisma: the migration folder name against migration_name, only finished and not rolled back.</item>
/// <item>knex, Sequelize, node-pg-migrate, MikroORM, EF Core: file name without extension against the stored name without extension
/// (knex and Sequelize store "x.js" while the folder may hold "x.ts").</item>
/// </list>
/// Failed history rows never count as applied. With several histories a file is applied when any of them records it;
/// with none, every file is pending.
/// </summary>
public static class PendingMigrationFinder
{
    public static IReadOnlyList<MigrationFile> Find(IReadOnlyList<MigrationFile> files, IReadOnlyList<MigrationHistory> histories) =>
        files.Where(file => !histories.Any(history => IsApplied(file, history))).ToList();

    public static bool IsApplied(MigrationFile file, MigrationHistory history)
    {
        var applied = history.Entries.Where(entry => entry.Succeeded).ToList();
        switch (history.ToolKind)
        {
            case MigrationTool.GolangMigrate:
                var current = history.Entries.FirstOrDefault();
                if (current?.Version is null || file.Version is null)
                    return false;
                var comparison = VersionComparer.Instance.Compare(file.Version, current.Version);
                return comparison < 0 || (comparison == 0 && current.Succeeded);
            case MigrationTool.Dbmate:
                return applied.Any(entry => string.Equals(entry.Version, file.Version, StringComparison.Ordinal));
            case MigrationTool.Flyway:
                return file.IsFlywayRepeatable
                    ? applied.Any(entry => string.Equals(entry.Name, file.FileName, StringComparison.Ordinal))
                    : applied.Any(entry => entry.Version is not null && VersionComparer.AreEqual(entry.Version, file.Version));
            case MigrationTool.TypeOrm:
                return applied.Any(entry => VersionComparer.AreEqual(entry.Version, file.Version));
            case MigrationTool.Prisma:
                return applied.Any(entry => string.Equals(entry.Name, file.FileName, StringComparison.Ordinal));
            default:
                return applied.Any(entry => entry.Name is not null && string.Equals(MigrationFile.StripExtension(entry.Name), file.Stem, StringComparison.Ordinal));
        }
    }
}
