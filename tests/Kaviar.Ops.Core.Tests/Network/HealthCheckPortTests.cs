using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;
using Kaviar.Ops.Simulator;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>
/// A target group whose health checks go to a port of their own: the tasks must admit the load balancer on it too,
/// or the health checks time out while requests would pass; the check says so and the repair adds that rule.
/// </summary>
public sealed class HealthCheckPortTests : IDisposable
{
    private const int HealthPort = 9000;
    private readonly NetworkTestAccount test = new NetworkTestAccount(NetworkTestAccount.Seed001WithDatabase(Seed001Variant.Healthy)
        .With(state => state.Elbv2.TargetGroups.Single(t => t.TargetGroupName == Scenarios.Seed001TargetGroup).HealthCheckPort = HealthPort.ToString()));

    public void Dispose() => test.Dispose();

    private static ServiceReference Seed001Service => EcsNames.Service(NetworkTestAccount.Service, NetworkTestAccount.Cluster);

    [Fact]
    public async Task The_health_check_port_is_judged_and_repaired_like_the_traffic_port()
    {
        var links = (await test.Inspector.InspectAsync(new NetworkPathRequest { Service = Seed001Service, Cluster = NetworkTestAccount.Cluster }, CancellationToken.None))
            .Where(c => c.Link == NetworkPathLinks.LoadBalancerToTask).ToList();

        Assert.Equal(new int?[] { 3001, HealthPort }, links.Select(l => l.Port));
        Assert.True(links[0].Passed, links[0].Detail);
        Assert.False(links[1].Passed);
        Assert.Contains($"on {HealthPort}, its health check port time out (Target.Timeout)", links[1].Detail);

        var steps = await test.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None);
        Assert.Equal(new[] { (3001, StepStatus.AlreadyInPlace), (HealthPort, StepStatus.Planned) }, steps.Select(s => (s.Port!.Value, s.StatusKind)));
        await test.Applier.ApplyAsync(steps[1], CancellationToken.None);

        var after = (await test.Inspector.InspectAsync(new NetworkPathRequest { Service = Seed001Service, Cluster = NetworkTestAccount.Cluster }, CancellationToken.None))
            .Where(c => c.Link == NetworkPathLinks.LoadBalancerToTask).ToList();
        Assert.All(after, l => Assert.True(l.Passed, l.Detail));
    }
}
