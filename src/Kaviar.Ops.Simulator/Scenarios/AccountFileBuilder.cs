using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Logs;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// Builds an account file's resources into an <see cref="AccountState"/> through the state's own builders, in an
/// order where every name a resource refers to already exists. One partial per area.
/// </summary>
internal sealed partial class AccountFileBuilder
{
    /// <summary>
    /// The top-level members of an account file. A new kind of resource adds its section here and a reader partial
    /// building it through its state's builders (tags of resources other than ECS services and task definitions, and target
    /// group attributes other than the deregistration delay, are not in the format yet).
    /// </summary>
    private static readonly string[] Sections =
    {
        "name", "region", "accountId", "historySeconds", "idSeed", "database", "fargateOnDemandVcpuQuota", "iam",
        "prefixLists", "vpcs", "certificates", "targetGroups", "loadBalancers", "logGroups", "ecrRepositories", "secrets", "ssmParameters",
        "rds", "clusters", "taskDefinitions", "apps", "lambdaFunctions", "serviceDiscovery", "alarms", "services",
    };

    private readonly AccountState _state;
    private readonly ScenarioDatabase? _database;

    public AccountFileBuilder(AccountState state, ScenarioDatabase? database)
    {
        _state = state;
        _database = database;
    }

    public static void RejectUnknownSections(AccountFileNode root) => root.RejectUnknownMembers(Sections);

    public void Build(AccountFileNode root)
    {
        if (root.Int("fargateOnDemandVcpuQuota") is { } quota)
        {
            _state.Ecs.FargateOnDemandVcpuQuota = quota;
        }

        // The caller's policy, as an on-call role lacking some permissions ("ecs:ListServiceDeployments", "ecs:List*").
        var iam = root.Member("iam");
        iam?.RejectUnknownMembers(new[] { "deny" });
        ForEach(iam?.Items("deny") ?? Array.Empty<AccountFileNode>(), action => _state.Iam.Deny(action.AsString()));
        ForEach(root.Items("prefixLists"), AddPrefixList);
        var vpcs = root.Items("vpcs");
        // Groups first, rules after: a rule may name a group declared later in the file.
        ForEach(vpcs, AddVpcAndSubnets);
        ForEach(vpcs, AddRulesRoutesAndEndpoints);
        ForEach(root.Items("certificates"), AddCertificate);
        ForEach(root.Items("targetGroups"), AddTargetGroup);
        ForEach(root.Items("loadBalancers"), AddLoadBalancer);
        ForEach(root.Items("logGroups"), group => _state.Logs.AddLogGroup(group.RequiredString("name"), group.Int("retentionInDays"),
            group.String("logGroupClass") ?? LogsState.StandardClass));
        ForEach(root.Items("ecrRepositories"), AddRepository);
        ForEach(root.Items("secrets"), AddSecret);
        ForEach(root.Items("ssmParameters"), parameter => _state.Ssm.AddParameter(
            parameter.RequiredString("name"), parameter.RequiredString("value"), (parameter.String("type") ?? "SecureString") == "SecureString"));
        AddDatabases(root.Member("rds"));
        ForEach(root.Items("clusters"), AddCluster);
        ForEach(root.Items("taskDefinitions"), RegisterTaskDefinition);
        foreach (var (key, app) in root.Properties("apps"))
        {
            At(app, () => _state.Ecs.SetApp(key, AccountFileApps.Parse(app, _database, _state.Now)));
        }

        ForEach(root.Items("lambdaFunctions"), AddFunction);
        ForEach(root.Items("serviceDiscovery"), AddNamespace);
        ForEach(root.Items("alarms"), AddAlarm);
        // Last: a service starts its tasks as it is created, so everything they need must be there.
        ForEach(root.Items("services"), AddService);
    }

    private static void ForEach(IEnumerable<AccountFileNode> items, Action<AccountFileNode> build)
    {
        foreach (var item in items)
        {
            At(item, () => build(item));
        }
    }

    /// <summary>Builds one item, turning a rule the account enforces into an error at that item's path.</summary>
    private static void At(AccountFileNode item, Action build)
    {
        try
        {
            build();
        }
        catch (Exception refused) when (refused is ArgumentException or AwsErrorException or InvalidOperationException or FormatException)
        {
            throw item.Fail(refused.Message, refused);
        }
    }

    private static string Checked(AccountFileNode? value, string absent, Action<string> rule) => Checked(value, absent, v => v.AsString(), rule);

    private static int Checked(AccountFileNode? value, int absent, Action<int> rule) => Checked(value, absent, v => v.AsInt(), rule);

    /// <summary>A member checked by the account's own <paramref name="rule"/>, refused at its path; <paramref name="absent"/> when left out.</summary>
    private static T Checked<T>(AccountFileNode? value, T absent, Func<AccountFileNode, T> read, Action<T> rule)
    {
        if (value is null)
        {
            return absent;
        }

        var given = read(value);
        At(value, () => rule(given));
        return given;
    }

    /// <summary>The one resource of <paramref name="candidates"/> called what <paramref name="reference"/> says.</summary>
    private static T Named<T>(AccountFileNode reference, string kind, IEnumerable<T> candidates, Func<T, string> nameOf)
    {
        var name = reference.AsString();
        var all = candidates.ToList();
        var matches = all.Where(c => nameOf(c) == name).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw reference.Fail($"no {kind} is named '{name}'; there are: {string.Join(", ", all.Select(nameOf).DefaultIfEmpty("none"))}."),
            _ => throw reference.Fail($"{matches.Count} {kind}s are named '{name}'; give them different names."),
        };
    }
}
