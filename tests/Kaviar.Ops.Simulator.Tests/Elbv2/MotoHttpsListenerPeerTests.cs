using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Tests.Ec2;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Elbv2;

/// <summary>
/// The same HTTPS create-listener calls, as the aws CLI writes them, in moto and in the simulated account: the listener
/// comes back in the same shape (its certificate, the default security policy), and an unknown certificate is
/// CertificateNotFound in both. Moto is laxer (it takes a certificate still pending validation), so only what both do is compared.
/// </summary>
public sealed class MotoHttpsListenerPeerTests : IClassFixture<MotoLoadBalancerFixture>, IDisposable
{
    private const string UnknownCertificate = "arn:aws:acm:us-east-2:123456789012:certificate/00000000-0000-0000-0000-000000000000";

    private readonly MotoLoadBalancerFixture _moto;
    private readonly SimulatedAccount _account;
    private readonly NetworkFixture _ids;

    public MotoHttpsListenerPeerTests(MotoLoadBalancerFixture moto)
    {
        _moto = moto;
        (_account, _ids) = NetworkFixture.Start();
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public void An_https_listener_reads_back_alike_and_an_unknown_certificate_is_not_found_in_both()
    {
        string certificateArn;
        lock (_account.State.SyncRoot)
        {
            certificateArn = _account.State.Acm.AddCertificate("shop.example.com").Arn;
        }

        var simulated = CreateHttpsListener(_account.Endpoint, _ids.LoadBalancerArn, certificateArn);
        var motoCertificate = RuleConditionsCliContractTests.Text(_moto.Moto.Endpoint, "acm", "request-certificate", "--domain-name", "shop.example.com",
            "--query", "CertificateArn");
        var moto = CreateHttpsListener(_moto.Moto.Endpoint, _moto.LoadBalancerArn, motoCertificate);

        Assert.Equal(0, simulated.ExitCode);
        Assert.Equal(0, moto.ExitCode);
        var (ours, theirs) = (Listener(simulated), Listener(moto));
        // Moto adds an empty AlpnPolicy, which only TLS listeners of Network Load Balancers use.
        Assert.Empty(Members(ours).Except(Members(theirs)));
        Assert.Equal((theirs.Str("Protocol"), theirs.Int("Port"), theirs.Str("SslPolicy")), (ours.Str("Protocol"), ours.Int("Port"), ours.Str("SslPolicy")));
        Assert.Equal(Members(theirs.Items("Certificates").Single()), Members(ours.Items("Certificates").Single()));

        var notFound = new[] { CreateHttpsListener(_account.Endpoint, _ids.LoadBalancerArn, UnknownCertificate, 8443),
            CreateHttpsListener(_moto.Moto.Endpoint, _moto.LoadBalancerArn, UnknownCertificate, 8443) };
        Assert.All(notFound, result => Assert.Contains("(CertificateNotFound)", result.Stderr, StringComparison.Ordinal));
    }

    private static AwsCliResult CreateHttpsListener(Uri endpoint, string loadBalancerArn, string certificateArn, int port = 443) =>
        AwsCli.Run(endpoint, NetworkFixture.Region, "elbv2", "create-listener", "--load-balancer-arn", loadBalancerArn, "--protocol", "HTTPS",
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--certificates", $"CertificateArn={certificateArn}",
            "--default-actions", "Type=fixed-response,FixedResponseConfig={StatusCode=200}", "--output", "json");

    private static JsonElement Listener(AwsCliResult result)
    {
        using var document = result.Json;
        return document.RootElement.GetProperty("Listeners").EnumerateArray().Single().Clone();
    }

    private static string[] Members(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order().ToArray();
}
