using System;
using System.Linq;
using Kaviar.Ops.Simulator.Acm;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Ecr;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Iam;
using Kaviar.Ops.Simulator.Lambda;
using Kaviar.Ops.Simulator.Logs;
using Kaviar.Ops.Simulator.Rds;
using Kaviar.Ops.Simulator.SecretsManager;
using Kaviar.Ops.Simulator.ServiceDiscovery;
using Kaviar.Ops.Simulator.Ssm;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Simulator;

/// <summary>Everything the simulated account holds. Guard every read and write with <see cref="SyncRoot"/>.</summary>
public sealed class AccountState
{
    /// <param name="iam">The account's IAM policy, which every region shares; a new one when this is the account's first region.</param>
    public AccountState(string region, string accountId, IClock? clock = null, int idSeed = 1, IamPolicy? iam = null)
    {
        Region = region;
        AccountId = accountId;
        Iam = iam ?? new IamPolicy(accountId);
        Clock = clock ?? new SystemClock();
        Timeline = new Timeline(Clock.UtcNow);
        Ids = new IdGenerator(idSeed);
        Ec2 = new Ec2State(this);
        Elbv2 = new Elbv2State(this);
        Rds = new RdsState(this);
        Ecs = new EcsState(this);
        Logs = new LogsState(this);
        Lambda = new LambdaState(this);
        SecretsManager = new SecretsManagerState(this);
        Ssm = new SsmState(this);
        Ecr = new EcrState(this);
        CloudWatch = new CloudWatch.CloudWatchState(this);
        ServiceDiscovery = new ServiceDiscoveryState(this);
        Acm = new AcmState(this);
    }

    public object SyncRoot { get; } = new object();

    public string Region { get; }

    public string AccountId { get; }

    public IClock Clock { get; }

    /// <summary>The caller and the IAM actions its policy denies (global: the same object in every region).</summary>
    public IamPolicy Iam { get; }

    /// <summary>Due transitions (task lifecycles, health checks); <see cref="Settle"/> replays them up to the clock.</summary>
    public Timeline Timeline { get; }

    /// <summary>The simulated instant: use it, not the clock, for every timestamp written into state.</summary>
    public DateTime Now => Timeline.Now;

    public IdGenerator Ids { get; }

    public Ec2State Ec2 { get; }

    public Elbv2State Elbv2 { get; }

    public RdsState Rds { get; }

    public EcsState Ecs { get; }

    public LogsState Logs { get; }

    public LambdaState Lambda { get; }

    public SecretsManagerState SecretsManager { get; }

    public SsmState Ssm { get; }

    /// <summary>The account's private image registry in its region.</summary>
    public EcrState Ecr { get; }

    /// <summary>The region's CloudWatch metric alarms.</summary>
    public CloudWatch.CloudWatchState CloudWatch { get; }

    /// <summary>AWS Cloud Map: namespaces, services and the instances ECS registers for services with serviceRegistries.</summary>
    public ServiceDiscoveryState ServiceDiscovery { get; }

    /// <summary>ACM certificates, which HTTPS listeners present.</summary>
    public AcmState Acm { get; }

    /// <summary>Brings time-driven state up to the clock. Call with <see cref="SyncRoot"/> held.</summary>
    public void Settle() => Timeline.CatchUp(Clock.UtcNow);

    /// <summary>
    /// Whether clients on the internet (any IPv4 address, answered on ports 1024-65535) reach an internet-facing load
    /// balancer on <paramref name="port"/>: its groups admit them, and its subnets' network ACLs pass the request in and
    /// the reply out. An internal load balancer's clients are inside its VPC, so it is not judged.
    /// </summary>
    public bool InternetReaches(Elbv2.LoadBalancer loadBalancer, int port) =>
        loadBalancer.Scheme != "internet-facing"
        || Ec2.AllowsTcp(
            new TcpEnd(Array.Empty<string>(), Array.Empty<string>(), new[] { "0.0.0.0/0" }, PortRange.ElasticEphemeral),
            new TcpEnd(loadBalancer.SecurityGroupIds, loadBalancer.SubnetIds.ToList(), null, PortRange.ElasticEphemeral),
            port);

    /// <summary>
    /// Whether the load balancers of <paramref name="group"/> get TCP on <paramref name="port"/> through to the task:
    /// each of them, from any address of its subnets and with its groups, past its egress and the task's ingress, and
    /// past the network ACLs of its subnets and the task's subnet both ways (the reply to its ephemeral ports).
    /// </summary>
    public bool LoadBalancerReaches(Elbv2.TargetGroup group, Ecs.EcsTask task, int port)
    {
        var taskRange = task.Attachment.PrivateIpv4Address is { } address ? new[] { address + "/32" } : null;
        var target = new TcpEnd(task.Network.SecurityGroups, new[] { task.Attachment.SubnetId }, taskRange, PortRange.LinuxEphemeral);
        return Elbv2.LoadBalancersOf(group.TargetGroupArn).All(loadBalancer => Ec2.AllowsTcp(
            new TcpEnd(loadBalancer.SecurityGroupIds, loadBalancer.SubnetIds.ToList(), Ec2.SubnetRanges(loadBalancer.SubnetIds), PortRange.ElasticEphemeral),
            target,
            port));
    }
}
