using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Amazon.Runtime;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

/// <summary>
/// A loopback-only HTTP endpoint that records each request and answers with queued canned
/// wire responses, so the clients run through the real AWSSDK.Core pipeline end to end.
/// </summary>
internal sealed class FakeAwsServer : IDisposable
{
    internal static readonly BasicAWSCredentials Credentials = new BasicAWSCredentials("AKIDKAVIARTEST", "kaviar-test-secret");

    private readonly HttpListener _listener = new HttpListener();
    private readonly ConcurrentQueue<CannedResponse> _responses = new ConcurrentQueue<CannedResponse>();
    private readonly Task _loop;

    internal FakeAwsServer()
    {
        Url = $"http://127.0.0.1:{FreeLoopbackPort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    internal string Url { get; }

    internal List<RecordedRequest> Requests { get; } = new List<RecordedRequest>();

    internal RecordedRequest SingleRequest => Assert.Single(Requests);

    internal FakeAwsServer Enqueue(int status, string body, string contentType, params (string Name, string Value)[] headers)
    {
        _responses.Enqueue(new CannedResponse(status, body, contentType, headers));
        return this;
    }

    internal FakeAwsServer EnqueueJson(string body, int status = 200, params (string Name, string Value)[] headers) =>
        Enqueue(status, body, "application/x-amz-json-1.1", headers);

    internal FakeAwsServer EnqueueXml(string body, int status = 200) => Enqueue(status, body, "text/xml");

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener throws out of GetContextAsync when closed; that is the loop's exit.
        }
    }

    private static int FreeLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys
                .Where(k => k != null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            lock (Requests)
            {
                Requests.Add(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body, context.Request.Url.Query));
            }

            var canned = _responses.TryDequeue(out var next)
                ? next
                : new CannedResponse(500, "{\"__type\":\"NoCannedResponse\",\"message\":\"test queued too few responses\"}", "application/x-amz-json-1.1", Array.Empty<(string, string)>());
            var bytes = Encoding.UTF8.GetBytes(canned.Body);
            context.Response.StatusCode = canned.Status;
            context.Response.ContentType = canned.ContentType;
            if (canned.ContentType.Contains("json"))
            {
                // JSON services carry the request id only in this header; awsQuery puts it in the body.
                context.Response.Headers["x-amzn-RequestId"] = "req-" + Requests.Count;
            }

            foreach (var (name, value) in canned.Headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private sealed record CannedResponse(int Status, string Body, string ContentType, (string Name, string Value)[] Headers);
}

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, string Query = "")
{
    /// <summary>The path with its query string ("?…", or nothing), as a REST request names its resource.</summary>
    internal string PathAndQuery => Path + Query;

    internal string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>The form body of an awsQuery request, decoded.</summary>
    internal Dictionary<string, string> Form() => Body
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : string.Empty));
}
