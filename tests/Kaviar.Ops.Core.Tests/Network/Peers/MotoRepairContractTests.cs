using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network.Peers;

/// <summary>
/// Seed 001's service (an ALB in two subnets, a Fargate service on port 3001 in a third) built in moto with the aws
/// CLI: the module's check and repair over the wire, and `aws ec2 describe-security-groups` afterwards proving the
/// repair changed exactly the one rule it meant to, on the service's own group.
/// </summary>
public sealed class MotoRepairContractTests : IClassFixture<MotoServerFixture>
{
    private const string Region = "us-east-1";
    private const int Port = 3001;
    private readonly MotoAccount moto;
    private readonly OpsContext context;

    public MotoRepairContractTests(MotoServerFixture server)
    {
        moto = new MotoAccount(server, Region);
        context = moto.Context;
    }

    private sealed record Account(string Cluster, string Service, string TaskGroupId, string AlbGroupId);

    [Fact]
    public async Task The_repair_adds_exactly_one_rule_to_the_service_group_and_the_path_then_passes()
    {
        var account = Build("one");

        var before = await LinkAsync(account, NetworkPathLinks.LoadBalancerToTask);
        Assert.False(before.Passed);
        Assert.Contains("No inbound rule", before.Detail);
        var albGroupBefore = Cli("ec2", "describe-security-groups", "--group-ids", account.AlbGroupId).GetRawText();

        var applied = await RepairAsync(account);

        Assert.Equal(StepStatus.Applied, applied.StatusKind);
        var rule = Assert.Single(IngressRules(account.TaskGroupId));
        Assert.Equal(("tcp", Port, Port, account.AlbGroupId), rule);
        Assert.Equal(albGroupBefore, Cli("ec2", "describe-security-groups", "--group-ids", account.AlbGroupId).GetRawText());
        Assert.True((await LinkAsync(account, NetworkPathLinks.LoadBalancerToTask)).Passed);
    }

    [Fact]
    public async Task With_only_an_IPv6_anywhere_rule_the_repair_adds_the_IPv4_path_and_keeps_the_IPv6_rule()
    {
        var account = Build("ipv6");
        Cli("ec2", "authorize-security-group-ingress", "--group-id", account.TaskGroupId,
            "--ip-permissions", $"IpProtocol=tcp,FromPort={Port},ToPort={Port},Ipv6Ranges=[{{CidrIpv6=::/0}}]");

        var before = await LinkAsync(account, NetworkPathLinks.LoadBalancerToTask);
        Assert.False(before.Passed);
        Assert.Contains("admits IPv6 only", before.Detail);

        var applied = await RepairAsync(account);

        Assert.Equal(StepStatus.Applied, applied.StatusKind);
        Assert.Equal(new[] { ("tcp", Port, Port, "::/0"), ("tcp", Port, Port, account.AlbGroupId) }, IngressRules(account.TaskGroupId).OrderBy(r => r.Peer.Length));
        Assert.True((await LinkAsync(account, NetworkPathLinks.LoadBalancerToTask)).Passed);
    }

    [Fact]
    public async Task With_the_VPC_CIDR_admitted_the_path_passes_and_nothing_is_planned()
    {
        var account = Build("vpc-cidr");
        Cli("ec2", "authorize-security-group-ingress", "--group-id", account.TaskGroupId, "--protocol", "tcp", "--port", Port.ToString(), "--cidr", "10.0.0.0/16");

        Assert.True((await LinkAsync(account, NetworkPathLinks.LoadBalancerToTask)).Passed);
        var step = Assert.Single(await new SecurityGroupRepairPlanner(context).PlanServiceAsync(EcsNames.Service(account.Service, account.Cluster), null, CancellationToken.None));
        Assert.Equal(StepStatus.AlreadyInPlace, step.StatusKind);
        Assert.Single(IngressRules(account.TaskGroupId));
    }

