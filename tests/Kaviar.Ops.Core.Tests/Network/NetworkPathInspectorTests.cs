using System.Collections.Generic;
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Network;
using Kaviar.Ops.Simulator;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>Test-EcsNetworkPath's checks against seed 001 and variations of its VPC.</summary>
public sealed class NetworkPathInspectorTests : IDisposable
{
    private const string Cluster = NetworkTestAccount.Cluster;
    private const string Service = NetworkTestAccount.Service;
    private NetworkTestAccount? test;

    public void Dispose() => test?.Dispose();

    private NetworkTestAccount Start(Seed001Variant variant = Seed001Variant.WrongSecurityGroup)
    {
        test = new NetworkTestAccount(NetworkTestAccount.Seed001WithDatabase(variant));
        return test;
    }

    private static NetworkPathRequest Request(string? securityGroup = null, string? database = null) => new NetworkPathRequest
    {
        Service = EcsNames.Service(Service, Cluster),
        Cluster = Cluster,
        SecurityGroup = securityGroup,
        DatabaseSecurityGroup = database,
    };

    [Fact]
    public async Task Seed001_broken_flags_the_tasks_group_and_the_missing_load_balancer_rule_with_their_fix()
    {
        var test = Start();
        test.Account.Calls.Clear();

        var checks = await test.Inspector.InspectAsync(Request(), CancellationToken.None);

        Assert.Equal(0, test.Account.Calls.CountMutating());
        var failed = checks.Where(c => !c.Passed).ToList();
        Assert.Equal(new[] { NetworkPathLinks.TaskSecurityGroups, NetworkPathLinks.LoadBalancerToTask }, failed.Select(c => c.Link).Distinct());
        // The fix adds the rule to the service's own group; attaching another group (kaviar-ecs-sg) is the user's call, never proposed.
        var fix = "Repair-EcsSecurityGroup -Cluster kaviar-cluster -Service kaviar-backend-service -Region us-east-2";
        Assert.All(failed, c => Assert.Equal(fix, c.Fix));

        var task = failed.First(c => c.Link == NetworkPathLinks.TaskSecurityGroups);
        Assert.Equal($"kaviar-default-sg ({test.GroupId("kaviar-default-sg")})", task.Destination);
        Assert.StartsWith("task ", task.Source);
        Assert.Contains($"No inbound rule of kaviar-default-sg ({test.GroupId("kaviar-default-sg")}) allows TCP 3001 from load balancer kaviar-alb", task.Detail);
        Assert.DoesNotContain("kaviar-ecs-sg", task.Detail);

        var alb = Assert.Single(checks, c => c.Link == NetworkPathLinks.LoadBalancerToTask);
        Assert.Equal($"kaviar-alb-sg ({test.GroupId("kaviar-alb-sg")})", alb.Source);
        Assert.Equal(3001, alb.Port);
        Assert.Contains("Target.Timeout", alb.Detail);
        Assert.Equal("us-east-2", alb.Region);

        var egress = checks.Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();
        Assert.Equal(2, egress.Count);
        Assert.All(egress, c => Assert.True(c.Passed));
        Assert.All(egress, c => Assert.Matches("^Route 0.0.0.0/0 -> NAT gateway nat-[0-9a-f]+ \\(available\\) in rtb-[0-9a-f]+; kaviar-default-sg \\(sg-[0-9a-f]+\\) allows all traffic to 0.0.0.0/0, covering the AWS APIs on the internet \\(0.0.0.0/0\\)\\.$", c.Detail));
        Assert.All(egress, c => Assert.Equal("", c.Fix));
    }

    [Fact]
    public async Task Expected_group_is_checked_by_name_on_every_task()
    {
        var test = Start();

        var checks = await test.Inspector.InspectAsync(Request(securityGroup: "kaviar-ecs-sg"), CancellationToken.None);

        var tasks = checks.Where(c => c.Link == NetworkPathLinks.TaskSecurityGroups).ToList();
        Assert.NotEmpty(tasks);
        Assert.All(tasks, c => Assert.False(c.Passed));
        Assert.All(tasks, c => Assert.Contains($", not kaviar-ecs-sg ({test.GroupId("kaviar-ecs-sg")})", c.Detail));
    }

