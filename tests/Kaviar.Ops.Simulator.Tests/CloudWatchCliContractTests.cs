using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// The simulated account's CloudWatch metric alarms through the real aws CLI (which speaks JSON 1.0 to it), and beside
/// moto's on the same calls: put, describe with its filters and pages, update, delete.
/// </summary>
public sealed class CloudWatchCliContractTests : IClassFixture<MotoServerFixture>, IDisposable
{
    private const string Region = "us-east-1";

    private readonly SimulatedAccount account = SimulatedAccount.Start(AccountScenario.Named("alarms").InRegion(Region), new ManualClock());
    private readonly CliContract aws;
    private readonly Uri moto;

    // Each test its own names: moto lives as long as the class.
    private readonly string prefix = "go-backend-" + Guid.NewGuid().ToString("N").Substring(0, 8) + "-";

    public CloudWatchCliContractTests(MotoServerFixture fixture)
    {
        aws = new CliContract(account);
        moto = fixture.Server.Endpoint;
    }

    public void Dispose() => account.Dispose();

    private string[] PutCpuAlarm(string name, string threshold = "80") => new[]
    {
        "cloudwatch", "put-metric-alarm", "--alarm-name", prefix + name, "--namespace", "AWS/ECS", "--metric-name", "CPUUtilization",
        "--dimensions", "Name=ClusterName,Value=tinyurl-prod", "Name=ServiceName,Value=go-backend", "--statistic", "Average", "--period", "60",
        "--evaluation-periods", "5", "--threshold", threshold, "--comparison-operator", "GreaterThanThreshold",
        "--alarm-actions", "arn:aws:sns:us-east-1:123456789012:on-call",
    };

    private JsonElement[] Describe(Uri endpoint, params string[] options)
    {
        var result = AwsCli.Run(endpoint, Region, new[] { "cloudwatch", "describe-alarms", "--output", "json" }.Concat(options).ToArray());
        Assert.True(result.ExitCode == 0, $"describe-alarms against {endpoint} exited {result.ExitCode}: {result.Stderr}");
        using var document = result.Json;
        return document.RootElement.GetProperty("MetricAlarms").Clone().EnumerateArray().ToArray();
    }

    /// <summary>A call that answers nothing (put, delete), made in the simulated account only.</summary>
    private void Simulated(params string[] args) => Succeeds(account.Endpoint, args);

    private void Both(params string[] args)
    {
        Succeeds(account.Endpoint, args);
        Succeeds(moto, args);
    }

    private static void Succeeds(Uri endpoint, string[] args)
    {
        var result = AwsCli.Run(endpoint, Region, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} against {endpoint} exited {result.ExitCode}: {result.Stderr}");
    }

    [Fact]
    public void A_put_alarm_is_described_with_its_metric_dimensions_and_threshold_as_moto_describes_it()
    {
        Both(PutCpuAlarm("cpu"));

        foreach (var endpoint in new[] { account.Endpoint, moto })
        {
            var alarm = Assert.Single(Describe(endpoint, "--alarm-names", prefix + "cpu"));
            Assert.Equal(prefix + "cpu", alarm.Str("AlarmName"));
            Assert.Equal($"arn:aws:cloudwatch:{Region}:123456789012:alarm:{prefix}cpu", alarm.Str("AlarmArn"));
            Assert.Equal("AWS/ECS", alarm.Str("Namespace"));
            Assert.Equal("CPUUtilization", alarm.Str("MetricName"));
            Assert.Equal("Average", alarm.Str("Statistic"));
            Assert.Equal(80.0, alarm.GetProperty("Threshold").GetDouble());
            Assert.Equal("GreaterThanThreshold", alarm.Str("ComparisonOperator"));
            Assert.Equal(5, alarm.Int("EvaluationPeriods"));
            Assert.Equal(new[] { "ClusterName=tinyurl-prod", "ServiceName=go-backend" }, alarm.Items("Dimensions").Select(d => d.Str("Name") + "=" + d.Str("Value")));
            Assert.Equal(new[] { "arn:aws:sns:us-east-1:123456789012:on-call" }, alarm.Strings("AlarmActions"));
        }

        // AWS starts an alarm in INSUFFICIENT_DATA until it has data; moto says OK.
        Assert.Equal("INSUFFICIENT_DATA", Assert.Single(Describe(account.Endpoint, "--alarm-names", prefix + "cpu")).Str("StateValue"));
    }

    [Fact]
    public void A_prefix_and_pages_list_the_same_alarms_in_both_in_name_order_as_aws_does()
    {
        foreach (var name in new[] { "c", "a", "b" })
        {
            Both(PutCpuAlarm(name));
        }

        string[] Names(Uri endpoint) => Describe(endpoint, "--alarm-name-prefix", prefix, "--page-size", "1").Select(a => a.Str("AlarmName").Substring(prefix.Length)).ToArray();

        Assert.Equal(new[] { "a", "b", "c" }, Names(account.Endpoint));
        // moto lists them in the order they were made.
        Assert.Equal(new[] { "a", "b", "c" }, Names(moto).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Putting_an_alarm_again_replaces_its_configuration_and_deleting_removes_it_even_twice()
    {
        Both(PutCpuAlarm("cpu"));
        Both(PutCpuAlarm("cpu", threshold: "70"));

        foreach (var endpoint in new[] { account.Endpoint, moto })
        {
            Assert.Equal(70.0, Assert.Single(Describe(endpoint, "--alarm-name-prefix", prefix)).GetProperty("Threshold").GetDouble());
        }

        Both("cloudwatch", "delete-alarms", "--alarm-names", prefix + "cpu");
        Both("cloudwatch", "delete-alarms", "--alarm-names", prefix + "cpu");
        Assert.Empty(Describe(account.Endpoint, "--alarm-name-prefix", prefix));
        Assert.Empty(Describe(moto, "--alarm-name-prefix", prefix));
    }

    [Fact]
    public void A_state_filter_lists_only_alarms_in_that_state()
    {
        Simulated(PutCpuAlarm("cpu"));

        Assert.Single(Describe(account.Endpoint, "--state-value", "INSUFFICIENT_DATA"));
        Assert.Empty(Describe(account.Endpoint, "--state-value", "ALARM"));
    }

    [Theory]
    [InlineData("--period", "45", "ValidationError")]
    [InlineData("--comparison-operator", "Above", "ValidationError")]
    [InlineData("--extended-statistic", "p99", "InvalidParameterCombination")]
    public void An_alarm_aws_refuses_is_refused_with_its_error_code(string option, string value, string code)
    {
        var args = PutCpuAlarm("bad").ToList();
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange(new[] { option, value });
        }

        Assert.Contains($"({code})", aws.Error(args.ToArray()));
        Assert.Empty(Describe(account.Endpoint));
    }

    [Fact]
    public void Alarm_names_and_a_prefix_together_are_refused()
    {
        Assert.Contains("(InvalidParameterCombination)", aws.Error("cloudwatch", "describe-alarms", "--alarm-names", "a", "--alarm-name-prefix", "a"));
    }
}
