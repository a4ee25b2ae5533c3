using System;
using Kaviar.Ops.Simulator.Ecs;

namespace Kaviar.Ops.Simulator;

public static partial class Scenarios
{
    public const string Seed000Region = "us-east-1";
    public const string Seed000AccountId = "891377203460";
    public const string Seed000Cluster = "production-ysh-b2b-cluster";
    public const string Seed000Service = "ysh-b2b-backend";
    public const string Seed000Family = "ysh-b2b-backend";
    public const string Seed000Container = "ysh-b2b-backend";
    public const string Seed000LogGroup = "/ecs/ysh-b2b-backend";
    public const string Seed000LoadBalancer = "ysh-b2b-alb";
    public const string Seed000TargetGroup = "ysh-b2b-backend-tg";
    public const string Seed000MigrationCommand = "npx medusa db:migrate";
    public const string Seed000HealthPath = "/health";
    public const int Seed000Port = 9000;
    public const int Seed000Revision = 11;

    /// <summary>The production database's RDS-format secret (README's procedure reads it with -SecretId).</summary>
    public const string Seed000DatabaseSecret = "production/ysh-b2b/db";
    public const string Seed000DatabaseInstance = "ysh-b2b-db";

    /// <summary>
    /// Medusa's module loaders as seed 000 met them: the Tax module's loader failed first, so tax_provider leads and
    /// an empty database crashes with <c>error: relation "public.tax_provider" does not exist</c>.
    /// </summary>
    public static readonly string[] Seed000RequiredTables =
    {
        "public.tax_provider", "public.currency", "public.region_country", "public.payment_provider", "public.notification_provider",
    };

    public static readonly TimeSpan Seed000History = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runbook 000 (Medusa backend, us-east-1) after the RDS CA bundle was trusted (revision 11, image v1.0.2): cluster
    /// production-ysh-b2b-cluster, service ysh-b2b-backend on ysh-b2b-backend:11 (container ysh-b2b-backend, port 9000)
    /// behind ALB ysh-b2b-alb (HTTP:80 → ysh-b2b-backend-tg, /health). The backend is a <see cref="PostgresBackedApp"/>
    /// on <paramref name="database"/>, whose RDS-format secret is <see cref="Seed000DatabaseSecret"/>: on an empty database every task exits 1 for want of public.tax_provider
    /// until <c>npx medusa db:migrate</c> applies <see cref="SeedMigrations.Medusa"/>. Revision 9 (image v1.0.1) still
    /// fails TLS with SELF_SIGNED_CERT_IN_CHAIN, should anyone roll back to it.
    /// </summary>
    public static AccountScenario Seed000(ScenarioDatabase database) =>
        AccountScenario.Named("seed-000-medusa-not-migrated")
            .InRegion(Seed000Region)
            .ForAccount(Seed000AccountId)
            .WithHistory(Seed000History)
            .With(state => BuildSeed000(state, database));

    private static void BuildSeed000(AccountState state, ScenarioDatabase database)
    {
        var (vpc, publicSubnets, privateSubnets) = AddTwoTierVpc(state, "ysh-b2b");
        var (albGroup, ecsGroup) = AddAlbAndTaskGroups(state, vpc.VpcId, "ysh-b2b", "YSH B2B", Seed000Port);

        var elbv2 = state.Elbv2;
        var loadBalancer = elbv2.AddLoadBalancer(Seed000LoadBalancer, SubnetIds(publicSubnets), new[] { albGroup.GroupId });
        var targetGroup = elbv2.AddTargetGroup(Seed000TargetGroup, vpc.VpcId, Seed000Port, Seed000HealthPath);
        UseBriskHealthChecks(targetGroup);
        elbv2.AddForwardListener(loadBalancer.LoadBalancerArn, 80, targetGroup.TargetGroupArn);

        state.Logs.AddLogGroup(Seed000LogGroup, retentionInDays: 30);

        var ecs = state.Ecs;
        ecs.AddCluster(Seed000Cluster);
        RegisterRevisions(state, Seed000Family, Seed000Revision, revision =>
            NodeContainer(state, Seed000Container, $"ysh-b2b-backend:{Seed000ImageTag(revision)}", Seed000Port, Seed000LogGroup));
        state.SecretsManager.AddSecret(Seed000DatabaseSecret, database.RdsSecretString(Seed000DatabaseInstance));
        // Keyed by the image, so a task definition derived from the service's (a migrations family) runs the same app.
        ecs.SetApp($"{state.AccountId}.dkr.ecr.{state.Region}.amazonaws.com/{Seed000Family}", new PostgresBackedApp(database.AppConnectionString, Seed000MigrationCommand, SeedMigrations.Medusa,
            Seed000RequiredTables, Seed000HealthPath, Seed000Port));
        ecs.SetApp($"{Seed000Family}:9", new SimulatedApp
        {
            Start = ContainerStartOutcome.Exits(1, TimeSpan.FromSeconds(20),
                "{\"level\":\"warn\",\"message\":\"Pg connection failed to connect to the database. Retrying...\\n{\\\"code\\\":\\\"SELF_SIGNED_CERT_IN_CHAIN\\\"}\"}",
                "{\"level\":\"error\",\"message\":\"self-signed certificate in certificate chain\"}"),
        });

        ecs.AddService(new ServiceSpec
        {
            Cluster = Seed000Cluster,
            Name = Seed000Service,
            TaskDefinition = $"{Seed000Family}:{Seed000Revision}",
            DesiredCount = 1,
            Network = new AwsVpcConfiguration(SubnetIds(privateSubnets), new[] { ecsGroup.GroupId }, AssignPublicIp: false),
            LoadBalancers = new[] { new ServiceLoadBalancer(targetGroup.TargetGroupArn, Seed000Container, Seed000Port) },
            HealthCheckGracePeriodSeconds = 120,
        });
    }

    /// <summary>The runbook's table: v1.0.0 up to revision 8, v1.0.1 (ca-certificates only) from 9, v1.0.2 (RDS CA bundle) from 11.</summary>
    private static string Seed000ImageTag(int revision) => revision >= 11 ? "v1.0.2" : revision >= 9 ? "v1.0.1" : "v1.0.0";
}
