using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;

namespace Kaviar.Ops.Simulator;

public enum Seed001Crash
{
    /// <summary>The crashing revision is registered and not deployed: a test deploys it and sees the breaker roll back.</summary>
    Registered,

    /// <summary>The crashing revision was deployed during the history: the breaker tripped and rolled back to kaviar-backend:2.</summary>
    RolledBack,
}

public static partial class Scenarios
{
    /// <summary>Registered for a one-off migration task only; never deployed, so never a rollback target.</summary>
    public const string Seed001MigrationRevision = Seed001Family + ":3";

    /// <summary>Its container exits 1 three seconds after starting, so a deployment of it trips the circuit breaker.</summary>
    public const string Seed001CrashingRevision = Seed001Family + ":4";

    public const string Seed001MigrationCommand = "npm run migrate";

    /// <summary>Long enough for the rollback of <see cref="Seed001Crash.RolledBack"/> to complete before now.</summary>
    public static readonly TimeSpan Seed001CrashHistory = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Seed 001 healthy, for issue 10's deployment lifecycle ("a scenario whose new revision crashes: the circuit breaker
    /// rolls back"). The service runs kaviar-backend:2 (its deployment SUCCESSFUL) with the circuit breaker enabled with
    /// rollback. Two minutes in, kaviar-backend:3 (image v3, command <see cref="Seed001MigrationCommand"/>) ran once as a
    /// RunTask migration and exited 0; it is ACTIVE but no deployment ever used it, so "revision − 1" would pick it and a
    /// history-based rollback must not. kaviar-backend:4 (image v4) crashes on start with exit code 1. With
    /// <see cref="Seed001Crash.RolledBack"/> it was deployed ten minutes in: three tasks failed, the breaker tripped, and
    /// the service deployment is ROLLBACK_SUCCESSFUL with kaviar-backend:2 PRIMARY again.
    /// </summary>
    public static AccountScenario Seed001WithCrashingRevision(Seed001Crash crash = Seed001Crash.Registered) =>
        AccountScenario.Named(crash == Seed001Crash.Registered ? "seed-001-crashing-revision" : "seed-001-crashing-revision-rolled-back")
            .InRegion(Seed001Region)
            .ForAccount(Seed001AccountId)
            .WithHistory(Seed001CrashHistory)
            .With(state => BuildSeed001(state, Seed001Variant.Healthy))
            .With(state => AddMigrationAndCrashingRevisions(state, crash));

    private static void AddMigrationAndCrashingRevisions(AccountState state, Seed001Crash crash)
    {
        var ecs = state.Ecs;
        var service = ecs.RequireService(ecs.RequireCluster(Seed001Cluster), Seed001Service);
        service.CircuitBreakerEnabled = true;
        service.CircuitBreakerRollback = true;
        var current = service.Primary.TaskDefinition;

        var migration = ecs.RegisterTaskDefinition(Seed001Family,
            new[] { WithImageTag(state, current.Containers[0], "v3", Seed001MigrationCommand.Split(' ')) },
            current.Cpu, current.Memory, current.ExecutionRoleArn, current.TaskRoleArn);
        PushImagesOf(state, migration);
        var migrationApp = SimulatedApp.KaviarBackend(Seed001Port);
        migrationApp.CommandOutcomes[Seed001MigrationCommand] = ContainerStartOutcome.Exits(
            0, TimeSpan.FromSeconds(5), "> kaviar-backend@1.0.0 migrate", "Applying 20240601_add_tax_provider.sql", "Migrations complete");
        ecs.SetApp(migration.FamilyRevision, migrationApp);

        var crashing = ecs.RegisterTaskDefinition(Seed001Family, new[] { WithImageTag(state, current.Containers[0], "v4", null) },
            current.Cpu, current.Memory, current.ExecutionRoleArn, current.TaskRoleArn);
        PushImagesOf(state, crashing);
        ecs.SetApp(crashing.FamilyRevision, new SimulatedApp
        {
            Start = ContainerStartOutcome.Exits(
                1,
                TimeSpan.FromSeconds(3),
                "> kaviar-backend@1.0.0 start",
                "> node dist/server.js",
                "Error: Cannot find module '/app/dist/config/tax.js'",
                "Backend failed to start; exiting with code 1"),
        });

        state.Timeline.After(TimeSpan.FromMinutes(2), () => ecs.Lifecycle.Launch(new LaunchOrder(
            service.Cluster, migration, service.Primary.Network, Group: $"family:{Seed001Family}", StartedBy: "kaviar-ops-migration")));
        if (crash == Seed001Crash.RolledBack)
        {
            state.Timeline.After(TimeSpan.FromMinutes(10), () =>
                ecs.Scheduler.Deploy(service, crashing, service.DesiredCount, service.Primary.Network));
        }
    }

    private static ContainerDefinition WithImageTag(AccountState state, ContainerDefinition container, string imageTag, string[]? command) => new()
    {
        Name = container.Name,
        Image = BackendContainer(state, imageTag).Image,
        Cpu = container.Cpu,
        Memory = container.Memory,
        Essential = container.Essential,
        ContainerPorts = container.ContainerPorts,
        Command = command ?? container.Command.ToArray(),
        Environment = container.Environment,
        Secrets = container.Secrets,
        LogGroup = container.LogGroup,
        LogStreamPrefix = container.LogStreamPrefix,
        CreateLogGroup = container.CreateLogGroup,
    };
}
