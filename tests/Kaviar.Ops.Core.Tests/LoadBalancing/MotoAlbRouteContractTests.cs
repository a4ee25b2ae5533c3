using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Core.Tests.Network.Peers;
using Kaviar.Ops.LoadBalancing;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.LoadBalancing;

/// <summary>
/// A listener with a rule of every condition form and a transform, created in moto with the aws CLI as a user writes
/// them: the rules come back over ELBv2's wire (DescribeRules' XML) and route requests as AWS documents.
/// </summary>
public sealed class MotoAlbRouteContractTests : IClassFixture<MotoServerFixture>
{
    private const string Region = "eu-west-2";
    private readonly MotoAccount moto;

    public MotoAlbRouteContractTests(MotoServerFixture server) => moto = new MotoAccount(server, Region);

    [Fact]
    public async Task Every_condition_form_is_read_from_the_wire_and_routes_by_its_rule()
    {
        var loadBalancer = Build();
        var inspector = new AlbListenerInspector(moto.Context.Elb, Region);
        async Task<string> Reached(AlbRequest request) => (await inspector.ResolveAsync(loadBalancer, 80, request, CancellationToken.None)).Priority;

        Assert.Equal("5", await Reached(new AlbRequest("admin.example.com", "/", headers: new[] { Header("x-env", "BLUE") })));
        Assert.Equal("10", await Reached(new AlbRequest("admin.example.com", "/")));
        Assert.Equal("7", await Reached(new AlbRequest("shop.example.com", "/any?V=2")));
        Assert.Equal("8", await Reached(new AlbRequest(null, "/upload/a", "POST")));
        Assert.Equal("10", await Reached(new AlbRequest(null, "/upload/a")));
        Assert.Equal("9", await Reached(new AlbRequest(null, "/", sourceIp: "10.1.2.3")));
        Assert.Equal("10", await Reached(new AlbRequest(null, "/api/orders")));

        var redirect = await inspector.ResolveAsync(loadBalancer, 80, new AlbRequest("shop.example.com", "/any?v=2"), CancellationToken.None);
        Assert.Equal("301 redirect to https://shop.example.com:443/any?v=2", redirect.Outcome);
        var undecided = await inspector.ResolveAsync(loadBalancer, 80, new AlbRequest(null, "/"), CancellationToken.None);
        Assert.Equal("rule 9 matches only requests from 10.0.0.0/8", Assert.Single(undecided.Undecided));

        var described = (await inspector.AuditAsync(loadBalancer, CancellationToken.None)).Where(f => f.Code == "ListenerRule").Select(f => f.Finding).ToList();
        Assert.Contains("Rule 5: Host admin.example.com and header X-Env is blue → fixed-response 403", described);
        Assert.Contains("Rule 7: query v=2 → 301 redirect to https://#{host}:443/#{path}?#{query}", described);
        Assert.Contains(described, d => d.StartsWith("Rule 8: method POST and path /upload* → forward to ", System.StringComparison.Ordinal));
        Assert.Contains("Rule 9: source 10.0.0.0/8 → fixed-response 200", described);
    }

    [Fact]
    public async Task A_rule_hidden_by_an_earlier_wider_one_is_named_and_its_fix_line_moves_it_ahead()
    {
        var (loadBalancer, listener, targetGroup) = Listener("hidden");
        void Rule(string priority, string pathPattern) => moto.Cli("elbv2", "create-rule", "--listener-arn", listener, "--priority", priority,
            "--conditions", $"Field=path-pattern,Values={pathPattern}", "--actions", $"Type=forward,TargetGroupArn={targetGroup}");
        Rule("10", "/api/*");
        Rule("20", "/api/v1/*");
        Rule("30", "/*");
        var inspector = new AlbListenerInspector(moto.Context.Elb, Region);

        var findings = await inspector.AuditAsync(loadBalancer, CancellationToken.None);

        var hidden = Assert.Single(findings, f => f.Code == "RuleNeverReached");
        Assert.Equal("20", hidden.Priority);
        Assert.Equal("Warning", hidden.Severity);
        Assert.StartsWith("Rule 20 (path /api/v1/*) is never reached: rule 10 (path /api/*) comes first", hidden.Finding);
        Assert.Equal($"aws elbv2 set-rule-priorities --rule-priorities RuleArn={hidden.RuleArn},Priority=9 --region {Region}", hidden.Fix);
        // The catch-all rule 30 answers every request the others do not: the 404 default action is never used, not an error.
        var unused = Assert.Single(findings, f => f.Code == "ListenerDefaultActionUnused");
        Assert.Equal("Info", unused.Severity);
        Assert.DoesNotContain(findings, f => f.Code == "ListenerDefaultActionError");

        moto.Cli(hidden.Fix!.Split(' ').Skip(1).TakeWhile(word => word != "--region").ToArray());
        var after = await new AlbListenerInspector(moto.Context.Elb, Region).AuditAsync(loadBalancer, CancellationToken.None);

        Assert.DoesNotContain(after, f => f.Code == "RuleNeverReached");
        Assert.Equal("9", (await inspector.ResolveAsync(loadBalancer, 80, new AlbRequest(null, "/api/v1/orders"), CancellationToken.None)).Priority);
    }

