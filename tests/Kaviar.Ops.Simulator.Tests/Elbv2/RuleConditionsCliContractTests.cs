using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Tests.Ec2;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Elbv2;

/// <summary>
/// Every listener rule form through the real aws CLI: create-rule, modify-rule, set-rule-priorities and describe-rules
/// on the simulated account, with moto (same CLI calls, its own load balancer) as the peer where moto implements the
/// field. moto echoes a condition as it was sent, so it is the peer for each *Config; it does not add the Values AWS
/// answers beside HostHeaderConfig/PathPatternConfig, answers 500 to RegexValues and drops Transforms, so those follow
/// the botocore model (elbv2 2015-12-01) and AWS's API reference instead.
/// </summary>
public sealed class RuleConditionsCliContractTests : IClassFixture<MotoLoadBalancerFixture>, IDisposable
{
    private readonly SimulatedAccount _account;
    private readonly NetworkFixture _ids;
    private readonly MotoLoadBalancerFixture _peer;
    private readonly Lazy<string> _motoListener;

    public RuleConditionsCliContractTests(MotoLoadBalancerFixture peer)
    {
        (_account, _ids) = NetworkFixture.Start();
        _peer = peer;

        // Each test that asks for one gets a listener of its own on moto's load balancer, so priorities never clash.
        _motoListener = new Lazy<string>(peer.AddListener);
    }

    private Uri Moto => _peer.Moto.Endpoint;

    private string MotoListenerArn => _motoListener.Value;

    private string MotoTargetGroupArn => _peer.TargetGroupArn;

    public void Dispose() => _account.Dispose();

    [Theory]
    [InlineData("{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"X-Env\",\"Values\":[\"blue*\",\"green\"]}}", "HttpHeaderConfig")]
    [InlineData("{\"Field\":\"query-string\",\"QueryStringConfig\":{\"Values\":[{\"Key\":\"version\",\"Value\":\"v1\"},{\"Value\":\"example\"}]}}", "QueryStringConfig")]
    [InlineData("{\"Field\":\"http-request-method\",\"HttpRequestMethodConfig\":{\"Values\":[\"POST\",\"CUSTOM-METHOD\"]}}", "HttpRequestMethodConfig")]
    [InlineData("{\"Field\":\"source-ip\",\"SourceIpConfig\":{\"Values\":[\"192.0.2.0/24\",\"2001:db8::/32\"]}}", "SourceIpConfig")]
    [InlineData("{\"Field\":\"host-header\",\"HostHeaderConfig\":{\"Values\":[\"*.example.com\",\"example.org\"]}}", "HostHeaderConfig")]
    [InlineData("{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/img/*\",\"/js/*\"]}}", "PathPatternConfig")]
    public void Each_condition_config_is_answered_as_moto_answers_it(string condition, string config)
    {
        var created = CreateRule(_account.Endpoint, _ids.ListenerArn, _ids.BackendTargetGroupArn, "5", $"[{condition}]");
        var peer = CreateRule(Moto, MotoListenerArn, MotoTargetGroupArn, "5", $"[{condition}]");

        // moto renders CreateRule's and DescribeRules' conditions from the same stored request, so its create answer stands for both.
        var described = DescribeRule(_account.Endpoint, created.Str("RuleArn"));
        Assert.Equal(Config(peer, config), Config(described, config));
        Assert.Equal(Config(created, config), Config(described, config));
        Assert.Equal("5", described.Str("Priority"));
    }

    [Fact]
    public void Host_and_path_values_are_answered_both_bare_and_in_their_config()
    {
        // AWS answers host-header and path-pattern in Values and in *Config however they were given; moto echoes the request.
        var rule = CreateRule(_account.Endpoint, _ids.ListenerArn, _ids.BackendTargetGroupArn, "5",
            "[{\"Field\":\"host-header\",\"Values\":[\"api.example.com\"]},{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/v1/*\",\"/v2/*\"]}}]");

        var conditions = DescribeRule(_account.Endpoint, rule.Str("RuleArn")).Items("Conditions");
        Assert.Equal(new[] { "api.example.com" }, conditions[0].Strings("Values"));
        Assert.Equal(new[] { "api.example.com" }, conditions[0].GetProperty("HostHeaderConfig").Strings("Values"));
        Assert.Equal(new[] { "/v1/*", "/v2/*" }, conditions[1].Strings("Values"));
        Assert.Equal(new[] { "/v1/*", "/v2/*" }, conditions[1].GetProperty("PathPatternConfig").Strings("Values"));
    }

