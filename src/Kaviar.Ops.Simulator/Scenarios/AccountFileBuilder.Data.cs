using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Lambda;
using Kaviar.Ops.Simulator.Rds;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// "secrets", "rds" and "lambdaFunctions":
/// <code>
/// "secrets": [ { "name": "shop/db", "secretString": { "username": "shop", "password": "…" } },
///              { "name": "qa/faxi/db", "rdsCredentialsOf": "faxi-qa-db" } ],
/// "rds": { "endpointHash": "c9kq2xyzv1ab",
///   "subnetGroups": [ { "name": "shop-db-subnets", "subnets": [ "shop-private-1", "shop-private-2" ] } ],
///   "instances": [ { "identifier": "shop-db", "subnetGroup": "shop-db-subnets", "securityGroups": [ "shop-db-sg" ], "port": 5432 } ],
///   "auroraClusters": [ { "identifier": "shop-aurora", "subnetGroup": "shop-db-subnets", "securityGroups": [ "shop-db-sg" ] } ] },
/// "lambdaFunctions": [ { "name": "shop-migrations", "runtime": "nodejs20.x", "timeoutSeconds": 300,
///   "vpcConfig": { "subnets": [ … ], "securityGroups": [ … ] }, "environment": { "DB_SECRET_ARN": "secret:shop/db" },
///   "migrationsRunner": { "database": "shop-aurora", "migrations": [ "001", "002" ], "applied": [ "001" ] } } ]
/// </code>
/// "rdsCredentialsOf" is the RDS-format secret of the scenario's database for that instance identifier. Each database
/// sits on a network interface in its subnet group's first subnet, as RDS places it. A function's behaviour is a
/// migrations runner against a database of the file (<see cref="MigrationsRunnerFunction"/>), or "returns": a fixed result.
/// </summary>
internal sealed partial class AccountFileBuilder
{
    private void AddSecret(AccountFileNode node)
    {
        var name = node.RequiredString("name");
        if (node.Member("rdsCredentialsOf") is { } instance)
        {
            var database = _database ?? throw instance.Fail("is the secret of the scenario's database, and the file has no \"database\".");
            _state.SecretsManager.AddSecret(name, database.RdsSecretString(instance.AsString()));
            return;
        }

        var value = node.Required("secretString");
        _state.SecretsManager.AddSecret(name, value.Element.ValueKind == JsonValueKind.String ? value.AsString() : JsonSerializer.Serialize(value.Element));
    }

    private void AddDatabases(AccountFileNode? rds)
    {
        if (rds is null)
        {
            return;
        }

        if (rds.String("endpointHash") is { } endpointHash)
        {
            _state.Rds.EndpointHash = endpointHash;
        }

        ForEach(rds.Items("subnetGroups"), group =>
        {
            var name = group.RequiredString("name");
            _state.Rds.AddSubnetGroup(name, group.String("description") ?? name, group.Items("subnets").Select(s => SubnetOf(s).SubnetId));
        });
        ForEach(rds.Items("instances"), instance =>
        {
            var (subnetGroup, groups) = Placement(instance);
            var created = _state.Rds.AddPostgresInstance(instance.RequiredString("identifier"), subnetGroup.Name, groups, instance.Int("port") ?? 5432,
                instance.Bool("publiclyAccessible") ?? false, instance.String("engineVersion") ?? "16.4", instance.String("instanceClass") ?? "db.t4g.micro");
            PlaceOnNetwork(created);
        });
        ForEach(rds.Items("auroraClusters"), cluster =>
        {
            var (subnetGroup, groups) = Placement(cluster);
            var created = _state.Rds.AddAuroraPostgresCluster(cluster.RequiredString("identifier"), subnetGroup.Name, groups, cluster.Int("port") ?? 5432,
                cluster.String("engineVersion") ?? "16.4");
            PlaceOnNetwork(_state.Rds.RequireInstance(created.WriterIdentifier!));
        });
    }

    private (DbSubnetGroup SubnetGroup, string[] SecurityGroupIds) Placement(AccountFileNode database)
    {
        var subnetGroup = Named(database.Required("subnetGroup"), "DB subnet group", _state.Rds.SubnetGroups, g => g.Name);
        return (subnetGroup, database.Items("securityGroups").Select(g => GroupOf(subnetGroup.VpcId, g).GroupId).ToArray());
    }

    /// <summary>The interface RDS puts a database on, which its endpoint resolves to inside the VPC.</summary>
    private void PlaceOnNetwork(DbInstance instance) =>
        Ec2.CreateNetworkInterface(instance.SubnetGroup.SubnetIds[0], instance.SecurityGroupIds.ToList(), "RDSNetworkInterface", assignPublicIp: false);

    private void AddFunction(AccountFileNode node)
    {
        var vpcConfig = LambdaVpcConfig.None;
        if (node.Member("vpcConfig") is { } vpc)
        {
            var subnets = vpc.Items("subnets").Select(SubnetOf).ToList();
            vpcConfig = subnets.Count == 0
                ? throw vpc.Fail("needs subnets: a function in a VPC has at least one.")
                : new LambdaVpcConfig(subnets.Select(s => s.SubnetId).ToList(), vpc.Items("securityGroups").Select(g => GroupOf(subnets[0].VpcId, g).GroupId).ToList());
        }

        var environment = node.Properties("environment").ToDictionary(e => e.Name, e => ResolveSecretReference(e.Value), StringComparer.Ordinal);
        _state.Lambda.AddFunction(node.RequiredString("name"), Code(node), node.Int("timeoutSeconds") ?? 3, vpcConfig, environment,
            node.String("runtime") ?? "nodejs20.x");
    }

    private ISimulatedFunction Code(AccountFileNode function)
    {
        if (function.Member("migrationsRunner") is { } runner)
        {
            var reference = runner.Required("database");
            var database = _state.Rds.FindCluster(reference.AsString()) is { WriterIdentifier: { } writer }
                ? _state.Rds.RequireInstance(writer)
                : Named(reference, "RDS instance or Aurora cluster", _state.Rds.Instances, i => i.Identifier);
            var networkInterface = _state.Rds.NetworkInterfaceOf(database)!;
            var code = new MigrationsRunnerFunction(database.SecurityGroupIds, networkInterface.SubnetId, networkInterface.PrivateIpAddress, runner.Strings("migrations"));
            code.Applied.AddRange(runner.Strings("applied"));
            return code;
        }

        return new FixedResultFunction(function.Member("returns")?.Element.GetRawText() ?? "null");
    }
}
