using System.Management.Automation;

namespace Kaviar.Ops.Cmdlets;

/// <summary>Records what a runbook found out on the way (a diagnosis, a version table line): neither a criterion nor a change.</summary>
[Cmdlet(VerbsCommon.Add, "RunbookNote")]
public sealed class AddRunbookNoteCommand : RunbookReportCmdlet
{
    /// <summary>The note; each piped string is one. Secret-looking values are masked.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string Text { get; set; } = "";

    protected override void Process()
    {
        if (Text.Length > 0)
        {
            TheReport.AddNote(Text);
        }
    }
}
