using System;
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
        var failure = await FailureOf(MachineStoreTarget());

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
        await WhileTheServerPresents(ServerTls.WrongName, async () =>
        {
            var failure = await FailureOf(_fixture.Target());
            var verifyCa = await PostgresConnector.ProbeAsync(_fixture.Target(tlsMode: TlsMode.VerifyCA), default);

            Assert.Equal(PostgresFailureKind.HostNameMismatch, failure.KindValue);
            Assert.Contains("does not name the host '127.0.0.1'; it names db.wrong-name.example.", failure.Message);
            Assert.Contains("CN=db.wrong-name.example", failure.Message);
            Assert.Contains("'127.0.0.1' is an IP address; RDS and Aurora certificates name their endpoints, not addresses", failure.Message);
            Assert.Contains("RDS endpoint name", failure.Message);
            Assert.True(verifyCa.Succeeded, verifyCa.Failure?.Message);
        });
    }

    [Fact]
    public async Task An_expired_server_certificate_anchored_in_the_bundle_is_the_servers_to_rotate_not_a_missing_ca()
    {
        await WhileTheServerPresents(ServerTls.Expired, async () =>
        {
            var withBundle = await FailureOf(_fixture.Target());
            var machineStore = await FailureOf(MachineStoreTarget());

            Assert.Equal(PostgresFailureKind.UntrustedCertificateChain, withBundle.KindValue);
            Assert.Contains("the server certificate 'CN=localhost, O=Kaviar Tests' expired on ", withBundle.Message);
            Assert.Contains("aws rds modify-db-instance --db-instance-identifier <instance-id> --ca-certificate-identifier rds-ca-rsa2048-g1 --apply-immediately",
                withBundle.Message);
            Assert.Contains("rds-ca-rsa4096-g1 and rds-ca-ecc384-g1", withBundle.Message);
            Assert.Contains("this machine's clock is wrong", withBundle.Message);
            Assert.DoesNotContain("does not contain", withBundle.Message);
            Assert.DoesNotContain(RdsCaBundle.Url, withBundle.Message);
            Assert.Contains("the server certificate 'CN=localhost, O=Kaviar Tests' expired on ", machineStore.Message);
        });
    }

    [Fact]
    public async Task Another_regions_bundle_names_the_missing_rds_ca_and_the_global_bundle_connects()
    {
        await WhileTheServerPresents(ServerTls.OtherRegion, async () =>
        {
            var regional = await FailureOf(_fixture.Target(caBundlePath: _fixture.Server.Certificates.UsEast1BundlePath));
            var global = await PostgresConnector.ProbeAsync(_fixture.Target(caBundlePath: _fixture.Server.Certificates.RegionalRootsBundlePath), default);

            Assert.Equal(PostgresFailureKind.UntrustedCertificateChain, regional.KindValue);
            Assert.Contains($"does not contain '{RdsStyleCertificates.OtherRegionRootName}', the RDS CA that signed it", regional.Message);
            Assert.Contains("A regional bundle holds only its region's CAs", regional.Message);
            Assert.Contains("rds-combined-ca-bundle.pem", regional.Message);
            Assert.Contains("the global bundle holds every region's", regional.Message);
            Assert.Contains($"Download {RdsCaBundle.Url} and pass it with -CaBundlePath", regional.Message);
            Assert.True(global.Succeeded, global.Failure?.Message);
        });
    }

    [Fact]
    public async Task An_rds_proxy_chain_asks_for_amazons_roots_not_the_rds_bundle_and_they_connect()
    {
        await WhileTheServerPresents(ServerTls.RdsProxy, async () =>
        {
            var rdsBundle = await FailureOf(_fixture.Target());
            var machineStore = await FailureOf(MachineStoreTarget());
            var amazonRoots = await PostgresConnector.ProbeAsync(_fixture.Target(caBundlePath: _fixture.Server.Certificates.AmazonRootCaPath), default);

            Assert.Equal(PostgresFailureKind.UntrustedCertificateChain, rdsBundle.KindValue);
            Assert.Contains("does not contain 'CN=Amazon Root CA 1, O=Amazon, C=US'", rdsBundle.Message);
            Assert.Contains("the server presents an RDS Proxy certificate (CN=*.proxy-abc123.us-east-1.rds.amazonaws.com", rdsBundle.Message);
            Assert.Contains("RDS Proxy's certificates come from AWS Certificate Manager", rdsBundle.Message);
            Assert.Contains("leave out -CaBundlePath to use this machine's trust store, or add Amazon Root CA 1-4 from https://www.amazontrust.com/repository/",
                rdsBundle.Message);
            Assert.DoesNotContain("Download", rdsBundle.Message);
            Assert.Contains("this machine's trust store does not trust 'CN=Amazon Root CA 1, O=Amazon, C=US'", machineStore.Message);
            Assert.Contains("pass -CaBundlePath with Amazon Root CA 1-4", machineStore.Message);
            Assert.DoesNotContain(RdsCaBundle.Url, machineStore.Message);
            Assert.True(amazonRoots.Succeeded, amazonRoots.Failure?.Message);
        });
    }

    [Fact]
    public async Task A_server_with_ssl_off_is_reported_and_disable_is_an_explicit_way_in()
    {
        await WhileTheServerPresents(ServerTls.Off, async () =>
        {
            var failure = await FailureOf(_fixture.Target());
            using var plain = await PostgresConnector.OpenAsync(_fixture.Target(tlsMode: TlsMode.Disable), default);

            Assert.Equal(PostgresFailureKind.ServerDoesNotSupportSsl, failure.KindValue);
            Assert.Contains("does not offer TLS", failure.Message);
            Assert.False(plain.IsEncrypted);
        });
    }

    [Fact]
    public async Task Require_encrypts_without_checking_the_certificate()
    {
        var target = new PostgresTarget(PostgresServer.Host, _fixture.Server.Port, "postgres", _fixture.Server.AdminCredential, TlsMode.Require);

        using var session = await PostgresConnector.OpenAsync(target, default);

        Assert.True(session.IsEncrypted);
        Assert.EndsWith("(sslmode=require)", target.DisplayName);
    }

    /// <summary>verify-full with no -CaBundlePath: the chain must reach a root of this machine's trust store.</summary>
    private PostgresTarget MachineStoreTarget() =>
        new(PostgresServer.Host, _fixture.Server.Port, "postgres", _fixture.Server.AdminCredential);

    /// <summary>Runs <paramref name="test"/> while the shared server presents <paramref name="shape"/>, then puts the valid certificate back.</summary>
    private async Task WhileTheServerPresents(ServerTls shape, Func<Task> test)
    {
        await _fixture.Server.ConfigureTlsAsync(shape);
        try
        {
            await test();
        }
        finally
        {
            await _fixture.Server.ConfigureTlsAsync(ServerTls.Valid);
        }
    }

    private static async Task<PostgresFailure> FailureOf(PostgresTarget target) =>
        (await Assert.ThrowsAsync<PostgresConnectionException>(() => PostgresConnector.OpenAsync(target, default))).Failure;
}
