using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Ensures the database's security group admits TCP on the database port from each source group (ECS tasks → RDS,
/// Lambda → Aurora). Idempotent; never opens 0.0.0.0/0; never removes a rule.
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "DatabaseIngress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SecurityGroupRepairStep))]
public sealed class RepairDatabaseIngressCommand : AwsCommandCmdlet
{
    /// <summary>The groups that must reach the database (ids or names): the tasks', the Lambda's.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("SourceGroupId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string[] SourceSecurityGroup { get; set; } = new string[0];

    /// <summary>The database's group (id or name).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string DatabaseSecurityGroup { get; set; } = "";

    /// <summary>The database port; 5432 (Postgres) by default.</summary>
    [Parameter(Position = 2)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 5432;

    /// <summary>The VPC in which group names are looked up.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? VpcId { get; set; }

    protected override void Process()
    {
        var context = Context;
        var planner = new SecurityGroupRepairPlanner(context);
        IReadOnlyList<SecurityGroupRepairStep> steps;
        try
        {
            steps = Await(planner.PlanDatabaseIngressAsync(SourceSecurityGroup, DatabaseSecurityGroup, Port, VpcId, CancellationToken));
        }
        catch (NetworkRepairException ex) when (ex.Problem != NetworkProblem.OpenIngressRefused)
        {
            WriteFailure(ex, DatabaseSecurityGroup);
            return;
        }

        var applier = new SecurityGroupRepairApplier(context);
        ApplyPlan(steps.Select(context.Stamp), step => applier.ApplyAsync(step, CancellationToken),
            () => planner.PlanDatabaseIngressAsync(SourceSecurityGroup, DatabaseSecurityGroup, Port, VpcId, CancellationToken));
    }
}
