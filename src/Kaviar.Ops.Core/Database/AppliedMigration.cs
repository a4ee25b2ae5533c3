using System;

namespace Kaviar.Ops.Database;

/// <summary>One row of a migration history table, in the runner's own terms.</summary>
public sealed class AppliedMigration
{
    public AppliedMigration(string? version, string? name, DateTime? appliedAtUtc, bool succeeded, string? problem)
    {
        Version = version;
        Name = name;
        AppliedAtUtc = appliedAtUtc;
        Succeeded = succeeded;
        Problem = problem;
    }

    /// <summary>Version as the tool stores it (golang-migrate/dbmate version, Flyway version, TypeORM timestamp); null when the tool keeps only names.</summary>
    public string? Version { get; }

    /// <summary>Name as the tool stores it (file name, class name, Prisma folder, EF MigrationId); null for golang-migrate and dbmate.</summary>
    public string? Name { get; }

    public DateTime? AppliedAtUtc { get; }

    /// <summary>False for golang-migrate dirty, Flyway success=false, Prisma unfinished or rolled back.</summary>
    public bool Succeeded { get; }

    public string? Problem { get; }

    public override string ToString() => Name ?? Version ?? string.Empty;
}
