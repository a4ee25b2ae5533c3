using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Core.Tests.Network;
using Kaviar.Ops.LoadBalancing;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Elbv2;
using Xunit;

namespace Kaviar.Ops.Core.Tests.LoadBalancing;

/// <summary>
/// A weighted default action on the healthy seed 001 listener: kaviar-backend-tg (weight 60, healthy), kaviar-green-tg
/// (weight 30, no registered target: 503), kaviar-blue-tg (weight 10, one unhealthy target: the ALB fails open to it)
/// and kaviar-idle-tg (weight 0, no target, gets no request).
/// </summary>
public sealed class AlbListenerInspectorTests : IDisposable
{
    private readonly NetworkTestAccount test = new NetworkTestAccount(Scenarios.Seed001(Seed001Variant.Healthy));
    private readonly AlbListenerInspector inspector;

    public AlbListenerInspectorTests()
    {
        test.Advance(TimeSpan.FromMinutes(5));
        lock (test.Account.State.SyncRoot)
        {
            var elbv2 = test.Account.State.Elbv2;
            var backend = elbv2.TargetGroups.Single();
            var green = elbv2.AddTargetGroup("kaviar-green-tg", backend.VpcId, Scenarios.Seed001Port, "/api/health");
            var blue = elbv2.AddTargetGroup("kaviar-blue-tg", backend.VpcId, Scenarios.Seed001Port, "/api/health");
            var idle = elbv2.AddTargetGroup("kaviar-idle-tg", backend.VpcId, Scenarios.Seed001Port, "/api/health");
            Weighted((backend.TargetGroupArn, 60), (green.TargetGroupArn, 30), (blue.TargetGroupArn, 10), (idle.TargetGroupArn, 0));
            var zone = backend.Targets.Single().AvailabilityZone!;
            elbv2.RegisterTarget(blue.TargetGroupArn, "10.0.3.250", Scenarios.Seed001Port, zone);
            elbv2.SetTargetHealth(blue.TargetGroupArn, "10.0.3.250", Scenarios.Seed001Port, "unhealthy", "Target.Timeout", "Request timed out");
        }

        inspector = new AlbListenerInspector(test.Elb, test.Account.Region);
    }

    public void Dispose() => test.Dispose();

    private void Weighted(params (string Arn, int Weight)[] groups)
    {
        var elbv2 = test.Account.State.Elbv2;
        elbv2.ModifyListenerDefaultActions(elbv2.Listeners.Single().ListenerArn, new[]
        {
            new ListenerAction("forward", null, null, groups.Select(g => new WeightedTargetGroup(g.Arn, g.Weight)).ToList(), null, null),
        });
    }

    private string Arn(string name) => test.Account.Read(state => state.Elbv2.FindTargetGroupByName(name)!.TargetGroupArn);

    [Fact]
    public async Task Audit_names_every_weighted_group_without_a_healthy_target_with_its_share_and_what_its_requests_get()
    {
        var findings = await inspector.AuditAsync(Scenarios.Seed001LoadBalancer, CancellationToken.None);

        var unhealthy = findings.Where(f => f.Code == "RuleForwardsToUnhealthyTargetGroup").ToList();
        Assert.Equal(2, unhealthy.Count);
        Assert.All(unhealthy, f => Assert.Equal("Warning", f.Severity));
        Assert.Equal(
            "The default action sends 30% of requests (weight 30 of 100) to kaviar-green-tg, which has no healthy target: " +
            "that 30% of requests get 503 (no registered target in service).", unhealthy[0].Finding);
        Assert.Equal(
            "The default action sends 10% of requests (weight 10 of 100) to kaviar-blue-tg, which has no healthy target: " +
            "that 10% of requests still go to its 1 unhealthy target(s), because a target group whose registered targets are all unhealthy " +
            "fails open: expect errors or timeouts.", unhealthy[1].Finding);
        Assert.Equal($"Test-AlbTargetHealth -TargetGroupArn {Arn("kaviar-green-tg")} -Region us-east-2", unhealthy[0].Fix);
        Assert.DoesNotContain(findings, f => f.Finding.Contains("kaviar-idle-tg") || f.Finding.Contains("kaviar-backend-tg,"));
    }

