using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Http;
using Kaviar.Ops.LoadBalancing;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Http;

/// <summary>
/// A smoke test that meets the load balancer's own answer (Server: awselb/2.0) says why the load balancer answered and
/// which command looks behind it; the same status from the app behind it is only the app's.
/// </summary>
public sealed class LoadBalancerAnswerTests
{
    private const string AlbUrl = "http://shop-alb-1234567890.eu-west-1.elb.amazonaws.com/api/health";

    [Theory]
    [InlineData("shop-alb-1234567890.eu-west-1.elb.amazonaws.com", "shop-alb", "eu-west-1")]
    [InlineData("internal-orders-api-alb-987654321.us-east-2.elb.amazonaws.com", "orders-api-alb", "us-east-2")]
    [InlineData("dualstack.Shop-ALB-1234567890.ap-southeast-1.elb.amazonaws.com", "shop-alb", "ap-southeast-1")]
    [InlineData("web-1234567890.cn-north-1.elb.amazonaws.com.cn", "web", "cn-north-1")]
    [InlineData("web-1234567890.us-gov-west-1.elb.amazonaws.com.", "web", "us-gov-west-1")]
    public void An_alb_dns_name_names_its_load_balancer_and_region(string host, string name, string region)
    {
        var alb = AlbDnsName.Parse(host);

        Assert.NotNull(alb);
        Assert.Equal((name, region), (alb!.LoadBalancerName, alb.Region));
    }

    [Fact]
    public async Task An_internal_load_balancer_of_an_account_file_is_named_by_its_dns_name()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("scenarios", "orders-api.json")))!;
        file["loadBalancers"]![0]!["scheme"] = "internal";
        var state = AccountFile.Parse(file.ToJsonString()).Scenario().Build(new ManualClock());
        var dnsName = state.Elbv2.LoadBalancers.Single().DnsName;

        var result = await Check($"http://{dnsName}/healthz", Answer(503, ErrorPage(503, "Service Temporarily Unavailable"), "awselb/2.0"));

        Assert.StartsWith("internal-orders-alb-", dnsName, StringComparison.Ordinal);
        Assert.Equal("Test-AlbTargetHealth -LoadBalancer orders-alb -Region eu-west-1", result.Next);
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("127.0.0.1")]
    [InlineData("shop-nlb-0123456789abcdef.elb.eu-west-1.amazonaws.com")]
    [InlineData("shop-alb.eu-west-1.elb.amazonaws.com")]
    public void Any_other_host_names_no_load_balancer(string host)
    {
        Assert.Null(AlbDnsName.Parse(host));
    }

    [Theory]
    [InlineData(503, "Service Temporarily Unavailable", "no target to send it to")]
    [InlineData(502, "Bad Gateway", "keep-alive timeout must be longer")]
    [InlineData(504, "Gateway Time-out", "no connection within 10 s")]
    public async Task A_load_balancer_error_page_says_why_and_points_at_the_targets(int status, string phrase, string cause)
    {
        var page = Answer(status, ErrorPage(status, phrase), "awselb/2.0");
        page.ReasonPhrase = phrase;

        var result = await Check(AlbUrl, page);

        Assert.True(result.AnsweredByLoadBalancer);
        var reason = Assert.Single(result.Reasons);
        Assert.StartsWith($"Answered {status} ({phrase}), expected 200. The load balancer answered it itself: ", reason);
        Assert.Contains(cause, reason);
        Assert.Equal("Test-AlbTargetHealth -LoadBalancer shop-alb -Region eu-west-1", result.Next);
    }

    [Fact]
    public async Task The_same_status_from_the_app_is_the_app_s_own()
    {
        var result = await Check(AlbUrl, Answer(503, "{\"status\":\"starting\"}", server: null));

        Assert.False(result.AnsweredByLoadBalancer);
        Assert.Equal("Answered 503 (Service Unavailable), expected 200.", Assert.Single(result.Reasons));
        Assert.Null(result.Next);
    }

    [Fact]
    public async Task A_fixed_response_points_at_the_rule_the_request_met()
    {
        var result = await Check(AlbUrl, Answer(404, "no route", "awselb/2.0"), hostHeader: "qa-fax.faxi.jp");

        Assert.Contains("a listener rule or default action is a fixed response, so no target saw the request", Assert.Single(result.Reasons));
        Assert.Equal("Resolve-AlbRoute -LoadBalancer shop-alb -Port 80 -HostHeader qa-fax.faxi.jp -Path /api/health -Region eu-west-1", result.Next);
    }

    [Fact]
    public async Task A_redirect_says_where_it_goes()
    {
        var redirect = Answer(301, "", "awselb/2.0");
        redirect.Headers.Location = new Uri("https://shop.example.com:443/api/health");

        var result = await Check(AlbUrl, redirect);

        Assert.Contains("redirects to https://shop.example.com:443/api/health", Assert.Single(result.Reasons));
        Assert.StartsWith("Resolve-AlbRoute -LoadBalancer shop-alb -Port 80 -HostHeader shop-alb-1234567890.eu-west-1.elb.amazonaws.com", result.Next);
    }

    [Fact]
    public async Task Through_a_custom_domain_the_cause_is_told_but_no_load_balancer_is_named()
    {
        var result = await Check("https://api.example.com/health", Answer(503, ErrorPage(503, "Service Temporarily Unavailable"), "awselb/2.0"));

        Assert.Contains("no target to send it to", Assert.Single(result.Reasons));
        Assert.Null(result.Next);
    }

    [Fact]
    public async Task An_expected_status_is_not_explained()
    {
        var result = await Check(AlbUrl, Answer(503, ErrorPage(503, "Service Temporarily Unavailable"), "awselb/2.0"), expected: 503);

        Assert.True(result.Passed);
        Assert.True(result.AnsweredByLoadBalancer);
        Assert.Null(result.Next);
    }

    private static string ErrorPage(int status, string phrase) =>
        $"<html>\r\n<head><title>{status} {phrase}</title></head>\r\n<body>\r\n<center><h1>{status} {phrase}</h1></center>\r\n</body>\r\n</html>\r\n";

    private static HttpResponseMessage Answer(int status, string body, string? server)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body) };
        if (server != null)
        {
            response.Headers.TryAddWithoutValidation("Server", server);
        }

        return response;
    }

    private static async Task<HttpSmokeResult> Check(string url, HttpResponseMessage answer, string? hostHeader = null, int expected = 200)
    {
        using var tester = new HttpSmokeTester(new Scripted(answer));
        return await tester.CheckAsync(new HttpSmokeRequest { Uri = new Uri(url), HostHeader = hostHeader, ExpectedStatus = new[] { expected } }, CancellationToken.None);
    }

    private sealed class Scripted : HttpMessageHandler
    {
        private readonly HttpResponseMessage answer;

        public Scripted(HttpResponseMessage answer) => this.answer = answer;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer);
    }
}
