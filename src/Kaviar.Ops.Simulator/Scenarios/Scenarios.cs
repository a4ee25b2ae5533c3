using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;

namespace Kaviar.Ops.Simulator;

public enum Seed001Variant
{
    /// <summary>The incident: the service's tasks carry kaviar-default-sg, so the ALB's health checks time out.</summary>
    WrongSecurityGroup,

    /// <summary>The same account with kaviar-ecs-sg on the service: the target turns healthy and the rollout completes.</summary>
    Healthy,
}

/// <summary>Ready-made accounts, one per seed runbook.</summary>
public static partial class Scenarios
{
    public const string Seed001Region = "us-east-2";
    public const string Seed001AccountId = "123456789012";
    public const string Seed001Cluster = "kaviar-cluster";
    public const string Seed001Service = "kaviar-backend-service";
    public const string Seed001Family = "kaviar-backend";
    public const string Seed001Container = "kaviar-backend";

    /// <summary>The log router container of seed 001 when its backend logs through FireLens.</summary>
    public const string Seed001LogRouter = "log_router";
    public const string Seed001LogGroup = "/ecs/kaviar-backend";
    public const string Seed001TargetGroup = "kaviar-backend-tg";
    public const string Seed001LoadBalancer = "kaviar-alb";
    public const int Seed001Port = 3001;

    /// <summary>
    /// Ends just after the scheduler launched its fifth task (broken variant): four tasks stopped for failing
    /// ELB health checks (three STOPPED, the last still DEACTIVATING), the newest one PENDING, nothing running.
    /// </summary>
    public static readonly TimeSpan Seed001History = TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runbook 001 (ECS Fargate behind an ALB, us-east-2): VPC 10.0.0.0/16, public subnets routed to an
    /// internet gateway, private ones to a NAT gateway; security groups kaviar-alb-sg, kaviar-ecs-sg and
    /// kaviar-default-sg; ALB kaviar-alb forwarding HTTP:80 to kaviar-backend-tg (/api/health); cluster
    /// kaviar-cluster with service kaviar-backend-service on task definition kaviar-backend:2.
    /// </summary>
    public static AccountScenario Seed001(Seed001Variant variant = Seed001Variant.WrongSecurityGroup) =>
        AccountScenario.Named(variant == Seed001Variant.Healthy ? "seed-001-healthy" : "seed-001-wrong-security-group")
            .InRegion(Seed001Region)
            .ForAccount(Seed001AccountId)
            .WithHistory(Seed001History)
            .With(state => BuildSeed001(state, variant));

    private static void BuildSeed001(AccountState state, Seed001Variant variant) => BuildSeed001(state, variant, addDependencies: null);