    [Fact]
    public async Task A_single_group_forward_with_only_unhealthy_targets_fails_open_rather_than_503()
    {
        lock (test.Account.State.SyncRoot)
        {
            Weighted((Arn("kaviar-blue-tg"), 1));
        }

        var finding = Assert.Single(await inspector.AuditAsync(Scenarios.Seed001LoadBalancer, CancellationToken.None));

        Assert.Equal("Error", finding.Severity);
        Assert.Equal("The default action forwards to kaviar-blue-tg, which has no healthy target: its requests still go to its 1 unhealthy target(s), " +
                     "because a target group whose registered targets are all unhealthy fails open: expect errors or timeouts.", finding.Finding);
    }

    [Fact]
    public async Task Resolve_gives_each_weighted_group_its_share_health_and_outcome()
    {
        var route = await inspector.ResolveAsync(Scenarios.Seed001LoadBalancer, 80, new AlbRequest("example.com", "/"), CancellationToken.None);

        Assert.Equal(Arn(Scenarios.Seed001TargetGroup), route.TargetGroupArn);
        Assert.Equal(new[] { 60.0, 30.0, 10.0, 0.0 }, route.TargetGroups.Select(g => g.SharePercent));
        Assert.Equal(new[] { 1, 0, 0, 0 }, route.TargetGroups.Select(g => g.HealthyTargets));
        Assert.Equal(
            "forwarded by weight: 60% to kaviar-backend-tg (1 healthy target(s)); 30% to kaviar-green-tg, which has no healthy target: 503; " +
            "10% to kaviar-blue-tg, which has no healthy target: it fails open to its 1 unhealthy target(s), expect errors or timeouts; " +
            "0% to kaviar-idle-tg (weight 0: no requests)", route.Outcome);
    }

    [Fact]
    public async Task Repair_does_not_call_a_weighted_forward_in_place_while_another_group_with_weight_has_no_healthy_target()
    {
        var planned = await inspector.PlanDefaultForwardAsync(Scenarios.Seed001LoadBalancer, 80, Scenarios.Seed001TargetGroup, CancellationToken.None);
        Assert.Equal("Planned", planned.Status);
        Assert.StartsWith($"forward to {Arn(Scenarios.Seed001TargetGroup)} (weight 60), ", planned.PreviousDefaultAction);

        // The other groups at weight 0: every request reaches the intended group, so nothing is to change.
        lock (test.Account.State.SyncRoot)
        {
            Weighted((Arn(Scenarios.Seed001TargetGroup), 100), (Arn("kaviar-green-tg"), 0));
        }

        var fresh = new AlbListenerInspector(test.Elb, test.Account.Region);
        Assert.Equal("AlreadyInPlace", (await fresh.PlanDefaultForwardAsync(Scenarios.Seed001LoadBalancer, 80, Scenarios.Seed001TargetGroup, CancellationToken.None)).Status);

        // The intended group at weight 0 gets nothing: not in place.
        lock (test.Account.State.SyncRoot)
        {
            Weighted((Arn(Scenarios.Seed001TargetGroup), 0), (Arn("kaviar-green-tg"), 1));
        }

        var again = new AlbListenerInspector(test.Elb, test.Account.Region);
        var repair = await again.PlanDefaultForwardAsync(Scenarios.Seed001LoadBalancer, 80, Scenarios.Seed001TargetGroup, CancellationToken.None);
        Assert.Equal("Planned", repair.Status);
        await again.ApplyDefaultForwardAsync(repair, CancellationToken.None);
        Assert.Equal("AlreadyInPlace",
            (await new AlbListenerInspector(test.Elb, test.Account.Region).PlanDefaultForwardAsync(Scenarios.Seed001LoadBalancer, 80, Scenarios.Seed001TargetGroup, CancellationToken.None)).Status);
    }
}
