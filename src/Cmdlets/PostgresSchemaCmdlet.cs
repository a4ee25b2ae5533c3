using System.Management.Automation;
using Kaviar.Ops.Database;

namespace Kaviar.Ops.Cmdlets;

/// <summary>What the schema commands share: the relations to require and the migrations folder.</summary>
public abstract class PostgresSchemaCmdlet : PostgresCmdlet
{
    /// <summary>Relations that must exist, schema-qualified or not (public is assumed): users, application_logs.</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] RequiredTable { get; set; } = new string[0];

    /// <summary>A folder of migration files (001_init.sql, V1__init.sql, 1_init.up.sql …) to compare with the history.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MigrationsPath { get; set; }

    protected PostgresSchemaReport Report()
    {
        // What the user typed is checked before anything connects.
        foreach (var table in RequiredTable)
        {
            RelationName.Parse(table);
        }

        var folder = MigrationsPath == null ? null : GetUnresolvedProviderPathFromPSPath(MigrationsPath);
        if (folder != null && !System.IO.Directory.Exists(folder))
        {
            MigrationFolder.Scan(folder);
        }

        var target = ResolveTarget();
        using var session = Open(target);
        var gate = Await(MigrationGate.EvaluateAsync(session, RequiredTable, folder, CancellationToken));
        return new PostgresSchemaReport(target.DisplayName, gate);
    }
}