    /// <param name="addDependencies">
    /// Adds what the backend depends on once the network and cluster exist and before its task definitions are registered
    /// (a database, its secret); returns the secrets the backend container reads.
    /// </param>
    /// <param name="logging">How the backend's log reaches CloudWatch Logs: awslogs, or FireLens with a Fluent Bit log router.</param>
    private static void BuildSeed001(AccountState state, Seed001Variant variant, Func<Seed001Network, IReadOnlyList<ContainerSecret>>? addDependencies,
        Seed001Logging logging = Seed001Logging.Awslogs)
    {
        var ec2 = state.Ec2;
        var (vpc, publicSubnets, privateSubnets) = AddTwoTierVpc(state, "kaviar");

        var albGroup = ec2.AddSecurityGroup(vpc.VpcId, "kaviar-alb-sg", "Kaviar ALB");
        ec2.AuthorizeIngressFromCidr(albGroup.GroupId, 80, "0.0.0.0/0", "HTTP from anywhere");
        var ecsGroup = ec2.AddSecurityGroup(vpc.VpcId, "kaviar-ecs-sg", "Kaviar ECS tasks");
        ec2.AuthorizeIngressFromGroup(ecsGroup.GroupId, Seed001Port, albGroup.GroupId, "Backend from ALB");
        var defaultGroup = ec2.AddSecurityGroup(vpc.VpcId, "kaviar-default-sg", "Kaviar default");

        var elbv2 = state.Elbv2;
        var loadBalancer = elbv2.AddLoadBalancer(Seed001LoadBalancer, SubnetIds(publicSubnets), new[] { albGroup.GroupId });
        var targetGroup = elbv2.AddTargetGroup(Seed001TargetGroup, vpc.VpcId, Seed001Port, "/api/health", "200");
        UseBriskHealthChecks(targetGroup);
        elbv2.AddForwardListener(loadBalancer.LoadBalancerArn, 80, targetGroup.TargetGroupArn);

        state.Logs.AddLogGroup(Seed001LogGroup, retentionInDays: 7);

        var ecs = state.Ecs;
        ecs.AddCluster(Seed001Cluster);
        var secrets = addDependencies?.Invoke(new Seed001Network(vpc, privateSubnets, ecsGroup)) ?? Array.Empty<ContainerSecret>();
        var firstRevision = ecs.RegisterTaskDefinition(Seed001Family, BackendContainers(state, "v1", secrets, logging), "512", "1024",
            $"arn:aws:iam::{state.AccountId}:role/KaviarEcsTaskExecutionRole", $"arn:aws:iam::{state.AccountId}:role/KaviarEcsTaskRole");
        ecs.DeregisterTaskDefinition(firstRevision);
        var current = ecs.RegisterTaskDefinition(Seed001Family, BackendContainers(state, "v2", secrets, logging), "512", "1024",
            $"arn:aws:iam::{state.AccountId}:role/KaviarEcsTaskExecutionRole", $"arn:aws:iam::{state.AccountId}:role/KaviarEcsTaskRole");
        PushImagesOf(state, firstRevision);
        PushImagesOf(state, current);
        ecs.SetApp(Seed001Family, SimulatedApp.KaviarBackend(Seed001Port));

        var taskGroup = variant == Seed001Variant.Healthy ? ecsGroup : defaultGroup;
        ecs.AddService(new ServiceSpec
        {
            Cluster = Seed001Cluster,
            Name = Seed001Service,
            TaskDefinition = $"{Seed001Family}:2",
            DesiredCount = 1,
            Network = new AwsVpcConfiguration(SubnetIds(privateSubnets), new[] { taskGroup.GroupId }, AssignPublicIp: false),
            LoadBalancers = new[] { new ServiceLoadBalancer(targetGroup.TargetGroupArn, Seed001Container, Seed001Port) },
            HealthCheckGracePeriodSeconds = 120,
        });
    }

    /// <summary>
    /// A /16 VPC over two availability zones: public subnets routed to an internet gateway, private ones to a NAT
    /// gateway in the first public subnet, named "&lt;prefix&gt;-vpc", "&lt;prefix&gt;-public-1" and so on.
    /// </summary>
    private static (Vpc Vpc, Subnet[] Public, Subnet[] Private) AddTwoTierVpc(AccountState state, string namePrefix)
    {
        var ec2 = state.Ec2;
        var vpc = ec2.AddVpc("10.0.0.0/16", $"{namePrefix}-vpc");
        var publicA = ec2.AddSubnet(vpc.VpcId, "10.0.1.0/24", $"{state.Region}a", $"{namePrefix}-public-1", mapPublicIp: true);
        var publicB = ec2.AddSubnet(vpc.VpcId, "10.0.2.0/24", $"{state.Region}b", $"{namePrefix}-public-2", mapPublicIp: true);
        var privateA = ec2.AddSubnet(vpc.VpcId, "10.0.3.0/24", $"{state.Region}a", $"{namePrefix}-private-1", mapPublicIp: false);
        var privateB = ec2.AddSubnet(vpc.VpcId, "10.0.4.0/24", $"{state.Region}b", $"{namePrefix}-private-2", mapPublicIp: false);
        var internetGateway = ec2.AddInternetGateway(vpc.VpcId);
        var natGateway = ec2.AddNatGateway(publicA.SubnetId);
        ec2.AddRouteTable(vpc.VpcId, new[] { publicA.SubnetId, publicB.SubnetId }, new[] { ("0.0.0.0/0", internetGateway) });
        ec2.AddRouteTable(vpc.VpcId, new[] { privateA.SubnetId, privateB.SubnetId }, new[] { ("0.0.0.0/0", natGateway) });
        return (vpc, new[] { publicA, publicB }, new[] { privateA, privateB });
    }

