using System;
using System.Management.Automation;
using Kaviar.Ops.Logs;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Checks that every task of a service's PRIMARY deployment has logged a line (runbook 001's "logs showing 'Backend
/// running on port 3001'"). A task without it is Passed = $false in the result, not an error: the runbook decides.
/// With -Wait it checks until every task has, and -Timeout passing first is a terminating error.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EcsServiceLog", DefaultParameterSetName = ByText)]
[OutputType(typeof(EcsServiceLogCheck))]
public sealed class TestEcsServiceLogCommand : EcsServiceCommandCmdlet
{
    private const string ByText = "ByText";
    private const string ByFilterPattern = "ByFilterPattern";

    /// <summary>Text every task must have logged, matched case-sensitively anywhere in a line.</summary>
    [Parameter(Mandatory = true, Position = 2, ParameterSetName = ByText)]
    [ValidateNotNullOrEmpty]
    public string Pattern { get; set; } = "";

    /// <summary>A CloudWatch Logs filter pattern some line of every task must match, instead of -Pattern.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByFilterPattern)]
    [ValidateNotNullOrEmpty]
    public string FilterPattern { get; set; } = "";

    /// <summary>Search only this far back (5m, 1h, '00:10:00'); by default each task is searched from its start.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? Since { get; set; }

    /// <summary>The containers to search; by default every container whose logs CloudWatch keeps.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Container { get; set; } = new string[0];

    /// <summary>Check until every task has logged the line.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds to wait with -Wait. The default is 300.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 300;

    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        var pattern = ParameterSetName == ByText ? LogLinePattern.Text(Pattern) : LogLinePattern.Filter(FilterPattern);
        var check = Wait
            ? AwaitReporting(reporter => new ServiceLogChecker(context.WithReporter(reporter), service, pattern, Since, Container).WaitAsync(TimeSpan.FromSeconds(Timeout)))
            : Await(new ServiceLogChecker(context, service, pattern, Since, Container).CheckAsync());
        foreach (var warning in check.Warnings)
        {
            WriteWarning(warning);
        }

        WriteObject(check);
    }
}
