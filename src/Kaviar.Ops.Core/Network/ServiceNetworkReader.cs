using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Network;

/// <summary>A path the load balancer uses to reach the service's tasks: its security groups, the target group and the port.</summary>
internal sealed class LoadBalancerPath
{
    public string TargetGroupArn { get; set; } = "";

    public string TargetGroupName { get; set; } = "";

    public int Port { get; set; }

    /// <summary>The container the service routes the target group to.</summary>
    public string? ContainerName { get; set; }

    /// <summary>The target group's port, a default that ECS overrides with the container port when it registers tasks.</summary>
    public int? TargetGroupPort { get; set; }

    /// <summary>"traffic-port" (the port each target is registered on) or a number.</summary>
    public string? HealthCheckPort { get; set; }

    public IReadOnlyList<string> LoadBalancerNames { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> LoadBalancerSecurityGroups { get; set; } = Array.Empty<string>();

    /// <summary>The traffic of this path as the tasks' groups see it: from any of the load balancer's groups and subnets, TCP on <see cref="Port"/>.</summary>
    public TrafficQuestion Question => QuestionOn(Port);

    /// <summary>The load balancer as the flow's source: its groups, its subnets and their blocks, answering on AWS's ephemeral ports.</summary>
    public NetworkEnd LoadBalancerEnd { get; set; } = new NetworkEnd();

    /// <summary>The service's tasks as this path's destination, in the target group's address family.</summary>
    public NetworkEnd TaskEnd { get; set; } = new NetworkEnd();

    /// <summary>
    /// The ports the load balancer opens connections to: the traffic port, and the health check port when it names
    /// another one (the tasks must admit both, or the health checks time out while requests would pass).
    /// </summary>
    public IReadOnlyList<int> Ports =>
        int.TryParse(HealthCheckPort, out var healthCheck) && healthCheck != Port ? new[] { Port, healthCheck } : new[] { Port };

    /// <summary>The path's traffic on one of its <see cref="Ports"/>.</summary>
    public TrafficQuestion QuestionOn(int port) => TrafficQuestion.With(LoadBalancerEnd, "tcp", port);

    /// <summary>The source of the first load balancer group: the peer a repair names, the narrowest rule that admits the load balancer.</summary>
    public string? RepairSource => LoadBalancerSecurityGroups.FirstOrDefault();
}

/// <summary>What a service's network looks like: its awsvpc configuration, its VPC and its load balancer paths.</summary>
internal sealed class ServiceNetwork
{
    public string Cluster { get; set; } = "";

    public string ServiceName { get; set; } = "";

    public string? VpcId { get; set; }

