using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Timekeeping;
using Kaviar.Ops.TestSupport;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Elbv2;

/// <summary>What a browser or curl sees at an ALB listener: routing by rules, fixed responses, forwarding, 503 and fail-open.</summary>
public sealed class LoadBalancerTrafficTests
{
    [Fact]
    public async Task A_healthy_target_answers_through_the_listener_without_touching_the_call_log()
    {
        var (account, _) = TestAccounts.Seed001(Seed001Variant.Healthy);
        using var _ = account;
        var url = account.ListenerUrl(Scenarios.Seed001LoadBalancer, 80);
        var callsBefore = account.Calls.Snapshot().Count;

        var answer = await Http.GetAsync(url, "/api/health");

        Assert.Equal("127.0.0.1", url.Host);
        Assert.Equal((200, "application/json"), (answer.Status, answer.ContentType));
        Assert.StartsWith("{\"success\":true", answer.Body, StringComparison.Ordinal);
        Assert.Null(answer.Server);
        Assert.Equal(callsBefore, account.Calls.Snapshot().Count);
        Assert.Equal(url, account.ListenerUrl(Scenarios.Seed001LoadBalancer, 80));
    }

    [Fact]
    public async Task An_https_target_group_cannot_speak_tls_to_an_http_app_and_the_listener_answers_502()
    {
        // Seed 001 healthy, its group's traffic over HTTPS while its health checks stay HTTP: the target passes, requests fail.
        var file = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("scenarios", "seed001-healthy.json")))!.AsObject();
        var group = file["targetGroups"]![0]!.AsObject();
        group["protocol"] = "HTTPS";
        group["healthCheck"]!["protocol"] = "HTTP";
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(AccountFile.Parse(file.ToJsonString()).Scenario(), clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Contains(account.Read(s => s.TargetGroup().Targets), t => t.State == "healthy");

        var answer = await Http.GetAsync(account.ListenerUrl(Scenarios.Seed001LoadBalancer, 80), "/api/health");

        Assert.Equal((502, "awselb/2.0"), (answer.Status, answer.Server));
    }

    [Fact]
    public async Task With_no_target_in_service_the_listener_answers_503_then_fails_open_to_an_unhealthy_target()
    {
        var (account, clock) = TestAccounts.Seed001();
        using var _ = account;
        var url = account.ListenerUrl(Scenarios.Seed001LoadBalancer, 80);

        // The seed ends with the old target draining and the fifth task still PENDING: no target to route to.
        var unavailable = await Http.GetAsync(url, "/api/health");
        Assert.Equal((503, "text/html"), (unavailable.Status, unavailable.ContentType));
        Assert.Contains("503 Service Temporarily Unavailable", unavailable.Body, StringComparison.Ordinal);
        Assert.Equal("awselb/2.0", unavailable.Server);

        // Running, registered, failed its two initial checks: unhealthy is all there is, so the ALB fails open to it,
        // and the wrong security group drops the request just as it dropped the health checks.
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal("unhealthy", account.Read(s => s.TargetGroup().Targets.Single(t => t.State != "draining").State));
        var timedOut = await Http.GetAsync(url, "/api/health");
        Assert.Equal(504, timedOut.Status);
    }

    [Fact]
    public async Task Host_header_rules_route_before_the_default_fixed_response()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed002(), new ManualClock());
        var url = account.ListenerUrl(Scenarios.Seed002LoadBalancer, 80);

        var admin = await Http.GetAsync(url, "/health", "QA-ADMIN.faxi.jp:80");
        var unknownHost = await Http.GetAsync(url, "/health", "other.example.com");
        var backend = await Http.GetAsync(url, "/health", Scenarios.Seed002BackendHost);

        Assert.Equal((200, "{\"status\":\"ok\"}"), (admin.Status, admin.Body));
        Assert.Equal((404, "text/plain", string.Empty), (unknownHost.Status, unknownHost.ContentType, unknownHost.Body));
        Assert.Equal(503, backend.Status);
    }

    [Fact]
    public async Task Wildcard_hosts_and_path_patterns_match_as_on_an_alb_and_the_lowest_priority_number_wins()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed002(), new ManualClock());
        account.Use(s =>
        {
            var listener = s.Elbv2.Listeners.Single();
            var adminGroup = s.Elbv2.FindTargetGroupByName(Scenarios.Seed002AdminTargetGroup)!.TargetGroupArn;
            s.Elbv2.AddRule(listener.ListenerArn, 50, new[] { "*.faxi.jp" }, new[] { "/hea?th" }, adminGroup);
            s.Elbv2.ModifyListenerDefaultActions(listener.ListenerArn, new[] { ListenerAction.FixedResponseOf(418, "application/json", "{\"teapot\":true}") });
        });
        var url = account.ListenerUrl(Scenarios.Seed002LoadBalancer, 80);

        Assert.Equal(200, (await Http.GetAsync(url, "/health?verbose=1", "staging.faxi.jp")).Status);
        Assert.Equal(418, (await Http.GetAsync(url, "/HEALTH", "staging.faxi.jp")).Status);
        Assert.Equal(503, (await Http.GetAsync(url, "/health", Scenarios.Seed002ApexHost)).Status);
        var fallThrough = await Http.GetAsync(url, "/", "faxi.jp");
        Assert.Equal((418, "application/json", "{\"teapot\":true}"), (fallThrough.Status, fallThrough.ContentType, fallThrough.Body));
    }

    [Fact]
    public async Task A_redirect_action_fills_in_the_request_parts_it_does_not_override()
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed002(), new ManualClock());
        account.Use(s => s.Elbv2.ModifyListenerDefaultActions(s.Elbv2.Listeners.Single().ListenerArn, new[]
        {
            new ListenerAction("redirect", 1, null, null, null, new RedirectConfig("HTTPS", "443", null, null, null, "HTTP_301")),
        }));

        var answer = await Http.GetAsync(account.ListenerUrl(Scenarios.Seed002LoadBalancer, 80), "/signup?plan=pro", "faxi.jp");

        Assert.Equal((301, new Uri("https://faxi.jp:443/signup?plan=pro")), (answer.Status, answer.Location));
    }

    [Fact]
    public async Task Healthy_targets_take_turns()
    {
        var (account, clock) = TestAccounts.Seed001AtCreation(Seed001Variant.Healthy, s => s.Ecs.SetApp(Scenarios.Seed001Family, new TaskIdApp()));
        using var _ = account;
        account.Use(s =>
        {
            s.Service().Primary.DesiredCount = 2;
            s.Ecs.Scheduler.Reconcile(s.Service());
        });
        clock.Advance(TimeSpan.FromMinutes(3));
        var url = account.ListenerUrl(Scenarios.Seed001LoadBalancer, 80);
        var running = account.Read(s => s.ServiceTasks().Where(t => t.Targets.Single().State == "healthy").Select(t => t.Id).Order().ToList());

        var answeredBy = new[] { (await Http.GetAsync(url, "/")).Body, (await Http.GetAsync(url, "/")).Body };

        Assert.Equal(2, running.Count);
        Assert.Equal(running, answeredBy.Order().ToList());
    }

    [Fact]
    public void A_listener_the_load_balancer_does_not_have_is_an_argument_error()
    {
        var (account, _) = TestAccounts.Seed001(Seed001Variant.Healthy);
        using var _ = account;

        Assert.Throws<ArgumentException>(() => account.ListenerUrl(Scenarios.Seed001LoadBalancer, 443));
        Assert.Throws<ArgumentException>(() => account.ListenerUrl("no-such-alb", 80));
    }
}

/// <summary>Answers every path with the id of the task it runs in, so the rotation is visible from outside.</summary>
internal sealed class TaskIdApp : ISimulatedApp
{
    public ContainerStartOutcome OnStart(ContainerLaunch launch) => ContainerStartOutcome.KeepsRunning();

    public HttpAnswer AnswerGet(ContainerLaunch launch, string path) => new(200, launch.TaskId);
}
