using System.Management.Automation;
using Kaviar.Ops.Runbooks;

namespace Kaviar.Ops.Cmdlets;

/// <summary>Records whether one acceptance criterion of the procedure holds, what was seen, and the command that fixes it.</summary>
[Cmdlet(VerbsCommon.Add, "RunbookCriterion")]
[OutputType(typeof(RunbookCriterion))]
public sealed class AddRunbookCriterionCommand : RunbookReportCmdlet
{
    /// <summary>The criterion, as the procedure states it: "Service ACTIVE and running = desired".</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    public bool Passed { get; set; }

    /// <summary>What was seen. Secret-looking values are masked.</summary>
    [Parameter]
    public string Detail { get; set; } = "";

    /// <summary>The command that fixes it, when it failed.</summary>
    [Parameter]
    public string Fix { get; set; } = "";

    /// <summary>Writes the criterion too.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        var criterion = TheReport.AddCriterion(Name, Passed, Detail, Passed ? "" : Fix);
        WriteVerbose($"{(Passed ? "Passed" : "FAILED")}: {criterion.Name}. {criterion.Detail}");
        if (PassThru)
        {
            WriteObject(criterion);
        }
    }
}
