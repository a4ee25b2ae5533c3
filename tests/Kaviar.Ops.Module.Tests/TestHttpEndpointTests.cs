using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Kaviar.Ops.Rehearsal;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>Test-HttpEndpoint against a local HTTP server that answers what each test scripts, Host header by Host header.</summary>
public sealed class TestHttpEndpointTests : IClassFixture<ModuleSessionFixture>, IDisposable
{
    private readonly ModuleSession session;
    // A raw socket server: HttpListener would refuse Host headers other than its own prefix.
    private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<(int Status, string Body)> answers = new ConcurrentQueue<(int, string)>();
    private readonly ConcurrentQueue<string?> hostsSeen = new ConcurrentQueue<string?>();
    private readonly string url;

    public TestHttpEndpointTests(ModuleSessionFixture fixture)
    {
        session = fixture.Session;
        listener.Start();
        url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        _ = Task.Run(ServeAsync);
    }

    public void Dispose() => listener.Stop();

    [Fact]
    public void Seed_002_health_passes_with_status_degraded_through_a_host_header()
    {
        answers.Enqueue((200, "{\"status\":\"degraded\",\"checks\":{\"s3\":\"down\",\"database\":\"ok\"}}"));

        var result = session.Invoke("Test-HttpEndpoint ($args[0] + 'health') -HostHeader qa-fax.faxi.jp -ExpectJson @{ status = 'ok', 'degraded'; 'checks.database' = 'ok' }", url);

        Assert.Empty(result.Errors);
        var check = Assert.Single(result.Output);
        Assert.True((bool)check.Properties["Passed"].Value);
        Assert.Equal(200, check.Properties["StatusCode"].Value);
        Assert.Equal("qa-fax.faxi.jp", hostsSeen.Single());
        Assert.Contains("\"degraded\"", (string)check.Properties["BodyExcerpt"].Value);
    }

    [Fact]
    public void A_failing_check_says_which_field_is_wrong_and_is_a_non_terminating_error()
    {
        answers.Enqueue((200, "{\"success\":false,\"error\":\"database unavailable\"}"));

        var result = session.Invoke("Test-HttpEndpoint ($args[0] + 'api/health') -ExpectJson @{ success = $true }", url);

        var check = Assert.Single(result.Output);
        Assert.False((bool)check.Properties["Passed"].Value);
        Assert.Equal("JSON field 'success' is false, expected true.", ((System.Collections.Generic.IEnumerable<string>)check.Properties["Reasons"].Value).Single());
        var error = Assert.Single(result.Errors);
        Assert.Equal("HttpSmokeTestFailed,Kaviar.Ops.Cmdlets.TestHttpEndpointCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Timeout_retries_until_the_endpoint_passes()
    {
        answers.Enqueue((503, "<html>503 Service Temporarily Unavailable</html>"));
        answers.Enqueue((503, "<html>503 Service Temporarily Unavailable</html>"));
        answers.Enqueue((200, "{\"success\":true}"));

        var result = session.Invoke("Test-HttpEndpoint ($args[0] + 'api/health') -ExpectJson @{ success = $true } -Timeout 30", url);

        Assert.Empty(result.Errors);
        var check = Assert.Single(result.Output);
        Assert.True((bool)check.Properties["Passed"].Value);
        Assert.Equal(3, check.Properties["Attempts"].Value);
        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
    }

    [Fact]
    public void Timeout_passing_is_terminating_with_the_last_answer()
    {
        for (var i = 0; i < 20; i++)
        {
            answers.Enqueue((404, "Not Found"));
        }

        var error = session.CatchTerminatingError("Test-HttpEndpoint $args[0] -Timeout 2", url);

        Assert.Equal("HttpSmokeTestTimeout,Kaviar.Ops.Cmdlets.TestHttpEndpointCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("Answered 404 (Not Found), expected 200.", error.Exception.Message);
    }

    [Fact]
    public void The_load_balancer_s_own_answer_says_why_it_answered()
    {
        // Seed 001 as it stands: the old target draining, the new task not yet registered.
        using var account = Kaviar.Ops.Simulator.SimulatedAccount.Start(Kaviar.Ops.Simulator.Scenarios.Seed001());
        var alb = account.ListenerUrl(Kaviar.Ops.Simulator.Scenarios.Seed001LoadBalancer, 80);

        var result = session.Invoke("Test-HttpEndpoint ([Uri]::new($args[0], 'api/health')) -ExpectJson @{ success = $true }", alb);

        var check = Assert.Single(result.Output);
        Assert.Equal(503, check.Properties["StatusCode"].Value);
        Assert.True((bool)check.Properties["AnsweredByLoadBalancer"].Value);
        Assert.Contains("The load balancer answered it itself: the target group the request was routed to has no target to send it to",
            ((System.Collections.Generic.IEnumerable<string>)check.Properties["Reasons"].Value).First());
        Assert.Equal("HttpSmokeTestFailed", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void The_app_s_own_answer_is_not_taken_for_the_load_balancer_s()
    {
        answers.Enqueue((503, "<html>503 Service Temporarily Unavailable</html>"));

        var check = Assert.Single(session.Invoke("Test-HttpEndpoint $args[0]", url).Output);

        Assert.False((bool)check.Properties["AnsweredByLoadBalancer"].Value);
        Assert.Equal("Answered 503 (Error), expected 200.", ((System.Collections.Generic.IEnumerable<string>)check.Properties["Reasons"].Value).Single());
    }

    [Fact]
    public void Nothing_listening_is_reported_not_thrown()
    {
        var result = session.Invoke("Test-HttpEndpoint http://127.0.0.1:9/ -RequestTimeout 2");

        var check = Assert.Single(result.Output);
        Assert.Null(check.Properties["StatusCode"].Value);
        Assert.StartsWith("The request failed:", ((System.Collections.Generic.IEnumerable<string>)check.Properties["Reasons"].Value).Single());
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n"))
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        break;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                hostsSeen.Enqueue(request.ToString().Split("\r\n")
                    .FirstOrDefault(h => h.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))?.Substring(5).Trim());
                var (status, body) = answers.TryDequeue(out var answer) ? answer : (500, "no scripted answer");
                var bytes = Encoding.UTF8.GetBytes(body);
                var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : status == 404 ? "Not Found" : "Error")}\r\n" +
                           $"Content-Type: {(body.StartsWith('{') ? "application/json" : "text/html")}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(bytes);
            }
        }
    }
}