    private static System.Collections.Generic.KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    /// <summary>An ALB (named after <paramref name="name"/>) in a VPC of its own, whose port 80 listener answers 404 by default, and a target group.</summary>
    private (string LoadBalancer, string Listener, string TargetGroup) Listener(string name)
    {
        var vpcId = moto.Cli("ec2", "create-vpc", "--cidr-block", "10.9.0.0/16").GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        string Subnet(string cidr, string zone) => moto.Cli("ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", cidr, "--availability-zone", Region + zone)
            .GetProperty("Subnet").GetProperty("SubnetId").GetString()!;
        var subnets = new[] { Subnet("10.9.1.0/24", "a"), Subnet("10.9.2.0/24", "b") };
        var loadBalancer = moto.Cli(new[] { "elbv2", "create-load-balancer", "--name", $"{name}-alb", "--subnets" }.Concat(subnets).ToArray())
            .GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerArn").GetString()!;
        var targetGroup = moto.Cli("elbv2", "create-target-group", "--name", $"{name}-tg", "--protocol", "HTTP", "--port", "8080", "--vpc-id", vpcId, "--target-type", "ip")
            .GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;
        var listener = moto.Cli("elbv2", "create-listener", "--load-balancer-arn", loadBalancer, "--protocol", "HTTP", "--port", "80", "--default-actions",
                "Type=fixed-response,FixedResponseConfig={StatusCode=404,ContentType=text/plain}")
            .GetProperty("Listeners")[0].GetProperty("ListenerArn").GetString()!;
        return (loadBalancer, listener, targetGroup);
    }

    /// <summary>Rules 5 (host and header), 7 (query), 8 (method and path), 9 (source) and 10 (path) ahead of a 404 default action.</summary>
    private string Build()
    {
        var (loadBalancer, listener, targetGroup) = Listener("rules");
        void Rule(string priority, string conditions, string actions) =>
            moto.Cli("elbv2", "create-rule", "--listener-arn", listener, "--priority", priority, "--conditions", conditions, "--actions", actions);
        Rule("5", "[{\"Field\":\"host-header\",\"HostHeaderConfig\":{\"Values\":[\"admin.example.com\"]}},{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"X-Env\",\"Values\":[\"blue\"]}}]",
            "[{\"Type\":\"fixed-response\",\"FixedResponseConfig\":{\"StatusCode\":\"403\",\"ContentType\":\"text/plain\"}}]");
        Rule("7", "[{\"Field\":\"query-string\",\"QueryStringConfig\":{\"Values\":[{\"Key\":\"v\",\"Value\":\"2\"}]}}]",
            "[{\"Type\":\"redirect\",\"RedirectConfig\":{\"Protocol\":\"HTTPS\",\"Port\":\"443\",\"StatusCode\":\"HTTP_301\"}}]");
        Rule("8", "[{\"Field\":\"http-request-method\",\"HttpRequestMethodConfig\":{\"Values\":[\"POST\"]}},{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/upload*\"]}}]",
            $"[{{\"Type\":\"forward\",\"TargetGroupArn\":\"{targetGroup}\"}}]");
        Rule("9", "[{\"Field\":\"source-ip\",\"SourceIpConfig\":{\"Values\":[\"10.0.0.0/8\"]}}]",
            "[{\"Type\":\"fixed-response\",\"FixedResponseConfig\":{\"StatusCode\":\"200\",\"ContentType\":\"text/plain\"}}]");
        Rule("10", "[{\"Field\":\"path-pattern\",\"Values\":[\"/*\"]}]", $"[{{\"Type\":\"forward\",\"TargetGroupArn\":\"{targetGroup}\"}}]");
        return loadBalancer;
    }
}
