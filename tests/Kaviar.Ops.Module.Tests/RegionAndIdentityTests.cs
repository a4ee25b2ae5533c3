using System;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Where commands look: the region travels down the pipeline on the objects, and a resource named by ARN is looked
/// up in the ARN's region (or refused when an explicit -Region says otherwise), never in the shell's default.
/// Each region of the simulated account is its own set of resources, and its call log records where each call went.
/// </summary>
public sealed class RegionAndIdentityTests : IDisposable
{
    private const string Cluster = Scenarios.Seed001Cluster;
    private const string Service = Scenarios.Seed001Service;
    private const string Home = Scenarios.Seed001Region;
    private const string Elsewhere = "eu-west-1";
    private const string Account = Scenarios.Seed001AccountId;

    private readonly SimulatedAccount account;
    private readonly ModuleSession session = new ModuleSession();

    public RegionAndIdentityTests()
    {
        account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock());
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void The_readmes_pipeline_works_with_no_default_region_the_region_and_endpoint_travel_on_the_objects()
    {
        // Only credentials: no $StoredAWSRegion, no AWS_REGION, no default endpoint.
        session.Invoke(ModuleSession.StoreCredentials("AKIDTEST", "secret"));

        var result = session.Invoke(
            "Get-EcsServiceHealth $args[1] -Cluster $args[0] -Region $args[2] -EndpointUrl $args[3] | Test-AlbTargetHealth",
            Cluster, Service, Home, account.Endpoint.ToString());

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var group = Assert.Single(result.Output);
        Assert.Equal("TargetGroupHealth", group.BaseObject.GetType().Name);
        Assert.Equal(Home, group.Properties["Region"].Value);
        Assert.Equal(account.Endpoint.ToString(), group.Properties["EndpointUrl"].Value);
        Assert.All(account.Calls.Snapshot(), call => Assert.Equal(Home, call.Region));
    }

    [Fact]
    public void Piped_objects_of_two_regions_are_each_asked_in_their_own_region()
    {
        session.UseAccount(account.Endpoint, region: null);

        var result = session.Invoke(
            "@([pscustomobject]@{ ServiceName = $args[1]; Cluster = $args[0]; Region = $args[2] }, " +
            " [pscustomobject]@{ ServiceName = $args[1]; Cluster = $args[0]; Region = $args[3] }) | Get-EcsServiceHealth",
            Cluster, Service, Home, Elsewhere);

        Assert.Equal(Home, Assert.Single(result.Output).Properties["Region"].Value);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("EcsClusterNotFound,", error.FullyQualifiedErrorId);
        Assert.Contains(Elsewhere, error.Exception.Message);
        Assert.Contains(account.Calls.Snapshot(), c => c.Action == "DescribeServices" && c.Region == Elsewhere);
    }

