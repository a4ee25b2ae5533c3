using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Runbooks;

namespace Kaviar.Ops.Cmdlets;

/// <summary>The base of the commands that add to a runbook's report: -Report takes what New-RunbookReport returned.</summary>
public abstract class RunbookReportCmdlet : KaviarCmdlet
{
    /// <summary>The report New-RunbookReport returned.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public object Report { get; set; } = new object();

    /// <summary>
    /// -Report as the report it must be. Typed object on the surface so that no engine type is named by a parameter
    /// PowerShell reads before the engine loads.
    /// </summary>
    protected RunbookReport TheReport =>
        (Report is PSObject wrapped ? wrapped.BaseObject : Report) as RunbookReport
        ?? throw new OpsException(ErrorTable.RunbookReportExpected, "-Report takes the object New-RunbookReport returned.",
            recommendedAction: "Start the runbook with: $report = New-RunbookReport -Name <runbook>");
}
