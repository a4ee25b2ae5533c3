using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>Lists the migrations in a folder, in the order runners apply them (by version, then name).</summary>
public static class MigrationFolder
{
    private static readonly string[] Extensions = { ".sql", ".js", ".ts", ".mjs", ".cjs", ".cs" };

    // Down/undo scripts, EF designer and snapshot files, and type declarations are not migrations of their own.
    private static readonly string[] IgnoredSuffixes = { ".down.sql", ".Designer.cs", "ModelSnapshot.cs", ".d.ts" };

    public static IReadOnlyList<MigrationFile> Scan(string folder)
    {
        if (!Directory.Exists(folder))
            throw new OpsException(ErrorTable.MigrationsPathNotFound, $"Migrations folder '{folder}' does not exist.", folder,
                "Pass -MigrationsPath with the folder of the app's migration files (for example ./migrations).");

        var files = Directory.EnumerateFiles(folder)
            .Where(path => IsMigrationExtension(Path.GetExtension(path)))
            .Select(path => new MigrationFile(Path.GetFileName(path), path))
            .Where(file => !IgnoredSuffixes.Any(suffix => file.FileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            .Where(file => !(file.FileName.StartsWith("U", StringComparison.Ordinal) && file.FileName.Length > 1 && char.IsDigit(file.FileName[1])));
        // Prisma keeps each migration as <timestamp>_<name>/migration.sql and records the folder name.
        var prismaFolders = Directory.EnumerateDirectories(folder)
            .Where(directory => File.Exists(Path.Combine(directory, "migration.sql")))
            .Select(directory => new MigrationFile(Path.GetFileName(directory), Path.Combine(directory, "migration.sql")));

        return files.Concat(prismaFolders)
            .OrderBy(file => file.IsFlywayRepeatable)
            .ThenBy(file => file.Version is null ? 1 : 0)
            .ThenBy(file => file.Version, VersionComparer.Instance)
            .ThenBy(file => file.FileName, StringComparer.Ordinal)
            .ToList();
    }

    internal static bool IsMigrationExtension(string extension) =>
        Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
}
