using System.Management.Automation;
using Kaviar.Ops.Runbooks;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Ends a runbook's report: Passed only when every criterion passed and no change was left planned or failed, the exit
/// code a scheduler reads (0 passed, 1 a criterion failed, 2 a step failed), the JSON file with -OutputPath, and the
/// report written once. End the runbook with: exit $report.ExitCode
/// </summary>
[Cmdlet(VerbsLifecycle.Complete, "RunbookReport")]
[OutputType(typeof(RunbookReport))]
public sealed class CompleteRunbookReportCommand : RunbookReportCmdlet
{
    /// <summary>Also write the report as JSON to this file, for the scheduler's artifacts. Empty or null: no file, so a runbook passes its own -OutputPath on as it is.</summary>
    [Parameter]
    [AllowNull]
    [AllowEmptyString]
    public string? OutputPath { get; set; }

    protected override void Process()
    {
        var report = TheReport;
        report.Complete(Clock.UtcNow);
        if (!string.IsNullOrEmpty(OutputPath))
        {
            report.WriteJson(GetUnresolvedProviderPathFromPSPath(OutputPath));
        }

        WriteObject(report);
    }
}
