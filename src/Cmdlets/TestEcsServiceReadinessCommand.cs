using System.Management.Automation;
using Kaviar.Ops.Lint;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Lints a live service against the production checklist: its task definition (the rules of Test-EcsTaskDefinition)
/// and what surrounds it — secrets and log groups that must exist, the target groups' health check and deregistration
/// delay, the grace period, the cluster's Container Insights, the recommended alarms, tags. Describe and List calls
/// only; a read the caller's policy denies skips the rules that need it (a warning names the action). Passed is $false
/// when any Error finding exists.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EcsServiceReadiness")]
[OutputType(typeof(ReadinessReport))]
public sealed class TestEcsServiceReadinessCommand : EcsServiceCommandCmdlet
{
    /// <summary>The seconds the application needs between SIGTERM and exit. The default is 30, ECS's own stopTimeout.</summary>
    [Parameter]
    [ValidateRange(2, 120)]
    public int MinimumStopTimeout { get; set; } = LintOptions.DefaultMinimumStopTimeout;

    /// <summary>List only findings of this severity or worse: Info (all), Warning or Error. Passed still counts every Error.</summary>
    [Parameter]
    [ValidateSet("Info", "Warning", "Error")]
    public string Severity { get; set; } = "Info";

    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        var report = Await(new ServiceReadinessReader(context).LintAsync(service, MinimumStopTimeout, FindingSeverities.Parse(Severity)));
        foreach (var warning in report.Warnings)
        {
            WriteWarning(warning);
        }

        WriteObject(report);
    }
}
