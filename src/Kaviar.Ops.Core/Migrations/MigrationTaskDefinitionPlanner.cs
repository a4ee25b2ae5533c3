using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Migrations;

/// <summary>How migrations are set up for good (seed 000's options 1 and 3).</summary>
public enum MigrationSetup
{
    /// <summary>A task definition family of its own, &lt;family&gt;-migrations, run by Invoke-EcsMigration -TaskDefinition.</summary>
    Dedicated,

    /// <summary>A new revision of the service's own family whose app container waits for a migrations container to exit 0.</summary>
    InitContainer,
}

/// <summary>
/// Derives the task definition that runs a service's migrations from the revision the service runs: the same image,
/// environment, secrets, roles, log configuration, size and platform, with the migration command and no port or health
/// check. Plans with Describe calls only; a revision identical to what it would register is in place already.
/// </summary>
public sealed class MigrationTaskDefinitionPlanner
{
    /// <summary>The container an init-container setup adds; the app containers depend on it with SUCCESS.</summary>
    public const string InitContainerName = "migrations";

    private readonly OpsContext context;

    public MigrationTaskDefinitionPlanner(OpsContext context) => this.context = context;

    public async Task<MigrationTaskDefinitionStep> PlanAsync(ServiceReference service, IReadOnlyList<string> command, string? container, MigrationSetup setup,
        CancellationToken cancellationToken)
    {
        var snapshot = await new EcsServiceLocator(context).LocateOneAsync(service, ServiceParts.TaskDefinition).ConfigureAwait(false);
        var source = snapshot.TaskDefinition ?? await TaskDefinitions.DescribeAsync(context, snapshot.Service.TaskDefinition, cancellationToken).ConfigureAwait(false);
        var document = TaskDefinitions.Registrable(source);
        var app = AppContainer(document, source, container);
        var family = setup == MigrationSetup.Dedicated ? source.Family + "-migrations" : source.Family;
        var registration = setup == MigrationSetup.Dedicated
            ? Dedicated(document, app, family, command)
            : WithInitContainer(document, app, command);

        var step = context.Stamp(new MigrationTaskDefinitionStep
        {
            Cluster = snapshot.Cluster,
            ServiceName = snapshot.ServiceName,
            Setup = setup.ToString(),
            SourceTaskDefinition = $"{source.Family}:{source.Revision}",
            Family = family,
            Command = command,
            Registration = registration.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
        });

        var latest = await LatestActiveAsync(family, cancellationToken).ConfigureAwait(false);
        if (latest != null && Covers(TaskDefinitions.Registrable(latest), registration))
        {
            step.TaskDefinition = $"{latest.Family}:{latest.Revision}";
            step.TaskDefinitionArn = latest.TaskDefinitionArn;
            step.StatusKind = StepStatus.AlreadyInPlace;
            step.Detail = $"{step.TaskDefinition} is already this task definition; nothing registered.";
        }

        return step;
    }

