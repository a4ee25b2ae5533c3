using System.Collections.Generic;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// One step of a repair plan. Planning reads only; applying a step is one confirmation (ShouldProcess) with
/// <see cref="Describe"/> as its target and <see cref="Action"/> as its action, so -WhatIf prints the plan and
/// makes no change. A step already in place is never applied again.
/// </summary>
public interface IRepairStep
{
    /// <summary>False when the step found its change already in place (or was applied).</summary>
    bool NeedsChange { get; }

    /// <summary>The ShouldProcess action: what kind of change this is.</summary>
    string Action { get; }

    /// <summary>
    /// True for a step whose mistake reaches users at once (a redeploy, the routing of every request): it is confirmed
    /// even where the command's other steps are not, unless -Force or -Confirm:$false says so.
    /// </summary>
    bool HighImpact { get; }

    /// <summary>
    /// What the user should know before confirming the change (it exposes more than asked, or touches what others use).
    /// Written as warnings before the confirmation, so -WhatIf shows them too; they never block the step.
    /// </summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>The ShouldProcess target: exactly what the step changes, in the region it changes it.</summary>
    string Describe();

    /// <summary>The step as it ends when the user declined it: Skipped, nothing changed.</summary>
    IRepairStep Skipped();
}

/// <summary>How a step of a plan ended: the same four words in every repair and deployment.</summary>
public enum StepStatus
{
    /// <summary>Needed and not made: the plan (-WhatIf).</summary>
    Planned,

    /// <summary>Made by this run.</summary>
    Applied,

    /// <summary>Nothing to do: the change was already in place.</summary>
    AlreadyInPlace,

    /// <summary>Needed, and declined at the confirmation prompt: nothing changed.</summary>
    Skipped,
}
