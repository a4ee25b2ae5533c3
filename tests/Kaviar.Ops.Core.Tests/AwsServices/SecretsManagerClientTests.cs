using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.SecretsManager;
using Kaviar.Ops.AwsServices.SecretsManager.Model;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class SecretsManagerClientTests : IDisposable
{
    private const string Password = "s3cr3t-never-printed";
    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly AmazonSecretsManagerClient client;

    public SecretsManagerClientTests()
    {
        client = new AmazonSecretsManagerClient(
            FakeAwsServer.Credentials,
            new AmazonSecretsManagerConfig { ServiceURL = server.Url, AuthenticationRegion = "us-east-1", RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 });
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task GetSecretValue_SendsTargetAndParsesTheSecret()
    {
        server.EnqueueJson(@"{""ARN"":""arn:aws:secretsmanager:us-east-1:123456789012:secret:alquimista/dev-AbCdEf"",""Name"":""alquimista/dev"",
            ""VersionId"":""b6f5e1a4-0000-4000-8000-000000000001"",""SecretString"":""{\""username\"":\""alquimista\"",\""password\"":\""" + Password + @"\""}"",
            ""VersionStages"":[""AWSCURRENT""],""CreatedDate"":1732665600.123}");

        var response = await client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "alquimista/dev", VersionStage = "AWSCURRENT" });

        var request = server.SingleRequest;
        Assert.Equal("secretsmanager.GetSecretValue", request.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Contains("/us-east-1/secretsmanager/aws4_request", request.Header("Authorization"));
        Assert.Equal("{\"SecretId\":\"alquimista/dev\",\"VersionStage\":\"AWSCURRENT\"}", request.Body);

        Assert.Equal("arn:aws:secretsmanager:us-east-1:123456789012:secret:alquimista/dev-AbCdEf", response.ARN);
        Assert.Equal("alquimista/dev", response.Name);
        Assert.Equal("b6f5e1a4-0000-4000-8000-000000000001", response.VersionId);
        Assert.Equal("{\"username\":\"alquimista\",\"password\":\"" + Password + "\"}", response.SecretString);
        Assert.Equal(new DateTime(2024, 11, 27, 0, 0, 0, 123, DateTimeKind.Utc), response.CreatedDate);
    }

    [Theory]
    [InlineData("ResourceNotFoundException", typeof(ResourceNotFoundException))]
    [InlineData("DecryptionFailure", typeof(AmazonSecretsManagerException))]
    [InlineData("DecryptionFailureException", typeof(DecryptionFailureException))]
    [InlineData("InvalidRequestException", typeof(InvalidRequestException))]
    public async Task GetSecretValue_MapsErrors(string code, Type expected)
    {
        server.EnqueueJson("{\"__type\":\"" + code + "\",\"Message\":\"Secrets Manager can't find the specified secret.\"}", 400);

        var error = await Assert.ThrowsAnyAsync<AmazonSecretsManagerException>(() => client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "nope" }));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("Secrets Manager can't find the specified secret.", error.Message);
    }
}
