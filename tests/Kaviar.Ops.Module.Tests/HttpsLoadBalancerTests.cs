using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// The production shape (scenarios/shop-https.json): HTTPS:443 with an ACM certificate forwarding to the service,
/// HTTP:80 redirecting to it. The module resolves both, calls neither a problem, and says a refused certificate is one.
/// </summary>
public sealed class HttpsLoadBalancerTests : IDisposable
{
    private const string Host = "shop.example.com";

    private readonly SimulatedAccount account;
    private readonly ModuleSession session;

    public HttpsLoadBalancerTests()
    {
        account = SimulatedAccount.Start(AccountFile.Read(RepositoryFiles.PathOf("scenarios", "shop-https.json")).Scenario(), new ManualClock());
        session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void Resolve_AlbRoute_reads_the_redirect_on_80_and_the_forward_on_443()
    {
        var http = Assert.Single(Invoke($"Resolve-AlbRoute shop-alb {Host} '/cart?item=42' -Port 80"));
        var https = Assert.Single(Invoke($"Resolve-AlbRoute shop-alb {Host} '/cart?item=42' -Port 443"));

        Assert.Equal(("redirect", "https://shop.example.com:443/cart?item=42"), ((string)http.Properties["ActionType"].Value, (string)http.Properties["RedirectLocation"].Value));
        Assert.Equal("forward", https.Properties["ActionType"].Value);
        Assert.Matches(":targetgroup/shop-web-tg/[0-9a-f]{16}$", (string)https.Properties["TargetGroupArn"].Value);
        Assert.Equal(2, https.Properties["HealthyTargets"].Value);
    }

    [Fact]
    public void Test_AlbListener_calls_neither_the_redirecting_http_listener_nor_the_https_one_a_problem()
    {
        // The audit speaks only of what needs a look: a listener of default actions only, answering as it should, says nothing.
        Assert.Empty(Invoke("Test-AlbListener shop-alb"));
    }

    [Fact]
    public void Test_HttpEndpoint_names_an_untrusted_certificate_as_a_tls_problem_and_passes_with_SkipCertificateCheck()
    {
        var url = new Uri(account.ListenerUrl("shop-alb", 443), "/healthz");

        // With the Host header the certificate names, only its issuer is unknown; by the bare address, the name is wrong too.
        var refused = session.Invoke($"Test-HttpEndpoint {url} -HostHeader {Host}");
        var misnamed = session.Invoke($"Test-HttpEndpoint {url}");
        var skipped = Invoke($"Test-HttpEndpoint {url} -HostHeader {Host} -SkipCertificateCheck -ExpectJson @{{ status = 'ok' }}");

        var result = Assert.Single(refused.Output);
        Assert.Null(result.Properties["StatusCode"].Value);
        var presented = $"TLS certificate problem: the certificate 127.0.0.1:{url.Port} presented (CN={Host}, for {Host}, *.shop.example.com, issued by CN={Host}) was refused: ";
        var reason = Assert.Single((IEnumerable<string>)result.Properties["Reasons"].Value);
        // The chain status's own words are the platform's (OpenSSL's here).
        Assert.StartsWith(presented + "this machine does not trust it (UntrustedRoot: ", reason, StringComparison.Ordinal);
        Assert.EndsWith("). To fix it, trust its issuing CA on this machine; to rehearse against a test certificate, use -SkipCertificateCheck.", reason, StringComparison.Ordinal);
        Assert.Equal("HttpSmokeTestFailed", Assert.Single(refused.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("; and it is not issued for 127.0.0.1. To fix it, trust its issuing CA on this machine and call it by a name it is issued for;",
            Assert.Single((IEnumerable<string>)Assert.Single(misnamed.Output).Properties["Reasons"].Value), StringComparison.Ordinal);
        Assert.Equal((true, 200), ((bool)Assert.Single(skipped).Properties["Passed"].Value, (int?)skipped[0].Properties["StatusCode"].Value));
    }

    [Fact]
    public void Test_EcsNetworkPath_judges_internet_ingress_on_every_listener_port_and_its_fix_line_opens_443()
    {
        var groupId = account.Read(s => s.Ec2.SecurityGroups.Single(g => g.GroupName == "shop-alb-sg").GroupId);
        // The simulated load balancer drops what its group does not admit, so the module's verdict and the traffic agree.
        var smoke = $"Test-HttpEndpoint {new Uri(account.ListenerUrl("shop-alb", 443), "/healthz")} -HostHeader {Host} -SkipCertificateCheck -RequestTimeout 2";
        string Smoke() => string.Join(" ", (IEnumerable<string>)Assert.Single(session.Invoke(smoke).Output).Properties["Reasons"].Value);
        string ClientLinks() => string.Join(" | ", Invoke("Test-EcsNetworkPath shop shop-web")
            .Where(c => (string)c.Properties["Link"].Value == "ClientToLoadBalancer")
            .Select(c => $"{c.Properties["Port"].Value} {c.Properties["Passed"].Value}"));
        Assert.Equal("80 True | 443 True", ClientLinks());

        // The classic slip: the group still admits only 80, which now just redirects, while HTTPS clients time out.
        var revoked = AwsCli.Run(account.Endpoint, account.Region, "ec2", "revoke-security-group-ingress", "--group-id", groupId,
            "--protocol", "tcp", "--port", "443", "--cidr", "0.0.0.0/0");
        Assert.True(revoked.ExitCode == 0, revoked.Stderr);
        var failed = Assert.Single(session.Invoke("Test-EcsNetworkPath shop shop-web | Where-Object -Not Passed").Output);

        Assert.Equal("No answer within 2 s.", Smoke());
        Assert.Equal(("ClientToLoadBalancer", 443, $"shop-alb: shop-alb-sg ({groupId})"),
            ((string)failed.Properties["Link"].Value, (int?)failed.Properties["Port"].Value, (string)failed.Properties["Destination"].Value));
        Assert.Contains("no client reaches the HTTPS listener of shop-alb on 443", (string)failed.Properties["Detail"].Value, StringComparison.Ordinal);
        var fix = (string)failed.Properties["Fix"].Value;
        Assert.Equal($"aws ec2 authorize-security-group-ingress --region eu-central-1 --group-id {groupId} --protocol tcp --port 443 --cidr 0.0.0.0/0", fix);
        // The printed line as a user runs it (its own --region is the account's, repeated).
        var applied = AwsCli.Run(account.Endpoint, account.Region, fix.Split(' ').Skip(1).ToArray());
        Assert.True(applied.ExitCode == 0, applied.Stderr);
        Assert.Equal("80 True | 443 True", ClientLinks());
        Assert.Equal("", Smoke());

        // Meant for an office only: not a broken link, though the internet at large times out.
        foreach (var (verb, cidr) in new[] { ("revoke", "0.0.0.0/0"), ("authorize", "203.0.113.0/24") })
        {
            var changed = AwsCli.Run(account.Endpoint, account.Region, "ec2", $"{verb}-security-group-ingress", "--group-id", groupId,
                "--protocol", "tcp", "--port", "443", "--cidr", cidr);
            Assert.True(changed.ExitCode == 0, changed.Stderr);
        }

        var office = Invoke("Test-EcsNetworkPath shop shop-web").Single(c => (string)c.Properties["Link"].Value == "ClientToLoadBalancer" && (int?)c.Properties["Port"].Value == 443);
        Assert.True((bool)office.Properties["Passed"].Value);
        Assert.Contains("the HTTPS listener of shop-alb on 443 admits only 203.0.113.0/24", (string)office.Properties["Detail"].Value, StringComparison.Ordinal);
    }

    private IReadOnlyList<System.Management.Automation.PSObject> Invoke(string script)
    {
        var result = session.Invoke(script);
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        return result.Output;
    }
}