    /// <summary>
    /// "&lt;prefix&gt;-alb-sg" open to the internet on 80, and "&lt;prefix&gt;-ecs-sg" admitting only the ALB's group on the app port.
    /// </summary>
    private static (SecurityGroup Alb, SecurityGroup Tasks) AddAlbAndTaskGroups(AccountState state, string vpcId, string namePrefix, string title, int appPort)
    {
        var ec2 = state.Ec2;
        var albGroup = ec2.AddSecurityGroup(vpcId, $"{namePrefix}-alb-sg", $"{title} ALB");
        ec2.AuthorizeIngressFromCidr(albGroup.GroupId, 80, "0.0.0.0/0", "HTTP from anywhere");
        var taskGroup = ec2.AddSecurityGroup(vpcId, $"{namePrefix}-ecs-sg", $"{title} ECS tasks");
        ec2.AuthorizeIngressFromGroup(taskGroup.GroupId, appPort, albGroup.GroupId, "App from ALB");
        return (albGroup, taskGroup);
    }

    /// <summary>Every 30 s, 5 s timeout, healthy after 2 passes, unhealthy after 3 failures.</summary>
    private static void UseBriskHealthChecks(TargetGroup targetGroup)
    {
        targetGroup.HealthCheckIntervalSeconds = 30;
        targetGroup.HealthCheckTimeoutSeconds = 5;
        targetGroup.HealthyThresholdCount = 2;
        targetGroup.UnhealthyThresholdCount = 3;
    }

    private static string[] SubnetIds(IEnumerable<Subnet> subnets) => subnets.Select(s => s.SubnetId).ToArray();

    /// <summary>What CI does before it registers a revision: pushes the revision's images to the account's registry.</summary>
    private static void PushImagesOf(AccountState state, TaskDefinition definition)
    {
        var registry = state.Ecr.RegistryHost + "/";
        foreach (var image in definition.Containers.Select(c => c.Image).Where(i => i.StartsWith(registry, StringComparison.Ordinal)))
        {
            var (repository, tag) = (image[registry.Length..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
            if (state.Ecr.FindRepository(repository) is null)
            {
                state.Ecr.AddRepository(repository);
            }

            if (state.Ecr.Resolves(image) == false)
            {
                state.Ecr.PushImage(repository, tag);
            }
        }
    }

    private static ContainerDefinition BackendContainer(AccountState state, string imageTag, IReadOnlyList<ContainerSecret>? secrets = null) => new()
    {
        Name = Seed001Container,
        Image = $"{state.AccountId}.dkr.ecr.{state.Region}.amazonaws.com/kaviar-backend:{imageTag}",
        Cpu = 0,
        Essential = true,
        ContainerPorts = new[] { Seed001Port },
        Environment = new Dictionary<string, string>
        {
            ["NODE_ENV"] = "production",
            ["PORT"] = "3001",
        },
        Secrets = secrets ?? Array.Empty<ContainerSecret>(),
        LogGroup = Seed001LogGroup,
        LogStreamPrefix = "ecs",
    };

    /// <summary>
    /// The backend container, logging with awslogs; or through FireLens (cloudwatch_logs to <see cref="Seed001LogGroup"/>,
    /// streams "app-&lt;tag&gt;") beside an AWS for Fluent Bit log router that logs with awslogs.
    /// </summary>
    private static ContainerDefinition[] BackendContainers(AccountState state, string imageTag, IReadOnlyList<ContainerSecret> secrets, Seed001Logging logging)
    {
        var backend = BackendContainer(state, imageTag, secrets);
        return logging == Seed001Logging.Awslogs
            ? new[] { backend }
            : new[]
            {
                new ContainerDefinition
                {
                    Name = Seed001LogRouter,
                    Image = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
                    Essential = true,
                    FirelensConfiguration = new FirelensConfiguration("fluentbit", new Dictionary<string, string>()),
                    LogGroup = Seed001LogGroup,
                    LogStreamPrefix = "firelens",
                },
                new ContainerDefinition
                {
                    Name = backend.Name, Image = backend.Image, Cpu = backend.Cpu, Essential = true, ContainerPorts = backend.ContainerPorts,
                    Environment = backend.Environment, Secrets = backend.Secrets,
                    FireLensOptions = new Dictionary<string, string>
                    {
                        ["Name"] = "cloudwatch_logs", ["region"] = state.Region, ["log_group_name"] = Seed001LogGroup, ["log_stream_prefix"] = "app-",
                    },
                },
            };
    }

    /// <summary>Where seed 001's backend runs, for what a scenario adds beside it: the VPC, the private subnets, the tasks' group.</summary>
    private sealed record Seed001Network(Vpc Vpc, Subnet[] PrivateSubnets, SecurityGroup TaskGroup);
}
