using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Database;

/// <summary>The gate's verdict with everything it looked at; <see cref="Reasons"/> is empty exactly when it passed.</summary>
public sealed class MigrationGateResult
{
    public MigrationGateResult(IReadOnlyList<string> reasons, SchemaCheckResult schema, IReadOnlyList<MigrationHistory> histories,
        IReadOnlyList<MigrationFile> pendingFiles, IReadOnlyList<MigrationLock> locks)
    {
        Locks = locks;
        Reasons = reasons;
        Schema = schema;
        Histories = histories;
        PendingFiles = pendingFiles;
    }

    public bool Passed => Reasons.Count == 0;

    /// <summary>One sentence per problem: what is wrong and what to do.</summary>
    public IReadOnlyList<string> Reasons { get; }

    public SchemaCheckResult Schema { get; }

    public IReadOnlyList<MigrationHistory> Histories { get; }

    public IReadOnlyList<MigrationFile> PendingFiles { get; }

    /// <summary>Migration tools' locks other sessions hold.</summary>
    public IReadOnlyList<MigrationLock> Locks { get; }

    public override string ToString() => Passed ? "Schema migrated and clean" : string.Join(Environment.NewLine, Reasons);
}