    [Fact]
    public async Task Healthy_seed_passes_every_link_including_the_database_once_its_rule_exists()
    {
        var test = Start(Seed001Variant.Healthy);
        test.Advance(TimeSpan.FromMinutes(3));
        var before = await test.Inspector.InspectAsync(Request("kaviar-ecs-sg", "kaviar-rds-sg"), CancellationToken.None);
        var database = Assert.Single(before, c => c.Link == NetworkPathLinks.TaskToDatabase);
        Assert.False(database.Passed);
        Assert.Equal("Repair-DatabaseIngress -SourceSecurityGroup kaviar-ecs-sg -DatabaseSecurityGroup kaviar-rds-sg -Port 5432 -Region us-east-2", database.Fix);

        test.Account.Use(state => state.Ec2.AuthorizeIngressFromGroup(test.GroupId("kaviar-rds-sg"), 5432, test.GroupId("kaviar-ecs-sg")));
        var after = await test.Inspector.InspectAsync(Request("kaviar-ecs-sg", "kaviar-rds-sg"), CancellationToken.None);

        Assert.All(after, c => Assert.True(c.Passed, c.Link + ": " + c.Detail));
        Assert.Equal(new[] { NetworkPathLinks.TaskSecurityGroups, NetworkPathLinks.ClientToLoadBalancer, NetworkPathLinks.LoadBalancerToTask, NetworkPathLinks.NetworkAcls, NetworkPathLinks.PortConsistency, NetworkPathLinks.LoadBalancerZones, NetworkPathLinks.TaskToDatabase, NetworkPathLinks.SubnetEgress },
            after.Select(c => c.Link).Distinct());
    }

    [Fact]
    public async Task Private_subnets_without_NAT_or_endpoints_fail_egress_with_the_fix()
    {
        var test = Start(Seed001Variant.Healthy);
        test.Account.Use(state =>
        {
            foreach (var table in state.Ec2.RouteTables)
            {
                table.Routes.RemoveAll(r => r.NatGatewayId != null);
            }
        });

        var egress = (await test.Inspector.InspectAsync(Request(), CancellationToken.None)).Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();

        Assert.Equal(2, egress.Count);
        Assert.All(egress, c => Assert.False(c.Passed));
        Assert.All(egress, c => Assert.Contains("has no 0.0.0.0/0 route (no internet gateway, no NAT gateway)", c.Detail));
        Assert.All(egress, c => Assert.Contains("VPC endpoints missing: com.amazonaws.us-east-2.ecr.api, com.amazonaws.us-east-2.ecr.dkr, " +
                                                "com.amazonaws.us-east-2.logs, com.amazonaws.us-east-2.secretsmanager, com.amazonaws.us-east-2.s3 (Gateway)", c.Detail));
        Assert.All(egress, c => Assert.StartsWith("aws ec2 create-route --region us-east-2 --route-table-id rtb-", c.Fix));
        Assert.All(egress, c => Assert.Contains("--service-name com.amazonaws.us-east-2.ecr.dkr --subnet-ids " + c.Source + " --private-dns-enabled", c.Fix));
    }

    /// <summary>Seed 001 with no NAT gateway: interface endpoints (in <paramref name="endpointSubnets"/>, carrying <paramref name="endpointGroup"/>) and the S3 gateway endpoint.</summary>
    private NetworkTestAccount WithEndpoints(string endpointGroup, Func<Kaviar.Ops.Simulator.AccountState, IEnumerable<string>>? endpointSubnets = null)
    {
        var test = Start(Seed001Variant.Healthy);
        test.Account.Use(state =>
        {
            var vpc = state.Ec2.Vpcs.Single().VpcId;
            var privateSubnets = state.Ec2.Subnets.Where(s => s.Name.StartsWith("kaviar-private", StringComparison.Ordinal)).Select(s => s.SubnetId).ToList();
            var privateTable = state.Ec2.RouteTables.Single(t => t.Routes.Any(r => r.NatGatewayId != null));
            privateTable.Routes.RemoveAll(r => r.NatGatewayId != null);
            var group = state.Ec2.SecurityGroups.Single(g => g.GroupName == endpointGroup).GroupId;
            foreach (var name in new[] { "ecr.api", "ecr.dkr", "logs", "secretsmanager" })
            {
                state.Ec2.AddVpcEndpoint(vpc, "com.amazonaws.us-east-2." + name, "Interface", endpointSubnets?.Invoke(state) ?? privateSubnets, new[] { group });
            }

            state.Ec2.AddVpcEndpoint(vpc, "com.amazonaws.us-east-2.s3", "Gateway", new[] { privateTable.RouteTableId });
        });
        return test;
    }

