using System.Management.Automation;
using Kaviar.Ops.Database;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The gate between "migrate" and "deploy": a terminating error (PostgresNotMigrated) unless the required relations
/// exist, every migration history is clean and no file is pending.
/// </summary>
[Cmdlet(VerbsLifecycle.Confirm, "PostgresMigrated", DefaultParameterSetName = ByServer)]
[OutputType(typeof(PostgresSchemaReport))]
public sealed class ConfirmPostgresMigratedCommand : PostgresSchemaCmdlet
{
    protected override void Process()
    {
        var report = Report();
        if (!report.Passed)
        {
            Fail(new OpsException(ErrorTable.PostgresNotMigrated, $"{report.Target} is not migrated: {string.Join(" ", report.Reasons)}", report,
                "Run the migrations (Invoke-EcsMigration) before deploying."));
        }

        WriteObject(report);
    }
}
