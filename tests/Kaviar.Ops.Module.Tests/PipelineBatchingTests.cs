using System;
using System.Linq;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// A sweep of many piped services costs calls by the API's batch limits, not one round of calls per service: the
/// service lookup is batched, and the EC2 reads of the VPC the services share are made once.
/// </summary>
public sealed class PipelineBatchingTests : IDisposable
{
    private const int Services = 30;

    private readonly SimulatedAccount account = SimulatedAccount.Start(Scenarios.Scale(Services), new ManualClock());
    private readonly ModuleSession session = new ModuleSession();

    public PipelineBatchingTests()
    {
        session.UseAccount(account.Endpoint, account.Region);
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    private static string[] Names => Enumerable.Range(1, Services).Select(n => Scenarios.ScaleServiceName(n, Services)).ToArray();

    [Fact]
    public void Health_then_target_health_of_thirty_services_is_a_few_batched_calls()
    {
        var names = Names;
        account.Calls.Clear();

        var result = session.Invoke("Get-EcsServiceHealth -Cluster scale-cluster -ServiceName $args | Test-AlbTargetHealth", names.Cast<object?>().ToArray());

        Assert.Empty(result.Errors);
        Assert.Equal(Services, result.Output.Count);
        var calls = account.Calls.Snapshot();
        Assert.Equal(2 * (Services / 10), calls.Count(c => c.Action == "DescribeServices"));
        Assert.Equal(1, calls.Count(c => c.Action == "DescribeTargetGroups"));
        Assert.Equal(Services, calls.Count(c => c.Action == "DescribeTargetHealth"));
        Assert.True(calls.Count(c => c.Action == "ListTasks") <= 2, "stopped tasks are listed once for the cluster");
    }

    [Fact]
    public void A_network_sweep_of_thirty_services_reads_their_shared_vpc_once()
    {
        var names = Names;
        account.Calls.Clear();

        var result = session.Invoke("Get-EcsServiceHealth -Cluster scale-cluster -ServiceName $args | Test-EcsNetworkPath", names.Cast<object?>().ToArray());

        Assert.Empty(result.Errors);
        Assert.Equal(Services, result.Output.Select(o => o.Properties["ServiceName"].Value).Distinct().Count());
        var calls = account.Calls.Snapshot();
        Assert.Equal(2 * (Services / 10), calls.Count(c => c.Action == "DescribeServices"));
        Assert.Equal(1, calls.Count(c => c.Action == "DescribeRouteTables"));
        Assert.Equal(1, calls.Count(c => c.Action == "DescribeVpcEndpoints"));
        Assert.True(calls.Count(c => c.Action == "DescribeSecurityGroups") < Services, $"{calls.Count(c => c.Action == "DescribeSecurityGroups")} DescribeSecurityGroups");
    }
}