    [Fact]
    public void Regex_values_and_transforms_are_stored_modified_and_reset()
    {
        // botocore model: RegexValues in HostHeaderConfig/PathPatternConfig/HttpHeaderConfig; Rule.Transforms; ModifyRule's ResetTransforms.
        var rule = CreateRule(_account.Endpoint, _ids.ListenerArn, _ids.BackendTargetGroupArn, "7",
            "[{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"RegexValues\":[\"^/api/v[0-9]+/\"]}}," +
            "{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"User-Agent\",\"RegexValues\":[\"(?i)curl\"]}}]",
            "--transforms", "[{\"Type\":\"url-rewrite\",\"UrlRewriteConfig\":{\"Rewrites\":[{\"Regex\":\"^/api/v[0-9]+/(.*)$\",\"Replace\":\"/$1\"}]}}," +
            "{\"Type\":\"host-header-rewrite\",\"HostHeaderRewriteConfig\":{\"Rewrites\":[{\"Regex\":\"^www\\\\.(.+)$\",\"Replace\":\"$1\"}]}}]");
        var arn = rule.Str("RuleArn");

        var described = DescribeRule(_account.Endpoint, arn);
        Assert.Equal(new[] { "^/api/v[0-9]+/" }, described.Items("Conditions")[0].GetProperty("PathPatternConfig").Strings("RegexValues"));
        Assert.False(described.Items("Conditions")[0].TryGetProperty("Values", out _));
        Assert.Equal("User-Agent", described.Items("Conditions")[1].GetProperty("HttpHeaderConfig").Str("HttpHeaderName"));
        Assert.Equal(new[] { "(?i)curl" }, described.Items("Conditions")[1].GetProperty("HttpHeaderConfig").Strings("RegexValues"));
        var transforms = described.Items("Transforms");
        Assert.Equal(new[] { "url-rewrite", "host-header-rewrite" }, transforms.Select(t => t.Str("Type")));
        var rewrite = transforms[0].GetProperty("UrlRewriteConfig").Items("Rewrites").Single();
        Assert.Equal(("^/api/v[0-9]+/(.*)$", "/$1"), (rewrite.Str("Regex"), rewrite.Str("Replace")));
        Assert.Equal("^www\\.(.+)$", transforms[1].GetProperty("HostHeaderRewriteConfig").Items("Rewrites").Single().Str("Regex"));

        Cli(_account.Endpoint, "elbv2", "modify-rule", "--rule-arn", arn,
            "--transforms", "[{\"Type\":\"url-rewrite\",\"UrlRewriteConfig\":{\"Rewrites\":[{\"Regex\":\"^/old\",\"Replace\":\"/new\"}]}}]");
        Assert.Equal("^/old", DescribeRule(_account.Endpoint, arn).Items("Transforms").Single().GetProperty("UrlRewriteConfig").Items("Rewrites")[0].Str("Regex"));

        Cli(_account.Endpoint, "elbv2", "modify-rule", "--rule-arn", arn, "--reset-transforms");
        var reset = DescribeRule(_account.Endpoint, arn);
        Assert.False(reset.TryGetProperty("Transforms", out _));
        Assert.Equal(2, reset.Items("Conditions").Length);
    }

