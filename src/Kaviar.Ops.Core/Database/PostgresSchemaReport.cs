using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Database;

/// <summary>
/// The schema check and migration gate as one object: which database (display form, no password), the verdict and
/// why, the missing relations, the migration history of each tool found, and the files not yet applied.
/// </summary>
public sealed class PostgresSchemaReport
{
    public PostgresSchemaReport(string target, MigrationGateResult gate)
    {
        Target = target;
        Passed = gate.Passed;
        Reasons = gate.Reasons;
        Present = gate.Schema.Present;
        Missing = gate.Schema.Missing;
        Histories = gate.Histories;
        PendingFiles = gate.PendingFiles.Select(f => f.FileName).ToList();
        Locks = gate.Locks;
        CheckedAt = DateTime.UtcNow;
    }

    public string Target { get; }

    public bool Passed { get; }

    public IReadOnlyList<string> Reasons { get; }

    public IReadOnlyList<string> Present { get; }

    /// <summary>Required relations that do not exist, schema-qualified (public.tax_provider).</summary>
    public IReadOnlyList<string> Missing { get; }

    public IReadOnlyList<MigrationHistory> Histories { get; }

    public IReadOnlyList<string> PendingFiles { get; }

    /// <summary>Migration tools' locks held by other sessions (a migration running, or a dead one's lock).</summary>
    public IReadOnlyList<MigrationLock> Locks { get; }

    public DateTime CheckedAt { get; }
}
