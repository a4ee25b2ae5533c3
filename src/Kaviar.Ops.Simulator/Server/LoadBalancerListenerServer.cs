using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Elbv2;

namespace Kaviar.Ops.Simulator.Server;

/// <summary>
/// One ALB listener answering HTTP/1.1 on 127.0.0.1, over TLS when the listener is HTTPS (presenting a self-signed
/// certificate for its ACM certificate's names). A raw socket rather than HttpListener, because HttpListener rejects
/// requests whose Host header does not name its prefix, and host-header rules need any Host.
/// A connection the load balancer's groups or network ACLs would drop from the internet gets no answer at all.
/// Every request settles the account first. The listener is looked up by ARN per connection, so ModifyListener
/// (default actions, port, protocol) takes effect at once. These requests are traffic, not API calls: the call log never sees them.
/// </summary>
internal sealed class LoadBalancerListenerServer : IDisposable
{
    private const int MaxRequestHeadBytes = 64 * 1024;

    private readonly AccountState _account;
    private readonly ListenerRouter _router;
    private readonly string _listenerArn;
    private readonly TcpListener _socket;
    private readonly Task _acceptLoop;

    private LoadBalancerListenerServer(AccountState account, ListenerRouter router, string listenerArn)
    {
        _account = account;
        _router = router;
        _listenerArn = listenerArn;
        _socket = new TcpListener(IPAddress.Loopback, 0);
        _socket.Start();
        LocalPort = ((IPEndPoint)_socket.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The loopback port standing in for the listener's port.</summary>
    public int LocalPort { get; }

    public static LoadBalancerListenerServer Start(AccountState account, ListenerRouter router, string listenerArn) =>
        new(account, router, listenerArn);

    public void Dispose()
    {
        _socket.Stop();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends by the socket closing under it; nothing to report.
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _socket.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception closed) when (closed is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var clientAddress = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
                // A listener deleted under the server leaves nothing to answer: the connection just closes, as a closed port would.
                if (Front() is not { } front)
                {
                    return;
                }

                if (!front.InternetAdmitted)
                {
                    // Packets the groups or ACLs drop get no answer: the client waits until it gives up.
                    await client.GetStream().CopyToAsync(Stream.Null).ConfigureAwait(false);
                    return;
                }

                await using Stream stream = front.Certificate is null ? client.GetStream() : new SslStream(client.GetStream());
                if (stream is SslStream secured)
                {
                    await secured.AuthenticateAsServerAsync(front.Certificate!).ConfigureAwait(false);
                }

                var request = await ReadRequestHeadAsync(stream, clientAddress).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                if (Answer(request) is not { } answer)
                {
                    return;
                }

                await WriteAnswerAsync(stream, answer, headOnly: request.Method == "HEAD").ConfigureAwait(false);
            }
            catch (Exception gone) when (gone is IOException or SocketException or ObjectDisposedException or AuthenticationException)
            {
                // The client hung up, or refused the certificate in the handshake; there is no one left to answer.
            }
        }
    }

    /// <summary>
    /// What a new connection meets, as of now: whether the load balancer lets an internet client in on the listener's
    /// port, and the certificate an HTTPS listener presents (null for HTTP); null when the listener is gone.
    /// </summary>
    private ListenerFront? Front()
    {
        lock (_account.SyncRoot)
        {
            _account.Settle();
            if (_account.Elbv2.FindListener(_listenerArn) is not { } listener)
            {
                return null;
            }

            return new ListenerFront(
                _account.InternetReaches(_account.Elbv2.RequireLoadBalancer(listener.LoadBalancerArn), listener.Port),
                listener.Tls is { } tls ? _account.Acm.FindCertificate(tls.CertificateArn)?.ServingCertificate() : null);
        }
    }

    private sealed record ListenerFront(bool InternetAdmitted, X509Certificate2? Certificate);

    private LoadBalancerAnswer? Answer(ListenerRequest request)
    {
        lock (_account.SyncRoot)
        {
            _account.Settle();
            return _account.Elbv2.FindListener(_listenerArn) is { } listener
                ? _router.Route(listener, request)
                : null;
        }
    }

    /// <summary>Reads the request line and headers; the body, which no route looks at, is left unread.</summary>
    private static async Task<ListenerRequest?> ReadRequestHeadAsync(Stream stream, IPAddress clientAddress)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (head.Length < MaxRequestHeadBytes)
        {
            var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            head.Append(Encoding.Latin1.GetString(buffer, 0, read));
            var end = head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return ParseRequestHead(head.ToString(0, end), clientAddress);
            }
        }

        return null;
    }

    private static async Task WriteAnswerAsync(Stream stream, LoadBalancerAnswer answer, bool headOnly)
    {
        var body = Encoding.UTF8.GetBytes(answer.Body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.StatusCode} {ReasonPhrase(answer.StatusCode)}\r\n");
        if (!answer.FromTarget)
        {
            // What the ALB makes itself (error pages, fixed responses, redirects) names it; a target's answer keeps its own headers.
            head.Append("Server: awselb/2.0\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:R}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {answer.ContentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        if (answer.Location is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Location: {answer.Location}\r\n");
        }

        // One request per connection keeps the server free of keep-alive bookkeeping; clients simply reconnect.
        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString())).ConfigureAwait(false);
        if (!headOnly)
        {
            await stream.WriteAsync(body).ConfigureAwait(false);
        }
    }

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "Status " + statusCode.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// "GET /path HTTP/1.1" plus headers, every line kept (rules may match any occurrence of a repeated header); an
    /// absolute-form target ("GET http://host/path") carries its own host.
    /// </summary>
    private static ListenerRequest? ParseRequestHead(string head, IPAddress clientAddress)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            return null;
        }

        var headers = lines[1..]
            .Select(line => (Line: line, Colon: line.IndexOf(':', StringComparison.Ordinal)))
            .Where(h => h.Colon > 0)
            .Select(h => KeyValuePair.Create(h.Line[..h.Colon].Trim(), h.Line[(h.Colon + 1)..].Trim()))
            .ToList();
        var target = requestLine[1];
        if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return new ListenerRequest(requestLine[0], absolute.Authority, absolute.PathAndQuery, headers, clientAddress);
        }

        var host = headers.LastOrDefault(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;
        return new ListenerRequest(requestLine[0], host, target, headers, clientAddress);
    }
}