    [Fact]
    public void Modify_rule_replaces_the_conditions_and_set_rule_priorities_reorders_as_on_moto()
    {
        string[] Run(Uri endpoint, string listenerArn, string targetGroupArn)
        {
            var first = CreateRule(endpoint, listenerArn, targetGroupArn, "11", "[{\"Field\":\"path-pattern\",\"Values\":[\"/a\"]}]").Str("RuleArn");
            var second = CreateRule(endpoint, listenerArn, targetGroupArn, "12", "[{\"Field\":\"path-pattern\",\"Values\":[\"/b\"]}]").Str("RuleArn");
            Cli(endpoint, "elbv2", "modify-rule", "--rule-arn", first, "--conditions",
                "[{\"Field\":\"http-request-method\",\"HttpRequestMethodConfig\":{\"Values\":[\"PUT\"]}}]");
            Cli(endpoint, "elbv2", "set-rule-priorities", "--rule-priorities", $"RuleArn={first},Priority=13", $"RuleArn={second},Priority=14");
            var clash = Error(endpoint, "elbv2", "set-rule-priorities", "--rule-priorities", $"RuleArn={first},Priority=14");
            return new[] { DescribeRule(endpoint, first).Str("Priority"), DescribeRule(endpoint, second).Str("Priority"), Code(clash),
                DescribeRule(endpoint, first).Items("Conditions").Single().GetProperty("HttpRequestMethodConfig").Strings("Values").Single() };
        }

        var simulated = Run(_account.Endpoint, _ids.ListenerArn, _ids.BackendTargetGroupArn);

        Assert.Equal(new[] { "13", "14", "PriorityInUse", "PUT" }, simulated);
        Assert.Equal(simulated, Run(Moto, MotoListenerArn, MotoTargetGroupArn));
    }

