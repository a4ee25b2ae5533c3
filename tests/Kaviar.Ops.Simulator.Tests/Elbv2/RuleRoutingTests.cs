using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Elbv2;

/// <summary>
/// Requests × rules through real HTTP to the simulated listener: each rule answers a fixed response naming itself, so
/// the body says which rule, if any, took the request (seed 002's default answers 404).
/// </summary>
public sealed class RuleRoutingTests : IDisposable
{
    private static readonly IReadOnlyList<(int Priority, string Name, RuleCondition[] Conditions)> Rules = new[]
    {
        (101, "method", new[] { new RuleCondition("http-request-method", new[] { "POST", "CUSTOM-METHOD" }) }),
        (102, "header", new[] { RuleCondition.HttpHeader("x-env", new[] { "blue*" }) }),
        (103, "query", new[] { RuleCondition.QueryString(new[] { new QueryStringPair("version", "v1"), new QueryStringPair("debug", "true") }) }),
        (104, "query-literal", new[] { RuleCondition.QueryString(new[] { new QueryStringPair(null, "a\\*b") }) }),
        (105, "source-10", new[] { new RuleCondition("source-ip", new[] { "10.0.0.0/8" }) }),
        (106, "source-v6", new[] { new RuleCondition("source-ip", new[] { "::/0" }) }),
        (107, "path", new[] { new RuleCondition("path-pattern", new[] { "/reports/*", "/exact" }) }),
        (108, "host-regex", new[] { new RuleCondition("host-header", Array.Empty<string>()) { RegexValues = new[] { "^api-v[0-9]+\\.example\\.com$" } } }),
        (109, "source-127", new[] { new RuleCondition("source-ip", new[] { "127.0.0.0/8" }), new RuleCondition("path-pattern", new[] { "/loopback" }) }),
        (110, "header-regex", new[] { RuleCondition.HttpHeader("User-Agent", Array.Empty<string>()) with { RegexValues = new[] { "curl/[0-9]" } } }),
    };

    private readonly SimulatedAccount _account = SimulatedAccount.Start(Scenarios.Seed002(), new ManualClock());
    private readonly Uri _url;

    public RuleRoutingTests()
    {
        _account.Use(s =>
        {
            var listener = s.Elbv2.Listeners.Single();
            foreach (var (priority, name, conditions) in Rules)
            {
                s.Elbv2.AddRule(listener.ListenerArn, priority, conditions, new[] { ListenerAction.FixedResponseOf(200, "text/plain", name) }, Array.Empty<RuleTransform>());
            }
        });
        _url = _account.ListenerUrl(Scenarios.Seed002LoadBalancer, 80);
    }

    public void Dispose() => _account.Dispose();

    [Theory]
    [InlineData("POST", "/x", "", "method")]
    [InlineData("CUSTOM-METHOD", "/x", "", "method")]
    [InlineData("post", "/x", "", null)] // methods compare case-sensitively
    [InlineData("GET", "/x", "X-Env: BLUE-2", "header")] // name and value case-insensitive, * wildcard
    [InlineData("GET", "/x", "X-Env: red\r\nX-Env: blue", "header")] // any occurrence of a repeated header
    [InlineData("GET", "/x", "X-Env: red", null)]
    [InlineData("GET", "/x", "", null)] // header absent
    [InlineData("GET", "/x", "User-Agent: my curl/8.4", "header-regex")] // a regex is searched for, not anchored
    [InlineData("GET", "/x?Version=V1", "", "query")] // key and value case-insensitive
    [InlineData("GET", "/x?debug=true&page=2", "", "query")]
    [InlineData("GET", "/x?v%65rsion=v%31", "", "query")] // percent-encoded characters compare decoded
    [InlineData("GET", "/x?debug", "", null)] // a key without a value
    [InlineData("GET", "/x?q=a*b", "", "query-literal")] // \* is a literal star
    [InlineData("GET", "/x?q=axxb", "", null)]
    [InlineData("GET", "/x", "X-Forwarded-For: 10.1.2.3", null)] // source-ip reads the connection, not X-Forwarded-For
    [InlineData("GET", "/loopback", "", "source-127")] // the client here is 127.0.0.1: outside 10.0.0.0/8 and ::/0
    [InlineData("GET", "/reports/q3", "", "path")]
    [InlineData("GET", "/exact?page=2", "", "path")] // the path alone meets the pattern
    [InlineData("GET", "/Reports/q3", "", null)] // paths compare case-sensitively
    [InlineData("GET", "/x?next=/reports/q3", "", null)] // path-pattern never looks at the query string
    [InlineData("GET", "/x", "Host: API-V2.example.com:8080", "host-regex")] // the host name without its port
    [InlineData("GET", "/x", "Host: www.api-v2.example.com", null)]
    public async Task A_request_meets_the_first_rule_whose_every_condition_it_meets(string method, string pathAndQuery, string headers, string? rule)
    {
        var answer = await RawHttp.SendAsync(_url, method, pathAndQuery, headers);

        Assert.Equal(rule is null ? (404, string.Empty) : (200, rule), answer);
    }