    private static string EndpointGroup(NetworkTestAccount test)
    {
        test.Account.Use(state =>
        {
            var group = state.Ec2.AddSecurityGroup(state.Ec2.Vpcs.Single().VpcId, "kaviar-endpoints-sg", "VPC endpoints");
            state.Ec2.AuthorizeIngressFromCidr(group.GroupId, 443, "10.0.0.0/16");
        });
        return "kaviar-endpoints-sg";
    }

    [Fact]
    public async Task Private_subnets_with_all_endpoints_pass_without_NAT_when_the_endpoints_admit_the_tasks_on_443()
    {
        var test = WithEndpointsAdmittingTheVpc();

        var egress = (await test.Inspector.InspectAsync(Request(), CancellationToken.None)).Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();

        Assert.Equal(2, egress.Count);
        Assert.All(egress, c => Assert.True(c.Passed, c.Detail));
        Assert.All(egress, c => Assert.Contains("VPC endpoints for ecr.api, ecr.dkr, logs, secretsmanager and the S3 gateway endpoint", c.Detail));
        Assert.All(egress, c => Assert.Contains("the tasks reach each on 443", c.Detail));
    }

    private NetworkTestAccount WithEndpointsAdmittingTheVpc()
    {
        var test = WithEndpoints("default");
        EndpointGroup(test);
        test.Account.Use(state =>
        {
            var group = state.Ec2.SecurityGroups.Single(g => g.GroupName == "kaviar-endpoints-sg").GroupId;
            foreach (var endpoint in state.Ec2.VpcEndpoints.Where(e => e.VpcEndpointType == "Interface"))
            {
                endpoint.GroupIds.Clear();
                endpoint.GroupIds.Add(group);
            }
        });
        return test;
    }

    [Fact]
    public async Task Endpoints_whose_group_admits_only_itself_fail_with_the_rule_that_admits_the_tasks()
    {
        var test = WithEndpoints("default");

        var egress = (await test.Inspector.InspectAsync(Request(), CancellationToken.None)).Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();

        Assert.All(egress, c => Assert.False(c.Passed));
        Assert.All(egress, c => Assert.Contains("No inbound rule of default", c.Detail));
        Assert.All(egress, c => Assert.StartsWith(
            $"aws ec2 authorize-security-group-ingress --region us-east-2 --group-id {test.GroupId("default")} --protocol tcp --port 443 --source-group {test.GroupId("kaviar-ecs-sg")}", c.Fix));
    }

    [Fact]
    public async Task Endpoints_in_one_zone_serve_both_subnets_and_the_other_zone_is_noted()
    {
        var test = WithEndpointsAdmittingTheVpc();
        test.Account.Use(state =>
        {
            var zoneB = state.Ec2.Subnets.Single(s => s.Name == "kaviar-private-2").SubnetId;
            foreach (var endpoint in state.Ec2.VpcEndpoints.Where(e => e.VpcEndpointType == "Interface"))
            {
                var index = endpoint.SubnetIds.IndexOf(zoneB);
                endpoint.SubnetIds.RemoveAt(index);
                endpoint.NetworkInterfaceIds.RemoveAt(index);
            }
        });

        var egress = (await test.Inspector.InspectAsync(Request(), CancellationToken.None)).Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();

        Assert.All(egress, c => Assert.True(c.Passed, c.Detail));
        Assert.Contains(egress, c => c.Detail.Contains("has no interface in us-east-2b"));
        Assert.Contains(egress, c => !c.Detail.Contains("has no interface"));
    }

