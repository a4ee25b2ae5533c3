using Kaviar.Ops.Database;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Evidence;

/// <summary>The fixes several database signatures share, each made from what the context knows and no more.</summary>
internal static class DatabaseFixes
{
    /// <summary>The path the CA bundle is suggested at: the file the user downloads next to where they run the check.</summary>
    public const string CaBundleFile = "./global-bundle.pem";

    /// <summary>
    /// For packets dropped on the way to the database: check the whole path (security groups, network ACLs, routes),
    /// and the one repair the module makes when it is the database's group that drops them.
    /// </summary>
    public static (SuggestedCommand? Fix, string ManualFix) NetworkPath(LogContext context, int port)
    {
        var check = context.Service == null
            ? null
            : context.Database == null
                ? Suggest.TestEcsNetworkPath(context.Region, context.Cluster, context.Service)
                : Suggest.TestEcsNetworkPathToDatabase(context.Region, context.Cluster, context.Service, context.Database);
        var taskGroup = context.TaskSecurityGroup;
        if (taskGroup != null && context.Database != null)
        {
            var repair = Suggest.RepairDatabaseIngressOf(context.Region, taskGroup, context.Database);
            return check == null
                ? (repair, "The database's security group must admit the tasks' group on its port; network ACLs and routes between the subnets must allow it.")
                : (check, $"When it is the database's security group that drops the traffic: {repair}");
        }

        return (check, "Let the database's security group admit the tasks' group on TCP " + port + ": aws ec2 authorize-security-group-ingress " +
            $"--group-id <database security group> --protocol tcp --port {port} --source-group {taskGroup ?? "<task security group>"} --region {context.Region}");
    }

    /// <summary>Run the migrations: with the module when the service and its migration command are known, else how to.</summary>
    public static (SuggestedCommand? Fix, string? ManualFix) Migrations(LogContext context)
    {
        if (context.Service != null && !string.IsNullOrWhiteSpace(context.MigrationCommand))
        {
            return (Suggest.InvokeEcsMigration(context.Region, context.Cluster, context.Service, context.MigrationCommand!), null);
        }

        var service = context.Service ?? "<service>";
        return (null, "Run the app's migrations against this database before it starts, for example as a one-off task: " +
                      $"Invoke-EcsMigration -Cluster {context.Cluster} -Service {service} -Command <migration command, e.g. npx, prisma, migrate, deploy> " +
                      $"-Region {context.Region}");
    }

    /// <summary>Log in with the secret the app uses, when the context names it.</summary>
    public static SuggestedCommand? VerifyLogin(LogContext context) =>
        context.DatabaseSecretId == null ? null : Suggest.TestPostgresConnectionOfSecret(context.Region, context.DatabaseSecretId);

    /// <summary>Connect verify-full trusting only the RDS bundle, when the context names the secret.</summary>
    public static SuggestedCommand? VerifyTrust(LogContext context) =>
        context.DatabaseSecretId == null ? null : Suggest.TestPostgresConnectionWithCaBundle(context.Region, context.DatabaseSecretId, CaBundleFile);

    /// <summary>Where to download the bundle the app and the check must trust.</summary>
    public static string DownloadBundle => $"Invoke-WebRequest {RdsCaBundle.Url} -OutFile {CaBundleFile}";
}
