using System.Management.Automation;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Lint;
using Kaviar.Ops.Lint.Lambda;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Checks a Lambda function's configuration (seed 003): reserved environment variables, the timeout against what the
/// work needs, its network path to Secrets Manager and the database (as Test-LambdaNetworkPath checks it), secrets in
/// the environment, tag keys that differ only in case. -Path checks a proposed configuration file with no AWS call.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "LambdaConfiguration", DefaultParameterSetName = ByName)]
[OutputType(typeof(LambdaConfigurationReport))]
public sealed class TestLambdaConfigurationCommand : AwsCommandCmdlet
{
    private const string ByName = "ByName";
    private const string ByPath = "ByPath";

    /// <summary>The function's name or ARN (optionally with :alias or :version).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Alias("FunctionArn")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>A configuration JSON file: what 'aws lambda create-function --cli-input-json' takes, or what 'aws lambda get-function' writes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByPath, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Also check that the function reaches this RDS instance or Aurora cluster (identifier or ARN).</summary>
    [Parameter(ParameterSetName = ByName)]
    [Alias("DBClusterIdentifier", "DBInstanceIdentifier")]
    [ValidateNotNullOrEmpty]
    public string? Database { get; set; }

    /// <summary>Also check that this database group (id or name) admits the function.</summary>
    [Parameter(ParameterSetName = ByName)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecurityGroupCompleter))]
    public string? DatabaseSecurityGroup { get; set; }

    /// <summary>The database port: by default the database's own with -Database, else 5432.</summary>
    [Parameter(ParameterSetName = ByName)]
    [ValidateRange(1, 65535)]
    public int DatabasePort { get; set; } = 5432;

    /// <summary>The seconds the function's work needs (a migration's longest run); a shorter timeout is an Error finding.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int MinimumTimeout { get; set; }

    /// <summary>List only findings of this severity or worse: Info (all), Warning or Error. Passed still counts every Error.</summary>
    [Parameter]
    [ValidateSet("Info", "Warning", "Error")]
    public string Severity { get; set; } = "Info";

    protected override void Process()
    {
        var minimumTimeout = MyInvocation.BoundParameters.ContainsKey(nameof(MinimumTimeout)) ? MinimumTimeout : (int?)null;
        var severity = FindingSeverities.Parse(Severity);
        if (ParameterSetName == ByPath)
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            var offline = LambdaConfigurationChecker.Check(LambdaConfigurationChecker.ReadFile(path, minimumTimeout), severity);
            offline.Path = path;
            WriteObject(offline);
            return;
        }

        var function = LambdaNames.Function(FunctionName);
        var database = Database == null ? null : Kaviar.Ops.Database.DatabaseLocator.Parse(Database);
        var request = new LambdaNetworkPathRequest
        {
            Function = function,
            Database = database,
            DatabaseSecurityGroup = DatabaseSecurityGroup,
            DatabasePort = MyInvocation.BoundParameters.ContainsKey(nameof(DatabasePort)) ? DatabasePort : (int?)null,
        };
        WriteObject(Await(LambdaConfigurationChecker.CheckLiveAsync(ContextFor(function, database), request, minimumTimeout, severity)));
    }
}
