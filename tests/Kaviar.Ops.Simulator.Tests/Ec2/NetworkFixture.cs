using System;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Simulator.Tests.Ec2;

/// <summary>
/// Seed 001's network (VPC, public and private subnets, ALB → ECS → RDS security groups, IGW, NAT, endpoints, a task
/// ENI) with seed 002's listener (fixed 404 default, host-header rules): built with the state builders, ids recorded.
/// </summary>
public sealed class NetworkFixture
{
    public const string Region = "us-east-2";
    public const string AccountId = "123456789012";

    private NetworkFixture()
    {
    }

    public string VpcId { get; private set; } = "";

    public string PublicSubnetA { get; private set; } = "";

    public string PublicSubnetB { get; private set; } = "";

    public string PrivateSubnetA { get; private set; } = "";

    public string DefaultGroupId { get; private set; } = "";

    public string AlbGroupId { get; private set; } = "";

    public string EcsGroupId { get; private set; } = "";

    public string RdsGroupId { get; private set; } = "";

    public string InternetGatewayId { get; private set; } = "";

    public string NatGatewayId { get; private set; } = "";

    public string PublicRouteTableId { get; private set; } = "";

    public string PrivateRouteTableId { get; private set; } = "";

    public string EcrEndpointId { get; private set; } = "";

    public string S3EndpointId { get; private set; } = "";

    public NetworkInterface TaskEni { get; private set; } = null!;

    public string LoadBalancerArn { get; private set; } = "";

    public string LoadBalancerDnsName { get; private set; } = "";

    public string BackendTargetGroupArn { get; private set; } = "";

    public string AdminTargetGroupArn { get; private set; } = "";

    public string ListenerArn { get; private set; } = "";

    public string AdminRuleArn { get; private set; } = "";

    public const string HealthyIp = "10.0.1.50";

    /// <summary>Builds the fixture into a fresh account and returns it listening on 127.0.0.1.</summary>
    public static (SimulatedAccount Account, NetworkFixture Ids) Start()
    {
        var ids = new NetworkFixture();
        var account = SimulatedAccount.Start(ids.Scenario(), new ManualClock());
        return (account, ids);
    }

    /// <summary>Builds the fixture into a bare AccountState, for handler tests without HTTP.</summary>
    public static (AccountState State, NetworkFixture Ids) Build()
    {
        var ids = new NetworkFixture();
        return (ids.Scenario().Build(new ManualClock()), ids);
    }

    private AccountScenario Scenario() => AccountScenario.Named("ec2-elbv2-contract").InRegion(Region).ForAccount(AccountId).With(BuildInto);

    private void BuildInto(AccountState state)
    {
        var ec2 = state.Ec2;
        var vpc = ec2.AddVpc("10.0.0.0/16", "kaviar-vpc");
        VpcId = vpc.VpcId;
        DefaultGroupId = ec2.FindSecurityGroupByName(VpcId, "default")!.GroupId;
        PublicSubnetA = ec2.AddSubnet(VpcId, "10.0.1.0/24", "us-east-2a", "kaviar-public-a", mapPublicIp: true).SubnetId;
        PublicSubnetB = ec2.AddSubnet(VpcId, "10.0.2.0/24", "us-east-2b", "kaviar-public-b", mapPublicIp: true).SubnetId;
        PrivateSubnetA = ec2.AddSubnet(VpcId, "10.0.11.0/24", "us-east-2a", "kaviar-private-a", mapPublicIp: false).SubnetId;

        AlbGroupId = ec2.AddSecurityGroup(VpcId, "kaviar-alb-sg", "ALB security group").GroupId;
        EcsGroupId = ec2.AddSecurityGroup(VpcId, "kaviar-ecs-sg", "ECS tasks security group").GroupId;
        RdsGroupId = ec2.AddSecurityGroup(VpcId, "kaviar-rds-sg", "RDS security group").GroupId;
        ec2.AuthorizeIngressFromCidr(AlbGroupId, 80, "0.0.0.0/0", "HTTP from anywhere");
        ec2.AuthorizeIngressFromGroup(EcsGroupId, 3001, AlbGroupId, "From ALB");
        ec2.AuthorizeIngressFromGroup(RdsGroupId, 5432, EcsGroupId);

        InternetGatewayId = ec2.AddInternetGateway(VpcId);
        NatGatewayId = ec2.AddNatGateway(PublicSubnetA);
        PublicRouteTableId = ec2.AddRouteTable(VpcId, new[] { PublicSubnetA, PublicSubnetB }, new[] { ("0.0.0.0/0", InternetGatewayId) });
        PrivateRouteTableId = ec2.AddRouteTable(VpcId, new[] { PrivateSubnetA }, new[] { ("0.0.0.0/0", NatGatewayId) });
        EcrEndpointId = ec2.AddVpcEndpoint(VpcId, "com.amazonaws.us-east-2.ecr.api", "Interface", new[] { PrivateSubnetA });
        S3EndpointId = ec2.AddVpcEndpoint(VpcId, "com.amazonaws.us-east-2.s3", "Gateway", new[] { PrivateRouteTableId });
        TaskEni = ec2.CreateNetworkInterface(PublicSubnetA, new[] { EcsGroupId }, "arn:aws:ecs:us-east-2:123456789012:attachment/task-eni", assignPublicIp: true);

        var elbv2 = state.Elbv2;
        var loadBalancer = elbv2.AddLoadBalancer("kaviar-alb", new[] { PublicSubnetA, PublicSubnetB }, new[] { AlbGroupId });
        LoadBalancerArn = loadBalancer.LoadBalancerArn;
        LoadBalancerDnsName = loadBalancer.DnsName;
        var backend = elbv2.AddTargetGroup("kaviar-backend-tg", VpcId, 3001, "/api/health");
        backend.HealthyThresholdCount = 2;
        BackendTargetGroupArn = backend.TargetGroupArn;
        AdminTargetGroupArn = elbv2.AddTargetGroup("qa-faxi-admin-tg", VpcId, 4000, "/health", "200-399").TargetGroupArn;
        ListenerArn = elbv2.AddFixedResponseListener(LoadBalancerArn, 80, 404);
        elbv2.AddRule(ListenerArn, 10, new[] { "qa-fax.faxi.jp" }, Array.Empty<string>(), BackendTargetGroupArn);
        AdminRuleArn = elbv2.AddRule(ListenerArn, 20, new[] { "qa-admin.faxi.jp" }, new[] { "/admin/*" }, AdminTargetGroupArn);
        elbv2.AddRule(ListenerArn, 30, new[] { "qa.faxi.jp" }, Array.Empty<string>(), BackendTargetGroupArn);

        elbv2.RegisterTarget(BackendTargetGroupArn, HealthyIp, 3001, "us-east-2a");
        elbv2.SetTargetHealth(BackendTargetGroupArn, HealthyIp, 3001, "healthy", null, null);
        elbv2.RegisterTarget(BackendTargetGroupArn, TaskEni.PrivateIpAddress, 3001, "us-east-2a");
        elbv2.SetTargetHealth(BackendTargetGroupArn, TaskEni.PrivateIpAddress, 3001, "unhealthy", "Target.Timeout", "Request timed out");
    }
}
