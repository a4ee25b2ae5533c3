using System;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Database;

/// <summary>
/// One migration in a migrations folder, with the keys runners record:
/// <list type="bullet">
/// <item><c>V1_2__add_users.sql</c> (Flyway): version "1.2".</item>
/// <item><c>R__views.sql</c> (Flyway repeatable): no version; matched by script name.</item>
/// <item><c>3_add_users.up.sql</c> (golang-migrate), <c>002_add_email_threads.sql</c>, <c>20240101120000_init.sql</c> (dbmate),
/// <c>1700000000000-CreateUsers.ts</c> (TypeORM): version = the leading digits as written.</item>
/// <item>anything else (<c>Migration20240124154000.ts</c>): no version.</item>
/// </list>
/// <see cref="Stem"/> is the name without its extension (and without .up), which name-based runners store.
/// </summary>
public sealed class MigrationFile
{
    private static readonly Regex FlywayVersioned = new(@"^V(?<version>\d+(?:[._]\d+)*)__.+\.sql$", RegexOptions.CultureInvariant);
    private static readonly Regex LeadingDigits = new(@"^(?<version>\d+)(?:[_\-.]|$)", RegexOptions.CultureInvariant);

    public MigrationFile(string fileName, string path)
    {
        FileName = fileName;
        Path = path;
        Stem = StripExtension(fileName);
        IsFlywayRepeatable = fileName.StartsWith("R__", StringComparison.Ordinal);
        var flyway = FlywayVersioned.Match(fileName);
        Version = flyway.Success
            ? flyway.Groups["version"].Value.Replace('_', '.')
            : LeadingDigits.Match(fileName) is { Success: true } digits ? digits.Groups["version"].Value : null;
    }

    /// <summary>File name, or folder name for Prisma's <c>&lt;folder&gt;/migration.sql</c>.</summary>
    public string FileName { get; }

    public string Path { get; }

    public string Stem { get; }

    public string? Version { get; }

    public bool IsFlywayRepeatable { get; }

    public override string ToString() => FileName;

    /// <summary>"002_x.up.sql" → "002_x"; "Init.ts" → "Init"; a Prisma folder name has no extension to remove.</summary>
    internal static string StripExtension(string name)
    {
        var stem = name.EndsWith(".up.sql", StringComparison.OrdinalIgnoreCase)
            ? name.Substring(0, name.Length - ".up.sql".Length)
            : name;
        var dot = stem.LastIndexOf('.');
        return dot > 0 && MigrationFolder.IsMigrationExtension(stem.Substring(dot)) ? stem.Substring(0, dot) : stem;
    }
}
