using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// A Fargate task starts only when its subnet reaches ECR (and S3 for the layers) and CloudWatch Logs: through a NAT
/// gateway its groups let HTTPS out to, or through VPC endpoints it reaches on 443; otherwise it stops with the
/// reason AWS gives (seed 000's task that never started).
/// </summary>
public sealed class TaskStartNetworkTests
{
    private static readonly string[] InterfaceServices = { "ecr.api", "ecr.dkr", "logs" };

    private static string VpcOf(AccountState state) => state.Ec2.Vpcs.Single(v => v.Name == "kaviar-vpc").VpcId;

    /// <summary>No NAT gateway for the private subnets; the interface endpoints (if any) carry <paramref name="endpointGroup"/>.</summary>
    private static void PrivateWithoutNat(AccountState state, string? endpointGroup, bool s3Gateway = true)
    {
        var table = state.Ec2.RouteTables.Single(t => t.Routes.Any(r => r.NatGatewayId != null));
        table.Routes.RemoveAll(r => r.NatGatewayId != null);
        if (endpointGroup is null)
        {
            return;
        }

        var privateSubnets = state.Service().Primary.Network.Subnets;
        foreach (var service in InterfaceServices)
        {
            state.Ec2.AddVpcEndpoint(VpcOf(state), $"com.amazonaws.{state.Region}.{service}", "Interface", privateSubnets, new[] { state.SecurityGroupId(endpointGroup) });
        }

        if (s3Gateway)
        {
            state.Ec2.AddVpcEndpoint(VpcOf(state), $"com.amazonaws.{state.Region}.s3", "Gateway", new[] { table.RouteTableId });
        }
    }

    private static void EndpointGroupAdmittingTheVpc(AccountState state)
    {
        var group = state.Ec2.AddSecurityGroup(VpcOf(state), "kaviar-endpoints-sg", "VPC endpoints");
        state.Ec2.AuthorizeIngressFromCidr(group.GroupId, 443, "10.0.0.0/16");
    }

    private static string? StoppedReasonAfterStart(Action<AccountState> shape)
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy, shape);
        using var _ = account;
        clock.Advance(TimeSpan.FromMinutes(2));
        return account.Read(state =>
        {
            var first = state.ServiceTasks().First();
            return first.StopCode == "TaskFailedToStart" ? first.StoppedReason : first.LastStatus;
        });
    }

    [Fact]
    public void Through_the_NAT_gateway_the_task_starts()
    {
        Assert.Equal("RUNNING", StoppedReasonAfterStart(_ => { }));
    }

    [Fact]
    public void Without_NAT_or_endpoints_ECR_auth_times_out()
    {
        var reason = StoppedReasonAfterStart(state => PrivateWithoutNat(state, endpointGroup: null));

        Assert.StartsWith("ResourceInitializationError: unable to pull secrets or registry auth", reason);
        Assert.Contains("https://api.ecr.us-east-2.amazonaws.com/", reason);
        Assert.Contains("i/o timeout", reason);
    }

    [Fact]
    public void Endpoints_that_admit_the_tasks_on_443_let_it_start()
    {
        Assert.Equal("RUNNING", StoppedReasonAfterStart(state =>
        {
            EndpointGroupAdmittingTheVpc(state);
            PrivateWithoutNat(state, "kaviar-endpoints-sg");
        }));
    }

    [Fact]
    public void Endpoints_on_a_group_that_admits_only_itself_are_not_reached()
    {
        var reason = StoppedReasonAfterStart(state => PrivateWithoutNat(state, "default"));

        Assert.StartsWith("ResourceInitializationError: unable to pull secrets or registry auth", reason);
    }

    [Fact]
    public void Without_the_S3_gateway_endpoint_the_image_layers_cannot_be_pulled()
    {
        var reason = StoppedReasonAfterStart(state =>
        {
            EndpointGroupAdmittingTheVpc(state);
            PrivateWithoutNat(state, "kaviar-endpoints-sg", s3Gateway: false);
        });

        Assert.StartsWith("CannotPullContainerError:", reason);
    }

    [Fact]
    public void A_task_group_without_https_egress_cannot_use_the_NAT_gateway()
    {
        var reason = StoppedReasonAfterStart(state =>
            state.Ec2.RevokeEgress(state.SecurityGroupId("kaviar-ecs-sg"), new[] { new SecurityGroupPermission("-1", null, null, "0.0.0.0/0", null) }));

        Assert.StartsWith("ResourceInitializationError: unable to pull secrets or registry auth", reason);
    }
}
