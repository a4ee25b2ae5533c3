using System;
using System.IO;
using System.Text.Json;

namespace Kaviar.Ops.Simulator;

/// <summary>The database a scenario file's apps run on: a local PostgreSQL the rehearsal starts, with this database name.</summary>
/// <param name="Required">False when the file's apps can do without it (they are scripted then), as catalog seed 002's are.</param>
public sealed record AccountFileDatabase(string Name, bool Required);

/// <summary>
/// A scenario file: a whole simulated account written as JSON, so a rehearsal can run on an account shaped like the
/// user's without C#. It comes in two forms:
/// <list type="bullet">
/// <item>an account: region, account id, history and id seed, the caller's IAM policy as the actions it lacks
/// (<c>"iam": { "deny": [ "ecs:ListServiceDeployments", "logs:FilterLogEvents" ] }</c>, wildcards as IAM has them: every other
/// action is allowed, and a denied call gets its service's own access-denied error), then its resources by area (<c>vpcs</c> with their
/// subnets, gateways, route tables, security groups, endpoints and network ACLs; <c>prefixLists</c>;
/// <c>certificates</c> (ACM); <c>targetGroups</c>; <c>loadBalancers</c> with HTTP and HTTPS listeners and rules; <c>logGroups</c> (name, retentionInDays, a logGroupClass other than
/// STANDARD); <c>ecrRepositories</c>;
/// <c>secrets</c>; <c>ssmParameters</c>; <c>rds</c>; <c>clusters</c>; <c>taskDefinitions</c> as RegisterTaskDefinition
/// takes them; <c>apps</c>; <c>lambdaFunctions</c>; <c>services</c>). Resources name each other by name (a subnet by
/// its Name tag, a group by its name in the VPC, a target group by its name); ids are generated. Everything is built
/// through the account's own builders, so AWS's rules apply as they do to the API. <c>scenarios/</c> at the
/// repository root holds one example per catalog seed, and the README's "Rehearse an account shaped like yours" a small one.</item>
/// <item>a catalog scenario with variants: <c>{ "catalog": "seed001", ... }</c>, read by <see cref="ScenarioJson"/>.</item>
/// </list>
/// </summary>
public sealed class AccountFile
{
    private readonly string _json;
    private readonly AccountFileNode? _account;

    private AccountFile(string json, string name, AccountFileNode? account, AccountFileDatabase? database)
    {
        _json = json;
        Name = name;
        _account = account;
        Database = database;
    }

    public string Name { get; }

    /// <summary>The local database the rehearsal must provide before building, when the file asks for one by name.</summary>
    public AccountFileDatabase? Database { get; }

    public static AccountFile Read(string path) =>
        Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));

    /// <param name="defaultName">The scenario's name when the file has no "name" (its file name, say).</param>
    public static AccountFile Parse(string json, string defaultName = "account-file")
    {
        AccountFileNode root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = new AccountFileNode(document.RootElement.Clone(), "$");
        }
        catch (JsonException invalid)
        {
            throw new AccountFileException($"$ (line {invalid.LineNumber + 1})", "is not valid JSON: " + invalid.Message, invalid);
        }

        if (root.Member("catalog") is not null)
        {
            return new AccountFile(json, root.RequiredString("catalog"), account: null, database: null);
        }

        AccountFileBuilder.RejectUnknownSections(root);
        var database = root.Member("database") is { } request && request.Member("host") is null
            ? new AccountFileDatabase(request.RequiredString("name"), !(request.Bool("optional") ?? false))
            : null;
        return new AccountFile(json, root.String("name") ?? defaultName, root, database);
    }

    /// <summary>
    /// The scenario the file describes. <paramref name="database"/> is the database started for <see cref="Database"/>;
    /// a file may instead name one already running (<c>"database": { "host": …, "dbname": …, … }</c>).
    /// Errors in the file surface as <see cref="AccountFileException"/> when the scenario is built.
    /// </summary>
    public AccountScenario Scenario(ScenarioDatabase? database = null)
    {
        if (_account is null)
        {
            return ScenarioJson.Parse(_json);
        }

        var account = _account;
        if (Database is { Required: true } && database is null)
        {
            throw new AccountFileException("$.database", $"asks for a database named '{Database.Name}': start one (the rehearsal host does) and pass it.");
        }

        var scenario = AccountScenario.Named(Name)
            .InRegion(account.String("region") ?? "us-east-1")
            .ForAccount(account.String("accountId") ?? "123456789012")
            .WithHistory(TimeSpan.FromSeconds(account.Double("historySeconds") ?? 0))
            .WithIdSeed(account.Int("idSeed") ?? 1);
        var fileDatabase = database ?? (account.Member("database") is { } explicitDatabase && explicitDatabase.Member("host") is not null
            ? ScenarioJson.ParseDatabase(explicitDatabase)
            : null);
        return scenario.With(state => new AccountFileBuilder(state, fileDatabase).Build(account));
    }
}
