using System;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kaviar.Ops.Database;
using Kaviar.Ops.Simulator.Rds;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

/// <summary>One set of RDS-style certificate files for the verdict tests, deleted afterwards.</summary>
public sealed class CertificateFilesFixture : IDisposable
{
    public RdsStyleCertificates Certificates { get; } =
        RdsStyleCertificates.Create(Path.Combine(Path.GetTempPath(), "kaviar-certs-" + Guid.NewGuid().ToString("N").Substring(0, 12)));

    public void Dispose() => Directory.Delete(Certificates.Directory, recursive: true);
}

/// <summary>
/// The TLS verdict for hosts a local server cannot be reached by (RDS, Aurora and proxy names, CNAMEs): the chain a server
/// presents is handed to the validator as the handshake would, and the failure is classified from what it saw.
/// </summary>
public sealed class CertificateVerdictTests : IClassFixture<CertificateFilesFixture>
{
    private readonly RdsStyleCertificates _certificates;

    public CertificateVerdictTests(CertificateFilesFixture fixture)
    {
        _certificates = fixture.Certificates;
    }

    [Theory]
    [InlineData("db.internal.example", "'db.internal.example' is not an RDS endpoint name: a CNAME or Route 53 alias of the endpoint is not in its certificate.")]
    [InlineData("orders.cluster-custom-abc123.eu-west-1.rds.amazonaws.com", "is an RDS name this certificate does not carry")]
    [InlineData("10.0.5.20", "'10.0.5.20' is an IP address; RDS and Aurora certificates name their endpoints, not addresses")]
    public void A_host_the_certificate_does_not_name_is_said_for_what_it_is(string host, string verdict)
    {
        var failure = Verdict(ServerTls.Valid, host, _certificates.RootCaPath);

        Assert.Equal(PostgresFailureKind.HostNameMismatch, failure.KindValue);
        Assert.Contains(verdict, failure.Message);
        Assert.Contains($"does not name the host '{host}'; it names localhost, 127.0.0.1.", failure.Message);
        Assert.Contains("-TlsMode VerifyCA", failure.Message);
    }

    [Fact]
    public void A_proxy_endpoint_with_the_rds_bundle_is_named_and_sent_to_amazons_roots()
    {
        const string Proxy = "x.proxy-abc.us-east-1.rds.amazonaws.com";

        var failure = Verdict(ServerTls.RdsProxy, Proxy, _certificates.RootCaPath);

        Assert.Equal(PostgresFailureKind.UntrustedCertificateChain, failure.KindValue);
        Assert.Contains($"{Proxy} is an RDS Proxy endpoint: RDS Proxy's certificates come from AWS Certificate Manager", failure.Message);
        Assert.Contains("add Amazon Root CA 1-4 from https://www.amazontrust.com/repository/ to the bundle", failure.Message);
        Assert.DoesNotContain(RdsCaBundle.Url, failure.Message);
    }

    [Theory]
    [InlineData("orders-db.abc123.eu-west-1.rds.amazonaws.com",
        "Rotate the instance's CA: aws rds modify-db-instance --db-instance-identifier orders-db --ca-certificate-identifier rds-ca-rsa2048-g1 --apply-immediately.")]
    [InlineData("orders.cluster-ro-abc123.eu-west-1.rds.amazonaws.com",
        "Rotate the CA of every instance of the Aurora cluster orders (the CA is set per instance): for each instance that " +
        "aws rds describe-db-clusters --db-cluster-identifier orders --query \"DBClusters[0].DBClusterMembers[].DBInstanceIdentifier\" lists, run " +
        "aws rds modify-db-instance --db-instance-identifier <instance-id> --ca-certificate-identifier rds-ca-rsa2048-g1 --apply-immediately.")]
    public void An_expired_certificate_names_the_rotation_for_the_endpoint(string host, string rotation)
    {
        var failure = Verdict(ServerTls.Expired, host, _certificates.RootCaPath, TlsMode.VerifyCA);

        Assert.Equal(PostgresFailureKind.UntrustedCertificateChain, failure.KindValue);
        Assert.Contains("the server certificate 'CN=localhost, O=Kaviar Tests' expired on ", failure.Message);
        Assert.Contains(rotation, failure.Message);
    }

    [Theory]
    [InlineData("orders-db.abc123.eu-west-1.rds.amazonaws.com", "Instance", "orders-db")]
    [InlineData("orders.cluster-abc123.eu-west-1.rds.amazonaws.com", "AuroraCluster", "orders")]
    [InlineData("orders.cluster-ro-abc123.eu-west-1.rds.amazonaws.com", "AuroraCluster", "orders")]
    [InlineData("reports.cluster-custom-abc123.eu-west-1.rds.amazonaws.com.", "AuroraCluster", "reports")]
    [InlineData("app.proxy-abc123.us-east-1.rds.amazonaws.com", "Proxy", "app")]
    [InlineData("reader.endpoint.proxy-abc123.us-east-1.rds.amazonaws.com", "Proxy", "reader")]
    [InlineData("db.abc123.cn-north-1.rds.amazonaws.com.cn", "Instance", "db")]
    [InlineData("db.internal.example", "NotRds", "db.internal.example")]
    public void An_rds_host_name_is_read_by_its_labels(string host, string kind, string name)
    {
        var endpoint = RdsEndpoint.Parse(host);

        Assert.Equal(kind, endpoint.Kind.ToString());
        Assert.Equal(name, endpoint.Name);
    }

    /// <summary>The failure for <paramref name="host"/> when the server presents <paramref name="shape"/>'s chain (server certificate, then its issuer).</summary>
    private PostgresFailure Verdict(ServerTls shape, string host, string caBundlePath, TlsMode mode = TlsMode.VerifyFull)
    {
        var presented = CaBundle.Load(_certificates.ChainPath(shape)).Certificates;
        using var handshakeChain = new X509Chain();
        handshakeChain.ChainPolicy.ExtraStore.Add(presented[1]);
        handshakeChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        handshakeChain.Build(presented[0]);
        var target = new PostgresTarget(host, PostgresTarget.DefaultPort, "app", "app", password: null, mode, caBundlePath);
        var validator = new ServerCertificateValidator(mode, CaBundle.Load(caBundlePath), host);

        Assert.False(validator.Validate(this, presented[0], handshakeChain, SslPolicyErrors.RemoteCertificateChainErrors));
        return PostgresFailureClassifier.Classify(new InvalidOperationException("The remote certificate was rejected."), target, validator);
    }
}