    [Fact]
    public async Task A_network_ACL_that_drops_the_answers_is_its_own_finding_with_the_entry_that_fixes_it()
    {
        var account = Build("acl");
        Cli("ec2", "authorize-security-group-ingress", "--group-id", account.TaskGroupId, "--protocol", "tcp", "--port", Port.ToString(), "--source-group", account.AlbGroupId);
        var taskSubnet = Cli("ecs", "describe-services", "--cluster", account.Cluster, "--services", account.Service)
            .GetProperty("services")[0].GetProperty("networkConfiguration").GetProperty("awsvpcConfiguration").GetProperty("subnets")[0].GetString()!;
        var vpcId = Cli("ec2", "describe-subnets", "--subnet-ids", taskSubnet).GetProperty("Subnets")[0].GetProperty("VpcId").GetString()!;
        var aclId = Cli("ec2", "create-network-acl", "--vpc-id", vpcId).GetProperty("NetworkAcl").GetProperty("NetworkAclId").GetString()!;
        Cli("ec2", "create-network-acl-entry", "--network-acl-id", aclId, "--ingress", "--rule-number", "100", "--protocol", "6",
            "--port-range", $"From={Port},To={Port}", "--cidr-block", "10.0.0.0/16", "--rule-action", "allow");
        var association = Cli("ec2", "describe-network-acls", "--filters", $"Name=association.subnet-id,Values={taskSubnet}")
            .GetProperty("NetworkAcls")[0].GetProperty("Associations").EnumerateArray().Single(a => a.GetProperty("SubnetId").GetString() == taskSubnet)
            .GetProperty("NetworkAclAssociationId").GetString()!;
        Cli("ec2", "replace-network-acl-association", "--association-id", association, "--network-acl-id", aclId);

        Assert.True((await LinkAsync(account, NetworkPathLinks.LoadBalancerToTask)).Passed);
        var acl = await LinkAsync(account, NetworkPathLinks.NetworkAcls);
        Assert.False(acl.Passed);
        Assert.Contains("outbound has no rule allowing TCP 1024-65535", acl.Detail);
        Assert.Contains($"--network-acl-id {aclId} --egress --rule-number 32766 --protocol 6 --port-range From=1024,To=65535", acl.Fix);
        var step = Assert.Single(await new SecurityGroupRepairPlanner(context).PlanServiceAsync(EcsNames.Service(account.Service, account.Cluster), null, CancellationToken.None));
        Assert.Equal(StepStatus.AlreadyInPlace, step.StatusKind);

        // The suggested entries, run as given, open the path.
        foreach (var command in acl.Fix.Split(" && "))
        {
            Cli(command.Split(' ').Skip(1).Where(word => word is not ("--region" or Region)).ToArray());
        }

        var after = await LinkAsync(account, NetworkPathLinks.NetworkAcls);
        Assert.True(after.Passed, $"{acl.Fix}\n{after.Detail}");
    }

    private async Task<SecurityGroupRepairStep> RepairAsync(Account account)
    {
        var step = Assert.Single(await new SecurityGroupRepairPlanner(context).PlanServiceAsync(EcsNames.Service(account.Service, account.Cluster), null, CancellationToken.None));
        Assert.Equal(account.TaskGroupId, step.GroupId);
        Assert.Equal(account.AlbGroupId, step.SourceGroupId);
        return await new SecurityGroupRepairApplier(context).ApplyAsync(step, CancellationToken.None);
    }

    private async Task<NetworkPathCheck> LinkAsync(Account account, string link)
    {
        var checks = await new NetworkPathInspector(context).InspectAsync(
            new NetworkPathRequest { Service = EcsNames.Service(account.Service, account.Cluster), Cluster = account.Cluster }, CancellationToken.None);
        return Assert.Single(checks, c => c.Link == link);
    }

    /// <summary>Every inbound rule of the group as (protocol, from, to, peer), read with the aws CLI.</summary>
    private List<(string Protocol, int From, int To, string Peer)> IngressRules(string groupId) =>
        Cli("ec2", "describe-security-groups", "--group-ids", groupId).GetProperty("SecurityGroups")[0].GetProperty("IpPermissions").EnumerateArray()
            .SelectMany(p => p.GetProperty("UserIdGroupPairs").EnumerateArray().Select(g => g.GetProperty("GroupId").GetString()!)
                .Concat(p.GetProperty("IpRanges").EnumerateArray().Select(r => r.GetProperty("CidrIp").GetString()!))
                .Concat(p.GetProperty("Ipv6Ranges").EnumerateArray().Select(r => r.GetProperty("CidrIpv6").GetString()!))
                .Select(peer => (p.GetProperty("IpProtocol").GetString()!, p.GetProperty("FromPort").GetInt32(), p.GetProperty("ToPort").GetInt32(), peer)))
            .ToList();

