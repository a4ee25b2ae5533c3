using System;
using Kaviar.Ops.LoadBalancing;
using Xunit;

namespace Kaviar.Ops.Core.Tests.LoadBalancing;

/// <summary>The reason codes of DescribeTargetHealth (Elastic Load Balancing API reference, TargetHealth) each explained for what it means.</summary>
public sealed class TargetHealthExplanationsTests
{
    private const string GroupArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-tg/0123456789abcdef";
    private const string BalancerArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/0123456789abcdef";

    [Fact]
    public void Not_in_use_by_a_group_no_load_balancer_uses_asks_for_a_listener()
    {
        var finding = Explain(Target("unused", "Target.NotInUse", "us-east-1a"), Group());

        Assert.Equal("Warning", finding.Severity);
        Assert.StartsWith("No listener or rule of a load balancer forwards to this target group", finding.Message);
        Assert.StartsWith("aws elbv2 modify-listener", finding.ManualFix);
    }

    [Fact]
    public void Not_in_use_by_a_group_a_load_balancer_uses_is_a_zone_the_load_balancer_has_no_subnet_in()
    {
        var finding = Explain(Target("unused", "Target.NotInUse", "us-east-1c"), Group(BalancerArn));

        Assert.StartsWith("The target is in us-east-1c, where its load balancer has no subnet", finding.Message);
        Assert.Equal($"aws elbv2 set-subnets --region us-east-1 --load-balancer-arn {BalancerArn} --subnets <its current subnets> <a subnet in us-east-1c>", finding.ManualFix);
    }

    [Fact]
    public void Health_checks_off_is_information_not_an_error()
    {
        var finding = Explain(Target("unavailable", "Target.HealthCheckDisabled", null), Group(BalancerArn));

        Assert.Equal("Info", finding.Severity);
        Assert.EndsWith("--health-check-enabled", finding.ManualFix);
    }

    [Theory]
    [InlineData("Target.IpUnusable", "reserved for the load balancer's own use")]
    [InlineData("Elb.InternalError", "inside Elastic Load Balancing, not in the app")]
    public void Unhealthy_reasons_outside_the_app_say_so(string reason, string phrase)
    {
        var finding = Explain(Target("unhealthy", reason, "us-east-1a"), Group(BalancerArn));

        Assert.Equal("Error", finding.Severity);
        Assert.Contains(phrase, finding.Message);
    }

    [Theory]
    [InlineData("HTTPS", "fails the TLS handshake")]
    [InlineData("HTTP", "the connection was refused or reset")]
    public void A_failed_check_over_https_names_the_tls_handshake_only_when_the_check_is_https(string protocol, string phrase)
    {
        var group = Group(BalancerArn);
        group.HealthCheckProtocol = protocol;

        var finding = Explain(Target("unhealthy", "Target.FailedHealthChecks", "us-east-1a"), group);

        Assert.Contains(phrase, finding.Message);
        Assert.Equal(protocol == "HTTPS", finding.ManualFix?.EndsWith("--health-check-protocol HTTP") == true);
    }

    private static Kaviar.Ops.Kernel.Finding Explain(TargetState target, TargetGroupHealth group) =>
        TargetHealthExplanations.For(target, group, null, DateTime.UtcNow) ?? throw new InvalidOperationException("no finding");

    private static TargetState Target(string state, string reason, string? zone) =>
        new TargetState { TargetGroupArn = GroupArn, Id = "10.0.3.17", Port = 3001, State = state, Reason = reason, AvailabilityZone = zone };

    private static TargetGroupHealth Group(params string[] loadBalancers) =>
        new TargetGroupHealth { Region = "us-east-1", TargetGroupArn = GroupArn, TargetGroupName = "web-tg", LoadBalancerArns = loadBalancers };
}
