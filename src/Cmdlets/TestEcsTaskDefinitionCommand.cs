using System.Management.Automation;
using Kaviar.Ops.Lint;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Lints a task definition JSON file before it is registered (in CI, say), with no AWS call at all: the rules that
/// need the live service, its target groups or the account are listed as skipped. Test-EcsServiceReadiness runs the
/// same rules over a live service. Passed is $false when any Error finding exists.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EcsTaskDefinition")]
[OutputType(typeof(ReadinessReport))]
public sealed class TestEcsTaskDefinitionCommand : KaviarCmdlet
{
    /// <summary>The JSON file: what 'aws ecs register-task-definition --cli-input-json' takes, or what 'aws ecs describe-task-definition' writes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The seconds the application needs between SIGTERM and exit (in-flight requests, flushing telemetry). The default is 30, ECS's own stopTimeout.</summary>
    [Parameter]
    [ValidateRange(2, 120)]
    public int MinimumStopTimeout { get; set; } = LintOptions.DefaultMinimumStopTimeout;

    /// <summary>List only findings of this severity or worse: Info (all), Warning or Error. Passed still counts every Error.</summary>
    [Parameter]
    [ValidateSet("Info", "Warning", "Error")]
    public string Severity { get; set; } = "Info";

    protected override void Process()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var report = TaskDefinitionLinter.Lint(TaskDefinitionFile.Read(path, MinimumStopTimeout), FindingSeverities.Parse(Severity));
        report.Path = path;
        WriteObject(report);
    }
}
