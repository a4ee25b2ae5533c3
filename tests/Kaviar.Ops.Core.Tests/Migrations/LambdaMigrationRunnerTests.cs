using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.Lambda;
using Kaviar.Ops.Core.Tests.AwsServices;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Migrations;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Migrations;

public sealed class LambdaMigrationRunnerTests : IDisposable
{
    private const string Function = "aurora-migrations-runner-dev";
    private const string Event = "{\"action\":\"run-migration\",\"target\":\"017\"}";
    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly LambdaMigrationRunner runner;

    public LambdaMigrationRunnerTests()
    {
        runner = new LambdaMigrationRunner(new OpsContext(new Kaviar.Ops.Aws.AwsConnection(FakeAwsServer.Credentials, Amazon.RegionEndpoint.USEast1,
            new Uri(server.Url), "test", "test")));
    }

    public void Dispose() => server.Dispose();

    [Fact]
    public void BuildPayload_WritesTheRunnersEvent()
    {
        Assert.Equal(Event, LambdaMigrationRunner.BuildPayload("run-migration", "017"));
        Assert.Equal("{\"action\":\"list-migrations\"}", LambdaMigrationRunner.BuildPayload("list-migrations", null));
        Assert.Equal("{\"action\":\"run-migration\",\"target\":\"0\\u0022\"}", LambdaMigrationRunner.BuildPayload("run-migration", "0\""));
    }

    [Fact]
    public void ValidatePayload_RejectsNonJson() =>
        Assert.Equal(ErrorTable.LambdaMigrationInvalidPayload, Assert.Throws<OpsException>(() => LambdaMigrationRunner.ValidatePayload("{action:run}")).Code);

    [Fact]
    public void DecodeLogTail_SplitsLinesWithoutTheTrailingEmptyOne()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("START RequestId: r\r\nINFO\tok\nEND RequestId: r\n"));

        Assert.Equal(new[] { "START RequestId: r", "INFO\tok", "END RequestId: r" }, LambdaMigrationRunner.DecodeLogTail(encoded));
        Assert.Empty(LambdaMigrationRunner.DecodeLogTail(null));
    }

    [Fact]
    public async Task Success_ReadsStatusMigrationMessageAndLog()
    {
        server.Enqueue(200, "{\"status\":\"success\",\"migration\":\"017\",\"message\":\"Migration 017 executed successfully\"}", "application/json",
            ("X-Amz-Log-Result", Convert.ToBase64String(Encoding.UTF8.GetBytes("START\nEND\n"))), ("X-Amz-Executed-Version", "$LATEST"));

        var result = await runner.InvokeAsync(Function, Event, CancellationToken.None);

        Assert.Equal("RequestResponse", server.SingleRequest.Header("X-Amz-Invocation-Type"));
        Assert.Equal("Tail", server.SingleRequest.Header("X-Amz-Log-Type"));
        Assert.Equal(Event, server.SingleRequest.Body);
        Assert.True(result.Succeeded);
        Assert.Equal(("us-east-1", Function, Event, 200), (result.Region, result.FunctionName, result.Payload, result.StatusCode));
        Assert.Equal(("success", "017", "Migration 017 executed successfully"), (result.Status, result.Migration, result.Message));
        Assert.Equal("$LATEST", result.ExecutedVersion);
        Assert.Equal(new[] { "START", "END" }, result.LogTail);
    }

    [Fact]
    public async Task ConnectTimeout_IsAFunctionErrorThatPointsAtTheSecurityGroups()
    {
        server.Enqueue(200, "{\"errorType\":\"Error\",\"errorMessage\":\"connect ETIMEDOUT 10.0.3.17:5432\",\"trace\":[]}", "application/json",
            ("X-Amz-Function-Error", "Unhandled"));

        var error = await Assert.ThrowsAsync<LambdaMigrationException>(() => runner.InvokeAsync(Function, Event, CancellationToken.None));

        Assert.Equal(LambdaMigrationProblem.FunctionError, error.Problem);
        Assert.Contains("connect ETIMEDOUT 10.0.3.17:5432", error.Message);
        // The function's configuration could not be read here, so the fix names the rule with placeholders for the groups.
        Assert.Contains("timed out", error.Message);
        Assert.Contains("authorize-security-group-ingress --group-id <database security group> --protocol tcp --port 5432", error.Message);
        Assert.Equal("Unhandled", error.Result!.FunctionError);
        Assert.False(error.Result.Succeeded);
    }

    [Fact]
    public async Task OtherFunctionErrors_CarryTheErrorMessageWithoutTheNetworkHint()
    {
        server.Enqueue(200, "{\"errorType\":\"TypeError\",\"errorMessage\":\"Cannot read properties of undefined (reading 'target')\"}", "application/json",
            ("X-Amz-Function-Error", "Unhandled"));

        var error = await Assert.ThrowsAsync<LambdaMigrationException>(() => runner.InvokeAsync(Function, Event, CancellationToken.None));

        Assert.Contains("Cannot read properties of undefined", error.Message);
        Assert.DoesNotContain("Repair-DatabaseIngress", error.Message);
    }

    [Theory]
    [InlineData("{\"status\":\"error\",\"migration\":\"017\",\"message\":\"relation \\\"dry_run_log\\\" already exists\"}", "relation \"dry_run_log\" already exists")]
    [InlineData("\"done\"", "status '(none)'")]
    [InlineData("not json", "status '(none)'")]
    public async Task AnythingButStatusSuccess_IsAFailedMigration(string body, string expected)
    {
        server.Enqueue(200, body, "application/json");

        var error = await Assert.ThrowsAsync<LambdaMigrationException>(() => runner.InvokeAsync(Function, Event, CancellationToken.None));

        Assert.Equal(LambdaMigrationProblem.MigrationFailed, error.Problem);
        Assert.Contains(expected, error.Message);
        Assert.Equal(body, error.Result!.ResponsePayload);
    }

    [Fact]
    public async Task AnAnswerEchoingASecretField_IsShownWithItMasked()
    {
        server.Enqueue(200, "{\"status\":\"error\",\"message\":\"bad event\",\"event\":{\"password\":\"echoed-hunter2\"}}", "application/json");

        var error = await Assert.ThrowsAsync<LambdaMigrationException>(() => runner.InvokeAsync(Function, Event, CancellationToken.None));

        Assert.DoesNotContain("echoed-hunter2", error.Result!.ResponsePayload);
        Assert.Contains("bad event", error.Result.ResponsePayload);
    }

    [Fact]
    public async Task UnknownFunction_IsFunctionNotFound()
    {
        server.Enqueue(404, "{\"Type\":\"User\",\"Message\":\"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope\"}", "application/json",
            ("x-amzn-ErrorType", "ResourceNotFoundException"));

        var error = await Assert.ThrowsAsync<LambdaMigrationException>(() => runner.InvokeAsync("nope", Event, CancellationToken.None));

        Assert.Equal(LambdaMigrationProblem.FunctionNotFound, error.Problem);
        Assert.Contains("nope", error.Message);
        Assert.Null(error.Result);
    }

    [Fact]
    public async Task OtherServiceErrors_PassThrough()
    {
        server.Enqueue(403, "{\"Type\":\"User\",\"Message\":\"not authorized to perform: lambda:InvokeFunction\"}", "application/json",
            ("x-amzn-ErrorType", "AccessDeniedException"));

        var error = await Assert.ThrowsAsync<AmazonLambdaException>(() => runner.InvokeAsync(Function, Event, CancellationToken.None));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
    }
}
