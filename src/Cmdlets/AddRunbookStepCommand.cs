using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Runbooks;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Records a change the runbook made, found in place, planned or failed to make: named by hand, or piped from a
/// repair or deployment (its Action, Status and Detail) or an error record (Failed, with its error id).
/// </summary>
[Cmdlet(VerbsCommon.Add, "RunbookStep", DefaultParameterSetName = Named)]
[OutputType(typeof(RunbookStep))]
public sealed class AddRunbookStepCommand : RunbookReportCmdlet
{
    private const string Named = "Named";
    private const string Piped = "Piped";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = Named)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = Named)]
    [ValidateSet(RunbookStep.Applied, RunbookStep.AlreadyInPlace, RunbookStep.Planned, RunbookStep.Skipped, RunbookStep.Failed)]
    public string Status { get; set; } = "";

    [Parameter(ParameterSetName = Named)]
    public string Detail { get; set; } = "";

    /// <summary>A repair's or deployment's output (Action, Status, Detail), or an error record.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = Piped)]
    public PSObject? InputObject { get; set; }

    /// <summary>Writes the step too.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        var step = InputObject is null ? TheReport.AddStep(Name, Status, Detail) : FromInput(InputObject);
        if (PassThru)
        {
            WriteObject(step);
        }
    }

    private RunbookStep FromInput(PSObject input)
    {
        if (input.BaseObject is ErrorRecord error)
        {
            return TheReport.AddStep(error.CategoryInfo.Activity ?? "Step", RunbookStep.Failed,
                $"{error.FullyQualifiedErrorId.Split(',')[0]}: {error.Exception.Message}");
        }

        string Text(string property) => input.Properties[property]?.Value?.ToString() ?? "";
        var status = Text("Status");
        var known = new[] { RunbookStep.Applied, RunbookStep.AlreadyInPlace, RunbookStep.Planned, RunbookStep.Skipped, RunbookStep.Failed };
        return TheReport.AddStep(Text("Action") is { Length: > 0 } action ? action : input.BaseObject.GetType().Name,
            known.Contains(status) ? status : RunbookStep.Applied, Text("Detail"));
    }
}
