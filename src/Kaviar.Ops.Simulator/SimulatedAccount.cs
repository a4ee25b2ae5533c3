using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Lambda;
using Kaviar.Ops.Simulator.Logs;
using Kaviar.Ops.Simulator.Protocol;
using Kaviar.Ops.Simulator.Rds;
using Kaviar.Ops.Simulator.SecretsManager;
using Kaviar.Ops.Simulator.Server;
using Kaviar.Ops.Simulator.ServiceDiscovery;
using Kaviar.Ops.Simulator.Sts;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Simulator;

/// <summary>
/// A local AWS account on http://127.0.0.1:&lt;port&gt;/ that AWS SDKs and the aws CLI talk to over the real
/// wire protocols (EC2, ELBv2, RDS, ECS, CloudWatch Logs). Built from a scenario; time follows <see cref="Clock"/>.
/// </summary>
public sealed class SimulatedAccount : IDisposable
{
    private const int BindAttempts = 5;
    private readonly HttpListener _listener;
    private readonly AwsFrontDoor _frontDoor;
    private readonly Task _acceptLoop;
    private readonly ListenerRouter _router;
    private readonly Dictionary<string, LoadBalancerListenerServer> _listenerServers = new(StringComparer.Ordinal);

    private SimulatedAccount(AccountState state, HttpListener listener, Uri endpoint)
    {
        State = state;
        _listener = listener;
        Endpoint = endpoint;
        _frontDoor = new AwsFrontDoor(state, Calls, Faults, regionState => new IServiceHandler[]
        {
            new Ec2Handler(regionState),
            new Elbv2Handler(regionState),
            new RdsHandler(regionState),
            new EcsHandler(regionState),
            new LogsHandler(regionState),
            new LambdaHandler(regionState),
            new SecretsManagerHandler(regionState),
            new StsHandler(regionState),
            new CloudWatch.CloudWatchHandler(regionState),
            new ServiceDiscoveryHandler(regionState),
            new Acm.AcmHandler(regionState),
            new Route53Handler(() => _frontDoor!.States),
        });
        _router = new ListenerRouter(state);
        if (state.Clock is ManualClock manual)
        {
            manual.Advanced += Settle;
        }

        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Point SDKs and the CLI here (--endpoint-url).</summary>
    public Uri Endpoint { get; }

    public string Region => State.Region;

    public string AccountId => State.AccountId;

    /// <summary>Hold <see cref="AccountState.SyncRoot"/> to read or change it, or use <see cref="Read{T}"/>.</summary>
    public AccountState State { get; }

    public IClock Clock => State.Clock;

    public CallLog Calls { get; } = new();

    public FaultInjector Faults { get; } = new();

    /// <summary>Builds the scenario (with its history up to the clock's now) and starts answering on 127.0.0.1.</summary>
    public static SimulatedAccount Start(AccountScenario scenario, IClock? clock = null)
    {
        var state = scenario.Build(clock ?? new SystemClock());
        var (listener, endpoint) = BindLoopback();
        return new SimulatedAccount(state, listener, endpoint);
    }

    /// <summary>Brings time-driven state (task lifecycles, target health) up to the clock.</summary>
    public void Settle()
    {
        lock (State.SyncRoot)
        {
            State.Settle();
        }
    }

    /// <summary>Reads settled state under the account's lock.</summary>
    public T Read<T>(Func<AccountState, T> read)
    {
        lock (State.SyncRoot)
        {
            State.Settle();
            return read(State);
        }
    }

    /// <summary>Runs <paramref name="action"/> on settled state under the account's lock: inspect it or change it.</summary>
    public void Use(Action<AccountState> action)
    {
        lock (State.SyncRoot)
        {
            State.Settle();
            action(State);
        }
    }

    /// <summary>
    /// Where the load balancer's listener answers on 127.0.0.1 (https:// for an HTTPS listener, with a self-signed
    /// certificate for its ACM certificate's names), routing by its rules and default actions to the simulated apps
    /// (see <see cref="ListenerRouter"/>). Send the Host header the rules expect. The server starts on the first call
    /// for that listener, so accounts nobody browses bind no extra ports; later calls return the same port, even after
    /// ModifyListener changes the listener's port.
    /// </summary>
    public Uri ListenerUrl(string loadBalancerName, int listenerPort)
    {
        var (listenerArn, protocol) = Read(state => state.Elbv2.FindLoadBalancerByName(loadBalancerName) is { } loadBalancer
            && state.Elbv2.ListenersOf(loadBalancer.LoadBalancerArn).FirstOrDefault(l => l.Port == listenerPort) is { } listener
                ? (listener.ListenerArn, listener.Protocol)
                : default);
        if (listenerArn is null)
        {
            throw new ArgumentException($"Load balancer '{loadBalancerName}' has no listener on port {listenerPort}.", nameof(listenerPort));
        }

        lock (_listenerServers)
        {
            if (!_listenerServers.TryGetValue(listenerArn, out var server))
            {
                server = LoadBalancerListenerServer.Start(State, _router, listenerArn);
                _listenerServers.Add(listenerArn, server);
            }

            return new Uri($"{protocol.ToLowerInvariant()}://127.0.0.1:{server.LocalPort}/");
        }
    }

    public void Dispose()
    {
        lock (_listenerServers)
        {
            foreach (var server in _listenerServers.Values)
            {
                server.Dispose();
            }
        }

        if (State.Clock is ManualClock manual)
        {
            manual.Advanced -= Settle;
        }

        _listener.Close();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends by the listener closing under it; nothing to report.
        }
    }

    private static (HttpListener Listener, Uri Endpoint) BindLoopback()
    {
        for (var attempt = 1; ; attempt++)
        {
            // Ask the OS for a free loopback port, then bind HttpListener to it; another process can win the
            // port in between, hence the retries.
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var endpoint = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(endpoint.ToString());
            try
            {
                listener.Start();
                return (listener, endpoint);
            }
            catch (HttpListenerException) when (attempt < BindAttempts)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception closed) when (closed is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in context.Request.Headers.AllKeys)
            {
                if (name is not null)
                {
                    headers[name] = context.Request.Headers[name] ?? string.Empty;
                }
            }

            var incoming = new IncomingRequest(
                context.Request.HttpMethod,
                context.Request.Url?.Query ?? string.Empty,
                headers,
                context.Request.ContentType ?? string.Empty,
                body,
                context.Request.Url?.AbsolutePath ?? "/");
            var (response, requestId, drop) = await _frontDoor.HandleAsync(incoming).ConfigureAwait(false);

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            context.Response.Headers["x-amzn-RequestId"] = requestId;
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentLength64 = bytes.Length;
            if (drop)
            {
                // The connection breaks mid-answer: HttpListener cannot reset one before its headers, so the client gets a
                // truncated body, which it reads as a dropped connection all the same.
                await context.Response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2)).ConfigureAwait(false);
                context.Response.Abort();
                return;
            }

            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception gone) when (gone is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client hung up or the account is shutting down; there is no one left to answer.
        }
    }
}
