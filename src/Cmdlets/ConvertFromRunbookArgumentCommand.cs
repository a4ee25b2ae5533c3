using System;
using System.Collections;
using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Runbooks;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// A runbook parameter as schedulers pass it, back to what an interactive caller passes: `-List 'npm,run,migrate'` or a
/// JSON array gives the items; `-Table '{"success":true}'` gives a hashtable (a hashtable stays as it is).
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "RunbookArgument", DefaultParameterSetName = ListSet)]
[OutputType(typeof(string), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(Hashtable), ParameterSetName = new[] { TableSet })]
public sealed class ConvertFromRunbookArgumentCommand : KaviarCmdlet
{
    private const string ListSet = "List";
    private const string TableSet = "Table";

    /// <summary>Comma-separated strings, JSON arrays, or items already apart.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ListSet)]
    [AllowEmptyCollection]
    [AllowNull]
    public string[]? List { get; set; }

    /// <summary>A hashtable, or a JSON object as a string.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TableSet)]
    [AllowNull]
    public object? Table { get; set; }

    protected override void Process()
    {
        try
        {
            if (ParameterSetName == TableSet)
            {
                WriteObject(RunbookArguments.Table(Table is PSObject wrapped ? wrapped.BaseObject : Table));
            }
            else
            {
                WriteObject(RunbookArguments.List(List ?? new string[0]), enumerateCollection: true);
            }
        }
        catch (ArgumentException invalid)
        {
            Fail(new OpsException(ErrorTable.RunbookArgumentInvalid, invalid.Message,
                recommendedAction: "Pass a list as 'a,b,c' or a JSON array, and a table as a JSON object."));
        }
    }
}
