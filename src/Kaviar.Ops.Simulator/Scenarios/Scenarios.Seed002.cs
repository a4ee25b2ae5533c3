using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;

namespace Kaviar.Ops.Simulator;

public enum Seed002Variant
{
    /// <summary>
    /// The incident: migrations never ran, so every backend task exits 1 logging
    /// <c>error: relation "application_logs" does not exist</c>; the listener's default action is a fixed-response 404.
    /// </summary>
    MigrationsNeverRan,

    /// <summary>After the runbook's fix: migrations applied, the listener's default forwards to the backend, both services healthy.</summary>
    Fixed,
}

public static partial class Scenarios
{
    public const string Seed002Region = "us-east-1";
    public const string Seed002AccountId = "223882168768";
    public const string Seed002Cluster = "faxi-qa-cluster";
    public const string Seed002BackendService = "faxi-qa-backend";
    public const string Seed002AdminService = "faxi-qa-admin";
    public const string Seed002BackendFamily = "faxi-qa-backend";
    public const string Seed002AdminFamily = "faxi-qa-admin";
    public const string Seed002BackendContainer = "backend";
    public const string Seed002AdminContainer = "admin";
    public const string Seed002BackendLogGroup = "/ecs/faxi-qa-backend";
    public const string Seed002AdminLogGroup = "/ecs/faxi-qa-admin";
    public const string Seed002LoadBalancer = "qa-faxi-alb";
    public const string Seed002BackendTargetGroup = "qa-faxi-backend-tg";
    public const string Seed002AdminTargetGroup = "qa-faxi-admin-tg";
    public const string Seed002BackendHost = "qa-fax.faxi.jp";
    public const string Seed002AdminHost = "qa-admin.faxi.jp";
    public const string Seed002ApexHost = "qa.faxi.jp";
    public const string Seed002MigrationCommand = "npm run migrate";
    public const string Seed002HealthPath = "/health";
    public const int Seed002Port = 3000;
    public const int Seed002BackendRevision = 10;
    public const int Seed002AdminRevision = 4;

    /// <summary>The RDS-format secret of the QA database (README's procedure reads it with -SecretId).</summary>
    public const string Seed002DatabaseSecret = "qa/faxi/db";
    public const string Seed002DatabaseInstance = "faxi-qa-db";

    /// <summary>The backend's health answer once its schema is there: degraded, because QA's S3 bucket is down (acceptable per the runbook).</summary>
    public const string Seed002HealthyBody = "{\"status\":\"degraded\",\"services\":{\"database\":\"up\",\"s3\":\"down\"}}";