    [Fact]
    public async Task A_task_group_without_https_egress_fails_the_NAT_path_with_the_egress_rule()
    {
        var test = Start(Seed001Variant.Healthy);
        test.Account.Use(state => state.Ec2.RevokeEgress(test.GroupId("kaviar-ecs-sg"),
            new[] { new Kaviar.Ops.Simulator.Ec2.SecurityGroupPermission("-1", null, null, "0.0.0.0/0", null) }));

        var egress = (await test.Inspector.InspectAsync(Request(), CancellationToken.None)).Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();

        Assert.All(egress, c => Assert.False(c.Passed));
        Assert.All(egress, c => Assert.Contains("No outbound rule of kaviar-ecs-sg", c.Detail));
        Assert.All(egress, c => Assert.Contains("--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'", c.Fix));
    }

    [Fact]
    public async Task Network_ACLs_that_cannot_be_read_are_not_reported_as_passing()
    {
        var test = Start(Seed001Variant.Healthy);
        test.Account.Faults.Add(new Kaviar.Ops.Simulator.FaultRule { Service = "ec2", Action = "DescribeNetworkAcls", Kind = Kaviar.Ops.Simulator.FaultKind.Throttle, Times = null });

        var acls = Assert.Single(await test.Inspector.InspectAsync(Request(), CancellationToken.None), c => c.Link == NetworkPathLinks.NetworkAcls);

        Assert.False(acls.Passed);
        Assert.Contains("could not be read (RequestLimitExceeded", acls.Detail);
        Assert.StartsWith("aws ec2 describe-network-acls --region us-east-2", acls.Fix);
    }

    [Fact]
    public async Task Public_subnets_need_a_public_ip()
    {
        var test = Start(Seed001Variant.Healthy);
        var publicSubnets = test.Account.Read(state => state.Ec2.Subnets.Where(s => s.Name.StartsWith("kaviar-public", StringComparison.Ordinal)).Select(s => s.SubnetId).ToList());
        await test.Ecs.UpdateServiceAsync(new Kaviar.Ops.AwsServices.ECS.Model.UpdateServiceRequest
        {
            Cluster = Cluster,
            Service = Service,
            NetworkConfiguration = new Kaviar.Ops.AwsServices.ECS.Model.NetworkConfiguration
            {
                AwsvpcConfiguration = new Kaviar.Ops.AwsServices.ECS.Model.AwsVpcConfiguration
                {
                    Subnets = publicSubnets, SecurityGroups = new() { test.GroupId("kaviar-ecs-sg") }, AssignPublicIp = "DISABLED",
                },
            },
        });

        var egress = (await test.Inspector.InspectAsync(Request(), CancellationToken.None)).Where(c => c.Link == NetworkPathLinks.SubnetEgress).ToList();

        Assert.Equal(publicSubnets, egress.Select(c => c.Source));
        Assert.All(egress, c => Assert.False(c.Passed));
        Assert.All(egress, c => Assert.Contains("but the service's assignPublicIp is DISABLED", c.Detail));
        Assert.All(egress, c => Assert.EndsWith("assignPublicIp=ENABLED}'", c.Fix));
    }

    [Fact]
    public async Task A_task_arn_checks_that_task_and_a_missing_one_is_TaskNotFound()
    {
        var test = Start();
        var taskArn = test.Account.Read(state => state.Ecs.Tasks.Last(t => t.Service != null).Arn);

        var checks = await test.Inspector.InspectAsync(new NetworkPathRequest { Cluster = Cluster, TaskArn = taskArn }, CancellationToken.None);
        var missing = await Assert.ThrowsAsync<NetworkRepairException>(() =>
            test.Inspector.InspectAsync(new NetworkPathRequest { Cluster = Cluster, TaskArn = "0123456789abcdef0123456789abcdef" }, CancellationToken.None));

        var task = Assert.Single(checks, c => c.Link == NetworkPathLinks.TaskSecurityGroups);
        Assert.Contains(EcsNames.TaskId(taskArn), task.Source);
        Assert.Equal(Service, task.ServiceName);
        Assert.Equal(NetworkProblem.TaskNotFound, missing.Problem);
    }
}