    [Fact]
    public void An_ipv6_client_never_meets_an_ipv4_block_nor_the_reverse()
    {
        // The listener binds 127.0.0.1 only, so an IPv6 client is put to the matcher directly.
        static ListenerRequest From(string address) => new("GET", "a.example.com", "/", Array.Empty<KeyValuePair<string, string>>(), IPAddress.Parse(address));
        var ipv4Block = new RuleCondition("source-ip", new[] { "192.0.2.0/24" });
        var ipv6Block = new RuleCondition("source-ip", new[] { "2001:db8::/32" });

        Assert.False(RuleMatching.Matches(ipv4Block, From("2001:db8::1")));
        Assert.False(RuleMatching.Matches(new RuleCondition("source-ip", new[] { "0.0.0.0/0" }), From("2001:db8::1")));
        Assert.True(RuleMatching.Matches(ipv6Block, From("2001:db8::1")));
        Assert.False(RuleMatching.Matches(ipv6Block, From("192.0.2.1")));
        Assert.True(RuleMatching.Matches(ipv4Block, From("::ffff:192.0.2.1")));
    }
}

/// <summary>One HTTP/1.1 request written byte for byte (any method spelling, repeated headers), answered as (status, body).</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Body)> SendAsync(Uri listenerUrl, string method, string pathAndQuery, string headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(listenerUrl.Host, listenerUrl.Port);
        var stream = client.GetStream();
        var head = $"{method} {pathAndQuery} HTTP/1.1\r\n"
            + (headers.Contains("Host:", StringComparison.OrdinalIgnoreCase) ? string.Empty : "Host: www.example.com\r\n")
            + (headers.Length > 0 ? headers + "\r\n" : string.Empty)
            + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }
}

/// <summary>A matched rule's transforms change what the app behind the target receives, never which rule matched.</summary>
public sealed class RuleTransformTests
{
    [Theory]
    [InlineData("/old/reports?year=2024", "staging.faxi.jp", "GET staging.internal /reports?year=2024")]
    [InlineData("/old/", "faxi.jp", "GET faxi.jp /")] // no host match: the host passes unchanged
    [InlineData("/other", "staging.faxi.jp", null)] // the rule does not match: the default answers
    public async Task Url_and_host_rewrites_reach_the_app_and_leave_unmatched_parts_alone(string pathAndQuery, string host, string? appSaw)
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed002(), new ManualClock());
        account.Use(s =>
        {
            s.Ecs.SetApp(Scenarios.Seed002AdminFamily, new RequestEchoApp());
            s.Elbv2.AddRule(s.Elbv2.Listeners.Single().ListenerArn, 100, new[] { new RuleCondition("path-pattern", new[] { "/old/*" }) },
                new[] { ListenerAction.Forward(s.Elbv2.FindTargetGroupByName(Scenarios.Seed002AdminTargetGroup)!.TargetGroupArn) },
                new[]
                {
                    new RuleTransform(RuleTransform.UrlRewrite, new[] { new RewriteConfig("^/old/(.*)$", "/$1") }),
                    new RuleTransform(RuleTransform.HostHeaderRewrite, new[] { new RewriteConfig("^([a-z]+)\\.faxi\\.jp$", "$1.internal") }),
                });
        });

        var answer = await RawHttp.SendAsync(account.ListenerUrl(Scenarios.Seed002LoadBalancer, 80), "GET", pathAndQuery, "Host: " + host);

        Assert.Equal(appSaw is null ? (404, string.Empty) : (200, appSaw), answer);
    }
}

/// <summary>Answers with the method, Host and path it received, so a test sees the request after the load balancer's transforms.</summary>
internal sealed class RequestEchoApp : ISimulatedApp
{
    public ContainerStartOutcome OnStart(ContainerLaunch launch) =>
        ContainerStartOutcome.KeepsRunning();

    public HttpAnswer AnswerGet(ContainerLaunch launch, string path) => new(200, "{\"status\":\"ok\"}");

    public HttpAnswer AnswerRequest(ContainerLaunch launch, TargetRequest request) =>
        new(200, $"{request.Method} {request.Host} {request.PathAndQuery}");
}