    [Theory]
    [InlineData("[{\"Field\":\"http-request-method\",\"HttpRequestMethodConfig\":{\"Values\":[\"get\"]}}]", "allowed characters are A-Z")]
    [InlineData("[{\"Field\":\"source-ip\",\"Values\":[\"10.0.0.0/8\"]}]", "The 'Values' field is not compatible with 'source-ip'")]
    [InlineData("[{\"Field\":\"http-header\"}]", "A 'HttpHeaderConfig' must be specified with 'http-header'")]
    [InlineData("[{\"Field\":\"query-string\",\"QueryStringConfig\":{\"Values\":[{\"Key\":\"debug\"}]}}]", "A 'Value' must be specified")]
    [InlineData("[{\"Field\":\"host-header\",\"Values\":[\"a.example.com\",\"b.example.com\"]}]", "contains too many values; the limit is '1'")]
    [InlineData("[{\"Field\":\"path-pattern\",\"Values\":[\"/a\"],\"PathPatternConfig\":{\"Values\":[\"/b\"]}}]", "You cannot provide both Values and 'PathPatternConfig'")]
    [InlineData("[{\"Field\":\"cookie\",\"Values\":[\"a\"]}]", "Condition field 'cookie' must be one of")]
    public void Malformed_conditions_are_refused_as_moto_refuses_them(string conditions, string message)
    {
        var simulated = Error(_account.Endpoint, CreateRuleArgs(_ids.ListenerArn, _ids.BackendTargetGroupArn, "8", conditions));
        var peer = Error(Moto, CreateRuleArgs(MotoListenerArn, MotoTargetGroupArn, "8", conditions));

        Assert.Equal(("ValidationError", "ValidationError"), (Code(simulated), Code(peer)));
        Assert.Contains(message, simulated, StringComparison.Ordinal);
        Assert.Contains(message, peer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"Field\":\"host-header\",\"Values\":[\"a.example.com\"]},{\"Field\":\"host-header\",\"Values\":[\"b.example.com\"]}]", "can only have one 'host-header' condition")]
    [InlineData("[{\"Field\":\"source-ip\",\"SourceIpConfig\":{\"Values\":[\"10.0.0.0/8\"]}},{\"Field\":\"source-ip\",\"SourceIpConfig\":{\"Values\":[\"::/0\"]}}]", "can only have one 'source-ip' condition")]
    [InlineData("[{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"X-A\",\"Values\":[\"1\",\"2\",\"3\",\"4\"]}}]", "the limit is '3'")]
    [InlineData("[{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"X-A\",\"Values\":[\"1\",\"2\",\"3\"]}},{\"Field\":\"query-string\",\"QueryStringConfig\":{\"Values\":[{\"Value\":\"a\"},{\"Value\":\"b\"},{\"Value\":\"c\"}]}}]", "can only have '5' condition values")]
    [InlineData("[{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/a*b*c*\",\"/d*e*f*\"]}}]", "can only have '5' wildcards")]
    [InlineData("[{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/a\"],\"RegexValues\":[\"^/b\"]}}]", "both Values and RegexValues")]
    [InlineData("[{\"Field\":\"host-header\",\"PathPatternConfig\":{\"Values\":[\"/a\"]}}]", "'PathPatternConfig' can be specified only when Field is 'path-pattern'")]
    [InlineData("[{\"Field\":\"source-ip\",\"SourceIpConfig\":{\"Values\":[\"10.0.0.300/8\"]}}]", "not a valid IPv4 or IPv6 CIDR block")]
    [InlineData("[{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"Host\",\"Values\":[\"a.example.com\"]}}]", "'HttpHeaderName' value 'Host' is invalid")]
    [InlineData("[{\"Field\":\"host-header\",\"HostHeaderConfig\":{\"RegexValues\":[\"^(?=a)\"]}}]", "not a supported regular expression")]
    [InlineData("[{\"Field\":\"host-header\",\"HostHeaderConfig\":{\"Values\":[\"example.*\"]}}]", "only letters may follow the last '.'")]
    [InlineData("[{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"X-A\",\"Values\":[\"\"]}}]", "A condition value must be specified")]
    public void Conditions_beyond_the_documented_limits_are_refused(string conditions, string message)
    {
        // moto checks none of these (its create_rule leaves them as TODOs); the limits are the API reference's and the quotas page's.
        var stderr = Error(_account.Endpoint, CreateRuleArgs(_ids.ListenerArn, _ids.BackendTargetGroupArn, "8", conditions));

        Assert.Equal("ValidationError", Code(stderr));
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"Type\":\"url-rewrite\",\"UrlRewriteConfig\":{\"Rewrites\":[{\"Regex\":\"a\",\"Replace\":\"b\"}]}},{\"Type\":\"url-rewrite\",\"UrlRewriteConfig\":{\"Rewrites\":[{\"Regex\":\"c\",\"Replace\":\"d\"}]}}]", "can only have one 'url-rewrite' transform")]
    [InlineData("[{\"Type\":\"url-rewrite\",\"HostHeaderRewriteConfig\":{\"Rewrites\":[{\"Regex\":\"a\",\"Replace\":\"b\"}]}}]", "'HostHeaderRewriteConfig' can be specified only when the transform type is 'host-header-rewrite'")]
    [InlineData("[{\"Type\":\"path-rewrite\"}]", "Member must satisfy enum value set")]
    [InlineData("[{\"Type\":\"url-rewrite\",\"UrlRewriteConfig\":{\"Rewrites\":[{\"Regex\":\"(a)\\\\1\",\"Replace\":\"b\"}]}}]", "not a supported regular expression")]
    public void Transforms_beyond_the_documented_limits_are_refused(string transforms, string message)
    {
        var stderr = Error(_account.Endpoint, CreateRuleArgs(_ids.ListenerArn, _ids.BackendTargetGroupArn, "8", "[{\"Field\":\"path-pattern\",\"Values\":[\"/a\"]}]")
            .Concat(new[] { "--transforms", transforms }).ToArray());

        Assert.Equal("ValidationError", Code(stderr));
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_rule_takes_no_conditions_and_a_used_priority_is_refused_as_on_moto()
    {
        var defaultRule = Json(_account.Endpoint, "elbv2", "describe-rules", "--listener-arn", _ids.ListenerArn).Items("Rules").Single(r => r.GetProperty("IsDefault").GetBoolean());
        var onDefault = Error(_account.Endpoint, "elbv2", "modify-rule", "--rule-arn", defaultRule.Str("RuleArn"), "--conditions", "[{\"Field\":\"path-pattern\",\"Values\":[\"/a\"]}]");
        var inUse = Error(_account.Endpoint, CreateRuleArgs(_ids.ListenerArn, _ids.BackendTargetGroupArn, "10", "[{\"Field\":\"path-pattern\",\"Values\":[\"/a\"]}]"));
        CreateRule(Moto, MotoListenerArn, MotoTargetGroupArn, "10", "[{\"Field\":\"path-pattern\",\"Values\":[\"/a\"]}]");
        var inUsePeer = Error(Moto, CreateRuleArgs(MotoListenerArn, MotoTargetGroupArn, "10", "[{\"Field\":\"path-pattern\",\"Values\":[\"/b\"]}]"));

        Assert.Equal("OperationNotPermitted", Code(onDefault));
        Assert.Equal(("PriorityInUse", "PriorityInUse"), (Code(inUse), Code(inUsePeer)));
    }

    internal static JsonElement CreateRule(Uri endpoint, string listenerArn, string targetGroupArn, string priority, string conditions, params string[] extra) =>
        Json(endpoint, CreateRuleArgs(listenerArn, targetGroupArn, priority, conditions).Concat(extra).ToArray()).Items("Rules").Single();

    private static string[] CreateRuleArgs(string listenerArn, string targetGroupArn, string priority, string conditions) => new[]
    {
        "elbv2", "create-rule", "--listener-arn", listenerArn, "--priority", priority, "--conditions", conditions,
        "--actions", $"Type=forward,TargetGroupArn={targetGroupArn}",
    };

    private static JsonElement DescribeRule(Uri endpoint, string ruleArn) =>
        Json(endpoint, "elbv2", "describe-rules", "--rule-arns", ruleArn).Items("Rules").Single();

    /// <summary>The condition's *Config as compact JSON text, so two answers compare member for member.</summary>
    private static string Config(JsonElement rule, string config) =>
        JsonSerializer.Serialize(rule.Items("Conditions").Single().GetProperty(config));

    private static string Code(string stderr) => stderr[(stderr.IndexOf('(', StringComparison.Ordinal) + 1)..stderr.IndexOf(')', StringComparison.Ordinal)];

    private static JsonElement Json(Uri endpoint, params string[] args)
    {
        var result = Cli(endpoint, args.Append("--output").Append("json").ToArray());
        using var document = result.Json;
        return document.RootElement.Clone();
    }

    internal static string Text(Uri endpoint, params string[] args) => Cli(endpoint, args.Append("--output").Append("text").ToArray()).Stdout.Trim();

    private static AwsCliResult Cli(Uri endpoint, params string[] args)
    {
        var result = AwsCli.Run(endpoint, NetworkFixture.Region, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} against {endpoint} exited {result.ExitCode}: {result.Stderr}");
        return result;
    }

    private static string Error(Uri endpoint, params string[] args)
    {
        var result = AwsCli.Run(endpoint, NetworkFixture.Region, args);
        Assert.True(result.ExitCode is 254 or 255, $"aws {string.Join(' ', args)} against {endpoint} exited {result.ExitCode}: {result.Stdout}");
        return result.Stderr;
    }
}