    /// <summary>Long enough for a dozen crashed backend tasks and a healthy admin service.</summary>
    public static readonly TimeSpan Seed002History = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runbook 002 (Faxi QA, us-east-1): cluster faxi-qa-cluster with services faxi-qa-backend (faxi-qa-backend:10,
    /// container "backend") and faxi-qa-admin (faxi-qa-admin:4, container "admin"), both on port 3000 in private subnets
    /// behind ALB qa-faxi-alb. Its HTTP:80 listener routes qa-fax.faxi.jp and qa.faxi.jp to qa-faxi-backend-tg and
    /// qa-admin.faxi.jp to qa-faxi-admin-tg by host-header rules. With <paramref name="database"/> the backend is a
    /// <see cref="PostgresBackedApp"/> on that database (expected empty for the incident; the Fixed variant migrates it
    /// while building) and Secrets Manager holds its RDS-format secret <see cref="Seed002DatabaseSecret"/>; without, the
    /// backend is a <see cref="ScriptedMigrationApp"/>. Either way <c>npm run migrate</c> applies
    /// <see cref="SeedMigrations.Faxi"/>.
    /// </summary>
    public static AccountScenario Seed002(Seed002Variant variant = Seed002Variant.MigrationsNeverRan, ScenarioDatabase? database = null) =>
        AccountScenario.Named(variant == Seed002Variant.Fixed ? "seed-002-fixed" : "seed-002-migrations-never-ran")
            .InRegion(Seed002Region)
            .ForAccount(Seed002AccountId)
            .WithHistory(Seed002History)
            .With(state => BuildSeed002(state, variant, database));

    private static void BuildSeed002(AccountState state, Seed002Variant variant, ScenarioDatabase? database)
    {
        var (vpc, publicSubnets, privateSubnets) = AddTwoTierVpc(state, "faxi-qa");
        var (albGroup, ecsGroup) = AddAlbAndTaskGroups(state, vpc.VpcId, "qa-faxi", "Faxi QA", Seed002Port);

        var elbv2 = state.Elbv2;
        var loadBalancer = elbv2.AddLoadBalancer(Seed002LoadBalancer, SubnetIds(publicSubnets), new[] { albGroup.GroupId });
        var backendGroup = elbv2.AddTargetGroup(Seed002BackendTargetGroup, vpc.VpcId, Seed002Port, Seed002HealthPath);
        var adminGroup = elbv2.AddTargetGroup(Seed002AdminTargetGroup, vpc.VpcId, Seed002Port, Seed002HealthPath);
        UseBriskHealthChecks(backendGroup);
        UseBriskHealthChecks(adminGroup);
        var listenerArn = elbv2.AddFixedResponseListener(loadBalancer.LoadBalancerArn, 80, 404);
        elbv2.AddRule(listenerArn, 1, new[] { Seed002BackendHost }, Array.Empty<string>(), backendGroup.TargetGroupArn);
        elbv2.AddRule(listenerArn, 2, new[] { Seed002AdminHost }, Array.Empty<string>(), adminGroup.TargetGroupArn);
        elbv2.AddRule(listenerArn, 3, new[] { Seed002ApexHost }, Array.Empty<string>(), backendGroup.TargetGroupArn);
        if (variant == Seed002Variant.Fixed)
        {
            elbv2.ModifyListenerDefaultActions(listenerArn, new[] { ListenerAction.Forward(backendGroup.TargetGroupArn) });
        }

        state.Logs.AddLogGroup(Seed002BackendLogGroup, retentionInDays: 14);
        state.Logs.AddLogGroup(Seed002AdminLogGroup, retentionInDays: 14);

        var ecs = state.Ecs;
        ecs.AddCluster(Seed002Cluster);
        RegisterRevisions(state, Seed002BackendFamily, Seed002BackendRevision, revision =>
            NodeContainer(state, Seed002BackendContainer, $"faxi-backend:qa-{revision}", Seed002Port, Seed002BackendLogGroup));
        RegisterRevisions(state, Seed002AdminFamily, Seed002AdminRevision, revision =>
            NodeContainer(state, Seed002AdminContainer, $"faxi-admin:qa-{revision}", Seed002Port, Seed002AdminLogGroup));

        if (database is not null)
        {
            state.SecretsManager.AddSecret(Seed002DatabaseSecret, database.RdsSecretString(Seed002DatabaseInstance));
        }

        var backend = FaxiBackend(database?.AppConnectionString);
        if (variant == Seed002Variant.Fixed && !backend.TryApplyPendingMigrations(state.Now, out var log))
        {
            throw new InvalidOperationException($"Seed 002 could not migrate its database: {log[^1]}");
        }

        ecs.SetApp(Seed002BackendFamily, backend);
        ecs.SetApp(Seed002AdminFamily, FaxiAdmin());

        var network = new AwsVpcConfiguration(SubnetIds(privateSubnets), new[] { ecsGroup.GroupId }, AssignPublicIp: false);
        foreach (var (service, family, revision, container, targetGroup) in new[]
        {
            (Seed002BackendService, Seed002BackendFamily, Seed002BackendRevision, Seed002BackendContainer, backendGroup),
            (Seed002AdminService, Seed002AdminFamily, Seed002AdminRevision, Seed002AdminContainer, adminGroup),
        })
        {
            ecs.AddService(new ServiceSpec
            {
                Cluster = Seed002Cluster,
                Name = service,
                TaskDefinition = $"{family}:{revision}",
                DesiredCount = 1,
                Network = network,
                LoadBalancers = new[] { new ServiceLoadBalancer(targetGroup.TargetGroupArn, container, Seed002Port) },
                HealthCheckGracePeriodSeconds = 60,
            });
        }
    }

    /// <summary>
    /// The backend reads application_logs first: its logger writes there as the server boots, which is why the
    /// runbook's crash names that table.
    /// </summary>
    private static IMigratingApp FaxiBackend(string? connectionString)
    {
        var requiredTables = new[] { "application_logs", "users", "fax_jobs" };
        if (connectionString is not null)
        {
            return new PostgresBackedApp(connectionString, Seed002MigrationCommand, SeedMigrations.Faxi, requiredTables, Seed002HealthPath, Seed002Port)
            {
                HealthyBody = Seed002HealthyBody,
            };
        }

        var unmigrated = new SimulatedApp
        {
            Start = ContainerStartOutcome.Exits(1, PostgresBackedApp.RunDuration, $"error: relation \"{requiredTables[0]}\" does not exist"),
        };
        var migrated = new SimulatedApp { Start = ContainerStartOutcome.KeepsRunning($"Server is ready on port {Seed002Port}") };
        migrated.Routes[Seed002HealthPath] = new HttpAnswer(200, Seed002HealthyBody);
        return new ScriptedMigrationApp(Seed002MigrationCommand, SeedMigrations.Faxi.Select(m => m.FileName).ToList(), unmigrated, migrated);
    }

    private static SimulatedApp FaxiAdmin()
    {
        var app = new SimulatedApp { Start = ContainerStartOutcome.KeepsRunning($"Admin dashboard listening on port {Seed002Port}") };
        app.Routes[Seed002HealthPath] = new HttpAnswer(200, "{\"status\":\"ok\"}");
        return app;
    }

    /// <summary>Registers revisions 1..<paramref name="latest"/>; all but the last two are deregistered, as a CI pipeline leaves them.</summary>
    private static void RegisterRevisions(AccountState state, string family, int latest, Func<int, ContainerDefinition> container)
    {
        for (var revision = 1; revision <= latest; revision++)
        {
            var definition = state.Ecs.RegisterTaskDefinition(family, new[] { container(revision) }, "512", "1024",
                $"arn:aws:iam::{state.AccountId}:role/ecsTaskExecutionRole", $"arn:aws:iam::{state.AccountId}:role/{family}-task-role");
            PushImagesOf(state, definition);
            if (revision < latest - 1)
            {
                state.Ecs.DeregisterTaskDefinition(definition);
            }
        }
    }

    /// <summary>A Node.js container from the account's ECR, logging to CloudWatch under "ecs/&lt;name&gt;/&lt;task id&gt;".</summary>
    private static ContainerDefinition NodeContainer(AccountState state, string name, string repositoryAndTag, int port, string logGroup) => new()
    {
        Name = name,
        Image = $"{state.AccountId}.dkr.ecr.{state.Region}.amazonaws.com/{repositoryAndTag}",
        Essential = true,
        ContainerPorts = new[] { port },
        Environment = new Dictionary<string, string>
        {
            ["NODE_ENV"] = "production",
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        LogGroup = logGroup,
        LogStreamPrefix = "ecs",
    };
}