    [Fact]
    public async Task A_service_subnet_in_a_zone_the_load_balancer_lacks_fails_and_its_fix_line_leaves_only_covered_subnets()
    {
        var account = Build("zones", "a", "c");

        var before = await LinkAsync(account, NetworkPathLinks.LoadBalancerZones);

        Assert.False(before.Passed);
        Assert.Matches(@"^subnet-[0-9a-f]+ \(us-east-1c\) of the service is in no zone of zones-alb \(us-east-1a, us-east-1b\): its targets there stay Target.NotInUse", before.Detail);
        Assert.StartsWith($"aws ecs update-service --region {Region} --cluster zones-cluster --service zones-service --network-configuration \"awsvpcConfiguration={{subnets=[subnet-", before.Fix);

        Cli(before.Fix.Substring("aws ".Length).Replace("\"", "").Split(' ').Where(word => word is not ("--region" or Region)).ToArray());

        Assert.True((await LinkAsync(account, NetworkPathLinks.LoadBalancerZones)).Passed);
    }

    /// <summary>
    /// Seed 001's layout in its own VPC (names carry <paramref name="name"/>), as the runbook's commands create it; the
    /// tasks get a subnet in each of <paramref name="taskZones"/> (zone a by default), the load balancer one in a and b.
    /// </summary>
    private Account Build(string name, params string[] taskZones)
    {
        var vpcId = Cli("ec2", "create-vpc", "--cidr-block", "10.0.0.0/16").GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        string Subnet(string cidr, string zone) =>
            Cli("ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", cidr, "--availability-zone", Region + zone).GetProperty("Subnet").GetProperty("SubnetId").GetString()!;
        var albA = Subnet("10.0.1.0/24", "a");
        var albB = Subnet("10.0.2.0/24", "b");
        var tasks = string.Join(",", (taskZones.Length == 0 ? new[] { "a" } : taskZones).Select((zone, i) => Subnet($"10.0.{11 + i}.0/24", zone)));
        string Group(string group) =>
            Cli("ec2", "create-security-group", "--vpc-id", vpcId, "--group-name", group, "--description", group).GetProperty("GroupId").GetString()!;
        var albGroup = Group($"{name}-alb-sg");
        var taskGroup = Group($"{name}-ecs-sg");
        Cli("ec2", "authorize-security-group-ingress", "--group-id", albGroup, "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0");

        var loadBalancer = Cli("elbv2", "create-load-balancer", "--name", $"{name}-alb", "--subnets", albA, albB, "--security-groups", albGroup)
            .GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerArn").GetString()!;
        var targetGroup = Cli("elbv2", "create-target-group", "--name", $"{name}-tg", "--protocol", "HTTP", "--port", Port.ToString(), "--vpc-id", vpcId,
                "--target-type", "ip", "--health-check-path", "/api/health")
            .GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;
        Cli("elbv2", "create-listener", "--load-balancer-arn", loadBalancer, "--protocol", "HTTP", "--port", "80", "--default-actions", $"Type=forward,TargetGroupArn={targetGroup}");

        var cluster = $"{name}-cluster";
        Cli("ecs", "create-cluster", "--cluster-name", cluster);
        Cli("ecs", "register-task-definition", "--family", $"{name}-backend", "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE",
            "--cpu", "256", "--memory", "512",
            "--container-definitions", $"[{{\"name\":\"backend\",\"image\":\"kaviar/backend:1\",\"essential\":true,\"portMappings\":[{{\"containerPort\":{Port}}}]}}]");
        Cli("ecs", "create-service", "--cluster", cluster, "--service-name", $"{name}-service", "--task-definition", $"{name}-backend", "--desired-count", "1",
            "--launch-type", "FARGATE",
            "--network-configuration", $"awsvpcConfiguration={{subnets=[{tasks}],securityGroups=[{taskGroup}],assignPublicIp=DISABLED}}",
            "--load-balancers", $"targetGroupArn={targetGroup},containerName=backend,containerPort={Port}");
        return new Account(cluster, $"{name}-service", taskGroup, albGroup);
    }

    private JsonElement Cli(params string[] args) => moto.Cli(args);
}
