using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Protocol;
using Kaviar.Ops.Simulator.Tests.Ec2;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Elbv2;

/// <summary>The ELBv2 state model and handler without HTTP.</summary>
public sealed class Elbv2StateAndHandlerTests
{
    private static readonly XNamespace Elbv2Namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private readonly AccountState _state;
    private readonly NetworkFixture _ids;
    private readonly Elbv2Handler _handler;

    public Elbv2StateAndHandlerTests()
    {
        (_state, _ids) = NetworkFixture.Build();
        _handler = new Elbv2Handler(_state);
    }

    [Fact]
    public void Load_balancers_of_a_target_group_follow_rules_and_default_actions()
    {
        var elbv2 = _state.Elbv2;
        var orphan = elbv2.AddTargetGroup("orphan-tg", _ids.VpcId, 8080, "/");

        Assert.Equal(_ids.LoadBalancerArn, elbv2.LoadBalancersOf(_ids.AdminTargetGroupArn).Single().LoadBalancerArn);
        Assert.Empty(elbv2.LoadBalancersOf(orphan.TargetGroupArn));

        elbv2.ModifyListenerDefaultActions(_ids.ListenerArn, new[] { ListenerAction.Forward(orphan.TargetGroupArn) });

        Assert.Single(elbv2.LoadBalancersOf(orphan.TargetGroupArn));
    }

    [Fact]
    public void Targets_start_initial_or_unused_and_take_the_health_they_are_given()
    {
        var elbv2 = _state.Elbv2;
        var orphan = elbv2.AddTargetGroup("orphan-tg", _ids.VpcId, 8080, "/");

        elbv2.RegisterTarget(_ids.AdminTargetGroupArn, "10.0.1.9", 4000, "us-east-2a");
        elbv2.RegisterTarget(orphan.TargetGroupArn, "10.0.1.9", 8080, "us-east-2a");
        var admin = elbv2.FindTargetGroup(_ids.AdminTargetGroupArn)!.FindTarget("10.0.1.9", 4000)!;

        Assert.Equal(("initial", "Elb.RegistrationInProgress"), (admin.State, admin.Reason));
        Assert.Equal(("unused", "Target.NotInUse"), (orphan.Targets[0].State, orphan.Targets[0].Reason));

        elbv2.SetTargetHealth(_ids.AdminTargetGroupArn, "10.0.1.9", 4000, "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]");

        Assert.Equal("Target.ResponseCodeMismatch", admin.Reason);
        elbv2.DeregisterTarget(_ids.AdminTargetGroupArn, "10.0.1.9", 4000);
        Assert.Empty(elbv2.FindTargetGroup(_ids.AdminTargetGroupArn)!.Targets);
    }

    [Fact]
    public void Unknown_resources_fail_with_their_elbv2_codes()
    {
        var missingArn = _ids.ListenerArn[..^4] + "0000";

        Assert.Equal("LoadBalancerNotFound", Fails("DescribeLoadBalancers", ("Names.member.1", "nope")).Code);
        Assert.Equal("One or more load balancers not found", Fails("DescribeLoadBalancers", ("LoadBalancerArns.member.1", missingArn)).Message);
        Assert.Equal("TargetGroupNotFound", Fails("DescribeTargetHealth", ("TargetGroupArn", missingArn)).Code);
        Assert.Equal("ListenerNotFound", Fails("DescribeListeners", ("ListenerArns.member.1", missingArn)).Code);
        Assert.Equal("RuleNotFound", Fails("DescribeRules", ("RuleArns.member.1", missingArn)).Code);
        Assert.Equal("ValidationError", Fails("DescribeListeners").Code);
        Assert.Equal("ValidationError", Fails("DescribeTargetGroups", ("PageSize", "401")).Code);
        Assert.Equal("ValidationError", Fails("DescribeTargetGroups", ("Marker", "not a marker")).Code);
    }

    [Fact]
    public void Registering_an_ip_outside_the_vpc_is_an_invalid_target()
    {
        var error = Fails("RegisterTargets", ("TargetGroupArn", _ids.BackendTargetGroupArn), ("Targets.member.1.Id", "192.168.0.10"));

        Assert.Equal("InvalidTarget", error.Code);
    }