/// <summary>moto's side of the peer tests: one server, VPC, load balancer and target group per test class.</summary>
public sealed class MotoLoadBalancerFixture : IDisposable
{
    private int _nextPort = 8000;

    public MotoLoadBalancerFixture()
    {
        Moto = MotoServer.Start();
        var endpoint = Moto.Endpoint;
        var vpc = RuleConditionsCliContractTests.Text(endpoint, "ec2", "create-vpc", "--cidr-block", "10.0.0.0/16", "--query", "Vpc.VpcId");
        var subnets = new[] { ("10.0.1.0/24", "a"), ("10.0.2.0/24", "b") }
            .Select(s => RuleConditionsCliContractTests.Text(endpoint, "ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", s.Item1,
                "--availability-zone", NetworkFixture.Region + s.Item2, "--query", "Subnet.SubnetId"))
            .ToArray();
        LoadBalancerArn = RuleConditionsCliContractTests.Text(endpoint, new[] { "elbv2", "create-load-balancer", "--name", "peer", "--subnets" }.Concat(subnets)
            .Concat(new[] { "--query", "LoadBalancers[0].LoadBalancerArn" }).ToArray());
        TargetGroupArn = RuleConditionsCliContractTests.Text(endpoint, "elbv2", "create-target-group", "--name", "peer", "--protocol", "HTTP", "--port", "80",
            "--vpc-id", vpc, "--target-type", "ip", "--query", "TargetGroups[0].TargetGroupArn");
    }

    public MotoServer Moto { get; }

    public string LoadBalancerArn { get; }

    public string TargetGroupArn { get; }

    public string AddListener() => RuleConditionsCliContractTests.Text(Moto.Endpoint, "elbv2", "create-listener", "--load-balancer-arn", LoadBalancerArn,
        "--protocol", "HTTP", "--port", System.Threading.Interlocked.Increment(ref _nextPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--default-actions", $"Type=forward,TargetGroupArn={TargetGroupArn}", "--query", "Listeners[0].ListenerArn");

    public void Dispose() => Moto.Dispose();
}