    public IReadOnlyList<string> Subnets { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> SecurityGroups { get; set; } = Array.Empty<string>();

    /// <summary>The service's task definition, when it could be read.</summary>
    public Kaviar.Ops.AwsServices.ECS.Model.TaskDefinition? TaskDefinition { get; set; }

    /// <summary>ENABLED or DISABLED.</summary>
    public string AssignPublicIp { get; set; } = "DISABLED";

    /// <summary>ECS, CODE_DEPLOY or EXTERNAL: only under ECS does UpdateService change the network configuration.</summary>
    public string DeploymentController { get; set; } = Deployments.DeploymentControllers.Ecs;

    public IReadOnlyList<LoadBalancerPath> Paths { get; set; } = Array.Empty<LoadBalancerPath>();

    /// <summary>The load balancers in front of the service, as DescribeLoadBalancers gave them (scheme, groups).</summary>
    public IReadOnlyList<Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.LoadBalancer> LoadBalancers { get; set; } =
        Array.Empty<Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.LoadBalancer>();

    /// <summary>The service's running tasks, when the reader was asked for them.</summary>
    public IReadOnlyList<Kaviar.Ops.AwsServices.ECS.Model.Task> RunningTasks { get; set; } = Array.Empty<Kaviar.Ops.AwsServices.ECS.Model.Task>();

    /// <summary>The IPv4 blocks of the service's subnets: where its tasks take their addresses.</summary>
    public IReadOnlyList<IpBlock> TaskBlocks { get; set; } = Array.Empty<IpBlock>();

    /// <summary>Every load balancer security group in front of the service.</summary>
    public IReadOnlyList<string> LoadBalancerGroups => Paths.SelectMany(p => p.LoadBalancerSecurityGroups).Distinct().ToList();

    public string Region { get; set; } = "";

    /// <summary>
    /// The service's tasks as a workload: they may have a public IP (assignPublicIp), and need ECR (api and dkr), S3
    /// (image layers), CloudWatch Logs and Secrets Manager from their subnets to start.
    /// </summary>
    public Workload AsWorkload() => new Workload
    {
        Region = Region,
        Cluster = Cluster,
        ServiceName = ServiceName,
        Description = $"the tasks of {ServiceName}",
        InSubnet = "the tasks",
        Plural = true,
        VpcId = VpcId,
        GroupIds = SecurityGroups,
        SubnetIds = Subnets,
        Blocks = TaskBlocks,
        HasPublicIp = AssignPublicIp == "ENABLED",
        PublicIpSource = "assignPublicIp ENABLED",
        NoPublicIpReason = "the service's assignPublicIp is DISABLED, so tasks have no public IP to use it",
        PublicIpFix = $"aws ecs update-service --cluster {Cluster} --service {ServiceName} --region {Region} --network-configuration " +
                      $"'awsvpcConfiguration={{subnets=[{string.Join(",", Subnets)}],securityGroups=[{string.Join(",", SecurityGroups)}],assignPublicIp=ENABLED}}'",
        InterfaceEndpoints = new[] { "ecr.api", "ecr.dkr", "logs", "secretsmanager" },
        NeedsS3Gateway = true,
        AwsApis = "ECR, S3, CloudWatch Logs, Secrets Manager",
        ApiFailure = "tasks cannot pull from ECR, ship logs or read secrets (CannotPullContainerError / ResourceInitializationError)",
        MissingEndpointsFailure = "Tasks cannot pull from ECR or ship logs (CannotPullContainerError / ResourceInitializationError).",
        DatabaseLink = NetworkPathLinks.TaskToDatabase,
    };

    /// <summary>The Repair-EcsSecurityGroup command for this service, naming <paramref name="group"/> when the service lacks it.</summary>
    public SuggestedCommand RepairCommand(Amazon.EC2.Model.SecurityGroup? group) =>
        Suggest.RepairEcsSecurityGroup(Region, Cluster, ServiceName,
            group != null && !SecurityGroups.Contains(group.GroupId) ? group.GroupName ?? group.GroupId : null);
}

/// <summary>Reads a service's network through the one service lookup, and EC2 for its VPC (Describe calls only).</summary>
internal sealed class ServiceNetworkReader
{
    private readonly OpsContext context;
    private readonly Ec2Network ec2;

    public ServiceNetworkReader(OpsContext context, Ec2Network ec2)
    {
        this.context = context;
        this.ec2 = ec2;
    }

    /// <summary>A reader, and the EC2 reads it shares with its caller, that remember nothing read before.</summary>
    public static (Ec2Network Ec2, ServiceNetworkReader Reader) WithFreshReads(OpsContext context)
    {
        var ec2 = new Ec2Network(context.Ec2, context.Region);
        return (ec2, new ServiceNetworkReader(context, ec2));
    }

    /// <summary>What the reader needs of the service lookup, for callers that look many services up at once.</summary>
    public const ServiceParts Parts = ServiceParts.LoadBalancers | ServiceParts.TaskDefinition;

