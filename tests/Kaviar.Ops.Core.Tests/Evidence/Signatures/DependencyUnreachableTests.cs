using System.Linq;
using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class DependencyUnreachableTests
{
    private const string Id = "DependencyUnreachable";

    [Theory]
    [InlineData("Error: connect ECONNREFUSED 10.0.5.30:6379", "10.0.5.30", "6379", "Refused")]
    [InlineData("[ioredis] Unhandled error event: Error: connect ECONNREFUSED 10.0.5.30:6379", "10.0.5.30", "6379", "Refused")]
    [InlineData("redis.exceptions.ConnectionError: Error 111 connecting to redis.internal:6379. Connection refused.", "redis.internal", "6379", "Refused")]
    [InlineData("dial tcp 10.0.5.30:6379: connect: connection refused", "10.0.5.30", "6379", "Refused")]
    [InlineData("System.Net.Http.HttpRequestException: Connection refused (payments.internal:8443)", "payments.internal", "8443", "Refused")]
    [InlineData("Error: connect ETIMEDOUT 52.95.1.2:443", "52.95.1.2", "443", "TimedOut")]
    [InlineData("redis.exceptions.TimeoutError: Error 110 connecting to redis.internal:6379. Connection timed out.", "redis.internal", "6379", "TimedOut")]
    public void A_failure_to_another_port_is_a_dependency_not_the_database(string line, string host, string port, string kind)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(host, diagnosis.Fact(LogFacts.Host));
        Assert.Equal(port, diagnosis.Fact(LogFacts.Port));
        Assert.Equal(kind, diagnosis.Fact(LogFacts.Kind));
        Assert.Contains($"{host}:{port}", diagnosis.Cause);
        Assert.DoesNotContain("Postgres", diagnosis.Cause);
        Assert.Null(diagnosis.Fix);
    }

    [Fact]
    public void A_timeout_says_which_rule_admits_the_tasks()
    {
        var diagnosis = LogSample.Single(Id, "Error: connect ETIMEDOUT 10.0.5.30:6379");

        Assert.Equal("If it runs in the VPC, let its security group admit the tasks' group: aws ec2 authorize-security-group-ingress " +
                     "--group-id <its security group> --protocol tcp --port 6379 --source-group sg-0a1b2c3d4e5f60718 --region eu-west-1", diagnosis.ManualFix);
    }

    [Fact]
    public void Localhost_is_the_task_itself()
    {
        Assert.Contains("in a Fargate task localhost is the task itself", LogSample.Single(Id, "Error: connect ECONNREFUSED 127.0.0.1:6379").Cause);
    }

    [Fact]
    public void It_would_read_a_database_port_too_but_yields_it_to_the_postgres_signatures()
    {
        const string line = "Error: connect ECONNREFUSED 10.0.5.20:5432";
        var alone = LogSignatures.Classify(new[] { line }, LogSample.Context(),
            new ILogSignature[] { new Kaviar.Ops.Evidence.Signatures.DependencyUnreachable() });

        Assert.Equal(Id, Assert.Single(alone).SignatureId);
        Assert.Equal(new[] { "PostgresConnectionRefused" }, LogSample.Classify(line).Select(d => d.SignatureId));
    }
}
