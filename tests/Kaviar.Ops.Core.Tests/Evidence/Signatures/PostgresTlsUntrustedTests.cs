using Kaviar.Ops.Database;
using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresTlsUntrustedTests
{
    private const string Id = "PostgresTlsUntrusted";

    [Theory]
    [InlineData("Error: self-signed certificate in certificate chain", "Node.js")]
    [InlineData("Error: self signed certificate in certificate chain", "Node.js")]
    [InlineData("  code: 'SELF_SIGNED_CERT_IN_CHAIN'", "Node.js")]
    [InlineData("Error: unable to get local issuer certificate", "Node.js")]
    [InlineData("psycopg2.OperationalError: connection to server at \"app-db.cluster-c1abcdefgh.eu-west-1.rds.amazonaws.com\" (10.0.5.20), port 5432 failed: SSL error: certificate verify failed", "OpenSSL")]
    [InlineData("psycopg2.OperationalError: connection to server at \"app-db.internal\" (10.0.5.20), port 5432 failed: root certificate file \"/root/.postgresql/root.crt\" does not exist", "OpenSSL")]
    [InlineData("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)", "OpenSSL")]
    [InlineData("PG::ConnectionBad: connection to server at \"10.0.5.20\", port 5432 failed: SSL error: certificate verify failed", "OpenSSL")]
    [InlineData("failed to connect to `user=app database=app`: 10.0.5.20:5432 (app-db.internal): tls error: tls: failed to verify certificate: x509: certificate signed by unknown authority", "Go")]
    [InlineData("pq: x509: certificate signed by unknown authority", "Go")]
    [InlineData("org.postgresql.util.PSQLException: SSL error: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target", "Java")]
    [InlineData(" ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateChainErrors", ".NET")]
    public void Each_runtime_wording_is_an_untrusted_database_certificate(string line, string runtime)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(runtime, diagnosis.Fact(LogFacts.Runtime));
        Assert.Contains("does not trust the CA", diagnosis.Cause);
        Assert.Equal(new[] { line.Trim() }, diagnosis.Evidence);
    }

    [Fact]
    public void The_fix_ships_the_rds_bundle_the_runtime_s_way_and_checks_it_with_the_secret()
    {
        var diagnosis = LogSample.Single(Id, "Error: self-signed certificate in certificate chain");

        Assert.Equal("Test-PostgresConnection -SecretId prod/api/db -CaBundlePath ./global-bundle.pem -Region eu-west-1", diagnosis.Fix?.ToString());
        Assert.Contains(RdsCaBundle.Url, diagnosis.ManualFix);
        Assert.Contains("NODE_EXTRA_CA_CERTS=/app/global-bundle.pem", diagnosis.ManualFix);
    }

    [Theory]
    [InlineData("x509: certificate signed by unknown authority", "sslrootcert=/app/global-bundle.pem")]
    [InlineData("The remote certificate is invalid according to the validation procedure", "Root Certificate=/app/global-bundle.pem")]
    [InlineData("PKIX path building failed", "sslrootcert=/app/global-bundle.pem to the JDBC URL")]
    public void The_manual_fix_is_the_runtime_s_own_setting(string line, string setting)
    {
        Assert.Contains(setting, LogSample.Single(Id, line).ManualFix);
    }

    [Fact]
    public void Without_a_secret_the_check_is_spelled_out_instead()
    {
        var diagnosis = LogSample.Single(Id, LogSample.Bare(), "Error: self-signed certificate in certificate chain");

        Assert.Null(diagnosis.Fix);
        Assert.Contains("Test-PostgresConnection -SecretId <database secret> -CaBundlePath ./global-bundle.pem", diagnosis.ManualFix);
    }

    [Fact]
    public void A_node_stack_trace_is_one_diagnosis_resting_on_its_message_and_its_code()
    {
        var diagnosis = LogSample.Single(Id,
            "Error: self-signed certificate in certificate chain",
            "    at TLSSocket.onConnectSecureComplete (node:_tls_wrap:1674:34)",
            "    at TLSSocket.emit (node:events:519:28)",
            "    at TLSSocket._finishInit (node:_tls_wrap:1085:8)",
            "    at ssl.onhandshakedone (node:_tls_wrap:871:12) {",
            "  code: 'SELF_SIGNED_CERT_IN_CHAIN'",
            "}");

        Assert.Equal(new[] { "Error: self-signed certificate in certificate chain", "code: 'SELF_SIGNED_CERT_IN_CHAIN'" }, diagnosis.Evidence);
    }

    [Fact]
    public void Json_escaped_inside_a_json_log_event_is_read_value_by_value()
    {
        var diagnosis = LogSample.Single(Id, "{\"level\":\"error\",\"msg\":\"db connect failed\",\"err\":\"{\\\"code\\\":\\\"SELF_SIGNED_CERT_IN_CHAIN\\\"}\"}");

        Assert.Equal(new[] { "SELF_SIGNED_CERT_IN_CHAIN" }, diagnosis.Evidence);
    }

    [Fact]
    public void Json_escaped_inside_a_plain_line_is_unescaped()
    {
        var diagnosis = LogSample.Single(Id,
            "error: connect failed {\\\"code\\\":\\\"SELF_SIGNED_CERT_IN_CHAIN\\\",\\\"message\\\":\\\"self-signed certificate in certificate chain\\\"}");

        Assert.Equal(
            new[] { "error: connect failed {\"code\":\"SELF_SIGNED_CERT_IN_CHAIN\",\"message\":\"self-signed certificate in certificate chain\"}" },
            diagnosis.Evidence);
    }

    [Theory]
    [InlineData("requests.exceptions.SSLError: HTTPSConnectionPool(host='api.stripe.com', port=443): Max retries exceeded with url: /v1/charges (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))")]
    [InlineData("Get \"https://api.partner.example/v1/orders\": tls: failed to verify certificate: x509: certificate signed by unknown authority")]
    public void A_certificate_refused_by_an_https_call_is_not_the_database(string line)
    {
        Assert.Empty(LogSample.Classify(line));
    }

    [Fact]
    public void Inner_certificate_error_of_an_http_client_is_not_the_database()
    {
        Assert.Empty(LogSample.Classify(
            "System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.",
            " ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));
    }
}
