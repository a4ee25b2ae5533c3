using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Database;

/// <summary>What one runner's history table says: how many migrations applied, the last one, and any dirty or failed entry.</summary>
public sealed class MigrationHistory
{
    public MigrationHistory(MigrationTool tool, string table, IReadOnlyList<AppliedMigration> entries, IReadOnlyList<string> problems)
    {
        ToolKind = tool;
        Table = table;
        Entries = entries;
        Problems = problems;
    }

    /// <summary>Knex, Flyway, Prisma…, as a name (so JSON and CLIXML show it as one).</summary>
    public string Tool => ToolKind.ToString();

    internal MigrationTool ToolKind { get; }

    /// <summary>Schema-qualified table, e.g. <c>public.mikro_orm_migrations</c>.</summary>
    public string Table { get; }

    /// <summary>Rows in the order the runner applied them.</summary>
    public IReadOnlyList<AppliedMigration> Entries { get; }

    /// <summary>golang-migrate keeps only the current version, so its count is 0 or 1.</summary>
    public int AppliedCount => Entries.Count(entry => entry.Succeeded);

    public AppliedMigration? LastApplied => Entries.LastOrDefault(entry => entry.Succeeded);

    public IReadOnlyList<AppliedMigration> FailedEntries => Entries.Where(entry => !entry.Succeeded).ToList();

    /// <summary>Dirty/failed entries in words, plus table-level problems such as a knex lock left held.</summary>
    public IReadOnlyList<string> Problems { get; }

    public bool IsClean => Problems.Count == 0;

    public override string ToString() =>
        $"{Tool} ({Table}): {AppliedCount} applied, last {LastApplied?.ToString() ?? "none"}{(IsClean ? string.Empty : ", " + string.Join("; ", Problems))}";
}
