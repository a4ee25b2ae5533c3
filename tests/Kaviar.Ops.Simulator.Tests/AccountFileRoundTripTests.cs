using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// Every catalog scenario written as a scenario file and loaded again builds the same account (the same resources by
/// name, and the same history: tasks, their stops, target health, logs), and the files shipped in scenarios/ are those
/// exports. Set KAVIAR_WRITE_SCENARIOS=1 to write the shipped files anew after changing a catalog scenario.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountFileRoundTripTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly Regex GeneratedIds = new(@"\b(?:(?:sg|sgr|subnet|vpc|eni|nat|igw|rtb|rtbassoc|vpce|acl|aclassoc|pl|eipalloc)-)?[0-9a-f]{8,}\b|\b\d{1,3}(?:\.\d{1,3}){3}\b");
    private readonly PostgresFixture _postgres;

    public AccountFileRoundTripTests(PostgresFixture postgres) => _postgres = postgres;

    public static TheoryData<string> CatalogScenarios => new() { "seed000", "seed001", "seed001-healthy", "seed002", "seed002-fixed", "seed003" };

    /// <summary>Seed 004's variants redeploy observability five minutes in: history a file does not hold, so only their resources round-trip.</summary>
    public static TheoryData<string> ScenariosWithScriptedHistory => new() { "seed004", "seed004-ready" };

    public static TheoryData<string> ShippedExamples => new() { "seed000", "seed001", "seed001-healthy", "seed002", "seed002-fixed", "seed003", "seed004", "seed004-ready" };

    [Theory]
    [MemberData(nameof(CatalogScenarios))]
    public async Task A_catalog_scenario_exported_and_loaded_again_builds_the_same_account(string name)
    {
        var (scenario, database) = await Catalog(name);
        var original = scenario.Build(new ManualClock());
        var file = AccountFileExporter.Export(scenario, original, database);

        var loaded = AccountFile.Parse(file.ToJsonString()).Scenario(database?.Connected);
        var rebuilt = loaded.Build(new ManualClock());

        Assert.Equal(file.ToJsonString(Indented), AccountFileExporter.Export(loaded, rebuilt, database).ToJsonString(Indented));
        Assert.Equal(History(original), History(rebuilt));
    }

    [Theory]
    [MemberData(nameof(ScenariosWithScriptedHistory))]
    public async Task A_scenario_with_scripted_history_exported_and_loaded_again_has_the_same_resources(string name)
    {
        var (scenario, database) = await Catalog(name);
        var file = AccountFileExporter.Export(scenario, scenario.Build(new ManualClock()), database);

        var loaded = AccountFile.Parse(file.ToJsonString()).Scenario(database?.Connected);

        Assert.Equal(file.ToJsonString(Indented), AccountFileExporter.Export(loaded, loaded.Build(new ManualClock()), database).ToJsonString(Indented));
        Assert.Contains("\"serviceDiscovery\"", file.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(ShippedExamples))]
    public async Task The_shipped_example_is_the_catalog_scenario_written_as_a_file(string name)
    {
        var (scenario, database) = await Catalog(name);
        var exported = AccountFileExporter.Export(scenario, scenario.Build(new ManualClock()), database).ToJsonString(Indented) + "\n";
        var path = RepositoryFiles.PathOf("scenarios", name + ".json");
        if (Environment.GetEnvironmentVariable("KAVIAR_WRITE_SCENARIOS") == "1")
        {
            File.WriteAllText(path, exported);
        }

        Assert.Equal(exported, File.ReadAllText(path));
    }

    private async Task<(AccountScenario Scenario, (AccountFileDatabase Request, ScenarioDatabase Connected)? Database)> Catalog(string name)
    {
        if (name == "seed000")
        {
            var database = await _postgres.NewDatabaseAsync("medusa");
            return (Scenarios.Seed000(database), (new AccountFileDatabase("medusa", Required: true), database));
        }

        return (name switch
        {
            "seed001" => Scenarios.Seed001(),
            "seed001-healthy" => Scenarios.Seed001(Seed001Variant.Healthy),
            "seed002" => Scenarios.Seed002(),
            "seed002-fixed" => Scenarios.Seed002(Seed002Variant.Fixed),
            "seed003" => Seed003Scenarios.AuroraMigrationsRunner(),
            "seed004" => Scenarios.Seed004(),
            "seed004-ready" => Scenarios.Seed004(Seed004Variant.Ready),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        }, null);
    }

    /// <summary>What the account lived through, with generated ids and addresses masked.</summary>
    private static string History(AccountState state)
    {
        var history = new StringBuilder();
        foreach (var service in state.Ecs.Clusters.SelectMany(c => c.Services))
        {
            history.AppendLine($"service {service.Cluster.Name}/{service.Name} desired {service.DesiredCount}");
            foreach (var serviceEvent in service.Events)
            {
                history.AppendLine("  event " + serviceEvent.Message);
            }

            foreach (var task in state.Ecs.TasksOf(service))
            {
                history.AppendLine($"  task {task.LastStatus} {task.StopCode} {task.StoppedReason} exit {string.Join(",", task.Containers.Select(c => c.ExitCode))}");
            }
        }

        foreach (var group in state.Elbv2.TargetGroups)
        {
            history.AppendLine($"targets of {group.TargetGroupName}: {string.Join("; ", group.Targets.Select(t => $"{t.State} {t.Reason}"))}");
        }

        foreach (var group in state.Logs.Groups)
        {
            history.AppendLine($"log group {group.Name}: {group.Streams.Count} streams");
            foreach (var logEvent in group.Streams.SelectMany(s => s.Events))
            {
                history.AppendLine("  " + logEvent.Message);
            }
        }

        history.AppendLine($"{state.Ec2.NetworkInterfaces.Count} network interfaces, {state.Ec2.SecurityGroups.Sum(g => g.IngressRules.Count + g.EgressRules.Count)} rules");
        return GeneratedIds.Replace(history.ToString(), "#");
    }
}
