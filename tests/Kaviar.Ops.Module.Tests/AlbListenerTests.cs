using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Seed 002's routing mistake on the seed 001 account: the listener's default action answers 404 and host rules
/// send qa-fax.faxi.jp / qa.faxi.jp to the backend target group. Audit, resolve, repair.
/// </summary>
public sealed class AlbListenerTests : IDisposable
{
    private readonly SimulatedAccount account;
    private readonly ModuleSession session;
    private readonly string listenerArn;
    private readonly string targetGroupArn;

    public AlbListenerTests()
    {
        account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock());
        lock (account.State.SyncRoot)
        {
            var elbv2 = account.State.Elbv2;
            var listener = elbv2.Listeners.Single();
            listenerArn = listener.ListenerArn;
            targetGroupArn = elbv2.TargetGroups.Single().TargetGroupArn;
            elbv2.ModifyListenerDefaultActions(listenerArn, new[] { ListenerAction.FixedResponseOf(404) });
            elbv2.AddRule(listenerArn, 10, new[] { "qa-fax.faxi.jp" }, Array.Empty<string>(), targetGroupArn);
            elbv2.AddRule(listenerArn, 20, new[] { "qa.faxi.jp" }, new[] { "/api/*" }, targetGroupArn);
        }

        session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
    }

    public void Dispose()
    {
        session.Dispose();
        account.Dispose();
    }

    [Fact]
    public void Resolve_binds_headers_method_and_source_as_a_user_types_them()
    {
        var created = AwsCli.Run(account.Endpoint, account.Region, "elbv2", "create-rule", "--listener-arn", listenerArn, "--priority", "5",
            "--conditions", "[{\"Field\":\"http-header\",\"HttpHeaderConfig\":{\"HttpHeaderName\":\"X-Canary\",\"Values\":[\"on\"]}},{\"Field\":\"http-request-method\",\"HttpRequestMethodConfig\":{\"Values\":[\"POST\"]}}]",
            "--actions", "Type=fixed-response,FixedResponseConfig={StatusCode=418,ContentType=text/plain}");
        Assert.True(created.ExitCode == 0, created.Stderr);

        var canary = session.Invoke("Resolve-AlbRoute kaviar-alb -Path '/orders?v=2' -Method POST -Header @{ 'x-canary' = 'ON' } -SourceIp 203.0.113.10");
        var repeated = session.Invoke("Resolve-AlbRoute kaviar-alb -Method POST -Header @{ 'X-Canary' = @('off', 'on') }");
        var get = session.Invoke("Resolve-AlbRoute kaviar-alb -Header @{ 'X-Canary' = 'on' }");

        Assert.Empty(canary.Errors);
        var route = Assert.Single(canary.Output);
        Assert.Equal(("5", "POST", "/orders?v=2", "418 fixed response"),
            ((string)route.Properties["Priority"].Value, (string)route.Properties["Method"].Value, (string)route.Properties["Path"].Value, (string)route.Properties["Outcome"].Value));
        Assert.Equal("header X-Canary is on and method POST", route.Properties["Conditions"].Value);
        Assert.Equal("5", Assert.Single(repeated.Output).Properties["Priority"].Value);
        Assert.Equal("default", Assert.Single(get.Output).Properties["Priority"].Value);
    }

    [Fact]
    public void Audit_flags_the_404_default_action_with_the_repair_command_and_lists_the_host_rules()
    {
        var result = session.Invoke("Test-AlbListener kaviar-alb");

        Assert.Empty(result.Errors);
        var error = Assert.Single(result.Output, f => (string)f.Properties["Severity"].Value == "Error");
        Assert.Equal("default", error.Properties["Priority"].Value);
        Assert.StartsWith("The default action answers 404", (string)error.Properties["Finding"].Value);
        Assert.Equal("Repair-AlbListener -LoadBalancer kaviar-alb -Port 80 -TargetGroup kaviar-backend-tg -Region us-east-2", error.Properties["Fix"].Value);
        var hosts = result.Output.Where(f => (string)f.Properties["Severity"].Value == "Info")
            .SelectMany(f => (IEnumerable<string>)f.Properties["HostHeaders"].Value).ToList();
        Assert.Equal(new[] { "qa-fax.faxi.jp", "qa.faxi.jp" }, hosts);
    }

    [Theory]
    [InlineData("qa-fax.faxi.jp", "/health", "10", "forward")]
    [InlineData("QA-FAX.faxi.jp:80", "/health", "10", "forward")]
    [InlineData("qa.faxi.jp", "/api/health", "20", "forward")]
    [InlineData("qa.faxi.jp", "/health", "default", "fixed-response")]
    [InlineData(null, "/health", "default", "fixed-response")]
    public void A_request_reaches_the_rule_an_ALB_would_choose(string? host, string path, string priority, string actionType)
    {
        var route = Assert.Single(session.Invoke("Resolve-AlbRoute kaviar-alb -HostHeader $args[0] -Path $args[1]", host, path).Output);

        Assert.Equal(priority, route.Properties["Priority"].Value);
        Assert.Equal(actionType, route.Properties["ActionType"].Value);
        if (actionType == "forward")
        {
            Assert.Equal(targetGroupArn, route.Properties["TargetGroupArn"].Value);
            Assert.Equal("forwarded to kaviar-backend-tg (1 healthy target(s))", route.Properties["Outcome"].Value);
        }
        else
        {
            Assert.Equal(404, route.Properties["FixedResponseStatus"].Value);
        }
    }

    [Fact]
    public void Repair_sets_the_default_forward_once_and_says_so_the_second_time()
    {
        account.Calls.Clear();

        var whatIf = session.Invoke("Repair-AlbListener kaviar-alb 80 kaviar-backend-tg -WhatIf");
        Assert.Equal(0, account.Calls.CountMutating());
        Assert.Equal("Planned", Assert.Single(whatIf.Output).Properties["Status"].Value);
        Assert.Contains("Set the default action from 'fixed-response 404' to 'forward to " + targetGroupArn + "'", session.HostOutput.ToString());

        var first = session.Invoke("Repair-AlbListener kaviar-alb 80 kaviar-backend-tg -Confirm:$false");
        var second = session.Invoke("Repair-AlbListener kaviar-alb 80 kaviar-backend-tg -Confirm:$false");

        Assert.Equal("Applied", Assert.Single(first.Output).Properties["Status"].Value);
        Assert.Equal("AlreadyInPlace", Assert.Single(second.Output).Properties["Status"].Value);
        Assert.Equal(1, account.Calls.Snapshot().Count(c => c.Action == "ModifyListener"));
        var route = Assert.Single(session.Invoke("Resolve-AlbRoute kaviar-alb -Path /").Output);
        Assert.Equal("forward", route.Properties["ActionType"].Value);
        Assert.DoesNotContain(session.Invoke("Test-AlbListener kaviar-alb").Output, f => (string)f.Properties["Severity"].Value == "Error");
    }

    [Fact]
    public void A_repair_that_another_actor_reverts_is_not_reported_done()
    {
        // Terraform (say) puts the 404 default back right after the change.
        var notFound = account.Read(state => state.Elbv2.Listeners.Single(l => l.Port == 80).DefaultActions);
        account.Faults.Add(new FaultRule
        {
            Service = "elasticloadbalancing",
            Action = "ModifyListener",
            Kind = FaultKind.Drift,
            Drift = state => state.Elbv2.Listeners.Single(l => l.Port == 80).DefaultActions = notFound,
        });

        var error = session.CatchTerminatingError("Repair-AlbListener kaviar-alb 80 kaviar-backend-tg -Force");

        Assert.NotNull(error);
        Assert.Equal("RepairNotVerified,Kaviar.Ops.Cmdlets.RepairAlbListenerCommand", error!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
    }

    [Fact]
    public void Piped_load_balancers_are_looked_up_together_and_a_missing_one_fails_alone()
    {
        account.Calls.Clear();

        var result = session.Invoke("'kaviar-alb', 'ghost-alb', 'kaviar-alb' | Test-AlbListener");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AlbLoadBalancerNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal("ghost-alb", error.TargetObject);
        Assert.Contains(result.Output, f => (string)f.Properties["LoadBalancerName"].Value == "kaviar-alb");
        // One batch for both names (which fails for the missing one), then each on its own; never a call per piped object.
        Assert.True(account.Calls.Snapshot().Count(c => c.Action == "DescribeLoadBalancers") <= 3);
    }

    [Fact]
    public void Unknown_load_balancer_and_port_are_error_records()
    {
        var noBalancer = session.Invoke("Test-AlbListener ghost-alb");
        var noPort = session.Invoke("Resolve-AlbRoute kaviar-alb -Port 8443");

        Assert.Equal("AlbLoadBalancerNotFound,Kaviar.Ops.Cmdlets.TestAlbListenerCommand", Assert.Single(noBalancer.Errors).FullyQualifiedErrorId);
        var portError = Assert.Single(noPort.Errors);
        Assert.Equal("AlbListenerNotFound,Kaviar.Ops.Cmdlets.ResolveAlbRouteCommand", portError.FullyQualifiedErrorId);
        Assert.Contains("HTTP:80", portError.Exception.Message);
    }
}