    public async Task<MigrationTaskDefinitionStep> ApplyAsync(MigrationTaskDefinitionStep step, CancellationToken cancellationToken)
    {
        try
        {
            var registered = (await context.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest { Document = step.Registration }, cancellationToken)
                .ConfigureAwait(false)).TaskDefinition;
            var applied = step.With(StepStatus.Applied);
            applied.TaskDefinition = $"{registered.Family}:{registered.Revision}";
            applied.TaskDefinitionArn = registered.TaskDefinitionArn;
            applied.Detail = step.Setup == nameof(MigrationSetup.Dedicated)
                ? $"Registered {applied.TaskDefinition}. Run the migrations with: Invoke-EcsMigration {step.Cluster} -TaskDefinition {applied.TaskDefinition} -Service {step.ServiceName} -Command {string.Join(", ", step.Command)} -Region {step.Region}"
                : $"Registered {applied.TaskDefinition}; its tasks migrate before the app starts. Deploy it with: Start-EcsDeployment {step.Cluster} {step.ServiceName} {applied.TaskDefinition} -Region {step.Region}";
            return applied;
        }
        catch (AmazonServiceException ex)
        {
            throw AwsFailures.From(ex, context.Region, step.Describe());
        }
    }

    /// <summary>The container the migrations run as, chosen as Invoke-EcsMigration chooses it, in the registrable document.</summary>
    private static JsonObject AppContainer(JsonObject document, TaskDefinition source, string? container)
    {
        var name = MigrationTaskPlanner.ChooseContainer(source, container).Name;
        return (document["containerDefinitions"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Single(c => (string?)c["name"] == name);
    }

    /// <summary>The app container alone, running the command: what serves traffic (ports, health check, dependencies) is dropped.</summary>
    private static JsonObject Dedicated(JsonObject document, JsonObject app, string family, IReadOnlyList<string> command)
    {
        var migrations = AsMigrationContainer(app, command, essential: true);
        document["family"] = family;
        document["containerDefinitions"] = new JsonArray(migrations);
        return document;
    }

    /// <summary>
    /// The same revision plus a non-essential migrations container, and the app containers starting only after it
    /// exits 0 (dependsOn SUCCESS): a task whose migrations fail never starts the app.
    /// </summary>
    private static JsonObject WithInitContainer(JsonObject document, JsonObject app, IReadOnlyList<string> command)
    {
        var containers = (JsonArray)document["containerDefinitions"]!;
        foreach (var old in containers.OfType<JsonObject>().Where(c => (string?)c["name"] == InitContainerName).ToList())
        {
            containers.Remove(old);
        }

        var migrations = AsMigrationContainer(app, command, essential: false);
        migrations["name"] = InitContainerName;
        foreach (var dependent in containers.OfType<JsonObject>().Where(c => (bool?)c["essential"] ?? true))
        {
            var dependsOn = dependent["dependsOn"] as JsonArray ?? new JsonArray();
            if (!dependsOn.OfType<JsonObject>().Any(d => (string?)d["containerName"] == InitContainerName))
            {
                dependsOn.Add(new JsonObject { ["containerName"] = InitContainerName, ["condition"] = "SUCCESS" });
            }

            dependent["dependsOn"] = dependsOn;
        }

        containers.Insert(0, migrations);
        return document;
    }

    private static JsonObject AsMigrationContainer(JsonObject app, IReadOnlyList<string> command, bool essential)
    {
        var migrations = (JsonObject)app.DeepClone();
        foreach (var serving in new[] { "portMappings", "healthCheck", "dependsOn", "links" })
        {
            migrations.Remove(serving);
        }

        migrations["command"] = new JsonArray(command.Select(word => (JsonNode)JsonValue.Create(word)!).ToArray());
        migrations["essential"] = essential;
        return migrations;
    }

    private async Task<TaskDefinition?> LatestActiveAsync(string family, CancellationToken cancellationToken)
    {
        try
        {
            return await TaskDefinitions.DescribeAsync(context, family, cancellationToken).ConfigureAwait(false);
        }
        catch (OpsException ex) when (ex.Code == ErrorTable.EcsTaskDefinitionNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a registered revision is what <paramref name="planned"/> would register: every planned member equal, and
    /// what ECS added on registering (empty lists, zero CPU, defaults) left aside.
    /// </summary>
    internal static bool Covers(JsonNode? registered, JsonNode? planned) => (registered, planned) switch
    {
        (JsonObject have, JsonObject want) => want.All(member => Covers(have[member.Key], member.Value))
            && have.Where(member => !want.ContainsKey(member.Key)).All(member => IsEmpty(member.Value)),
        (JsonArray have, JsonArray want) => have.Count == want.Count && have.Zip(want, Covers).All(same => same),
        (null, null) => true,
        (null, _) => IsEmpty(planned),
        (_, null) => IsEmpty(registered),
        _ => registered!.ToJsonString() == planned!.ToJsonString(),
    };

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        JsonValue value => value.ToJsonString() is "0" or "false" or "\"\"" or "null",
        _ => false,
    };
}

/// <summary>Registering the task definition that runs a service's migrations: a plan step (New-EcsMigrationTaskDefinition).</summary>
public sealed class MigrationTaskDefinitionStep : IRegionalOutput, IRepairStep
{
    public string Region { get; set; } = "";

    public string? EndpointUrl { get; set; }

    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    /// <summary>Dedicated or InitContainer.</summary>
    public string Setup { get; set; } = "";

    /// <summary>The service's revision it was derived from (family:revision).</summary>
    public string SourceTaskDefinition { get; set; } = "";

    public string Family { get; set; } = "";

    /// <summary>family:revision once registered (or found in place); empty under -WhatIf.</summary>
    public string TaskDefinition { get; set; } = "";

    public string TaskDefinitionArn { get; set; } = "";

    public IReadOnlyList<string> Command { get; set; } = Array.Empty<string>();

    /// <summary>The RegisterTaskDefinition JSON: what -WhatIf shows and what is registered.</summary>
    public string Registration { get; set; } = "";

    public string Status => StatusKind.ToString();

    internal StepStatus StatusKind { get; set; } = StepStatus.Planned;

    public string Detail { get; set; } = "";

    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    public bool NeedsChange => StatusKind == StepStatus.Planned;

    public string Action => "Register task definition";

    public bool HighImpact => false;

    public string Describe() =>
        $"{Setup} migrations task definition in family {Family} ({Region}), from {SourceTaskDefinition} of {Cluster}/{ServiceName}:{Environment.NewLine}{Registration}";

    public IRepairStep Skipped() => With(StepStatus.Skipped);

    internal MigrationTaskDefinitionStep With(StepStatus status)
    {
        var copy = (MigrationTaskDefinitionStep)MemberwiseClone();
        copy.StatusKind = status;
        return copy;
    }

    public override string ToString() => $"{Status}: {Setup} migrations task definition {(TaskDefinition.Length > 0 ? TaskDefinition : Family)}";
}
