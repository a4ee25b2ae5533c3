using Kaviar.Ops.Kernel;
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Database;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Network;
using Kaviar.Ops.Simulator;
using NetworkAclEntry = Kaviar.Ops.Simulator.Ec2.NetworkAclEntry;
using PortRange = Kaviar.Ops.Simulator.Ec2.PortRange;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>
/// Tasks → database where the database is named as RDS knows it (an Aurora cluster): its groups, subnets and port come
/// from RDS; any of its groups may admit the tasks; the ACLs of the database subnets count; the repair goes on its
/// first group and is verified by the same evaluator.
/// </summary>
public sealed class DatabaseReachTests : IDisposable
{
    private const string Aurora = "kaviar-aurora";
    private readonly NetworkTestAccount test;

    public DatabaseReachTests()
    {
        test = new NetworkTestAccount(NetworkTestAccount.Seed001WithDatabase(Seed001Variant.Healthy).With(state =>
        {
            var vpc = state.Ec2.Vpcs.Single(v => v.Name == "kaviar-vpc").VpcId;
            var dbA = state.Ec2.AddSubnet(vpc, "10.0.20.0/24", "us-east-2a", "kaviar-db-1", mapPublicIp: false);
            var dbB = state.Ec2.AddSubnet(vpc, "10.0.21.0/24", "us-east-2b", "kaviar-db-2", mapPublicIp: false);
            state.Rds.AddSubnetGroup("kaviar-db-subnets", "Kaviar databases", new[] { dbA.SubnetId, dbB.SubnetId });
            var groups = new[] { "kaviar-rds-sg", "kaviar-lambda-sg" }.Select(name => state.Ec2.SecurityGroups.Single(g => g.GroupName == name).GroupId);
            state.Rds.AddAuroraPostgresCluster(Aurora, "kaviar-db-subnets", groups, port: 5433);
        }));
    }

    public void Dispose() => test.Dispose();

    private static ServiceReference Seed001Service => EcsNames.Service(NetworkTestAccount.Service, NetworkTestAccount.Cluster);

    private async Task<NetworkPathCheck> LinkAsync(string link) =>
        Assert.Single(await test.Inspector.InspectAsync(new NetworkPathRequest
        {
            Service = Seed001Service,
            Cluster = NetworkTestAccount.Cluster,
            Database = DatabaseLocator.Parse(Aurora),
        }, CancellationToken.None), c => c.Link == link && (c.Destination.Contains("kaviar-rds-sg") || c.Destination.Contains(Aurora)));

    [Fact]
    public async Task A_cluster_that_admits_no_task_fails_on_its_own_port_and_the_repair_on_its_first_group_makes_it_pass()
    {
        var before = await LinkAsync(NetworkPathLinks.TaskToDatabase);
        Assert.False(before.Passed);
        Assert.Equal(5433, before.Port);
        Assert.Contains("No inbound rule of kaviar-rds-sg", before.Detail);
        Assert.Equal($"Repair-DatabaseIngress -SourceSecurityGroup kaviar-ecs-sg -Database {Aurora} -Region us-east-2", before.Fix);

        var step = Assert.Single(await test.Planner.PlanDatabaseIngressAsync(new[] { "kaviar-ecs-sg" }, DatabaseLocator.Parse(Aurora), null, CancellationToken.None));
        Assert.Equal((test.GroupId("kaviar-rds-sg"), 5433, StepStatus.Planned), (step.GroupId, step.Port!.Value, step.StatusKind));
        Assert.Equal(StepStatus.Applied, (await test.Applier.ApplyAsync(step, CancellationToken.None)).StatusKind);

        var after = await LinkAsync(NetworkPathLinks.TaskToDatabase);
        Assert.True(after.Passed, after.Detail);
        var again = Assert.Single(await test.Planner.PlanDatabaseIngressAsync(new[] { "kaviar-ecs-sg" }, DatabaseLocator.Parse(Aurora), null, CancellationToken.None));
        Assert.Equal(StepStatus.AlreadyInPlace, again.StatusKind);
    }

    [Fact]
    public async Task Any_of_the_cluster_groups_may_admit_the_tasks_by_the_VPC_CIDR()
    {
        test.Account.Use(state => state.Ec2.AuthorizeIngressFromCidr(test.GroupId("kaviar-lambda-sg"), 5433, "10.0.0.0/16"));

        var link = await LinkAsync(NetworkPathLinks.TaskToDatabase);

        Assert.True(link.Passed, link.Detail);
        Assert.Contains("kaviar-lambda-sg", link.Detail);
        var step = Assert.Single(await test.Planner.PlanDatabaseIngressAsync(new[] { "kaviar-ecs-sg" }, DatabaseLocator.Parse(Aurora), null, CancellationToken.None));
        Assert.Equal(StepStatus.AlreadyInPlace, step.StatusKind);
    }

    [Fact]
    public async Task An_ACL_on_the_database_subnets_that_admits_one_task_subnet_only_is_its_own_finding()
    {
        test.Account.Use(state =>
        {
            state.Ec2.AuthorizeIngressFromGroup(test.GroupId("kaviar-rds-sg"), 5433, test.GroupId("kaviar-ecs-sg"));
            var vpc = state.Ec2.Vpcs.Single(v => v.Name == "kaviar-vpc").VpcId;
            var acl = state.Ec2.CreateNetworkAcl(vpc);
            state.Ec2.CreateNetworkAclEntry(acl.NetworkAclId, new NetworkAclEntry(100, "6", "allow", false, "10.0.3.0/24", null, new PortRange(5433, 5433)));
            state.Ec2.CreateNetworkAclEntry(acl.NetworkAclId, new NetworkAclEntry(100, "-1", "allow", true, "0.0.0.0/0", null));
            foreach (var subnet in state.Ec2.Subnets.Where(s => s.Name.StartsWith("kaviar-db-", StringComparison.Ordinal)))
            {
                state.Ec2.AssociateNetworkAcl(subnet.SubnetId, acl.NetworkAclId);
            }
        });

        Assert.True((await LinkAsync(NetworkPathLinks.TaskToDatabase)).Passed);
        var acls = await LinkAsync(NetworkPathLinks.NetworkAcls);
        Assert.False(acls.Passed);
        Assert.Contains("from 10.0.4.0/24", acls.Detail);
        Assert.Contains("--ingress --rule-number 32766 --protocol 6 --port-range From=5433,To=5433 --cidr-block 10.0.4.0/24", acls.Fix);
    }

    [Fact]
    public async Task A_missing_database_is_its_error_with_how_to_list_them()
    {
        var failure = await Assert.ThrowsAsync<Kaviar.Ops.Kernel.OpsException>(() => test.Inspector.InspectAsync(new NetworkPathRequest
        {
            Service = Seed001Service,
            Cluster = NetworkTestAccount.Cluster,
            Database = DatabaseLocator.Parse("kaviar-gone"),
        }, CancellationToken.None));

        Assert.Equal(Kaviar.Ops.Kernel.ErrorTable.DatabaseNotFound, failure.Code);
    }
}