    public async Task<ServiceNetwork> ReadAsync(ServiceReference reference, CancellationToken cancellationToken, ServiceParts extra = ServiceParts.None)
    {
        var snapshot = await new EcsServiceLocator(context).LocateOneAsync(reference, Parts | extra).ConfigureAwait(false);
        return await FromSnapshotAsync(snapshot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The network of a service already looked up (with <see cref="Parts"/>).</summary>
    public async Task<ServiceNetwork> FromSnapshotAsync(ServiceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var reference = snapshot.Reference;
        var service = snapshot.Service;
        var awsvpc = snapshot.AwsVpc
                     ?? throw new NetworkRepairException(NetworkProblem.NetworkMissing,
                         $"Service '{service.ServiceName}' has no awsvpc network configuration: its tasks have no security groups of their own to repair.", reference.Input);

        var network = new ServiceNetwork
        {
            Region = snapshot.Region,
            Cluster = snapshot.Cluster,
            ServiceName = service.ServiceName,
            Subnets = awsvpc.Subnets ?? new List<string>(),
            SecurityGroups = awsvpc.SecurityGroups ?? new List<string>(),
            AssignPublicIp = awsvpc.AssignPublicIp ?? "DISABLED",
            DeploymentController = Deployments.DeploymentControllers.Of(service),
            RunningTasks = snapshot.RunningTasks,
            TaskDefinition = snapshot.TaskDefinition,
        };

        var entries = (service.LoadBalancers ?? new List<Kaviar.Ops.AwsServices.ECS.Model.LoadBalancer>()).Where(l => !string.IsNullOrEmpty(l.TargetGroupArn)).ToList();
        var paths = new List<LoadBalancerPath>();
        foreach (var entry in entries)
        {
            var targetGroup = snapshot.TargetGroups.FirstOrDefault(t => t.TargetGroupArn == entry.TargetGroupArn);
            var attached = snapshot.LoadBalancers.Where(l => targetGroup?.LoadBalancerArns?.Contains(l.LoadBalancerArn) == true).ToList();
            var path = new LoadBalancerPath
            {
                TargetGroupArn = entry.TargetGroupArn,
                TargetGroupName = targetGroup?.TargetGroupName ?? entry.TargetGroupArn,
                Port = entry.ContainerPort ?? targetGroup?.Port ?? 0,
                ContainerName = entry.ContainerName,
                TargetGroupPort = targetGroup?.Port,
                HealthCheckPort = targetGroup?.HealthCheckPort,
                LoadBalancerNames = attached.Select(l => l.LoadBalancerName).ToList(),
                LoadBalancerSecurityGroups = attached.SelectMany(l => l.SecurityGroups ?? new List<string>()).Distinct().ToList(),
            };
            // Health checks and traffic come from the load balancer nodes' addresses in its subnets, in the target group's family.
            var ipv6 = string.Equals(targetGroup?.IpAddressType, "ipv6", StringComparison.OrdinalIgnoreCase);
            var subnets = attached.SelectMany(l => l.AvailabilityZones ?? new List<Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.AvailabilityZone>())
                .Select(z => z.SubnetId).Where(id => !string.IsNullOrEmpty(id)).Distinct().ToList();
            path.LoadBalancerEnd = new NetworkEnd
            {
                Description = path.LoadBalancerNames.Count == 0 ? "the load balancer" : $"load balancer {string.Join(", ", path.LoadBalancerNames)}",
                GroupIds = path.LoadBalancerSecurityGroups,
                SubnetIds = subnets,
                Blocks = await ec2.SubnetBlocksAsync(subnets, ipv6, cancellationToken).ConfigureAwait(false),
                EphemeralPorts = PortSpan.AwsServiceEphemeral,
            };
            path.TaskEnd = new NetworkEnd
            {
                Description = $"the tasks of {network.ServiceName}",
                GroupIds = network.SecurityGroups,
                SubnetIds = network.Subnets,
                Blocks = await ec2.SubnetBlocksAsync(network.Subnets, ipv6, cancellationToken).ConfigureAwait(false),
                EphemeralPorts = PortSpan.LinuxEphemeral,
            };
            paths.Add(path);
        }

        network.Paths = paths;
        network.LoadBalancers = snapshot.LoadBalancers;
        network.TaskBlocks = await ec2.SubnetBlocksAsync(network.Subnets, false, cancellationToken).ConfigureAwait(false);
        network.VpcId = snapshot.TargetGroups.Select(t => t.VpcId).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (network.VpcId == null && network.Subnets.Count > 0)
        {
            network.VpcId = (await ec2.SubnetsAsync(network.Subnets, cancellationToken).ConfigureAwait(false)).Select(s => s.VpcId).FirstOrDefault();
        }

        return network;
    }
}