    public static TheoryData<string, string> CommandsGivenAnArnOfAnotherRegion => new()
    {
        { $"Get-EcsServiceHealth arn:aws:ecs:{Elsewhere}:{Account}:service/{Cluster}/{Service}", "DescribeServices" },
        { $"Test-AlbTargetHealth -TargetGroupArn arn:aws:elasticloadbalancing:{Elsewhere}:{Account}:targetgroup/kaviar-backend-tg/0123456789abcdef", "DescribeTargetGroups" },
        { $"Test-AlbTargetHealth arn:aws:ecs:{Elsewhere}:{Account}:service/{Cluster}/{Service}", "DescribeServices" },
        { $"Test-AlbTargetHealth -LoadBalancer arn:aws:elasticloadbalancing:{Elsewhere}:{Account}:loadbalancer/app/kaviar-alb/0123456789abcdef", "DescribeTargetGroups" },
        { $"Test-AlbListener arn:aws:elasticloadbalancing:{Elsewhere}:{Account}:loadbalancer/app/kaviar-alb/0123456789abcdef", "DescribeLoadBalancers" },
        { $"Resolve-AlbRoute arn:aws:elasticloadbalancing:{Elsewhere}:{Account}:loadbalancer/app/kaviar-alb/0123456789abcdef", "DescribeLoadBalancers" },
        { $"Repair-AlbListener arn:aws:elasticloadbalancing:{Elsewhere}:{Account}:loadbalancer/app/kaviar-alb/0123456789abcdef 80 kaviar-backend-tg -Confirm:$false", "DescribeLoadBalancers" },
        { $"Test-EcsNetworkPath arn:aws:ecs:{Elsewhere}:{Account}:cluster/{Cluster} {Service}", "DescribeServices" },
        { $"Repair-EcsSecurityGroup {Cluster} arn:aws:ecs:{Elsewhere}:{Account}:service/{Cluster}/{Service} -Confirm:$false", "DescribeServices" },
        { $"Invoke-EcsMigration arn:aws:ecs:{Elsewhere}:{Account}:cluster/{Cluster} {Service} -Command migrate -Confirm:$false", "DescribeServices" },
        { $"Invoke-LambdaMigration arn:aws:lambda:{Elsewhere}:{Account}:function:aurora-migrations-runner-dev 017 -Confirm:$false", "Invoke" },
        { $"Test-LambdaNetworkPath arn:aws:lambda:{Elsewhere}:{Account}:function:aurora-migrations-runner-dev -Database alquimista-dev", "GetFunctionConfiguration" },
        { $"Test-PostgresSchema -SecretId arn:aws:secretsmanager:{Elsewhere}:{Account}:secret:qa/db-AbCdEf -RequiredTable users", "GetSecretValue" },
        { $"Get-EcsServiceLog {Cluster} arn:aws:ecs:{Elsewhere}:{Account}:service/{Cluster}/{Service}", "DescribeServices" },
        { $"Get-EcsServiceLog {Cluster} -TaskArn arn:aws:ecs:{Elsewhere}:{Account}:task/{Cluster}/0123456789abcdef0123456789abcdef", "DescribeTasks" },
        { $"Test-EcsServiceLog arn:aws:ecs:{Elsewhere}:{Account}:cluster/{Cluster} {Service} 'Backend running'", "DescribeServices" },
        { $"Test-EcsServiceDiscovery {Cluster} arn:aws:ecs:{Elsewhere}:{Account}:service/{Cluster}/{Service}", "DescribeServices" },
    };

    [Theory]
    [MemberData(nameof(CommandsGivenAnArnOfAnotherRegion))]
    public void An_arn_of_another_region_is_looked_up_there_not_in_the_default_region(string script, string firstAction)
    {
        session.UseAccount(account.Endpoint, Home);

        session.Invoke("try { " + script + " } catch { $_ }");

        var calls = account.Calls.Snapshot();
        Assert.Contains(calls, c => c.Action == firstAction && c.Region == Elsewhere);
        Assert.DoesNotContain(calls, c => c.Region == Home);
        Assert.DoesNotContain(calls, c => c.IsMutating && c.StatusCode < 400);
    }

    [Theory]
    [MemberData(nameof(CommandsGivenAnArnOfAnotherRegion))]
    public void An_arn_of_another_account_is_refused_unless_aws_shares_that_kind_across_accounts(string script, string firstAction)
    {
        const string OtherAccount = "210987654321";
        session.UseAccount(account.Endpoint, Home);
        var shared = script.Contains(":lambda:") || script.Contains(":secretsmanager:");

        var result = session.Invoke("try { " + script.Replace(Elsewhere, Home).Replace(Account, OtherAccount) + " } catch { $_ }");

        var calls = account.Calls.Snapshot();
        if (shared)
        {
            // A function or secret may be shared with this account by a resource policy: the ARN is used as it is.
            Assert.Contains(calls, c => c.Action == firstAction);
            return;
        }

        var error = result.Errors.Concat(result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>()).First();
        Assert.StartsWith("ArnAccountMismatch,", error.FullyQualifiedErrorId);
        Assert.Contains(OtherAccount, error.Exception.Message);
        Assert.Equal(new[] { "GetCallerIdentity" }, calls.Select(c => c.Action).Distinct());
    }

    [Theory]
    [MemberData(nameof(CommandsGivenAnArnOfAnotherRegion))]
    public void An_arn_that_contradicts_an_explicit_region_is_refused_before_any_call(string script, string firstAction)
    {
        session.UseAccount(account.Endpoint, Home);

        var result = session.Invoke("try { " + script + $" -Region {Home} }} catch {{ $_ }}");

        var error = result.Errors.Concat(result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>()).First();
        Assert.StartsWith("ArnRegionConflict,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.DoesNotContain(account.Calls.Snapshot(), c => c.Action == firstAction);
    }
}
