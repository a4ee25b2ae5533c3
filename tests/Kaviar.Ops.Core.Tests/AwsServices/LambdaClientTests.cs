using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Lambda;
using Kaviar.Ops.AwsServices.Lambda.Model;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class LambdaClientTests : IDisposable
{
    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly AmazonLambdaClient client;

    public LambdaClientTests()
    {
        client = new AmazonLambdaClient(
            FakeAwsServer.Credentials,
            new AmazonLambdaConfig { ServiceURL = server.Url, AuthenticationRegion = "us-east-1", RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 });
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task Invoke_PostsRawPayloadWithHeadersAndReadsPayloadAndHeaders()
    {
        var log = Convert.ToBase64String(Encoding.UTF8.GetBytes("START RequestId: r1 Version: $LATEST\nEND RequestId: r1\n"));
        server.Enqueue(200, "{\"status\":\"success\",\"migration\":\"017\"}", "application/json",
            ("X-Amz-Log-Result", log), ("X-Amz-Executed-Version", "$LATEST"));

        var response = await client.InvokeAsync(new InvokeRequest
        {
            FunctionName = "aurora-migrations-runner-dev",
            InvocationType = "RequestResponse",
            LogType = "Tail",
            Payload = new MemoryStream(Encoding.UTF8.GetBytes("{\"action\":\"run-migration\",\"target\":\"017\"}")),
        });

        var request = server.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/2015-03-31/functions/aurora-migrations-runner-dev/invocations", request.Path);
        Assert.Equal("RequestResponse", request.Header("X-Amz-Invocation-Type"));
        Assert.Equal("Tail", request.Header("X-Amz-Log-Type"));
        Assert.Equal("", request.Header("X-Amz-Target"));
        Assert.Contains("/us-east-1/lambda/aws4_request", request.Header("Authorization"));
        Assert.Equal("{\"action\":\"run-migration\",\"target\":\"017\"}", request.Body);

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.FunctionError);
        Assert.Equal(log, response.LogResult);
        Assert.Equal("$LATEST", response.ExecutedVersion);
        Assert.Equal("{\"status\":\"success\",\"migration\":\"017\"}", Encoding.UTF8.GetString(response.Payload.ToArray()));
    }

    [Fact]
    public async Task Invoke_FunctionErrorIsA200WithTheErrorObjectAsPayload()
    {
        server.Enqueue(200, "{\"errorType\":\"Error\",\"errorMessage\":\"connect ETIMEDOUT 10.0.3.17:5432\"}", "application/json",
            ("X-Amz-Function-Error", "Unhandled"));

        var response = await client.InvokeAsync(new InvokeRequest { FunctionName = "runner" });

        Assert.Equal("", server.SingleRequest.Body);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Unhandled", response.FunctionError);
        Assert.Null(response.LogResult);
        Assert.Contains("ETIMEDOUT", Encoding.UTF8.GetString(response.Payload.ToArray()));
    }

    [Fact]
    public async Task Invoke_EscapesAnArnInThePath()
    {
        server.Enqueue(202, "", "application/json");

        var response = await client.InvokeAsync(new InvokeRequest { FunctionName = "arn:aws:lambda:us-east-1:123456789012:function:runner", InvocationType = "Event" });

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(0, response.Payload.Length);
        Assert.Matches("^/2015-03-31/functions/arn(:|%3A)aws(:|%3A)lambda.*(:|%3A)function(:|%3A)runner/invocations$", server.SingleRequest.Path);
    }

    [Fact]
    public async Task Invoke_MapsErrorTypeHeaderToTypedException()
    {
        server.Enqueue(404, "{\"Type\":\"User\",\"Message\":\"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope\"}", "application/json",
            ("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.awsgirlfriend/"));

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.InvokeAsync(new InvokeRequest { FunctionName = "nope" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope", error.Message);
        Assert.Equal(ErrorType.Sender, error.ErrorType);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public async Task Invoke_RetriesThrottling()
    {
        server.Enqueue(429, "{\"Type\":\"User\",\"message\":\"Rate Exceeded.\",\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\"}", "application/json",
                ("x-amzn-ErrorType", "TooManyRequestsException"))
            .Enqueue(200, "{}", "application/json");

        var response = await client.InvokeAsync(new InvokeRequest { FunctionName = "runner" });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Invoke_RequiresFunctionName()
    {
        await Assert.ThrowsAsync<AmazonLambdaException>(() => client.InvokeAsync(new InvokeRequest()));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task GetFunctionConfiguration_GetsThePathWithQualifierAndReadsTheVpcConfig()
    {
        server.Enqueue(200, "{\"FunctionName\":\"runner\",\"FunctionArn\":\"arn:aws:lambda:us-east-1:123456789012:function:runner:live\",\"Runtime\":\"nodejs20.x\"," +
                            "\"Timeout\":300,\"State\":\"Active\",\"LastUpdateStatus\":\"Successful\",\"Environment\":{\"Variables\":{\"DB_PASSWORD\":\"hunter2\"}}," +
                            "\"VpcConfig\":{\"SubnetIds\":[\"subnet-a\",\"subnet-b\"],\"SecurityGroupIds\":[\"sg-1\"],\"VpcId\":\"vpc-1\",\"Ipv6AllowedForDualStack\":false}}",
            "application/json");

        var response = await client.GetFunctionConfigurationAsync(new GetFunctionConfigurationRequest { FunctionName = "runner", Qualifier = "live" });

        var request = server.SingleRequest;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/2015-03-31/functions/runner/configuration?Qualifier=live", request.PathAndQuery);
        Assert.Equal("", request.Body);
        Assert.Equal("runner", response.FunctionName);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:runner:live", response.FunctionArn);
        Assert.Equal("nodejs20.x", response.Runtime);
        Assert.Equal(300, response.Timeout);
        Assert.Equal("Active", response.State);
        Assert.Equal("Successful", response.LastUpdateStatus);
        Assert.Equal(new[] { "subnet-a", "subnet-b" }, response.VpcConfig.SubnetIds);
        Assert.Equal(new[] { "sg-1" }, response.VpcConfig.SecurityGroupIds);
        Assert.Equal("vpc-1", response.VpcConfig.VpcId);
        Assert.False(response.VpcConfig.Ipv6AllowedForDualStack);
    }

    [Fact]
    public async Task GetFunctionConfiguration_WithoutVpcHasNoVpcConfigAndAMissingFunctionIsResourceNotFound()
    {
        server.Enqueue(200, "{\"FunctionName\":\"public\",\"Timeout\":3}", "application/json")
            .Enqueue(404, "{\"Type\":\"User\",\"Message\":\"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope\"}", "application/json",
                ("x-amzn-ErrorType", "ResourceNotFoundException"));

        var response = await client.GetFunctionConfigurationAsync(new GetFunctionConfigurationRequest { FunctionName = "public" });
        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            client.GetFunctionConfigurationAsync(new GetFunctionConfigurationRequest { FunctionName = "nope" }));

        Assert.Null(response.VpcConfig);
        Assert.Equal(3, response.Timeout);
        Assert.Equal("/2015-03-31/functions/nope/configuration", server.Requests[1].PathAndQuery);
        Assert.Contains("Function not found", error.Message);
    }

    [Fact]
    public async Task ListFunctions_ReadsEachFunctionsVpcConfig()
    {
        server.Enqueue(200, "{\"Functions\":[{\"FunctionName\":\"runner\",\"VpcConfig\":{\"SubnetIds\":[\"subnet-a\"],\"SecurityGroupIds\":[\"sg-1\"],\"VpcId\":\"vpc-1\"}}," +
                            "{\"FunctionName\":\"edge\"}]}", "application/json");

        var response = await client.ListFunctionsAsync(new ListFunctionsRequest());

        Assert.Equal("vpc-1", response.Functions[0].VpcConfig.VpcId);
        Assert.Equal(new[] { "subnet-a" }, response.Functions[0].VpcConfig.SubnetIds);
        Assert.Null(response.Functions[1].VpcConfig);
    }
}
