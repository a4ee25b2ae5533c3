using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kaviar.Ops.Database;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

/// <summary>verify-full's host check as libpq makes it, whatever the runtime's TLS stack would say.</summary>
public sealed class CertificateHostNameTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.5.20", false)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("kaviar-db.abc123.us-east-2.rds.amazonaws.com", true)]
    [InlineData("KAVIAR-DB.abc123.us-east-2.rds.amazonaws.com.", true)]
    [InlineData("abc123.us-east-2.rds.amazonaws.com", false)]
    [InlineData("a.kaviar-db.abc123.us-east-2.rds.amazonaws.com", false)]
    [InlineData("db.wrong-name.example", false)]
    public void The_names_in_the_SAN_are_matched_as_libpq_matches_them(string host, bool matches)
    {
        using var certificate = Certificate("CN=db.wrong-name.example", san =>
        {
            san.AddDnsName("localhost");
            san.AddDnsName("*.abc123.us-east-2.rds.amazonaws.com");
            san.AddIpAddress(IPAddress.Loopback);
            san.AddIpAddress(IPAddress.IPv6Loopback);
        });

        Assert.Equal(matches, CertificateHostName.Matches(certificate, host));
    }

    [Fact]
    public void The_common_name_counts_only_without_DNS_names_in_the_SAN()
    {
        using var onlyCn = Certificate("CN=db.example.com", null);
        using var withIpOnly = Certificate("CN=db.example.com", san => san.AddIpAddress(IPAddress.Parse("10.0.5.20")));

        Assert.True(CertificateHostName.Matches(onlyCn, "db.example.com"));
        Assert.True(CertificateHostName.Matches(withIpOnly, "db.example.com"));
        Assert.True(CertificateHostName.Matches(withIpOnly, "10.0.5.20"));
        Assert.False(CertificateHostName.Matches(withIpOnly, "10.0.5.21"));
    }

    private static X509Certificate2 Certificate(string subject, Action<SubjectAlternativeNameBuilder>? names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (names != null)
        {
            var san = new SubjectAlternativeNameBuilder();
            names(san);
            request.CertificateExtensions.Add(san.Build());
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
