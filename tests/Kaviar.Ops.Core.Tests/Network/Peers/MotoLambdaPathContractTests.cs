using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network.Peers;

/// <summary>
/// A VPC Lambda function built in moto with the aws CLI: its path to Secrets Manager is judged from the route table of
/// its subnet (the VPC's main table), found through the subnet's own VPC, and changes verdict as the account does.
/// </summary>
public sealed class MotoLambdaPathContractTests : IClassFixture<MotoServerFixture>
{
    private const string Region = "us-east-1";
    private readonly MotoAccount moto;
    private readonly OpsContext context;

    public MotoLambdaPathContractTests(MotoServerFixture server)
    {
        moto = new MotoAccount(server, Region);
        context = moto.Context;
    }

    [Fact]
    public async Task A_private_subnet_reaches_Secrets_Manager_once_its_main_route_table_has_a_NAT_route()
    {
        var vpcId = Cli("ec2", "create-vpc", "--cidr-block", "10.7.0.0/16").GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        var subnet = Cli("ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.7.1.0/24", "--availability-zone", Region + "a")
            .GetProperty("Subnet").GetProperty("SubnetId").GetString()!;
        var publicSubnet = Cli("ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.7.2.0/24", "--availability-zone", Region + "a")
            .GetProperty("Subnet").GetProperty("SubnetId").GetString()!;
        var group = Cli("ec2", "create-security-group", "--vpc-id", vpcId, "--group-name", "migrate-fn", "--description", "function")
            .GetProperty("GroupId").GetString()!;
        var function = CreateFunction("migrate-path", subnet, group);
        var mainTable = Cli("ec2", "describe-route-tables", "--filters", $"Name=vpc-id,Values={vpcId}", "Name=association.main,Values=true")
            .GetProperty("RouteTables")[0].GetProperty("RouteTableId").GetString()!;

        var before = await InspectAsync(function);

        Assert.Equal(vpcId, Assert.Single(before, c => c.Link == NetworkPathLinks.FunctionVpc).Destination);
        var blocked = Assert.Single(before, c => c.Link == NetworkPathLinks.SubnetEgress);
        Assert.False(blocked.Passed);
        Assert.Contains($"{mainTable} has no 0.0.0.0/0 route", blocked.Detail);

        var allocation = Cli("ec2", "allocate-address", "--domain", "vpc").GetProperty("AllocationId").GetString()!;
        var nat = Cli("ec2", "create-nat-gateway", "--subnet-id", publicSubnet, "--allocation-id", allocation).GetProperty("NatGateway").GetProperty("NatGatewayId").GetString()!;
        Cli("ec2", "create-route", "--route-table-id", mainTable, "--destination-cidr-block", "0.0.0.0/0", "--nat-gateway-id", nat);

        var after = Assert.Single(await InspectAsync(function), c => c.Link == NetworkPathLinks.SubnetEgress);
        Assert.True(after.Passed, after.Detail);
        Assert.Contains($"NAT gateway {nat} (available) in {mainTable}", after.Detail);
    }

    private Task<System.Collections.Generic.IReadOnlyList<NetworkPathCheck>> InspectAsync(string function) =>
        new LambdaNetworkPathInspector(context).InspectAsync(new LambdaNetworkPathRequest { Function = LambdaNames.Function(function) }, CancellationToken.None);

    private string CreateFunction(string name, string subnet, string group)
    {
        var role = Cli("iam", "create-role", "--role-name", $"{name}-role", "--assume-role-policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
            .GetProperty("Role").GetProperty("Arn").GetString()!;
        var package = Path.Combine(Path.GetTempPath(), $"kaviar-{Guid.NewGuid():N}.zip");
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("handler.py").Open());
            writer.Write("def handler(event, context):\n    return {}\n");
        }

        try
        {
            Cli("lambda", "create-function", "--function-name", name, "--runtime", "python3.12", "--role", role, "--handler", "handler.handler",
                "--zip-file", $"fileb://{package}", "--vpc-config", $"SubnetIds={subnet},SecurityGroupIds={group}");
        }
        finally
        {
            File.Delete(package);
        }

        return name;
    }

    private JsonElement Cli(params string[] args) => moto.Cli(args);
}
