using System.Management.Automation;
using Kaviar.Ops.Deployments;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Compares two task definition revisions field by field (image, command, environment with secret-looking values
/// redacted, secrets by name and source, ports, health check, timeouts, size, logging, roles): one object per
/// difference.
/// </summary>
[Cmdlet(VerbsData.Compare, "EcsTaskDefinition")]
[OutputType(typeof(TaskDefinitionDifference))]
public sealed class CompareEcsTaskDefinitionCommand : AwsCommandCmdlet
{
    /// <summary>The revision to compare from: family:revision or ARN (the one that worked).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("From")]
    [ValidateNotNullOrEmpty]
    public string ReferenceTaskDefinition { get; set; } = "";

    /// <summary>The revision to compare to: family:revision or ARN (the one that fails).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("To", "TaskDefinition")]
    [ValidateNotNullOrEmpty]
    public string DifferenceTaskDefinition { get; set; } = "";

    protected override void Process()
    {
        var reference = ResourceReference.Parse(ResourceKind.EcsTaskDefinition, ReferenceTaskDefinition, "-ReferenceTaskDefinition");
        var difference = ResourceReference.Parse(ResourceKind.EcsTaskDefinition, DifferenceTaskDefinition, "-DifferenceTaskDefinition");
        var context = ContextFor(reference, difference);
        var differences = Await(new TaskDefinitionComparer(context).CompareAsync(reference.Identifier, difference.Identifier, CancellationToken));
        if (differences.Count == 0)
        {
            WriteVerbose($"{ReferenceTaskDefinition} and {DifferenceTaskDefinition} do not differ in any compared field.");
        }

        foreach (var entry in differences)
        {
            WriteObject(entry);
        }
    }
}
