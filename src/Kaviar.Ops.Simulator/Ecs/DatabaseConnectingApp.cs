using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Kaviar.Ops.Simulator.Ec2;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>
/// An app that connects to the PostgreSQL database its DATABASE_URL names before it does anything else, as most
/// backends do on start. What happens is decided by the account, never scripted: no DATABASE_URL, and it stops for
/// want of it; a host the VPC cannot resolve (not an RDS endpoint of the account, nor an IPv4 address), DNS failure;
/// security groups or network ACLs that drop the connection from the task to the database, or an address with no
/// interface behind it, a connect timeout; a port the database does not listen on, connection refused. Once connected
/// it is <see cref="WhenConnected"/>: a healthy backend, or one that fails on what it finds in the database.
/// </summary>
public sealed class DatabaseConnectingApp : ISimulatedApp
{
    private readonly AppCrashDetails? _details;

    /// <summary>Containers whose connection opened: a rule changed later does not close it.</summary>
    private readonly HashSet<(string TaskArn, string Container)> _connected = new();

    /// <param name="whenConnected">What the app does once the connection is open.</param>
    /// <param name="runtime">How it words a failure to connect.</param>
    /// <param name="details">Names its crashes use besides the database's.</param>
    public DatabaseConnectingApp(ISimulatedApp whenConnected, AppRuntime runtime = AppRuntime.Node, AppCrashDetails? details = null)
    {
        WhenConnected = whenConnected;
        Runtime = runtime;
        _details = details;
    }

    public ISimulatedApp WhenConnected { get; }

    public AppRuntime Runtime { get; }

    public ContainerStartOutcome OnStart(ContainerLaunch launch)
    {
        if (ConnectFailure(launch) is { } failure)
        {
            return AppCrash.Of(failure, Runtime, launch, _details).ToOutcome();
        }

        _connected.Add((launch.TaskArn, launch.ContainerName));
        return WhenConnected.OnStart(launch);
    }

    /// <summary>Until its connection opens the app does not listen (and it never does when connecting fails).</summary>
    public HttpAnswer AnswerGet(ContainerLaunch launch, string path) =>
        _connected.Contains((launch.TaskArn, launch.ContainerName)) ? WhenConnected.AnswerGet(launch, path) : HttpAnswer.NotListening;

    /// <summary>Why connecting from the task to its database fails, as the account stands; null when it connects.</summary>
    private static AppCrashKind? ConnectFailure(ContainerLaunch launch)
    {
        if (DatabaseTarget.FromEnvironment(launch) is not { } target)
        {
            return AppCrashKind.MissingEnvironmentVariable;
        }

        var task = launch.Task;
        var client = new TcpEnd(task.Network.SecurityGroups, new[] { task.Attachment.SubnetId }, new[] { task.Attachment.PrivateIpv4Address + "/32" },
            PortRange.LinuxEphemeral);
        return target.Resolved switch
        {
            null => AppCrashKind.DnsLookupFailed,
            { Server: null } => AppCrashKind.DatabaseConnectionTimedOut,
            { Server: { } server } when !launch.Account.Ec2.AllowsTcp(client, server, target.Port) => AppCrashKind.DatabaseConnectionTimedOut,
            { ListeningPort: var listening } when listening != target.Port => AppCrashKind.DatabaseConnectionRefused,
            _ => null,
        };
    }
}

/// <summary>Where an address leads in the VPC: the interface's network end (null when none holds it) and the port a database listens on there.</summary>
internal sealed record ResolvedHost(string? Address, TcpEnd? Server, int? ListeningPort);

/// <summary>The database a container's DATABASE_URL names, resolved as a task in the account resolves it.</summary>
internal sealed record DatabaseTarget(string Host, int Port, string User, string Database, ResolvedHost? Resolved)
{
    public const string Variable = "DATABASE_URL";

    private const int PostgresPort = 5432;

    /// <summary>The address the connect errors print: what the host resolved to.</summary>
    public string? Address => Resolved?.Address;

    /// <summary>"postgres://user:password@host:port/database?…" (or "postgresql://"); null when the variable is missing or not such a URL.</summary>
    public static DatabaseTarget? FromEnvironment(ContainerLaunch launch)
    {
        if (!launch.Environment.TryGetValue(Variable, out var url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("postgres" or "postgresql"))
        {
            return null;
        }

        var port = uri.Port > 0 ? uri.Port : PostgresPort;
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new DatabaseTarget(uri.Host, port, user, database.Length > 0 ? database : user, Resolve(launch.Account, uri.Host));
    }

    /// <summary>The VPC's DNS resolver, at its base address plus two, which a lookup that fails names.</summary>
    public static string ResolverOf(ContainerLaunch launch)
    {
        var ec2 = launch.Account.Ec2;
        var vpc = ec2.FindVpc(ec2.RequireSubnet(launch.Task.Attachment.SubnetId).VpcId)!;
        return Ipv4Cidr.Parse(vpc.CidrBlock).AddressAt(2);
    }

    /// <summary>An RDS endpoint of the account, or an IPv4 address; null for any other name (private zones are not modelled).</summary>
    private static ResolvedHost? Resolve(AccountState account, string host)
    {
        if (account.Rds.FindByEndpoint(host) is { } instance)
        {
            // Without the instance's network interface, any address of its subnets may answer for it.
            var networkInterface = account.Rds.NetworkInterfaceOf(instance);
            var server = networkInterface is null
                ? new TcpEnd(instance.SecurityGroupIds, instance.SubnetGroup.SubnetIds, account.Ec2.SubnetRanges(instance.SubnetGroup.SubnetIds), PortRange.LinuxEphemeral)
                : End(networkInterface);
            return new ResolvedHost(networkInterface?.PrivateIpAddress, server, instance.Port);
        }

        if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return null;
        }

        var holder = account.Ec2.NetworkInterfaces.FirstOrDefault(n => n.PrivateIpAddress == host);
        var database = holder is null ? null : account.Rds.Instances.FirstOrDefault(i => account.Rds.NetworkInterfaceOf(i) == holder);
        return new ResolvedHost(host, holder is null ? null : End(holder), database?.Port);
    }

    private static TcpEnd End(NetworkInterface networkInterface) =>
        new(networkInterface.GroupIds, new[] { networkInterface.SubnetId }, new[] { networkInterface.PrivateIpAddress + "/32" }, PortRange.LinuxEphemeral);
}
