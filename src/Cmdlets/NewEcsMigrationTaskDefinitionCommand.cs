using System.Management.Automation;
using Kaviar.Ops.Migrations;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Sets a service's migrations up for good (seed 000's options 1 and 3): registers, from the revision the service runs,
/// a &lt;family&gt;-migrations task definition with the migration command, or (-AsInitContainer) a revision of the
/// service's own family whose app waits for a migrations container to exit 0. Idempotent; -WhatIf prints the JSON.
/// </summary>
[Cmdlet(VerbsCommon.New, "EcsMigrationTaskDefinition", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MigrationTaskDefinitionStep))]
public sealed class NewEcsMigrationTaskDefinitionCommand : EcsServiceCommandCmdlet
{
    /// <summary>The migration command, as words: npm, run, migrate.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = new string[0];

    /// <summary>The container whose image and settings run the migrations; by default the only essential one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Container { get; set; }

    /// <summary>Register a revision of the service's own family with a migrations init container instead of a family of its own.</summary>
    [Parameter]
    public SwitchParameter AsInitContainer { get; set; }

    protected override void Process()
    {
        var service = NamedService;
        var context = ContextFor(service);
        var planner = new MigrationTaskDefinitionPlanner(context);
        var setup = AsInitContainer ? MigrationSetup.InitContainer : MigrationSetup.Dedicated;
        var step = Await(planner.PlanAsync(service, Command, Container, setup, CancellationToken));
        ApplyPlan(new[] { step }, planned => planner.ApplyAsync(planned, CancellationToken),
            async () => new[] { await planner.PlanAsync(service, Command, Container, setup, CancellationToken).ConfigureAwait(false) });
    }
}
