using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Ensures the database's security group admits TCP on the database port from each source group (ECS tasks → RDS,
/// Lambda → Aurora). Idempotent; never opens 0.0.0.0/0; never removes a rule.
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "DatabaseIngress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByGroup)]
[OutputType(typeof(SecurityGroupRepairStep))]
public sealed class RepairDatabaseIngressCommand : AwsCommandCmdlet
{
    private const string ByGroup = "ByGroup";
    private const string ByDatabase = "ByDatabase";

    /// <summary>The groups that must reach the database (ids or names): the tasks', the Lambda's.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("SourceGroupId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string[] SourceSecurityGroup { get; set; } = new string[0];

    /// <summary>The database's group (id or name).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByGroup)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string DatabaseSecurityGroup { get; set; } = "";

    /// <summary>
    /// The RDS instance or Aurora cluster (identifier or ARN): the rule goes on its first security group (none is
    /// added when any of its groups already admits the source), on its own port.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ByDatabase, ValueFromPipelineByPropertyName = true)]
    [Alias("DBClusterIdentifier", "DBInstanceIdentifier")]
    [ValidateNotNullOrEmpty]
    public string Database { get; set; } = "";

    /// <summary>The database port: 5432 (Postgres) by default, or the database's own with -Database.</summary>
    [Parameter(Position = 2)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 5432;

    /// <summary>The VPC in which group names are looked up.</summary>
    [Parameter(ParameterSetName = ByGroup)]
    [ValidateNotNullOrEmpty]
    public string? VpcId { get; set; }

    protected override void Process()
    {
        var database = ParameterSetName == ByDatabase ? Kaviar.Ops.Database.DatabaseLocator.Parse(Database) : null;
        var context = database == null ? Context : ContextFor(database);
        var port = MyInvocation.BoundParameters.ContainsKey(nameof(Port)) ? Port : (int?)null;
        var planner = new SecurityGroupRepairPlanner(context);
        System.Threading.Tasks.Task<IReadOnlyList<SecurityGroupRepairStep>> Plan() => database == null
            ? planner.PlanDatabaseIngressAsync(SourceSecurityGroup, DatabaseSecurityGroup, Port, VpcId, CancellationToken)
            : planner.PlanDatabaseIngressAsync(SourceSecurityGroup, database, port, CancellationToken);

        IReadOnlyList<SecurityGroupRepairStep> steps;
        try
        {
            steps = Await(Plan());
        }
        catch (NetworkRepairException ex) when (ex.Problem != NetworkProblem.OpenIngressRefused)
        {
            WriteFailure(ex, database?.Input ?? DatabaseSecurityGroup);
            return;
        }

        var applier = new SecurityGroupRepairApplier(context);
        ApplyPlan(steps.Select(context.Stamp), step => applier.ApplyAsync(step, CancellationToken), Plan);
    }
}
