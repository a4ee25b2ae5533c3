using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;
using Xunit;

namespace Kaviar.Ops.Core.Tests.LoadBalancing;

/// <summary>
/// Each condition type as the Elastic Load Balancing guide describes it ("Condition types for listener rules"), one
/// rule at a time ahead of a default rule: which requests reach the rule, and which fall through.
/// </summary>
public sealed class AlbRuleMatcherTests
{
    private static readonly Rule Default = new Rule { RuleArn = "default", Priority = "default", IsDefault = true, Conditions = new List<RuleCondition>() };

    public static IEnumerable<object[]> Cases() => new (string Name, RuleCondition Condition, AlbRequest Request, bool Reaches)[]
    {
        ("host: case-insensitive", Host("API.example.com"), Req(host: "api.EXAMPLE.com"), true),
        ("host: port is not part of the name", Host("api.example.com"), Req(host: "api.example.com:8443"), true),
        ("host: * wildcard", Host("*.example.com"), Req(host: "a.b.example.com"), true),
        ("host: ? is one character", Host("api?.example.com"), Req(host: "api12.example.com"), false),
        ("host: no Host header", Host("*"), Req(), false),
        ("host: legacy Values", new RuleCondition { Field = "host-header", Values = new List<string> { "old.example.com" } }, Req(host: "old.example.com"), true),
        ("host: regex sees the port", new RuleCondition { Field = "host-header", HostHeaderConfig = new HostHeaderConditionConfig { RegexValues = new List<string> { ":8443$" } } },
            Req(host: "api.example.com:8443"), true),
        ("path: case-sensitive", Path("/API/*"), Req(path: "/api/x"), false),
        ("path: never sees the query", Path("*v=2*"), Req(path: "/x?v=2"), false),
        ("path: wildcard across slashes", Path("/api/*"), Req(path: "/api/v1/orders?x=1"), true),
        ("path: regex is a search", new RuleCondition { Field = "path-pattern", PathPatternConfig = new PathPatternConditionConfig { RegexValues = new List<string> { "/v[0-9]+/" } } },
            Req(path: "/api/v2/orders"), true),
        ("path: anchored regex", new RuleCondition { Field = "path-pattern", PathPatternConfig = new PathPatternConditionConfig { RegexValues = new List<string> { "^/v[0-9]+/" } } },
            Req(path: "/api/v2/orders"), false),
        ("header: name and value case-insensitive", Header("X-Env", "Blue"), Req(headers: ("x-env", "BLUE")), true),
        ("header: absent", Header("X-Env", "*"), Req(), false),
        ("header: any occurrence may match", Header("X-Env", "green"), Req(headers: new[] { ("X-Env", "blue"), ("X-Env", "green") }), true),
        ("header: wildcard", Header("User-Agent", "*Mobile*"), Req(headers: ("User-Agent", "Mozilla/5.0 (iPhone) Mobile/15E148")), true),
        ("method: exact", Method("POST"), Req(method: "POST"), true),
        ("method: case-sensitive", Method("POST"), Req(method: "post"), false),
        ("method: GET by default", Method("GET", "HEAD"), Req(), true),
        ("query: key and value, case-insensitive", Query(("Version", "V2")), Req(path: "/x?version=v2&y=1"), true),
        ("query: value without a key matches any key's value", Query((null, "beta")), Req(path: "/x?channel=beta"), true),
        ("query: key must match", Query(("v", "2")), Req(path: "/x?w=2"), false),
        ("query: percent-encoded", Query(("q", "a b")), Req(path: "/x?q=a%20b"), true),
        ("query: wildcard", Query(("id", "12*")), Req(path: "/x?id=12345"), true),
        ("query: escaped * is literal", Query(("op", "a\\*")), Req(path: "/x?op=abc"), false),
        ("query: escaped * matches a literal *", Query(("op", "a\\*")), Req(path: "/x?op=a*"), true),
        ("query: none in the request", Query(("v", "*")), Req(path: "/x"), false),
        ("source: inside an IPv4 block", Source("10.0.0.0/8"), Req(source: "10.1.2.3"), true),
        ("source: outside", Source("10.0.0.0/8"), Req(source: "192.0.2.1"), false),
        ("source: IPv6 never in an IPv4 block", Source("0.0.0.0/0"), Req(source: "2001:db8::1"), false),
        ("source: IPv6 block", Source("2001:db8::/32"), Req(source: "2001:db8::1"), true),
        ("unknown field", new RuleCondition { Field = "future-field" }, Req(), false),
    }.Select(c => new object[] { c.Name, c.Condition, c.Request, c.Reaches });

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_request_reaches_the_rule_only_when_its_condition_holds(string name, RuleCondition condition, AlbRequest request, bool reaches)
    {
        var rule = new Rule { RuleArn = "r", Priority = "1", Conditions = new List<RuleCondition> { condition } };

        var match = AlbRuleMatcher.Match(new[] { Default, rule }, request);

        Assert.True(reaches == (match.Rule == rule), $"{name}: reached {match.Rule.Priority}");
    }

