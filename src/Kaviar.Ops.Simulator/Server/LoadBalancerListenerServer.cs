using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Elbv2;

namespace Kaviar.Ops.Simulator.Server;

/// <summary>
/// One ALB listener answering plain HTTP/1.1 on 127.0.0.1. A raw socket rather than HttpListener, because
/// HttpListener rejects requests whose Host header does not name its prefix, and host-header rules need any Host.
/// Every request settles the account first. The listener is looked up by ARN per request, so ModifyListener
/// (default actions or port) takes effect at once. These requests are traffic, not API calls: the call log never sees them.
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
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_socket.LocalEndpoint).Port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url { get; }

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
                var stream = client.GetStream();
                var request = await ReadRequestHeadAsync(stream).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                // A listener deleted under the server leaves nothing to answer: the connection just closes, as a closed port would.
                if (Answer(request) is not { } answer)
                {
                    return;
                }

                await WriteAnswerAsync(stream, answer, headOnly: request.Method == "HEAD").ConfigureAwait(false);
            }
            catch (Exception gone) when (gone is IOException or SocketException or ObjectDisposedException)
            {
                // The client hung up; there is no one left to answer.
            }
        }
    }

    private LoadBalancerAnswer? Answer(RequestHead request)
    {
        lock (_account.SyncRoot)
        {
            _account.Settle();
            return _account.Elbv2.FindListener(_listenerArn) is { } listener
                ? _router.Route(listener, request.Host, request.PathAndQuery)
                : null;
        }
    }

    /// <summary>Reads the request line and headers; the body, which no route looks at, is left unread.</summary>
    private static async Task<RequestHead?> ReadRequestHeadAsync(NetworkStream stream)
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
                return RequestHead.Parse(head.ToString(0, end));
            }
        }

        return null;
    }

    private static async Task WriteAnswerAsync(NetworkStream stream, LoadBalancerAnswer answer, bool headOnly)
    {
        var body = Encoding.UTF8.GetBytes(answer.Body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.StatusCode} {ReasonPhrase(answer.StatusCode)}\r\n")
            .Append("Server: awselb/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:R}\r\n")
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

    private sealed record RequestHead(string Method, string Host, string PathAndQuery)
    {
        /// <summary>"GET /path HTTP/1.1" plus headers; an absolute-form target ("GET http://host/path") carries its own host.</summary>
        public static RequestHead? Parse(string head)
        {
            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            if (requestLine.Length != 3)
            {
                return null;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines[1..])
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            var target = requestLine[1];
            if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                return new RequestHead(requestLine[0], absolute.Authority, absolute.PathAndQuery);
            }

            return new RequestHead(requestLine[0], headers.GetValueOrDefault("Host") ?? string.Empty, target);
        }
    }
}
