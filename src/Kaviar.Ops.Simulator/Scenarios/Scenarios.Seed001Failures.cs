using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Ecs;

namespace Kaviar.Ops.Simulator;

/// <summary>How seed 001's backend sends its log to CloudWatch Logs.</summary>
public enum Seed001Logging
{
    /// <summary>The awslogs driver: streams "ecs/kaviar-backend/&lt;task id&gt;".</summary>
    Awslogs,

    /// <summary>FireLens: Fluent Bit's cloudwatch_logs output, streams "app-kaviar-backend-firelens-&lt;task id&gt;", beside a log router.</summary>
    FireLensToCloudWatch,
}

/// <summary>Why seed 001's backend tasks never start, each decided by what the account holds.</summary>
public enum Seed001StartFailure
{
    /// <summary>DATABASE_URL is read from a Secrets Manager secret the account does not hold.</summary>
    SecretNotFound,

    /// <summary>The private subnets lost their NAT route; ECR, S3 and CloudWatch Logs have VPC endpoints, Secrets Manager has none.</summary>
    SecretsManagerUnreachable,

    /// <summary>STRIPE_API_KEY is read from an SSM parameter nobody created.</summary>
    ParameterNotFound,

    /// <summary>DATABASE_URL is read from the JSON key "url" of the secret, whose value is the bare URL, not JSON.</summary>
    SecretJsonKeyMissing,

    /// <summary>A lifecycle policy expired the v2 image from the kaviar-backend repository.</summary>
    ImageNotInRegistry,

    /// <summary>Other workloads hold every address of the private subnets, so the task's network interface cannot be created.</summary>
    SubnetOutOfAddresses,

    /// <summary>Two minutes in, the service is scaled to three tasks under a Fargate vCPU quota of 1: the third cannot be placed.</summary>
    VcpuQuotaReached,
}

public static partial class Scenarios
{
    public const string Seed001DatabaseIdentifier = "kaviar-db";
    public const string Seed001DatabaseSecurityGroup = "kaviar-db-sg";
    public const string Seed001DatabaseSecret = "kaviar/database-url";
    public const string Seed001DatabaseUser = "kaviar";
    public const string Seed001DatabaseName = "kaviar";
    public const string Seed001StripeKeyParameter = "/kaviar/prod/stripe-api-key";

    /// <summary>The Fargate vCPU quota of <see cref="Seed001StartFailure.VcpuQuotaReached"/>: two of seed 001's 0.5-vCPU tasks.</summary>
    public const double Seed001VcpuQuota = 1;