    [Fact]
    public void Every_condition_of_a_rule_must_hold_and_rules_go_by_priority_not_by_order_listed()
    {
        var both = new Rule { RuleArn = "both", Priority = "5", Conditions = new List<RuleCondition> { Host("admin.example.com"), Header("X-Env", "blue") } };
        var host = new Rule { RuleArn = "host", Priority = "10", Conditions = new List<RuleCondition> { Host("admin.example.com") } };
        var rules = new[] { Default, host, both };

        Assert.Equal("host", AlbRuleMatcher.Match(rules, Req(host: "admin.example.com")).Rule.RuleArn);
        Assert.Equal("both", AlbRuleMatcher.Match(rules, Req(host: "admin.example.com", headers: ("X-Env", "blue"))).Rule.RuleArn);
        Assert.Equal("Host admin.example.com and header X-Env is blue", AlbRuleMatcher.Describe(both));
    }

    [Fact]
    public void A_source_rule_is_undecided_without_a_source_and_the_next_rule_is_reported_with_it()
    {
        var internalOnly = new Rule { RuleArn = "internal", Priority = "1", Conditions = new List<RuleCondition> { Path("/admin/*"), Source("10.0.0.0/8") } };

        var unknown = AlbRuleMatcher.Match(new[] { Default, internalOnly }, Req(path: "/admin/users"));
        var outside = AlbRuleMatcher.Match(new[] { Default, internalOnly }, Req(path: "/admin/users", source: "198.51.100.7"));

        Assert.Same(Default, unknown.Rule);
        Assert.Equal("rule 1 matches only requests from 10.0.0.0/8", Assert.Single(unknown.Undecided));
        Assert.Same(Default, outside.Rule);
        Assert.Empty(outside.Undecided);
    }

    [Fact]
    public void Transforms_rewrite_what_the_targets_receive_and_leave_an_unmatched_request_as_it_was()
    {
        var rule = new Rule
        {
            RuleArn = "r", Priority = "1", Conditions = new List<RuleCondition> { Path("/api/*") },
            Transforms = new List<RuleTransform>
            {
                new RuleTransform { Type = "url-rewrite", UrlRewriteConfig = new UrlRewriteConfig { Rewrites = new List<RewriteConfig> { new RewriteConfig { Regex = "^/api/(.*)$", Replace = "/$1" } } } },
                new RuleTransform
                {
                    Type = "host-header-rewrite",
                    HostHeaderRewriteConfig = new HostHeaderRewriteConfig { Rewrites = new List<RewriteConfig> { new RewriteConfig { Regex = "^www\\.(.+)$", Replace = "internal.$1" } } },
                },
            },
        };

        var rewritten = AlbRuleMatcher.Match(new[] { Default, rule }, Req(host: "www.example.com", path: "/api/orders?page=2"));
        var unmatched = AlbRuleMatcher.Match(new[] { Default, rule }, Req(host: "example.com", path: "/api/orders"));

        Assert.Equal("/orders?page=2", rewritten.RewrittenUrl);
        Assert.Equal("internal.example.com", rewritten.RewrittenHost);
        Assert.Null(unmatched.RewrittenHost);
        Assert.Equal("/orders", unmatched.RewrittenUrl);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("not-an-address")]
    public void A_source_that_is_not_one_address_is_refused(string source)
    {
        var error = Assert.Throws<OpsException>(() => Req(source: source));

        Assert.Equal(ErrorTable.InvalidHttpRequest, error.Code);
    }

    [Fact]
    public void A_header_name_HTTP_does_not_allow_is_refused() =>
        Assert.Equal(ErrorTable.InvalidHttpRequest, Assert.Throws<OpsException>(() => Req(headers: ("X Env", "blue"))).Code);

