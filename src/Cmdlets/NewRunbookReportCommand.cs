using System.Management.Automation;
using Kaviar.Ops.Runbooks;

namespace Kaviar.Ops.Cmdlets;

/// <summary>Starts a runbook's report: the one summary object a scheduled runbook writes, criteria and steps added as it runs.</summary>
[Cmdlet(VerbsCommon.New, "RunbookReport")]
[OutputType(typeof(RunbookReport))]
public sealed class NewRunbookReportCommand : KaviarCmdlet
{
    /// <summary>The runbook's name, as schedulers list it.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The documented procedure it carries out.</summary>
    [Parameter]
    public string Procedure { get; set; } = "";

    protected override void Process() =>
        WriteObject(new RunbookReport(Name, Procedure, LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference")), Clock.UtcNow));
}
