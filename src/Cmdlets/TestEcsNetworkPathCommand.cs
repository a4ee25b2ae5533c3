using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Checks each link of an ECS service's network path — the tasks' security groups, load balancer → task, task →
/// database, subnet → ECR/S3/Logs/Secrets Manager — and writes one object per link with its verdict and fix.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EcsNetworkPath", DefaultParameterSetName = ByService)]
[OutputType(typeof(NetworkPathCheck))]
public sealed class TestEcsNetworkPathCommand : EcsServiceOrTaskCmdlet
{
    /// <summary>The group the tasks must carry (id or name); by default the tasks' groups are judged by whether they admit the load balancer.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string? SecurityGroup { get; set; }

    /// <summary>Also check that this database group (id or name) admits the tasks.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string? DatabaseSecurityGroup { get; set; }

    /// <summary>Also check that the tasks reach this RDS instance or Aurora cluster (identifier or ARN): its groups, subnets and port come from RDS.</summary>
    [Parameter]
    [Alias("DBClusterIdentifier", "DBInstanceIdentifier")]
    [ValidateNotNullOrEmpty]
    public string? Database { get; set; }

    /// <summary>The database port: by default the database's own with -Database, else 5432.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int DatabasePort { get; set; } = 5432;

    private readonly List<(OpsContext Context, NetworkPathRequest Request, string Input)> requested = new List<(OpsContext, NetworkPathRequest, string)>();

    protected override void Process()
    {
        // Collected here and checked in EndProcessing, so piped services are looked up together, in batches.
        var input = ParameterSetName == ByService ? Service : TaskArn;
        try
        {
            var cluster = EcsNames.Cluster(Cluster);
            var service = ParameterSetName == ByService ? EcsNames.Service(Service, Cluster, "-Service") : null;
            var task = ParameterSetName == ByTask ? ResourceReference.Parse(ResourceKind.EcsTask, TaskArn, "-TaskArn") : null;
            var database = Database == null ? null : Kaviar.Ops.Database.DatabaseLocator.Parse(Database);
            requested.Add((ContextFor(cluster, service?.Service, task, database), new NetworkPathRequest
            {
                Cluster = service?.Cluster ?? cluster.Name,
                Service = service,
                TaskArn = task?.Identifier,
                SecurityGroup = SecurityGroup,
                DatabaseSecurityGroup = DatabaseSecurityGroup,
                Database = database,
                DatabasePort = MyInvocation.BoundParameters.ContainsKey(nameof(DatabasePort)) ? DatabasePort : (int?)null,
            }, input));
        }
        catch (OpsException ex) when (ex is not Aws.AwsConnectionException)
        {
            WriteFailure(ex, input);
        }
    }

    protected override void End()
    {
        foreach (var region in requested.GroupBy(r => r.Context))
        {
            var outcomes = Await(new NetworkPathInspector(region.Key).InspectManyAsync(region.Select(r => r.Request).ToList(), CancellationToken));
            foreach (var (outcome, input) in outcomes.Zip(region, (outcome, asked) => (outcome, asked.Input)))
            {
                if (outcome.Failure?.Code == ErrorTable.OpenIngressRefused)
                {
                    Fail(outcome.Failure, input);
                }

                if (outcome.Failure != null)
                {
                    WriteFailure(outcome.Failure, input);
                    continue;
                }

                foreach (var check in outcome.Result!)
                {
                    WriteObject(region.Key.Stamp(check));
                }
            }
        }
    }
}
