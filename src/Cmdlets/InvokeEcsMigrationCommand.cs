using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Migrations;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Runs the database migrations as a one-off ECS task with the live service's task definition and network, waits
/// for it, tails its log, and fails (terminating) unless it exits 0 — so a runbook cannot deploy over a failed migration.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "EcsMigration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = FromService)]
[OutputType(typeof(EcsMigrationResult))]
public sealed class InvokeEcsMigrationCommand : KaviarAwsCmdlet
{
    private const string FromService = "FromService";
    private const string FromTaskDefinition = "FromTaskDefinition";

    /// <summary>The cluster name or ARN.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterName", "ClusterArn")]
    [ValidateNotNullOrEmpty]
    public string Cluster { get; set; } = "";

    /// <summary>The service whose task definition and network the migration task copies.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FromService, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName")]
    [ValidateNotNullOrEmpty]
    public string Service { get; set; } = "";

    /// <summary>A dedicated migrations task definition (family, family:revision or ARN); with -Service it replaces the service's.</summary>
    [Parameter(ParameterSetName = FromService)]
    [Parameter(Mandatory = true, ParameterSetName = FromTaskDefinition)]
    [ValidateNotNullOrEmpty]
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

    /// <summary>RunTask's idempotency token; by default derived from the run's settings and the hour.</summary>
    [Parameter]
    [ValidateLength(1, 64)]
    public string? ClientToken { get; set; }

    protected override void Process()
    {
        var ecs = Connection.CreateEcsClient();
        var planner = new MigrationTaskPlanner(ecs, Connection.Region.SystemName);
        var request = new MigrationRequest
        {
            Command = Command,
            Container = Container,
            ClientToken = ClientToken,
            Environment = (Environment ?? new Hashtable()).Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? ""),
        };

        var plan = Guarded(null, () => Await(ParameterSetName == FromService
            ? planner.FromServiceAsync(Cluster, Service, TaskDefinition, request, CancellationToken)
            : planner.FromTaskDefinitionAsync(Cluster, TaskDefinition!, new MigrationNetwork
            {
                Subnets = Subnet,
                SecurityGroups = SecurityGroup,
                AssignPublicIp = AssignPublicIp,
            }, request, CancellationToken)));
        WriteVerbose("Migration task plan:" + System.Environment.NewLine + plan.Describe());

        if (!ShouldProcess(plan.Describe(), "Run migration task"))
        {
            return;
        }

        var runner = new MigrationTaskRunner(ecs, Connection.CreateCloudWatchLogsClient());
        if (!Force)
        {
            var active = Await(runner.FindActiveMigrationsAsync(plan, CancellationToken));
            if (active.Count > 0)
            {
                Fail(new MigrationRunException(MigrationRunProblem.AlreadyRunning,
                    $"Another migration task of family {plan.Family} is pending or running: {string.Join(", ", active)}. " +
                    "Wait for it (Get-EcsServiceHealth shows the service; aws ecs describe-tasks the task), or pass -Force to start anyway."), plan);
            }
        }

        var taskArn = Guarded(plan, () => Await(runner.StartAsync(plan, CancellationToken)));
        WriteVerbose($"Started migration task {taskArn}");
        if (NoWait)
        {
            WriteObject(new EcsMigrationResult
            {
                Region = plan.Region, Cluster = plan.Cluster, TaskArn = taskArn, TaskId = EcsNames.TaskId(taskArn),
                TaskDefinitionArn = plan.TaskDefinitionArn, Container = plan.Container, Command = plan.Command, LastStatus = "PROVISIONING",
                LogGroup = plan.LogGroup, LogStream = plan.LogStreamFor(EcsNames.TaskId(taskArn)),
            });
            return;
        }

        try
        {
            WriteObject(Guarded(plan, () => AwaitReporting(reporter =>
                runner.WaitAsync(plan, taskArn, TimeSpan.FromSeconds(Timeout), TailLines, reporter, CancellationToken))));
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C stops the waiting, not the task: say which task is still running.
            Host.UI.WriteWarningLine($"Stopped waiting. Migration task {taskArn} is still running in cluster {plan.Cluster}.");
            throw;
        }
    }

    private T Guarded<T>(object? target, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (MigrationRunException ex)
        {
            Fail(ex, target);
            throw;
        }
    }

    private void Fail(MigrationRunException exception, object? target)
    {
        var (errorId, category) = exception.Problem switch
        {
            MigrationRunProblem.ServiceNotFound => ("EcsMigrationServiceNotFound", ErrorCategory.ObjectNotFound),
            MigrationRunProblem.ContainerNotFound => ("EcsMigrationContainerNotFound", ErrorCategory.ObjectNotFound),
            MigrationRunProblem.ContainerAmbiguous => ("EcsMigrationContainerAmbiguous", ErrorCategory.InvalidArgument),
            MigrationRunProblem.NetworkMissing => ("EcsMigrationNetworkMissing", ErrorCategory.InvalidArgument),
            MigrationRunProblem.AlreadyRunning => ("EcsMigrationAlreadyRunning", ErrorCategory.ResourceBusy),
            MigrationRunProblem.FailedToStart => ("EcsMigrationTaskFailedToStart", ErrorCategory.InvalidResult),
            MigrationRunProblem.TimedOut => ("EcsMigrationTimeout", ErrorCategory.OperationTimeout),
            _ => ("EcsMigrationFailed", ErrorCategory.InvalidResult),
        };
        // The result (with ExitCode and LogTail) is the target when the task got that far, so scripts can read it.
        ThrowTerminatingError(new ErrorRecord(exception, errorId, category, (object?)exception.Result ?? target ?? Service));
    }
}
