using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Kaviar.Ops.Kernel;

/// <summary>
/// A command the user can run next, as a name and parameters rather than free text, so that it renders to a line that
/// pastes into pwsh and a test can hold every one against the module's real commands and parameters.
/// </summary>
public sealed class SuggestedCommand
{
    internal SuggestedCommand(string name, IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        Name = name;
        Parameters = parameters;
    }

    public string Name { get; }

    /// <summary>In order; a null value is a switch.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Parameters { get; }

    /// <summary>The line to paste: values quoted for PowerShell where they need it.</summary>
    public override string ToString()
    {
        var line = new StringBuilder(Name);
        foreach (var parameter in Parameters)
        {
            line.Append(" -").Append(parameter.Key);
            if (parameter.Value != null)
            {
                line.Append(' ').Append(Render(parameter.Value));
            }
        }

        return line.ToString();
    }

    private static string Render(object value) => value switch
    {
        string text => Quote(text),
        IEnumerable<string> many => string.Join(", ", many.Select(Quote)),
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    /// <summary>Bare when it is a plain word (names, ids, ARNs), else single-quoted with quotes doubled.</summary>
    private static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || "-_.:/".IndexOf(c) >= 0) && !text.StartsWith("-", StringComparison.Ordinal)
            ? text
            : "'" + text.Replace("'", "''") + "'";
}

/// <summary>
/// Every module command the core suggests, made here and only here; the module tests enumerate these and check each
/// name and parameter against Get-Command. Each carries -Region, so a pasted line asks where the finding was made.
/// </summary>
public static class Suggest
{
    public static SuggestedCommand GetEcsServiceHealth(string region, string cluster, string service) =>
        Command("Get-EcsServiceHealth", ("Cluster", cluster), ("ServiceName", service), ("Region", region));

    public static SuggestedCommand TestEcsNetworkPath(string region, string cluster, string service) =>
        Command("Test-EcsNetworkPath", ("Cluster", cluster), ("Service", service), ("Region", region));

    public static SuggestedCommand TestEcsNetworkPathOfTask(string region, string cluster, string taskArn) =>
        Command("Test-EcsNetworkPath", ("Cluster", cluster), ("TaskArn", taskArn), ("Region", region));

    /// <summary>With <paramref name="securityGroup"/> when the service must be given that group (a new deployment).</summary>
    public static SuggestedCommand RepairEcsSecurityGroup(string region, string cluster, string service, string? securityGroup) =>
        securityGroup == null
            ? Command("Repair-EcsSecurityGroup", ("Cluster", cluster), ("Service", service), ("Region", region))
            : Command("Repair-EcsSecurityGroup", ("Cluster", cluster), ("Service", service), ("SecurityGroup", securityGroup), ("Region", region));

    public static SuggestedCommand RepairDatabaseIngress(string region, string sourceSecurityGroup, string databaseSecurityGroup, int port) =>
        Command("Repair-DatabaseIngress", ("SourceSecurityGroup", sourceSecurityGroup), ("DatabaseSecurityGroup", databaseSecurityGroup), ("Port", port),
            ("Region", region));

    /// <summary>The rule that lets the source group reach an RDS instance or Aurora cluster, on the database's own group and port.</summary>
    public static SuggestedCommand RepairDatabaseIngressOf(string region, string sourceSecurityGroup, string database) =>
        Command("Repair-DatabaseIngress", ("SourceSecurityGroup", sourceSecurityGroup), ("Database", database), ("Region", region));

    public static SuggestedCommand RepairAlbListener(string region, string loadBalancer, int port, string targetGroup) =>
        Command("Repair-AlbListener", ("LoadBalancer", loadBalancer), ("Port", port), ("TargetGroup", targetGroup), ("Region", region));

    public static SuggestedCommand TestAlbTargetHealthOfGroup(string region, string targetGroupArn) =>
        Command("Test-AlbTargetHealth", ("TargetGroupArn", targetGroupArn), ("Region", region));

    /// <summary>Every target of every group the load balancer's listeners forward to.</summary>
    public static SuggestedCommand TestAlbTargetHealthOfLoadBalancer(string region, string loadBalancer) =>
        Command("Test-AlbTargetHealth", ("LoadBalancer", loadBalancer), ("Region", region));

    /// <summary>Which rule and action a request with this Host header and path meets on the listener of that port.</summary>
    public static SuggestedCommand ResolveAlbRoute(string region, string loadBalancer, int port, string hostHeader, string path) =>
        Command("Resolve-AlbRoute", ("LoadBalancer", loadBalancer), ("Port", port), ("HostHeader", hostHeader), ("Path", path), ("Region", region));

    public static SuggestedCommand WaitForAlbTargets(string region, string cluster, string service, int timeoutSeconds) =>
        Command("Test-AlbTargetHealth", ("ServiceName", service), ("Cluster", cluster), ("Wait", null), ("Timeout", timeoutSeconds), ("Region", region));

    /// <summary>The service's path to one RDS instance or Aurora cluster: its groups, subnets, network ACLs and port, as RDS describes them.</summary>
    public static SuggestedCommand TestEcsNetworkPathToDatabase(string region, string cluster, string service, string database) =>
        Command("Test-EcsNetworkPath", ("Cluster", cluster), ("Service", service), ("Database", database), ("Region", region));

    /// <summary>Logs in with the secret's user, password, host and database, as the app does.</summary>
    public static SuggestedCommand TestPostgresConnectionOfSecret(string region, string secretId) =>
        Command("Test-PostgresConnection", ("SecretId", secretId), ("Region", region));

    /// <summary>Connects verify-full trusting only the CA bundle at <paramref name="caBundlePath"/> (the RDS global-bundle.pem).</summary>
    public static SuggestedCommand TestPostgresConnectionWithCaBundle(string region, string secretId, string caBundlePath) =>
        Command("Test-PostgresConnection", ("SecretId", secretId), ("CaBundlePath", caBundlePath), ("Region", region));

    /// <summary>Runs the migrations as a one-off task of the service; <paramref name="migrationCommand"/> is split into the command's words.</summary>
    public static SuggestedCommand InvokeEcsMigration(string region, string cluster, string service, string migrationCommand) =>
        Command("Invoke-EcsMigration", ("Cluster", cluster), ("Service", service),
            ("Command", migrationCommand.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)), ("Region", region));

    /// <summary>The whole path from a Lambda function to the database whose group is named: groups, ACLs, routes.</summary>
    public static SuggestedCommand TestLambdaNetworkPathTo(string region, string function, string databaseSecurityGroup, int port) =>
        Command("Test-LambdaNetworkPath", ("FunctionName", function), ("DatabaseSecurityGroup", databaseSecurityGroup), ("DatabasePort", port), ("Region", region));

    /// <summary>Deploys <paramref name="taskDefinition"/> (family:revision) to the service.</summary>
    public static SuggestedCommand StartEcsDeployment(string region, string cluster, string service, string taskDefinition) =>
        Command("Start-EcsDeployment", ("Cluster", cluster), ("Service", service), ("TaskDefinition", taskDefinition), ("Region", region));

    private static SuggestedCommand Command(string name, params (string Name, object? Value)[] parameters) =>
        new SuggestedCommand(name, parameters.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)).ToList());
}
