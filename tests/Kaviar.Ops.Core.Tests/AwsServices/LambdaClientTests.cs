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
}
