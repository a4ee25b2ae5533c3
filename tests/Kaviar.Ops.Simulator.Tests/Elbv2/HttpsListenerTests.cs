using System;
using System.Linq;
using System.Net.Http;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Elbv2;

/// <summary>
/// scenarios/shop-https.json, the production shape: HTTPS:443 with an ACM certificate forwarding to the service, and
/// HTTP:80 redirecting to it. The file builds and exports to itself; the listeners serve TLS and the redirect.
/// </summary>
public sealed class HttpsListenerTests : IDisposable
{
    private const string LoadBalancer = "shop-alb";
    private const string Host = "shop.example.com";

    private readonly AccountScenario _scenario = AccountFile.Read(RepositoryFiles.PathOf("scenarios", "shop-https.json")).Scenario();
    private readonly SimulatedAccount _account;

    public HttpsListenerTests() => _account = SimulatedAccount.Start(_scenario, new ManualClock());

    public void Dispose() => _account.Dispose();

    [Fact]
    public void The_file_builds_its_certificate_and_https_listener_and_exports_to_the_same_file()
    {
        var indented = new JsonSerializerOptions { WriteIndented = true };
        var exported = AccountFileExporter.Export(_scenario, _account.State);
        var loaded = AccountFile.Parse(exported.ToJsonString()).Scenario();

        var (certificate, https) = _account.Read(s => (s.Acm.Certificates.Single(), s.Elbv2.Listeners.Single(l => l.Port == 443)));
        Assert.Equal(new[] { Host, "*.shop.example.com" }, certificate.SubjectAlternativeNames);
        Assert.Matches($"^arn:aws:acm:eu-central-1:555566667777:certificate/[0-9a-f-]{{36}}$", certificate.Arn);
        Assert.Equal(("HTTPS", certificate.Arn, "ELBSecurityPolicy-TLS13-1-2-2021-06"), (https.Protocol, https.Tls!.CertificateArn, https.Tls.SslPolicy));
        Assert.Equal(exported.ToJsonString(indented), AccountFileExporter.Export(loaded, loaded.Build(new ManualClock())).ToJsonString(indented));
        Assert.Contains("\"redirect\"", exported.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"certificate\": \"shop.example.com\"", "\"certificate\": \"www.example.com\"",
        "$.loadBalancers[0].listeners[0].certificate: no certificate is named 'www.example.com'; there are: shop.example.com.")]
    [InlineData("\"subjectAlternativeNames\": [ \"*.shop.example.com\" ]", "\"status\": \"PENDING_VALIDATION\"",
        "$.loadBalancers[0].listeners[0]: Certificate 'arn:aws:acm:eu-central-1:555566667777:certificate/")]
    public void A_listener_naming_a_certificate_the_file_lacks_or_one_not_issued_is_refused_at_its_path(string replaced, string by, string error)
    {
        var json = System.IO.File.ReadAllText(RepositoryFiles.PathOf("scenarios", "shop-https.json")).Replace(replaced, by, StringComparison.Ordinal);

        var refused = Assert.Throws<AccountFileException>(() => AccountFile.Parse(json).Scenario().Build(new ManualClock()));

        Assert.StartsWith(error, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_https_listener_presents_a_certificate_for_the_acm_names_and_forwards_to_the_service()
    {
        var url = _account.ListenerUrl(LoadBalancer, 443);
        X509Certificate2? presented = null;
        using var client = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = new X509Certificate2(certificate!);
                return true;
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/healthz"));
        request.Headers.Host = Host;

        using var response = await client.SendAsync(request);

        Assert.Equal("https", url.Scheme);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("CN=" + Host, presented!.Subject);
        Assert.Equal(new[] { Host, "*.shop.example.com" }, presented.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
    }

    [Fact]
    public async Task A_client_that_checks_certificates_refuses_the_self_signed_one()
    {
        using var client = new HttpClient();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(_account.ListenerUrl(LoadBalancer, 443), "/healthz")));

        Assert.IsType<AuthenticationException>(refused.InnerException);
    }

    [Fact]
    public async Task The_http_listener_redirects_to_https_on_443_keeping_host_path_and_query()
    {
        var url = _account.ListenerUrl(LoadBalancer, 80);

        var answer = await Http.GetAsync(url, "/cart?item=42", Host);

        Assert.Equal("http", url.Scheme);
        Assert.Equal((301, new Uri("https://shop.example.com:443/cart?item=42"), "awselb/2.0"), (answer.Status, answer.Location, answer.Server));
    }
}
