using System;
using System.Linq;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.AwsServices.CloudWatch;
using Kaviar.Ops.AwsServices.CloudWatch.Model;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Core.Tests.AwsServices;

/// <summary>DescribeAlarms on the wire (JSON 1.0, as the aws CLI sends it), then against the simulated account and moto alike.</summary>
public sealed class CloudWatchClientTests : IClassFixture<MotoServerFixture>, IDisposable
{
    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly Uri moto;

    public CloudWatchClientTests(MotoServerFixture fixture) => moto = fixture.Server.Endpoint;

    public void Dispose() => server.Dispose();

    private static AmazonCloudWatchClient Client(string url) =>
        new AmazonCloudWatchClient(FakeAwsServer.Credentials, new AmazonCloudWatchConfig { ServiceURL = url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    [Fact]
    public async Task DescribeAlarms_sends_json_1_0_and_reads_the_alarm()
    {
        server.EnqueueJson(@"{""MetricAlarms"":[{""AlarmName"":""cpu"",""AlarmArn"":""arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu"",
            ""StateValue"":""ALARM"",""StateUpdatedTimestamp"":1714636801.5,""MetricName"":""CPUUtilization"",""Namespace"":""AWS/ECS"",""Statistic"":""Average"",
            ""Dimensions"":[{""Name"":""ClusterName"",""Value"":""tinyurl-prod""}],""Period"":60,""EvaluationPeriods"":5,""Threshold"":80.5,
            ""ComparisonOperator"":""GreaterThanThreshold"",""AlarmActions"":[""arn:aws:sns:us-east-1:123456789012:on-call""]}],""CompositeAlarms"":[],""NextToken"":""t2""}");
        using var client = Client(server.Url);

        var response = await client.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = "go-", MaxRecords = 10 });

        var request = server.SingleRequest;
        Assert.Equal("GraniteServiceVersion20100801.DescribeAlarms", request.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Contains("/us-east-1/monitoring/aws4_request", request.Header("Authorization"));
        Assert.Equal("{\"AlarmNamePrefix\":\"go-\",\"MaxRecords\":10}", request.Body);
        var alarm = Assert.Single(response.MetricAlarms);
        Assert.Equal(80.5, alarm.Threshold);
        Assert.Equal("tinyurl-prod", Assert.Single(alarm.Dimensions).Value);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 1, 500, DateTimeKind.Utc), alarm.StateUpdatedTimestamp);
        Assert.Equal("t2", response.NextToken);
    }

    [Fact]
    public async Task An_error_is_read_by_its_code()
    {
        server.EnqueueJson(@"{""__type"":""InvalidNextToken"",""message"":""The service couldn't process the token.""}", 400);
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<InvalidNextTokenException>(() => client.DescribeAlarmsAsync(new DescribeAlarmsRequest { NextToken = "x" }));
        Assert.Equal("InvalidNextToken", error.ErrorCode);
    }

    [Fact]
    public async Task Every_page_of_the_simulated_account_and_of_moto_is_read_alike()
    {
        var prefix = "peer-" + Guid.NewGuid().ToString("N").Substring(0, 8) + "-";
        using var account = SimulatedAccount.Start(AccountScenario.Named("alarms").InRegion("us-east-1"), new ManualClock());
        foreach (var endpoint in new[] { account.Endpoint, moto })
        {
            foreach (var name in new[] { "cpu", "memory", "unhealthy" })
            {
                var put = AwsCli.Run(endpoint, "us-east-1", "cloudwatch", "put-metric-alarm", "--alarm-name", prefix + name, "--namespace", "AWS/ECS",
                    "--metric-name", "CPUUtilization", "--statistic", "Average", "--period", "60", "--evaluation-periods", "1", "--threshold", "1",
                    "--comparison-operator", "GreaterThanThreshold");
                Assert.True(put.ExitCode == 0, put.Stderr);
            }
        }

        string[] simulated, peer;
        using (var client = Client(account.Endpoint.ToString()))
        {
            simulated = (await client.DescribeAllAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = prefix, MaxRecords = 1 })).Select(a => a.AlarmName).ToArray();
        }

        using (var client = Client(moto.ToString()))
        {
            peer = (await client.DescribeAllAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = prefix, MaxRecords = 1 })).Select(a => a.AlarmName).ToArray();
        }

        Assert.Equal(new[] { "cpu", "memory", "unhealthy" }.Select(n => prefix + n), simulated);
        Assert.Equal(simulated, peer.OrderBy(n => n, StringComparer.Ordinal));
    }
}
