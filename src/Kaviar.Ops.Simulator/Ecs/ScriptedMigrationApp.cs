using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>
/// <see cref="PostgresBackedApp"/>'s behaviour without a database: the schema is the set of applied migration names.
/// The migration command applies the pending files (logging them the same way) and exits 0; until every file is
/// applied the app behaves as <c>unmigrated</c>, afterwards as <c>migrated</c>.
/// </summary>
public sealed class ScriptedMigrationApp : IMigratingApp
{
    private readonly string _migrationCommand;
    private readonly IReadOnlyList<string> _migrationFileNames;
    private readonly SimulatedApp _unmigrated;
    private readonly SimulatedApp _migrated;
    private readonly HashSet<string> _applied = new(StringComparer.Ordinal);

    public ScriptedMigrationApp(string migrationCommand, IReadOnlyList<string> migrationFileNames, SimulatedApp unmigrated, SimulatedApp migrated)
    {
        _migrationCommand = migrationCommand;
        _migrationFileNames = migrationFileNames;
        _unmigrated = unmigrated;
        _migrated = migrated;
    }

    public bool IsMigrated => _migrationFileNames.All(_applied.Contains);

    // What a scenario file writes of it (AccountFileApps).
    internal string MigrationCommand => _migrationCommand;

    internal IReadOnlyList<string> MigrationFileNames => _migrationFileNames;

    internal SimulatedApp Unmigrated => _unmigrated;

    internal SimulatedApp Migrated => _migrated;

    public ContainerStartOutcome OnStart(ContainerLaunch launch)
    {
        if (string.Join(' ', launch.Command) != _migrationCommand)
        {
            return (IsMigrated ? _migrated : _unmigrated).OnStart(launch);
        }

        TryApplyPendingMigrations(launch.StartedAt, out var log);
        return ContainerStartOutcome.Exits(0, PostgresBackedApp.RunDuration, log.ToArray());
    }

    /// <summary>Never fails: scripted files have no SQL to get wrong.</summary>
    public bool TryApplyPendingMigrations(DateTime runOn, out IReadOnlyList<string> log)
    {
        var pending = _migrationFileNames.Where(name => !_applied.Contains(name)).ToList();
        _applied.UnionWith(pending);
        log = pending.Select(PostgresBackedApp.ApplyingLine).Append(PostgresBackedApp.SummaryLine(pending.Count))
            .ToList();
        return true;
    }

    public HttpAnswer AnswerGet(ContainerLaunch launch, string path) => (IsMigrated ? _migrated : _unmigrated).AnswerGet(launch, path);
}
