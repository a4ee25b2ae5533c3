using Kaviar.Ops.Kernel;
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Network;
using Kaviar.Ops.Simulator;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network;

/// <summary>
/// A healthy seed 001 service whose target group sends health checks to a port the app does not listen on: the
/// simulated account refuses them (Target.FailedHealthChecks), the check names a port mismatch, and the security
/// group repair plans nothing.
/// </summary>
public sealed class PortConsistencyTests : IDisposable
{
    private readonly NetworkTestAccount test = new NetworkTestAccount(NetworkTestAccount.Seed001WithDatabase(Seed001Variant.Healthy));

    public void Dispose() => test.Dispose();

    private static ServiceReference Seed001Service => EcsNames.Service(NetworkTestAccount.Service, NetworkTestAccount.Cluster);

    private static NetworkPathRequest Request() => new NetworkPathRequest { Service = Seed001Service, Cluster = NetworkTestAccount.Cluster };

    private Simulator.Elbv2.TargetGroup TargetGroup(Simulator.AccountState state) =>
        state.Elbv2.TargetGroups.Single(t => t.TargetGroupName == Scenarios.Seed001TargetGroup);

    [Fact]
    public async Task Consistent_ports_pass()
    {
        var ports = Assert.Single(await test.Inspector.InspectAsync(Request(), CancellationToken.None), c => c.Link == NetworkPathLinks.PortConsistency);

        Assert.True(ports.Passed, ports.Detail);
        Assert.Contains("listens on 3001", ports.Detail);
    }

    [Fact]
    public async Task A_health_check_port_where_nothing_listens_is_a_port_finding_and_no_security_group_repair()
    {
        // The groups admit the load balancer on 8080 too, so the checks reach the task and find nothing listening.
        test.Account.Use(state =>
        {
            TargetGroup(state).HealthCheckPort = "8080";
            state.Ec2.AuthorizeIngressFromGroup(test.GroupId("kaviar-ecs-sg"), 8080, test.GroupId("kaviar-alb-sg"));
        });
        var reasons = new System.Collections.Generic.HashSet<string?>();
        for (var elapsed = 0; elapsed < 300; elapsed += 10)
        {
            test.Advance(TimeSpan.FromSeconds(10));
            reasons.UnionWith(test.Account.Read(state => TargetGroup(state).Targets.Select(t => t.Reason).ToList()));
        }

        Assert.Contains("Target.FailedHealthChecks", reasons);
        Assert.DoesNotContain("Target.Timeout", reasons);

        var checks = await test.Inspector.InspectAsync(Request(), CancellationToken.None);

        var ports = Assert.Single(checks, c => c.Link == NetworkPathLinks.PortConsistency);
        Assert.False(ports.Passed);
        Assert.Contains("Port mismatch", ports.Detail);
        Assert.Contains("health checks to port 8080", ports.Detail);
        Assert.Contains("--health-check-port traffic-port", ports.Fix);
        Assert.All(checks.Where(c => c.Link is NetworkPathLinks.LoadBalancerToTask or NetworkPathLinks.TaskSecurityGroups), c => Assert.True(c.Passed, c.Detail));
        Assert.All(await test.Planner.PlanServiceAsync(Seed001Service, null, CancellationToken.None),
            s => Assert.Equal(StepStatus.AlreadyInPlace, s.StatusKind));
    }
}