    public static IEnumerable<object[]> Coverings() => new (string Name, RuleCondition[] Earlier, RuleCondition[] Later, bool Covers)[]
    {
        ("a path prefix covers a longer one", new[] { Path("/api/*") }, new[] { Path("/api/v1/*") }, true),
        ("a longer prefix does not cover a shorter one", new[] { Path("/api/v1/*") }, new[] { Path("/api/*") }, false),
        ("paths compare case-sensitively", new[] { Path("/API/*") }, new[] { Path("/api/v1") }, false),
        ("a host suffix covers a name in it", new[] { Host("*.example.com") }, new[] { Host("API.example.com") }, true),
        ("a rule with fewer conditions covers one with more", new[] { Path("/api/*") }, new[] { Path("/api/x"), Method("POST") }, true),
        ("a rule with more conditions does not cover one with fewer", new[] { Path("/api/*"), Method("POST") }, new[] { Path("/api/x") }, false),
        ("every value of the later condition must be covered", new[] { Path("/a/*") }, new[] { Path("/a/1", "/b/1") }, false),
        ("a catch-all path covers anything", new[] { Path("/*") }, new[] { Host("x.example.com"), Header("X-Env", "blue") }, true),
        ("a wider source block", new[] { Source("10.0.0.0/8") }, new[] { Source("10.1.0.0/16") }, true),
        ("a pattern with an inner wildcard is claimed only when equal", new[] { Path("/a/?/x*") }, new[] { Path("/a/b/xy") }, false),
        ("headers by name, case-insensitive", new[] { Header("x-env", "blue") }, new[] { Header("X-Env", "BLUE") }, true),
        ("another header name", new[] { Header("X-Env", "*") }, new[] { Header("X-Other", "blue") }, false),
        ("methods", new[] { Method("GET", "HEAD") }, new[] { Method("GET") }, true),
    }.Select(c => new object[] { c.Name, c.Earlier, c.Later, c.Covers });

    [Theory]
    [MemberData(nameof(Coverings))]
    public void An_earlier_rule_covers_a_later_one_only_when_it_matches_everything_the_later_one_does(string name, RuleCondition[] earlier, RuleCondition[] later, bool covers)
    {
        var first = new Rule { Priority = "1", Conditions = earlier.ToList() };
        var second = new Rule { Priority = "2", Conditions = later.ToList() };

        Assert.True(covers == AlbRuleMatcher.Covers(first, second), name);
    }

    [Fact]
    public void Only_a_rule_whose_every_condition_is_universal_matches_every_request()
    {
        Assert.True(AlbRuleMatcher.MatchesEveryRequest(new Rule { Conditions = new List<RuleCondition> { Path("/*") } }));
        Assert.True(AlbRuleMatcher.MatchesEveryRequest(new Rule { Conditions = new List<RuleCondition> { Host("*"), Source("0.0.0.0/0", "::/0") } }));
        Assert.False(AlbRuleMatcher.MatchesEveryRequest(new Rule { Conditions = new List<RuleCondition> { Path("/*"), Source("0.0.0.0/0") } }));
        Assert.False(AlbRuleMatcher.MatchesEveryRequest(new Rule { Conditions = new List<RuleCondition> { Path("/api/*") } }));
    }

    private static AlbRequest Req(string? host = null, string path = "/", string? method = null, string? source = null, params (string Name, string Value)[] headers) =>
        new AlbRequest(host, path, method, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), source);

    private static RuleCondition Host(params string[] values) =>
        new RuleCondition { Field = "host-header", HostHeaderConfig = new HostHeaderConditionConfig { Values = values.ToList() } };

    private static RuleCondition Path(params string[] values) =>
        new RuleCondition { Field = "path-pattern", PathPatternConfig = new PathPatternConditionConfig { Values = values.ToList() } };

    private static RuleCondition Header(string name, params string[] values) =>
        new RuleCondition { Field = "http-header", HttpHeaderConfig = new HttpHeaderConditionConfig { HttpHeaderName = name, Values = values.ToList() } };

    private static RuleCondition Method(params string[] values) =>
        new RuleCondition { Field = "http-request-method", HttpRequestMethodConfig = new HttpRequestMethodConditionConfig { Values = values.ToList() } };

    private static RuleCondition Query(params (string? Key, string Value)[] pairs) =>
        new RuleCondition { Field = "query-string", QueryStringConfig = new QueryStringConditionConfig { Values = pairs.Select(p => new QueryStringKeyValuePair { Key = p.Key, Value = p.Value }).ToList() } };

    private static RuleCondition Source(params string[] blocks) =>
        new RuleCondition { Field = "source-ip", SourceIpConfig = new SourceIpConditionConfig { Values = blocks.ToList() } };
}