    [Fact]
    public void Modify_listener_with_weighted_forward_config_keeps_the_weights()
    {
        var response = _handler.Handle(Request(
            "ModifyListener",
            ("ListenerArn", _ids.ListenerArn),
            ("DefaultActions.member.1.Type", "forward"),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn", _ids.BackendTargetGroupArn),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight", "90"),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn", _ids.AdminTargetGroupArn),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight", "10")));
        var root = XDocument.Parse(response.Body).Root!;

        Assert.Equal(Elbv2Namespace + "ModifyListenerResponse", root.Name);
        Assert.Equal("req-1", root.Element(Elbv2Namespace + "ResponseMetadata")!.Element(Elbv2Namespace + "RequestId")!.Value);
        var action = _state.Elbv2.FindListener(_ids.ListenerArn)!.DefaultActions.Single();
        Assert.Null(action.TargetGroupArn);
        Assert.Equal(new[] { 90, 10 }, action.ForwardTargetGroups!.Select(g => g.Weight));
    }

    [Fact]
    public void Weighted_forward_round_trips_target_group_stickiness_as_aws_reports_it()
    {
        var response = _handler.Handle(Request(
            "ModifyListener",
            ("ListenerArn", _ids.ListenerArn),
            ("DefaultActions.member.1.Type", "forward"),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn", _ids.BackendTargetGroupArn),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight", "70"),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn", _ids.AdminTargetGroupArn),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight", "30"),
            ("DefaultActions.member.1.ForwardConfig.TargetGroupStickinessConfig.Enabled", "true"),
            ("DefaultActions.member.1.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds", "3600")));
        var sticky = XDocument.Parse(response.Body).Descendants(Elbv2Namespace + "TargetGroupStickinessConfig").Single();

        Assert.Equal("true", sticky.Element(Elbv2Namespace + "Enabled")!.Value);
        Assert.Equal("3600", sticky.Element(Elbv2Namespace + "DurationSeconds")!.Value);
        Assert.Equal(new TargetGroupStickiness(true, 3600), _state.Elbv2.FindListener(_ids.ListenerArn)!.DefaultActions.Single().Stickiness);

        // A plain forward reports stickiness off, without a duration.
        var plain = XDocument.Parse(_handler.Handle(Request("ModifyListener", ("ListenerArn", _ids.ListenerArn),
            ("DefaultActions.member.1.Type", "forward"), ("DefaultActions.member.1.TargetGroupArn", _ids.BackendTargetGroupArn))).Body)
            .Descendants(Elbv2Namespace + "TargetGroupStickinessConfig").Single();
        Assert.Equal("false", plain.Element(Elbv2Namespace + "Enabled")!.Value);
        Assert.Null(plain.Element(Elbv2Namespace + "DurationSeconds"));
    }

    [Theory]
    [InlineData("Weight", "1000", null)]
    [InlineData("Weight", "-1", null)]
    [InlineData("Enabled", "true", null)]
    [InlineData("Enabled", "true", "604801")]
    public void Forward_config_outside_aws_limits_is_a_validation_error(string field, string value, string? duration)
    {
        var parameters = new List<(string, string)>
        {
            ("ListenerArn", _ids.ListenerArn),
            ("DefaultActions.member.1.Type", "forward"),
            ("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn", _ids.BackendTargetGroupArn),
            (field == "Weight" ? "DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight" : "DefaultActions.member.1.ForwardConfig.TargetGroupStickinessConfig.Enabled", value),
        };
        if (duration != null)
        {
            parameters.Add(("DefaultActions.member.1.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds", duration));
        }

        Assert.Equal("ValidationError", Fails("ModifyListener", parameters.ToArray()).Code);
    }

    [Fact]
    public void The_router_sends_requests_to_weighted_groups_in_proportion_to_their_weights_and_never_to_weight_0()
    {
        var elbv2 = _state.Elbv2;
        var idle = elbv2.AddTargetGroup("idle-tg", _ids.VpcId, 8080, "/");
        elbv2.ModifyListenerDefaultActions(_ids.ListenerArn, new[]
        {
            new ListenerAction("forward", null, null, new[]
            {
                new WeightedTargetGroup(_ids.BackendTargetGroupArn, 3),
                new WeightedTargetGroup(idle.TargetGroupArn, 0),
                new WeightedTargetGroup(_ids.AdminTargetGroupArn, 1),
            }, null, null),
        });
        var router = new ListenerRouter(_state);
        var picks = Enumerable.Range(0, 8).Select(_ => router.PickTargetGroup(elbv2.FindListener(_ids.ListenerArn)!.DefaultActions.Single())).ToList();

        Assert.Equal(6, picks.Count(p => p == _ids.BackendTargetGroupArn));
        Assert.Equal(2, picks.Count(p => p == _ids.AdminTargetGroupArn));
        Assert.DoesNotContain(idle.TargetGroupArn, picks);
    }

    [Fact]
    public void Only_listener_and_target_changes_are_mutating()
    {
        Assert.True(_handler.IsMutating("ModifyListener"));
        Assert.True(_handler.IsMutating("RegisterTargets"));
        Assert.True(_handler.IsMutating("DeregisterTargets"));
        Assert.False(_handler.IsMutating("DescribeTargetHealth"));
    }

    private AwsErrorException Fails(string action, params (string Name, string Value)[] parameters) =>
        Assert.Throws<AwsErrorException>(() => _handler.Handle(Request(action, parameters)));

    private SimulatedRequest Request(string action, params (string Name, string Value)[] parameters) => new(
        "elasticloadbalancing", action, NetworkFixture.Region, _state.Now, parameters.ToDictionary(p => p.Name, p => p.Value), null, "req-1");
}
