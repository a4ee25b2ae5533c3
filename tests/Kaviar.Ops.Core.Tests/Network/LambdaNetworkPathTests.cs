using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Database;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Lambda;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>
/// Seed 003's migrations runner: a Lambda function in the isolated subnets that must reach Aurora (whose group does
/// not admit it) and Secrets Manager (through an interface endpoint). The function's checks share the service's
/// database, ACL and subnet-egress code.
/// </summary>
public sealed class LambdaNetworkPathTests : IDisposable
{
    private readonly NetworkTestAccount test = new NetworkTestAccount(Seed003Scenarios.AuroraMigrationsRunner());

    public void Dispose() => test.Dispose();

    private Task<System.Collections.Generic.IReadOnlyList<NetworkPathCheck>> InspectAsync(string function, bool withDatabase = true) =>
        new LambdaNetworkPathInspector(test.Context).InspectAsync(new LambdaNetworkPathRequest
        {
            Function = LambdaNames.Function(function),
            Database = withDatabase ? DatabaseLocator.Parse(Seed003Scenarios.DatabaseClusterIdentifier) : null,
        }, CancellationToken.None);

    [Fact]
    public async Task Seed_003_fails_only_on_the_database_link_with_the_ingress_repair_and_passes_once_it_is_made()
    {
        var checks = await InspectAsync(Seed003Scenarios.FunctionName);

        Assert.All(checks, c => Assert.Equal(Seed003Scenarios.FunctionName, c.FunctionName));
        Assert.All(checks, c => Assert.Equal(("", ""), (c.Cluster, c.ServiceName)));
        Assert.Equal(new[] { "FunctionVpc", "FunctionToDatabase", "NetworkAcls", "SubnetEgress", "SubnetEgress" }, checks.Select(c => c.Link));
        var database = Assert.Single(checks, c => !c.Passed);
        Assert.Equal(NetworkPathLinks.FunctionToDatabase, database.Link);
        Assert.Equal((Seed003Scenarios.FunctionSecurityGroupName + " (" + test.GroupId(Seed003Scenarios.FunctionSecurityGroupName) + ")", 5432),
            (database.Source, database.Port!.Value));
        Assert.Contains("No inbound rule of aurora-sg", database.Detail);
        Assert.Equal("Repair-DatabaseIngress -SourceSecurityGroup aurora-migrations-runner-sg -Database alquimista-dev -Region us-east-1", database.Fix);
        Assert.Equal("Repair-DatabaseIngress", database.FixCommand!.Name);
        var egress = checks.Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();
        Assert.All(egress, c => Assert.Equal("Secrets Manager", c.Destination));
        Assert.All(egress, c => Assert.Contains("the VPC endpoint for secretsmanager serves the function; the function reaches it on 443", c.Detail));
        Assert.Equal("DB cluster alquimista-dev", checks.Single(c => c.Link == NetworkPathLinks.NetworkAcls).Destination);

        test.Account.Use(state => state.Ec2.AuthorizeIngressFromGroup(test.GroupId(Seed003Scenarios.DatabaseSecurityGroupName), 5432,
            test.GroupId(Seed003Scenarios.FunctionSecurityGroupName)));

        var after = await InspectAsync(Seed003Scenarios.FunctionName);
        Assert.All(after, c => Assert.True(c.Passed, c.Detail));
        Assert.Contains("the function reaches DB cluster alquimista-dev on 5432", after.Single(c => c.Link == NetworkPathLinks.FunctionToDatabase).Detail);
    }

    [Fact]
    public async Task A_function_named_by_its_arn_is_checked_and_a_missing_one_is_LambdaFunctionNotFound()
    {
        var arn = $"arn:aws:lambda:us-east-1:123456789012:function:{Seed003Scenarios.FunctionName}";
        Assert.All(await InspectAsync(arn, withDatabase: false), c => Assert.Equal(Seed003Scenarios.FunctionName, c.FunctionName));

        var error = await Assert.ThrowsAnyAsync<OpsException>(() => InspectAsync("aurora-migrations-runner-prod"));
        Assert.Equal(ErrorTable.LambdaFunctionNotFound, error.Code);
        Assert.Contains("aurora-migrations-runner-prod", error.Message);
    }

    [Fact]
    public async Task A_function_outside_any_VPC_fails_when_it_must_reach_the_database_and_is_only_noted_otherwise()
    {
        test.Account.Use(state => state.Lambda.AddFunction("public-runner", new DelegateFunction(_ => throw new InvalidOperationException())));

        var failed = Assert.Single(await InspectAsync("public-runner"));
        var noted = Assert.Single(await InspectAsync("public-runner", withDatabase: false));

        Assert.Equal((NetworkPathLinks.FunctionVpc, false), (failed.Link, failed.Passed));
        Assert.Contains("not connected to a VPC", failed.Detail);
        Assert.StartsWith("aws lambda update-function-configuration --function-name public-runner --region us-east-1 --vpc-config SubnetIds=", failed.Fix);
        Assert.True(noted.Passed, noted.Detail);
    }

    [Fact]
    public async Task A_function_whose_group_the_endpoint_does_not_admit_fails_subnet_egress_with_the_ingress_rule()
    {
        var other = test.Account.Read(state =>
        {
            var runner = state.Lambda.RequireFunction(Seed003Scenarios.FunctionName);
            var vpc = state.Ec2.FindSubnet(runner.VpcConfig.SubnetIds[0])!.VpcId;
            var group = state.Ec2.AddSecurityGroup(vpc, "reports-sg", "Reports Lambda");
            state.Lambda.AddFunction("reports", new DelegateFunction(_ => throw new InvalidOperationException()), 60,
                new LambdaVpcConfig(runner.VpcConfig.SubnetIds, new[] { group.GroupId }));
            return group.GroupId;
        });

        var egress = (await InspectAsync("reports", withDatabase: false)).Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();

        Assert.Equal(2, egress.Count);
        Assert.All(egress, c => Assert.False(c.Passed));
        Assert.All(egress, c => Assert.Contains("No inbound rule of secretsmanager-endpoint-sg", c.Detail));
        Assert.All(egress, c => Assert.Contains("the function cannot read its secrets", c.Detail));
        Assert.All(egress, c => Assert.Contains($"--protocol tcp --port 443 --source-group {other}", c.Fix));
    }
}
