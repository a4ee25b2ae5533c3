using System;
using System.Collections.Generic;
using System.IO;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Kaviar.Ops.Aws;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Connection;

public sealed class AwsConnectionResolverTests : IDisposable
{
    private readonly string credentialsFile = Path.Combine(Path.GetTempPath(), $"kaviar-credentials-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> environment = new Dictionary<string, string>();
    private AWSCredentials? sdkDefaultCredentials = new BasicAWSCredentials("AKIASDKDEFAULT", "sdk-secret");
    private RegionEndpoint? sdkDefaultRegion = RegionEndpoint.EUWest1;

    public AwsConnectionResolverTests()
    {
        File.WriteAllText(credentialsFile,
            "[oncall]\naws_access_key_id = AKIAONCALL\naws_secret_access_key = oncall-secret\nregion = us-east-2\n\n" +
            "[qa]\naws_access_key_id = AKIAQA\naws_secret_access_key = qa-secret\n");
    }

    public void Dispose() => File.Delete(credentialsFile);

    [Fact]
    public void ProfileName_parameter_wins_over_shell_defaults_and_environment()
    {
        environment["AWS_PROFILE"] = "qa";
        var connection = Resolve(new AwsConnectionOptions { ProfileName = "oncall", ShellProfileName = "qa", Region = "us-east-1" });

        Assert.Equal("AKIAONCALL", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("profile 'oncall' (-ProfileName)", connection.CredentialSource);
    }

    [Fact]
    public void Shell_credentials_come_before_AWS_PROFILE()
    {
        environment["AWS_PROFILE"] = "qa";
        var connection = Resolve(new AwsConnectionOptions { ShellCredentials = new AwsKeys("AKIASHELL", new Kaviar.Ops.Kernel.SecretValue("shell-secret")), Region = "us-east-1" });

        Assert.Equal("AKIASHELL", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("$StoredAWSCredentials", connection.CredentialSource);
    }

    [Fact]
    public void Environment_keys_come_before_AWS_PROFILE_as_in_the_cli_and_sdk()
    {
        environment["AWS_PROFILE"] = "qa";
        environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT";
        environment["AWS_SECRET_ACCESS_KEY"] = "environment-secret";
        environment["AWS_SESSION_TOKEN"] = "environment-token";

        var connection = Resolve(new AwsConnectionOptions { Region = "us-east-1" });

        var keys = connection.Credentials.GetCredentials();
        Assert.Equal(("AKIAENVIRONMENT", "environment-token"), (keys.AccessKey, keys.Token));
        Assert.Equal("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (environment)", connection.CredentialSource);
    }

    [Fact]
    public void Keys_on_the_command_line_come_first_and_are_named_without_their_secret()
    {
        environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT";
        environment["AWS_SECRET_ACCESS_KEY"] = "environment-secret";

        var connection = Resolve(new AwsConnectionOptions
        {
            AccessKey = "AKIAPARAMETER", SecretKey = new Kaviar.Ops.Kernel.SecretValue("parameter-secret"),
            SessionToken = new Kaviar.Ops.Kernel.SecretValue("parameter-token"), ProfileName = "oncall",
            Credential = new AwsKeys("AKIAOBJECT", new Kaviar.Ops.Kernel.SecretValue("object-secret")), Region = "us-east-1",
        });

        var keys = connection.Credentials.GetCredentials();
        Assert.Equal(("AKIAPARAMETER", "parameter-secret", "parameter-token"), (keys.AccessKey, keys.SecretKey, keys.Token));
        Assert.Equal("-AccessKey/-SecretKey/-SessionToken", connection.CredentialSource);
    }

    [Fact]
    public void A_credentials_object_comes_before_a_profile()
    {
        var connection = Resolve(new AwsConnectionOptions { Credential = new AwsKeys("AKIAOBJECT", new Kaviar.Ops.Kernel.SecretValue("object-secret")), ProfileName = "oncall", Region = "us-east-1" });

        Assert.Equal("AKIAOBJECT", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("-Credential", connection.CredentialSource);
    }

    [Theory]
    [InlineData("AKIAONLYKEY", null)]
    [InlineData(null, "only-secret")]
    [InlineData("  ", "secret")]
    public void Half_a_key_pair_is_refused(string? accessKey, string? secretKey)
    {
        var error = Assert.Throws<AwsConnectionException>(() => Resolve(new AwsConnectionOptions
        {
            AccessKey = accessKey, SecretKey = secretKey == null ? null : new Kaviar.Ops.Kernel.SecretValue(secretKey), Region = "us-east-1",
        }));

        Assert.Equal(Kaviar.Ops.Kernel.ErrorTable.InvalidCredentialParameters, error.Code);
        Assert.DoesNotContain("only-secret", error.Message);
    }

    [Fact]
    public void ProfileLocation_names_another_credentials_file()
    {
        var other = Path.Combine(Path.GetTempPath(), $"kaviar-other-credentials-{Guid.NewGuid():N}");
        File.WriteAllText(other, "[elsewhere]\naws_access_key_id = AKIAELSEWHERE\naws_secret_access_key = elsewhere-secret\nregion = ap-south-1\n");
        try
        {
            var connection = Resolve(new AwsConnectionOptions { ProfileName = "elsewhere", ProfileLocation = other });

            Assert.Equal("AKIAELSEWHERE", connection.Credentials.GetCredentials().AccessKey);
            Assert.Equal("ap-south-1", connection.Region.SystemName);
        }
        finally
        {
            File.Delete(other);
        }
    }

    [Fact]
    public void AWS_PROFILE_comes_before_the_sdk_default_chain()
    {
        environment["AWS_PROFILE"] = "qa";
        var connection = Resolve(new AwsConnectionOptions { Region = "us-east-1" });

        Assert.Equal("AKIAQA", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("profile 'qa' (AWS_PROFILE)", connection.CredentialSource);
    }

    [Fact]
    public void Sdk_default_chain_is_the_last_resort_and_is_named_without_secrets()
    {
        var connection = Resolve(new AwsConnectionOptions { Region = "us-east-1" });

        Assert.Equal("AKIASDKDEFAULT", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("SDK default chain (BasicAWSCredentials)", connection.CredentialSource);
        Assert.DoesNotContain("secret", connection.CredentialSource);
    }

    [Fact]
    public void No_credentials_anywhere_is_an_error_that_says_how_to_supply_them()
    {
        sdkDefaultCredentials = null;

        var error = Assert.Throws<AwsConnectionException>(() => Resolve(new AwsConnectionOptions { Region = "us-east-1" }));

        Assert.Equal(AwsConnectionProblem.NoCredentials, error.Problem);
        Assert.Contains("-ProfileName", error.Message);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message);
    }

    [Fact]
    public void Unknown_profile_is_named_in_the_error()
    {
        var error = Assert.Throws<AwsConnectionException>(() => Resolve(new AwsConnectionOptions { ProfileName = "prod", Region = "us-east-1" }));

        Assert.Equal(AwsConnectionProblem.ProfileNotFound, error.Problem);
        Assert.Contains("'prod'", error.Message);
    }

    [Theory]
    [InlineData("ap-south-1", "sa-east-1", "ca-central-1", "ap-south-1", "-Region")]
    [InlineData(null, "sa-east-1", "ca-central-1", "sa-east-1", "$StoredAWSRegion")]
    [InlineData(null, null, "ca-central-1", "ca-central-1", "AWS_REGION")]
    public void Region_precedence_is_parameter_then_shell_then_environment(
        string? parameter, string? shell, string? environmentRegion, string expected, string expectedSource)
    {
        if (environmentRegion != null)
        {
            environment["AWS_REGION"] = environmentRegion;
        }

        var connection = Resolve(new AwsConnectionOptions { Region = parameter, ShellRegion = shell });

        Assert.Equal(expected, connection.Region.SystemName);
        Assert.Equal(expectedSource, connection.RegionSource);
    }

    [Fact]
    public void Profile_region_is_used_before_the_sdk_default_region()
    {
        var connection = Resolve(new AwsConnectionOptions { ProfileName = "oncall" });

        Assert.Equal("us-east-2", connection.Region.SystemName);
        Assert.Equal("profile 'oncall'", connection.RegionSource);
    }

    [Fact]
    public void No_region_anywhere_is_an_error_that_says_how_to_supply_one()
    {
        sdkDefaultRegion = null;

        var error = Assert.Throws<AwsConnectionException>(() => Resolve(new AwsConnectionOptions { ProfileName = "qa" }));

        Assert.Equal(AwsConnectionProblem.NoRegion, error.Problem);
        Assert.Contains("-Region", error.Message);
    }

    [Fact]
    public void AWS_ENDPOINT_URL_and_its_per_service_forms_choose_each_clients_endpoint_unless_EndpointUrl_says_otherwise()
    {
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566";
        environment["AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2"] = "http://127.0.0.1:4577";

        var fromEnvironment = Resolve(new AwsConnectionOptions { Region = "us-east-1" });
        var explicitOne = Resolve(new AwsConnectionOptions { Region = "us-east-1", EndpointUrl = "http://127.0.0.1:9999" });

        Assert.Equal(new Uri("http://127.0.0.1:4566"), fromEnvironment.EndpointFor("ECS"));
        Assert.Equal(new Uri("http://127.0.0.1:4577"), fromEnvironment.EndpointFor("Elastic Load Balancing v2"));
        Assert.Null(fromEnvironment.EndpointUrl);
        Assert.Equal(new Uri("http://127.0.0.1:9999"), explicitOne.EndpointFor("Elastic Load Balancing v2"));
    }

    [Fact]
    public void The_rds_client_takes_AWS_ENDPOINT_URL_RDS_and_signs_for_the_region()
    {
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566";
        environment["AWS_ENDPOINT_URL_RDS"] = "http://127.0.0.1:4588";

        using var rds = Resolve(new AwsConnectionOptions { Region = "us-east-1" }).CreateRdsClient();

        Assert.Equal("http://127.0.0.1:4588/", rds.Config.ServiceURL);
        Assert.Equal("us-east-1", rds.Config.AuthenticationRegion);
        Assert.Equal("rds", rds.Config.AuthenticationServiceName);
    }

    [Theory]
    [InlineData("localhost:4566")]
    [InlineData("ftp://127.0.0.1/")]
    public void Endpoint_must_be_an_absolute_http_url(string endpoint)
    {
        var error = Assert.Throws<AwsConnectionException>(() => Resolve(new AwsConnectionOptions { Region = "us-east-1", EndpointUrl = endpoint }));

        Assert.Equal(AwsConnectionProblem.InvalidEndpoint, error.Problem);
    }

    private AwsConnection Resolve(AwsConnectionOptions options) =>
        new AwsConnectionResolver(new DictionaryEnvironment(environment), new CredentialProfileStoreChain(credentialsFile),
            () => sdkDefaultCredentials, () => sdkDefaultRegion).Resolve(options);

    private sealed class DictionaryEnvironment : IEnvironmentReader
    {
        private readonly Dictionary<string, string> values;

        public DictionaryEnvironment(Dictionary<string, string> values) => this.values = values;

        public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;
    }
}
