using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Rds;
using Kaviar.Ops.Database;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class PostgresTlsTests
{
    private readonly PostgresServerFixture _fixture;

    public PostgresTlsTests(PostgresServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Verify_full_with_the_ca_bundle_connects_encrypted()
    {
        using var session = await PostgresConnector.OpenAsync(_fixture.Target(), default);

        Assert.True(session.IsEncrypted);
        Assert.StartsWith("15.", session.ServerVersion);
    }

    [Fact]
    public async Task A_bundle_of_several_cas_is_read_past_its_first_certificate()
    {
        var target = _fixture.Target(caBundlePath: _fixture.Server.Certificates.MultiCaBundlePath);

        var probe = await PostgresConnector.ProbeAsync(target, default);

        Assert.True(probe.Succeeded, probe.Failure?.Message);
        Assert.True(probe.Encrypted);
        Assert.Equal(3, CaBundle.Load(target.CaBundlePath!).Certificates.Count);
    }

    [Fact]
    public async Task Without_the_bundle_the_chain_is_untrusted_and_the_message_names_the_fix()
    {
        var target = new PostgresTarget(PostgresServer.Host, _fixture.Server.Port, "postgres", _fixture.Server.AdminCredential);

        var failure = await FailureOf(target);

        Assert.Equal(PostgresFailureKind.UntrustedCertificateChain, failure.KindValue);
        Assert.Contains("SELF_SIGNED_CERT_IN_CHAIN", failure.Message);
        Assert.Contains("https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem", failure.Message);
        Assert.Contains("-CaBundlePath", failure.Message);
        Assert.Contains("NODE_EXTRA_CA_CERTS", failure.Message);
        Assert.Contains("this machine's trust store", failure.Message);
    }

    [Fact]
    public async Task A_bundle_without_the_signing_ca_is_untrusted_and_named()
    {
        var bundle = _fixture.Server.Certificates.UnrelatedCaPath;

        var failure = await FailureOf(_fixture.Target(caBundlePath: bundle));

        Assert.Equal(PostgresFailureKind.UntrustedCertificateChain, failure.KindValue);
        Assert.Contains($"the bundle {bundle} does not contain the CA that signed it", failure.Message);
        Assert.Contains("issued by 'CN=Kaviar Test Root CA, O=Kaviar Tests', and neither is in the bundle", failure.Message);
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_a_host_name_mismatch_unless_verify_ca_is_chosen()
    {
        await _fixture.Server.ConfigureTlsAsync(ServerTls.WrongName);
        try
        {
            var failure = await FailureOf(_fixture.Target());
            var verifyCa = await PostgresConnector.ProbeAsync(_fixture.Target(tlsMode: TlsMode.VerifyCA), default);

            Assert.Equal(PostgresFailureKind.HostNameMismatch, failure.KindValue);
            Assert.Contains("does not name the host '127.0.0.1'", failure.Message);
            Assert.Contains("CN=db.wrong-name.example", failure.Message);
            Assert.Contains("RDS endpoint name", failure.Message);
            Assert.True(verifyCa.Succeeded, verifyCa.Failure?.Message);
        }
        finally
        {
            await _fixture.Server.ConfigureTlsAsync(ServerTls.Valid);
        }
    }

    [Fact]
    public async Task A_server_with_ssl_off_is_reported_and_disable_is_an_explicit_way_in()
    {
        await _fixture.Server.ConfigureTlsAsync(ServerTls.Off);
        try
        {
            var failure = await FailureOf(_fixture.Target());
            using var plain = await PostgresConnector.OpenAsync(_fixture.Target(tlsMode: TlsMode.Disable), default);

            Assert.Equal(PostgresFailureKind.ServerDoesNotSupportSsl, failure.KindValue);
            Assert.Contains("does not offer TLS", failure.Message);
            Assert.False(plain.IsEncrypted);
        }
        finally
        {
            await _fixture.Server.ConfigureTlsAsync(ServerTls.Valid);
        }
    }

    [Fact]
    public async Task Require_encrypts_without_checking_the_certificate()
    {
        var target = new PostgresTarget(PostgresServer.Host, _fixture.Server.Port, "postgres", _fixture.Server.AdminCredential, TlsMode.Require);

        using var session = await PostgresConnector.OpenAsync(target, default);

        Assert.True(session.IsEncrypted);
        Assert.EndsWith("(sslmode=require)", target.DisplayName);
    }

    private static async Task<PostgresFailure> FailureOf(PostgresTarget target) =>
        (await Assert.ThrowsAsync<PostgresConnectionException>(() => PostgresConnector.OpenAsync(target, default))).Failure;
}
