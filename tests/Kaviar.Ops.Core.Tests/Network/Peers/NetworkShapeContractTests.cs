using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Network;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Network.Peers;

/// <summary>moto, started once for the shape tests that use it.</summary>
public sealed class MotoPeerFixture : IDisposable
{
    public ApiShapePeer Peer { get; } = ApiShapePeer.Moto();

    public void Dispose() => Peer.Dispose();
}

/// <summary>An empty simulated account for the shape tests.</summary>
public sealed class SimulatedPeerFixture : IDisposable
{
    public ApiShapePeer Peer { get; } = ApiShapePeer.Simulated();

    public void Dispose() => Peer.Dispose();
}

/// <summary>
/// Each shape of <see cref="NetworkShapes"/> built in a real peer, read back by the core through EC2's API, and judged
/// by the reachability evaluator: the verdict and its deciding phrase must be AWS's. Where the peer judges traffic
/// itself (the simulated account), its own verdict must agree too.
/// </summary>
public abstract class NetworkShapeContractTests
{
    public static IEnumerable<object[]> Shapes() => NetworkShapes.All.Select(s => new object[] { s });

    protected abstract IShapePeer Peer { get; }

    [Fact]
    public void The_table_holds_forty_shapes_or_more() => Assert.True(NetworkShapes.All.Count >= 40, $"{NetworkShapes.All.Count} shapes");

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task The_core_judges_the_shape_as_AWS_does(NetworkShape shape)
    {
        var built = await Peer.BuildAsync(shape);
        var ec2 = new Ec2Network(Peer.Ec2, Peer.Region);

        var reach = await new ReachabilityEvaluator(ec2).EvaluateAsync(built.LoadBalancer(shape), built.Task(shape), "tcp", NetworkShape.Port, CancellationToken.None);

        Assert.True(shape.Allowed == reach.Allowed, $"{Peer.Name}: expected {(shape.Allowed ? "allowed" : "denied")}, got: {reach.Reason}");
        Assert.Contains(shape.Phrase, reach.Reason);
        if (Peer.OwnVerdict(shape, built) is { } own)
        {
            Assert.True(shape.Allowed == own, $"{Peer.Name} itself judges the flow {(own ? "allowed" : "denied")}");
        }
    }
}

public sealed class MotoNetworkShapeTests : NetworkShapeContractTests, IClassFixture<MotoPeerFixture>
{
    private readonly MotoPeerFixture fixture;

    public MotoNetworkShapeTests(MotoPeerFixture fixture) => this.fixture = fixture;

    protected override IShapePeer Peer => fixture.Peer;
}

public sealed class SimulatedNetworkShapeTests : NetworkShapeContractTests, IClassFixture<SimulatedPeerFixture>
{
    private readonly SimulatedPeerFixture fixture;

    public SimulatedNetworkShapeTests(SimulatedPeerFixture fixture) => this.fixture = fixture;

    protected override IShapePeer Peer => fixture.Peer;
}
