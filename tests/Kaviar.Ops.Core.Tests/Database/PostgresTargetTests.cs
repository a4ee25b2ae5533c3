using System;
using System.Net;
using Kaviar.Ops.Database;
using Kaviar.Ops.Kernel;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

public sealed class PostgresTargetTests
{
    private const string Password = "S3cr3t-Pa55word!";

    [Fact]
    public void The_display_form_shows_user_host_port_database_and_tls_mode_but_not_the_password()
    {
        var target = new PostgresTarget("db.example", 5432, "medusa", new NetworkCredential("app", Password));

        Assert.Equal("postgres://app@db.example:5432/medusa (sslmode=verify-full)", target.DisplayName);
        Assert.Equal(target.DisplayName, target.ToString());
        Assert.True(target.HasPassword);
    }

    [Fact]
    public void A_downgrade_and_a_bundle_show_in_the_display_form()
    {
        var target = new PostgresTarget("db.example", 5433, "medusa", "app", null).WithTls(TlsMode.VerifyCA, "/certs/global-bundle.pem");

        Assert.Equal("postgres://app@db.example:5433/medusa (sslmode=verify-ca, ca bundle /certs/global-bundle.pem)", target.DisplayName);
        Assert.False(target.HasPassword);
    }

    [Fact]
    public void A_keyword_connection_string_without_ssl_mode_means_verify_full()
    {
        var target = PostgresTarget.FromConnectionString($"Host=db.example;Port=6432;Database=shop;Username=app;Password={Password};Root Certificate=/b.pem");

        Assert.Equal("postgres://app@db.example:6432/shop (sslmode=verify-full, ca bundle /b.pem)", target.DisplayName);
        Assert.True(target.HasPassword);
    }

    [Theory]
    [InlineData("SSL Mode=Disable", TlsMode.Disable)]
    [InlineData("sslmode=verify-ca", TlsMode.VerifyCA)]
    [InlineData("SslMode=Prefer", TlsMode.Require)]
    [InlineData("SSL Mode=VerifyFull", TlsMode.VerifyFull)]
    public void An_explicit_ssl_mode_in_a_keyword_string_is_kept(string sslMode, TlsMode expected)
    {
        Assert.Equal(expected, PostgresTarget.FromConnectionString($"Host=h;Database=d;Username=u;{sslMode}").TlsMode);
    }

    [Fact]
    public void A_database_url_is_read_with_its_escaped_password_and_ssl_mode()
    {
        var target = PostgresTarget.FromConnectionString("postgres://medusa%40ops:p%40ss%2Fword@prod.abc.us-east-1.rds.amazonaws.com/medusa?sslmode=no-verify");

        Assert.Equal("postgres://medusa%40ops@prod.abc.us-east-1.rds.amazonaws.com:5432/medusa (sslmode=require)", target.DisplayName);
        Assert.Equal("medusa@ops", target.Username);
        Assert.True(target.HasPassword);
    }

    [Fact]
    public void An_rds_secret_is_read_with_a_numeric_or_quoted_port()
    {
        var secret = $$"""{"username":"app","password":"{{Password}}","engine":"postgres","host":"db.abc.rds.amazonaws.com","port":"5433","dbname":"medusa"}""";

        var target = PostgresTarget.FromRdsSecret(secret, caBundlePath: "/b.pem");

        Assert.Equal("postgres://app@db.abc.rds.amazonaws.com:5433/medusa (sslmode=verify-full, ca bundle /b.pem)", target.DisplayName);
    }

    [Fact]
    public void A_managed_master_secret_needs_the_host_and_defaults_the_database()
    {
        var secret = $$"""{"username":"postgres","password":"{{Password}}"}""";

        var target = PostgresTarget.FromRdsSecret(secret, host: "db.abc.rds.amazonaws.com");
        var missingHost = Assert.Throws<OpsException>(() => PostgresTarget.FromRdsSecret(secret));

        Assert.Equal("postgres://postgres@db.abc.rds.amazonaws.com:5432/postgres (sslmode=verify-full)", target.DisplayName);
        Assert.StartsWith("The secret has no 'host'; pass the RDS endpoint name", missingHost.Message);
        Assert.Equal(ErrorTable.InvalidSecretFormat, missingHost.Code);
    }

    [Fact]
    public void A_secret_that_is_not_json_or_not_postgres_is_refused_without_echoing_it()
    {
        var notJson = Assert.Throws<OpsException>(() => PostgresTarget.FromRdsSecret($"username=app password={Password}"));
        var mysql = Assert.Throws<OpsException>(() =>
            PostgresTarget.FromRdsSecret($$"""{"username":"a","password":"{{Password}}","engine":"mysql","host":"h"}"""));

        Assert.DoesNotContain(Password, notJson.ToString());
        Assert.StartsWith("The secret is for engine 'mysql', not PostgreSQL.", mysql.Message);
    }

    [Fact]
    public void A_bad_keyword_string_does_not_echo_the_password()
    {
        var error = Assert.Throws<OpsException>(() => PostgresTarget.FromConnectionString($"Host=h;Password={Password};Bogus Key=1"));

        Assert.DoesNotContain(Password, error.ToString());
        Assert.Equal(ErrorTable.InvalidConnectionString, error.Code);
    }
}
