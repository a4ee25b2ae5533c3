using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Checks each link of a Lambda function's network path — the function in a VPC, function → database, the network
/// ACLs between, subnet → Secrets Manager — and writes one object per link with its verdict and fix.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "LambdaNetworkPath")]
[OutputType(typeof(NetworkPathCheck))]
public sealed class TestLambdaNetworkPathCommand : AwsCommandCmdlet
{
    /// <summary>The function's name or ARN (optionally with :alias or :version).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FunctionArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>Also check that the function reaches this RDS instance or Aurora cluster (identifier or ARN): its groups, subnets and port come from RDS.</summary>
    [Parameter]
    [Alias("DBClusterIdentifier", "DBInstanceIdentifier")]
    [ValidateNotNullOrEmpty]
    public string? Database { get; set; }

    /// <summary>Also check that this database group (id or name) admits the function.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string? DatabaseSecurityGroup { get; set; }

    /// <summary>The database port: by default the database's own with -Database, else 5432.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int DatabasePort { get; set; } = 5432;

    private readonly List<(OpsContext Context, LambdaNetworkPathRequest Request)> requested = new List<(OpsContext, LambdaNetworkPathRequest)>();

    protected override void Process()
    {
        // Collected here and checked in EndProcessing, so piped functions of one region share their EC2 reads.
        try
        {
            var function = LambdaNames.Function(FunctionName);
            var database = Database == null ? null : Kaviar.Ops.Database.DatabaseLocator.Parse(Database);
            requested.Add((ContextFor(function, database), new LambdaNetworkPathRequest
            {
                Function = function,
                Database = database,
                DatabaseSecurityGroup = DatabaseSecurityGroup,
                DatabasePort = MyInvocation.BoundParameters.ContainsKey(nameof(DatabasePort)) ? DatabasePort : (int?)null,
            }));
        }
        catch (OpsException ex) when (ex is not Aws.AwsConnectionException)
        {
            WriteFailure(ex, FunctionName);
        }
    }

    protected override void End()
    {
        foreach (var region in requested.GroupBy(r => r.Context))
        {
            var outcomes = Await(new LambdaNetworkPathInspector(region.Key).InspectManyAsync(region.Select(r => r.Request).ToList(), CancellationToken));
            foreach (var outcome in outcomes)
            {
                if (outcome.Failure != null)
                {
                    WriteFailure(outcome.Failure, outcome.Asked.Function.Input);
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