    /// <summary>Ten minutes of failing tasks: stopped tasks stay listed for an hour, so all of them are there to read.</summary>
    public static readonly TimeSpan Seed001FailureHistory = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Seed 001 healthy, plus RDS for PostgreSQL <see cref="Seed001DatabaseIdentifier"/> (in database subnets 10.0.5.0/24
    /// and 10.0.6.0/24, group <see cref="Seed001DatabaseSecurityGroup"/> admitting kaviar-ecs-sg on 5432) whose URL the
    /// backend reads from the secret <see cref="Seed001DatabaseSecret"/> as DATABASE_URL, connecting on start. Every
    /// task of the service crashes with <paramref name="kind"/>, worded as <paramref name="runtime"/> words it, into
    /// its log stream (awslogs, or Fluent Bit's through FireLens with <paramref name="logging"/>). The network failures come from the account, not a script: for
    /// <see cref="AppCrashKind.DatabaseConnectionTimedOut"/> the database's group has no rule for the tasks; for
    /// <see cref="AppCrashKind.DatabaseConnectionRefused"/> it admits them on every TCP port and the URL says 5433; for
    /// <see cref="AppCrashKind.DnsLookupFailed"/> the URL names kaviar-db.internal, which no zone holds; for
    /// <see cref="AppCrashKind.MissingEnvironmentVariable"/> the task definition has no DATABASE_URL secret.
    /// </summary>
    public static AccountScenario Seed001Crashing(AppCrashKind kind, AppRuntime runtime = AppRuntime.Node, Seed001Logging logging = Seed001Logging.Awslogs) =>
        AccountScenario.Named($"seed-001-crashing-{Kebab(kind.ToString())}-{Kebab(runtime.ToString())}{(logging == Seed001Logging.Awslogs ? "" : "-" + Kebab(logging.ToString()))}")
            .InRegion(Seed001Region)
            .ForAccount(Seed001AccountId)
            .WithHistory(Seed001FailureHistory)
            .With(state => BuildSeed001(state, Seed001Variant.Healthy, network => AddSeed001Database(state, network, DatabaseShapeFor(kind)), logging))
            .With(state => state.Ecs.SetApp(Seed001Family, CrashingBackend(kind, runtime)));

    /// <summary>
    /// Seed 001 healthy with the database of <see cref="Seed001Crashing"/>, where the service's tasks fail before their
    /// containers start (stop code TaskFailedToStart, no log stream), or are never placed, for <paramref name="failure"/>.
    /// </summary>
    public static AccountScenario Seed001FailingToStart(Seed001StartFailure failure) =>
        AccountScenario.Named($"seed-001-failing-to-start-{Kebab(failure.ToString())}")
            .InRegion(Seed001Region)
            .ForAccount(Seed001AccountId)
            .WithHistory(Seed001FailureHistory)
            .With(state => BuildSeed001(state, Seed001Variant.Healthy, network => AddSeed001Database(state, network, failure switch
            {
                Seed001StartFailure.SecretNotFound => DatabaseShape.SecretNeverCreated,
                Seed001StartFailure.ParameterNotFound => DatabaseShape.WithStripeKeyParameter,
                Seed001StartFailure.SecretJsonKeyMissing => DatabaseShape.UrlUnderJsonKey,
                _ => DatabaseShape.Reachable,
            })))
            .With(state =>
            {
                state.Ecs.SetApp(Seed001Family, new DatabaseConnectingApp(SimulatedApp.KaviarBackend(Seed001Port)));
                BreakStart(state, failure);
            });

    private enum DatabaseShape
    {
        Reachable,
        TasksNotAdmitted,
        WrongPort,
        UnknownHost,
        NoUrlSecret,
        SecretNeverCreated,
        WithStripeKeyParameter,
        UrlUnderJsonKey,
    }

    private static DatabaseShape DatabaseShapeFor(AppCrashKind kind) => kind switch
    {
        AppCrashKind.DatabaseConnectionTimedOut => DatabaseShape.TasksNotAdmitted,
        AppCrashKind.DatabaseConnectionRefused => DatabaseShape.WrongPort,
        AppCrashKind.DnsLookupFailed => DatabaseShape.UnknownHost,
        AppCrashKind.MissingEnvironmentVariable => DatabaseShape.NoUrlSecret,
        _ => DatabaseShape.Reachable,
    };

    /// <summary>
    /// The backend for <paramref name="kind"/>: an image that never runs its code, or a dependency missing at import, fails
    /// before connecting; the account decides the connection failures; anything else happens once connected.
    /// </summary>
    private static ISimulatedApp CrashingBackend(AppCrashKind kind, AppRuntime runtime) => kind switch
    {
        AppCrashKind.ExecFormatError or AppCrashKind.MissingModule => new CrashingApp(kind, runtime, new AppCrashDetails { App = Seed001Family }),
        AppCrashKind.DatabaseConnectionTimedOut or AppCrashKind.DatabaseConnectionRefused or AppCrashKind.DnsLookupFailed
            or AppCrashKind.MissingEnvironmentVariable => new DatabaseConnectingApp(SimulatedApp.KaviarBackend(Seed001Port), runtime, new AppCrashDetails { App = Seed001Family }),
        _ => new DatabaseConnectingApp(new CrashingApp(kind, runtime, new AppCrashDetails { App = Seed001Family }), runtime),
    };

    /// <summary>The database, its network interface, its group and the secret holding its URL; returns the backend's secrets.</summary>
    private static IReadOnlyList<ContainerSecret> AddSeed001Database(AccountState state, Seed001Network network, DatabaseShape shape)
    {
        var ec2 = state.Ec2;
        var databaseA = ec2.AddSubnet(network.Vpc.VpcId, "10.0.5.0/24", $"{state.Region}a", "kaviar-database-1", mapPublicIp: false);
        var databaseB = ec2.AddSubnet(network.Vpc.VpcId, "10.0.6.0/24", $"{state.Region}b", "kaviar-database-2", mapPublicIp: false);
        var group = ec2.AddSecurityGroup(network.Vpc.VpcId, Seed001DatabaseSecurityGroup, "Kaviar PostgreSQL");
        if (shape == DatabaseShape.WrongPort)
        {
            ec2.AuthorizeIngress(group.GroupId, new[] { new SecurityGroupPermission("tcp", 0, 65535, null, network.TaskGroup.GroupId, "All TCP from ECS tasks") });
        }
        else if (shape != DatabaseShape.TasksNotAdmitted)
        {
            ec2.AuthorizeIngressFromGroup(group.GroupId, 5432, network.TaskGroup.GroupId, "PostgreSQL from ECS tasks");
        }

        state.Rds.AddSubnetGroup("kaviar-db-subnets", "Kaviar database subnets", new[] { databaseA.SubnetId, databaseB.SubnetId });
        var database = state.Rds.AddPostgresInstance(Seed001DatabaseIdentifier, "kaviar-db-subnets", new[] { group.GroupId });
        ec2.CreateNetworkInterface(databaseA.SubnetId, new[] { group.GroupId }, "RDSNetworkInterface", assignPublicIp: false);

        var host = shape == DatabaseShape.UnknownHost ? "kaviar-db.internal" : database.Address;
        var port = shape == DatabaseShape.WrongPort ? 5433 : database.Port;
        var url = $"postgres://{Seed001DatabaseUser}:Vt8-kaviar-0c41d7@{host}:{port}/{Seed001DatabaseName}";
        var urlArn = shape == DatabaseShape.SecretNeverCreated
            ? $"arn:aws:secretsmanager:{state.Region}:{state.AccountId}:secret:{Seed001DatabaseSecret}-Qm4tZx"
            : state.SecretsManager.AddSecret(Seed001DatabaseSecret, url).Arn;
        return shape switch
        {
            DatabaseShape.NoUrlSecret => Array.Empty<ContainerSecret>(),
            DatabaseShape.WithStripeKeyParameter => new[] { new ContainerSecret("DATABASE_URL", urlArn), new ContainerSecret("STRIPE_API_KEY", Seed001StripeKeyParameter) },
            DatabaseShape.UrlUnderJsonKey => new[] { new ContainerSecret("DATABASE_URL", urlArn + ":url::") },
            _ => new[] { new ContainerSecret("DATABASE_URL", urlArn) },
        };
    }

    /// <summary>What an operator or another team changed in the account while the service's first task was provisioning.</summary>
    private static void BreakStart(AccountState state, Seed001StartFailure failure)
    {
        var ec2 = state.Ec2;
        var service = state.Ecs.RequireService(state.Ecs.RequireCluster(Seed001Cluster), Seed001Service);
        var privateSubnets = service.Primary.Network.Subnets;
        switch (failure)
        {
            case Seed001StartFailure.SecretsManagerUnreachable:
                var vpcId = ec2.RequireSubnet(privateSubnets[0]).VpcId;
                var privateTable = ec2.RouteTables.Single(t => t.Routes.Any(r => r.NatGatewayId is not null));
                privateTable.Routes.RemoveAll(r => r.NatGatewayId is not null);
                var endpoints = ec2.AddSecurityGroup(vpcId, "kaviar-endpoints-sg", "Kaviar VPC endpoints");
                ec2.AuthorizeIngressFromCidr(endpoints.GroupId, 443, "10.0.0.0/16", "HTTPS from the VPC");
                foreach (var api in new[] { "ecr.api", "ecr.dkr", "logs" })
                {
                    ec2.AddVpcEndpoint(vpcId, $"com.amazonaws.{state.Region}.{api}", "Interface", privateSubnets, new[] { endpoints.GroupId });
                }

                ec2.AddVpcEndpoint(vpcId, $"com.amazonaws.{state.Region}.s3", "Gateway", new[] { privateTable.RouteTableId });
                break;
            case Seed001StartFailure.ImageNotInRegistry:
                state.Ecr.DeleteImage(Seed001Family, "v2");
                break;
            case Seed001StartFailure.SubnetOutOfAddresses:
                foreach (var subnet in privateSubnets.Select(ec2.RequireSubnet))
                {
                    var defaultGroup = ec2.FindSecurityGroupByName(subnet.VpcId, "default")!;
                    while (ec2.AvailableIpAddressCount(subnet) > 0)
                    {
                        ec2.CreateNetworkInterface(subnet.SubnetId, new[] { defaultGroup.GroupId }, "Interface for batch workers", assignPublicIp: false);
                    }
                }

                break;
            case Seed001StartFailure.VcpuQuotaReached:
                state.Ecs.FargateOnDemandVcpuQuota = Seed001VcpuQuota;
                state.Timeline.After(TimeSpan.FromMinutes(2), () =>
                {
                    // What UpdateService --desired-count 3 does.
                    service.Primary.DesiredCount = 3;
                    state.Ecs.Scheduler.Reconcile(service);
                });
                break;
        }
    }

    /// <summary>"MissingRelation" reads "missing-relation".</summary>
    private static string Kebab(string pascal) => Regex.Replace(pascal, "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant();
}
