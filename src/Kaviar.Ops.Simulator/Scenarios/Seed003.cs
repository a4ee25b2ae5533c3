using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kaviar.Ops.Simulator.Lambda;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// Seed 003: the Alquimista dev account in us-east-1, where the aurora-migrations-runner-dev Lambda (in the VPC's
/// isolated subnets) must run migration 017 against Aurora PostgreSQL. As first deployed, aurora-sg has no rule
/// for the runner's group on 5432, so every invocation times out connecting. The database is Aurora PostgreSQL cluster
/// alquimista-dev (writer alquimista-dev-instance-1) in the isolated subnets, carrying aurora-sg.
/// </summary>
public static class Seed003Scenarios
{
    public const string Region = "us-east-1";
    public const string FunctionName = "aurora-migrations-runner-dev";
    public const string FunctionSecurityGroupName = "aurora-migrations-runner-sg";
    public const string DatabaseSecurityGroupName = "aurora-sg";
    public const string SecretName = "alquimista/dev/aurora/credentials";
    public const string DatabaseClusterIdentifier = "alquimista-dev";
    public const string DatabaseSubnetGroupName = "alquimista-dev-db-subnets";
    public const string DatabaseHost = "alquimista-dev.cluster-c9kq2xyzv1ab.us-east-1.rds.amazonaws.com";
    public const int DatabasePort = 5432;
    public const int FunctionTimeoutSeconds = 300;

    /// <summary>The secret's password, exposed so tests can prove it never reaches any output.</summary>
    public const string DatabasePassword = "Qz7-alq-dev-5f81c2e94b";

    /// <summary>Migrations 001–017 are packaged with the function; 001–016 are already applied.</summary>
    public static readonly IReadOnlyList<string> Migrations =
        Enumerable.Range(1, 17).Select(n => n.ToString("000", CultureInfo.InvariantCulture)).ToList();

    public static AccountScenario AuroraMigrationsRunner() =>
        AccountScenario.Named("seed-003-aurora-migrations-runner").InRegion(Region).With(Build);

    /// <summary>The id of one of the scenario's security groups, by name.</summary>
    public static string SecurityGroupId(AccountState state, string groupName) =>
        state.Ec2.SecurityGroups.Single(g => g.GroupName == groupName).GroupId;

    /// <summary>The runner's simulated code, to inspect what it applied or make a migration fail.</summary>
    public static MigrationsRunnerFunction Runner(AccountState state) =>
        (MigrationsRunnerFunction)state.Lambda.RequireFunction(FunctionName).Code;

    private static void Build(AccountState state)
    {
        var ec2 = state.Ec2;
        var vpc = ec2.AddVpc("10.0.0.0/16", "alquimista-dev-vpc");
        var isolatedA = ec2.AddSubnet(vpc.VpcId, "10.0.3.0/24", "us-east-1a", "alquimista-dev-isolated-1", mapPublicIp: false);
        var isolatedB = ec2.AddSubnet(vpc.VpcId, "10.0.4.0/24", "us-east-1b", "alquimista-dev-isolated-2", mapPublicIp: false);

        // PRIVATE_ISOLATED: no route out, only the VPC's local route; Secrets Manager through an interface endpoint.
        ec2.AddRouteTable(vpc.VpcId, new[] { isolatedA.SubnetId, isolatedB.SubnetId }, Array.Empty<(string, string)>());
        var functionGroup = ec2.AddSecurityGroup(vpc.VpcId, FunctionSecurityGroupName, "Aurora migrations runner Lambda");
        var databaseGroup = ec2.AddSecurityGroup(vpc.VpcId, DatabaseSecurityGroupName, "Aurora PostgreSQL cluster");
        var endpointGroup = ec2.AddSecurityGroup(vpc.VpcId, "secretsmanager-endpoint-sg", "Secrets Manager interface endpoint");
        ec2.AuthorizeIngressFromGroup(endpointGroup.GroupId, 443, functionGroup.GroupId, "Migrations runner to Secrets Manager");
        ec2.AddVpcEndpoint(vpc.VpcId, $"com.amazonaws.{Region}.secretsmanager", "Interface",
            new[] { isolatedA.SubnetId, isolatedB.SubnetId }, new[] { endpointGroup.GroupId });
        var writer = ec2.CreateNetworkInterface(isolatedA.SubnetId, new[] { databaseGroup.GroupId }, "RDSNetworkInterface", assignPublicIp: false);

        var secret = state.SecretsManager.AddSecret(SecretName, new System.Text.Json.Nodes.JsonObject
        {
            ["username"] = "alquimista",
            ["password"] = DatabasePassword,
            ["host"] = DatabaseHost,
            ["port"] = DatabasePort,
            ["dbname"] = "alquimista",
            ["engine"] = "postgres",
        }.ToJsonString());

        var runner = new MigrationsRunnerFunction(new[] { databaseGroup.GroupId }, writer.SubnetId, writer.PrivateIpAddress, Migrations);
        runner.Applied.AddRange(Migrations.Take(16));
        state.Lambda.AddFunction(FunctionName, runner, FunctionTimeoutSeconds,
            new LambdaVpcConfig(new[] { isolatedA.SubnetId, isolatedB.SubnetId }, new[] { functionGroup.GroupId }),
            new Dictionary<string, string> { ["DB_SECRET_ARN"] = secret.Arn, ["NODE_ENV"] = "dev" });

        // Added last, so the ids drawn above stay what they were before the account had RDS.
        state.Rds.EndpointHash = "c9kq2xyzv1ab";
        state.Rds.AddSubnetGroup(DatabaseSubnetGroupName, "Alquimista dev Aurora", new[] { isolatedA.SubnetId, isolatedB.SubnetId });
        state.Rds.AddAuroraPostgresCluster(DatabaseClusterIdentifier, DatabaseSubnetGroupName, new[] { databaseGroup.GroupId }, DatabasePort);
    }
}
