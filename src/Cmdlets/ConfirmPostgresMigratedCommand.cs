using System.Management.Automation;
using Kaviar.Ops.Database;

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
            ThrowTerminatingError(new ErrorRecord(new System.InvalidOperationException(
                    $"{report.Target} is not migrated: {string.Join(" ", report.Reasons)} Run the migrations (Invoke-EcsMigration) before deploying."),
                "PostgresNotMigrated", ErrorCategory.InvalidResult, report));
        }

        WriteObject(report);
    }
}
