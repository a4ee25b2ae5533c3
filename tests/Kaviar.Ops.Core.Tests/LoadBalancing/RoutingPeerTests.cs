using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Core.Tests.Network;
using Kaviar.Ops.LoadBalancing;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.LoadBalancing;

/// <summary>
/// Two independent readings of the same listener: the core's verdict (Resolve-AlbRoute's) and the simulated load
/// balancer's own routing of a real HTTP request. Rules of every condition form are created with the aws CLI, each
/// answering its own name, and every request of the table must reach the same rule in both.
/// </summary>
public sealed class RoutingPeerTests : IClassFixture<RoutingPeerTests.Listener>
{
    private static readonly (string Priority, string Conditions)[] Rules =
    {
        ("10", "[{\"Field\":\"host-header\",\"HostHeaderConfig\":{\"Values\":[\"admin.example.com\"]}},{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"X-Env\",\"Values\":[\"blue*\"]}}]"),
        ("20", "[{\"Field\":\"query-string\",\"QueryStringConfig\":{\"Values\":[{\"Key\":\"version\",\"Value\":\"v2\"}]}}]"),
        ("30", "[{\"Field\":\"http-request-method\",\"HttpRequestMethodConfig\":{\"Values\":[\"POST\"]}},{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/upload*\"]}}]"),
        ("40", "[{\"Field\":\"source-ip\",\"SourceIpConfig\":{\"Values\":[\"127.0.0.0/8\"]}},{\"Field\":\"path-pattern\",\"Values\":[\"/internal/*\"]}]"),
        ("50", "[{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"RegexValues\":[\"^/v[0-9]+/\"]}}]"),
        ("60", "[{\"Field\":\"host-header\",\"HostHeaderConfig\":{\"Values\":[\"*.shop.example.com\"]}}]"),
    };

    public static IEnumerable<object?[]> Requests() => new object?[][]
    {
        new object?[] { "GET", "admin.example.com", "/", "X-Env: blue-2" },
        new object?[] { "GET", "admin.example.com", "/", "X-Env: green" },
        new object?[] { "GET", "ADMIN.example.com:8080", "/", "x-env: BLUE" },
        new object?[] { "GET", "www.example.com", "/any?Version=V2", null },
        new object?[] { "GET", "www.example.com", "/any?version=v3", null },
        new object?[] { "POST", "www.example.com", "/upload/a", null },
        new object?[] { "GET", "www.example.com", "/upload/a", null },
        new object?[] { "GET", "www.example.com", "/internal/metrics", null },
        new object?[] { "GET", "www.example.com", "/v2/orders", null },
        new object?[] { "GET", "www.example.com", "/api/v2/orders", null },
        new object?[] { "GET", "a.shop.example.com", "/", null },
        new object?[] { "GET", "shop.example.com", "/", null },
    };

    private readonly NetworkTestAccount test;
    private readonly HttpClient http;

    public RoutingPeerTests(Listener listener)
    {
        test = listener.Test;
        http = listener.Http;
    }

    /// <summary>Seed 002's account with the rules created once for the whole table.</summary>
    public sealed class Listener : IDisposable
    {
        public Listener()
        {
            var endpoint = Test.Account.Endpoint;
            var loadBalancer = AwsCli.Run(endpoint, Test.Account.Region, "elbv2", "describe-load-balancers", "--names", Scenarios.Seed002LoadBalancer,
                "--query", "LoadBalancers[0].LoadBalancerArn", "--output", "text").Stdout.Trim();
            var listenerArn = AwsCli.Run(endpoint, Test.Account.Region, "elbv2", "describe-listeners", "--load-balancer-arn", loadBalancer,
                "--query", "Listeners[?Port==`80`].ListenerArn | [0]", "--output", "text").Stdout.Trim();
            foreach (var (priority, conditions) in Rules)
            {
                var created = AwsCli.Run(endpoint, Test.Account.Region, "elbv2", "create-rule", "--listener-arn", listenerArn, "--priority", priority,
                    "--conditions", conditions, "--actions", $"[{{\"Type\":\"fixed-response\",\"FixedResponseConfig\":{{\"StatusCode\":\"200\",\"ContentType\":\"text/plain\",\"MessageBody\":\"rule {priority}\"}}}}]");
                Assert.True(created.ExitCode == 0, created.Stderr);
            }
        }

        public NetworkTestAccount Test { get; } = new NetworkTestAccount(Scenarios.Seed002());

        public HttpClient Http { get; } = new HttpClient();

        public void Dispose()
        {
            Http.Dispose();
            Test.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_core_and_the_simulated_load_balancer_send_a_request_to_the_same_rule(string method, string host, string path, string? header)
    {
        var headers = header == null
            ? new List<KeyValuePair<string, string>>()
            : new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>(header.Split(':')[0], header.Split(':')[1].Trim()) };
        var verdict = await new AlbListenerInspector(test.Elb, test.Account.Region)
            .ResolveAsync(Scenarios.Seed002LoadBalancer, 80, new AlbRequest(host, path, method, headers, "127.0.0.1"), CancellationToken.None);

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(test.Account.ListenerUrl(Scenarios.Seed002LoadBalancer, 80), path));
        request.Headers.Host = host;
        foreach (var pair in headers)
        {
            request.Headers.TryAddWithoutValidation(pair.Key, pair.Value);
        }

        using var answer = await http.SendAsync(request);
        var body = await answer.Content.ReadAsStringAsync();
        var routedBy = body.StartsWith("rule ", StringComparison.Ordinal) ? body.Substring("rule ".Length) : "default";

        Assert.Equal(routedBy, verdict.Priority);
    }
}
