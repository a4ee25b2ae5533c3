using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Migrations;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Runs the database migrations as a one-off ECS task with the live service's task definition and network, waits
/// for it, tails its log, and fails (terminating) unless it exits 0 — so a runbook cannot deploy over a failed migration.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "EcsMigration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = FromService)]
[OutputType(typeof(EcsMigrationResult))]
public sealed class InvokeEcsMigrationCommand : AwsCommandCmdlet
{
    private const string FromService = "FromService";
    private const string FromTaskDefinition = "FromTaskDefinition";

    /// <summary>The cluster name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName", "ClusterArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClusterCompleter))]
    public string Cluster { get; set; } = "";

    /// <summary>The service whose task definition and network the migration task copies.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FromService, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceCompleter))]
    public string Service { get; set; } = "";

    /// <summary>A dedicated migrations task definition (family, family:revision or ARN); with -Service it replaces the service's.</summary>
    [Parameter(ParameterSetName = FromService)]
    [Parameter(Mandatory = true, ParameterSetName = FromTaskDefinition)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TaskDefinitionCompleter))]
    public string? TaskDefinition { get; set; }

    /// <summary>The migration command, as the container's command array: npx, medusa, db:migrate.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = new string[0];

    /// <summary>The container that runs the command; by default the task definition's one essential container.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Container { get; set; }

    /// <summary>Environment variables to set in the container for this run (values are never displayed).</summary>
    [Parameter]
    public Hashtable? Environment { get; set; }

    /// <summary>Subnets for a -TaskDefinition run without a service.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromTaskDefinition)]
    [ValidateNotNullOrEmpty]
    public string[] Subnet { get; set; } = new string[0];

    /// <summary>Security groups for a -TaskDefinition run without a service.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromTaskDefinition)]
    [ValidateNotNullOrEmpty]
    public string[] SecurityGroup { get; set; } = new string[0];

    /// <summary>Give the task a public IP (public subnets without a NAT gateway need it to reach ECR and Logs).</summary>
    [Parameter(ParameterSetName = FromTaskDefinition)]
    public SwitchParameter AssignPublicIp { get; set; }

    /// <summary>Seconds to wait for the task to stop. The default is 900.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int Timeout { get; set; } = 900;

    /// <summary>Start the task and return without waiting for its exit code.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>How many of the task's last log lines to keep in the result. The default is 50.</summary>
    [Parameter]
    [ValidateRange(0, 10000)]
    public int TailLines { get; set; } = 50;

    /// <summary>Start even though another migration task of the same family is pending or running.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>RunTask's idempotency token; by default "the next migration of this family".</summary>
    [Parameter]
    [ValidateLength(1, 64)]
    public string? ClientToken { get; set; }

    protected override void Process()
    {
        var service = ParameterSetName == FromService ? EcsNames.Service(Service, Cluster, "-Service") : null;
        var cluster = EcsNames.Cluster(Cluster);
        var taskDefinition = TaskDefinition == null ? null : ResourceReference.Parse(ResourceKind.EcsTaskDefinition, TaskDefinition, "-TaskDefinition",
            arn => arn.ResourcePath);
        var context = service != null ? ContextFor(service.Service, cluster, taskDefinition) : ContextFor(cluster, taskDefinition);
        var planner = new MigrationTaskPlanner(context);
        var request = new MigrationRequest
        {
            Command = Command,
            Container = Container,
            ClientToken = ClientToken,
            Environment = (Environment ?? new Hashtable()).Cast<DictionaryEntry>()
                .ToDictionary(e => e.Key.ToString()!, e => new SecretValue(e.Value is SecureString secure ? new NetworkCredential("", secure).Password : e.Value?.ToString() ?? "")),
        };

        var plan = Await(service != null
            ? planner.FromServiceAsync(service, taskDefinition?.Identifier, request, CancellationToken)
            : planner.FromTaskDefinitionAsync(cluster, taskDefinition!.Identifier, new MigrationNetwork
            {
                Subnets = Subnet,
                SecurityGroups = SecurityGroup,
                AssignPublicIp = AssignPublicIp,
            }, request, CancellationToken));
        WriteVerbose("Migration task plan:" + System.Environment.NewLine + plan.Describe());

        if (!ShouldProcessStep(plan.Describe(), "Run migration task"))
        {
            return;
        }

        var runner = new MigrationTaskRunner(context);
        if (!Force)
        {
            Await(runner.RefuseWhileOneRunsAsync(plan, CancellationToken));
        }

        var taskArn = Await(runner.StartAsync(plan, Force, CancellationToken));
        WriteVerbose($"Started migration task {taskArn}");
        if (NoWait)
        {
            WriteObject(context.Stamp(new EcsMigrationResult
            {
                Cluster = plan.Cluster, TaskArn = taskArn, TaskId = EcsNames.TaskId(taskArn),
                TaskDefinitionArn = plan.TaskDefinitionArn, Container = plan.Container, Command = plan.Command, LastStatus = "PROVISIONING",
                LogGroup = plan.LogGroupFor(taskArn), LogStream = plan.LogStreamFor(taskArn),
            }));
            return;
        }

        try
        {
            WriteObject(context.Stamp(AwaitReporting(reporter =>
                runner.WaitAsync(plan, taskArn, TimeSpan.FromSeconds(Timeout), TailLines, reporter, CancellationToken))));
        }
        catch (PipelineStoppedException) when (CancellationToken.IsCancellationRequested)
        {
            // Ctrl+C stops the waiting, not the task: say which task is still running.
            Host.UI.WriteWarningLine($"Stopped waiting. Migration task {taskArn} is still running in cluster {plan.Cluster} ({plan.Region}).");
            throw;
        }
    }
}
