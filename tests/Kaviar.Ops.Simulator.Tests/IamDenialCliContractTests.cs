using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// An on-call policy that leaves actions out: the real aws CLI gets each service's own access-denied error for a denied
/// action (named with the caller GetCallerIdentity reports), and the actions still allowed answer as before.
/// </summary>
public sealed class IamDenialCliContractTests : IDisposable
{
    private const string Cluster = "kaviar-cluster";
    private const string ServiceName = "kaviar-backend-service";
    private readonly SimulatedAccount _account = SimulatedAccount.Start(Scenarios.Seed001(), new ManualClock());
    private readonly CliContract _aws;

    public IamDenialCliContractTests() => _aws = new CliContract(_account);

    public void Dispose() => _account.Dispose();

    [Fact]
    public void A_denied_ecs_action_is_an_AccessDeniedException_naming_the_caller_and_the_action_while_others_answer()
    {
        _account.State.Iam.Deny("ecs:ListServiceDeployments");
        var caller = _aws.Json("sts", "get-caller-identity").Str("Arn");

        var error = _aws.Error("ecs", "list-service-deployments", "--cluster", Cluster, "--service", ServiceName);

        Assert.Contains("An error occurred (AccessDeniedException) when calling the ListServiceDeployments operation", error);
        Assert.Contains($"User: {caller} is not authorized to perform: ecs:ListServiceDeployments on resource: * " +
            "because no identity-based policy allows the ecs:ListServiceDeployments action", error);
        Assert.Equal(ServiceName, _aws.Json("ecs", "describe-services", "--cluster", Cluster, "--services", ServiceName).Items("services")[0].Str("serviceName"));
    }

    [Fact]
    public void A_denied_ec2_action_is_UnauthorizedOperation_and_other_ec2_actions_still_answer()
    {
        _account.State.Iam.Deny("ec2:DescribeSecurityGroups");

        var error = _aws.Error("ec2", "describe-security-groups");

        Assert.Contains("An error occurred (UnauthorizedOperation) when calling the DescribeSecurityGroups operation", error);
        Assert.Contains("You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/simulated-operator is not authorized to perform: ec2:DescribeSecurityGroups " +
            "because no identity-based policy allows the ec2:DescribeSecurityGroups action", error);
        Assert.NotEmpty(_aws.Json("ec2", "describe-subnets").Items("Subnets"));
    }

    [Fact]
    public void A_wildcard_denies_every_action_it_matches_in_any_case_and_no_other()
    {
        _account.State.Iam.Deny("ECS:list*");

        Assert.Contains("(AccessDeniedException) when calling the ListServices operation", _aws.Error("ecs", "list-services", "--cluster", Cluster));
        Assert.Contains("(AccessDeniedException) when calling the ListTasks operation", _aws.Error("ecs", "list-tasks", "--cluster", Cluster));
        Assert.NotEmpty(_aws.Json("ecs", "describe-clusters", "--clusters", Cluster).Items("clusters"));

        _account.State.Iam.Clear();
        Assert.NotEmpty(_aws.Json("ecs", "list-services", "--cluster", Cluster).Items("serviceArns"));
    }

    [Fact]
    public void Elbv2_and_CloudWatch_deny_with_AccessDenied()
    {
        _account.State.Iam.Deny("elasticloadbalancing:DescribeTargetGroupAttributes");
        _account.State.Iam.Deny("cloudwatch:DescribeAlarms");
        var group = _aws.Json("elbv2", "describe-target-groups").Items("TargetGroups")[0].Str("TargetGroupArn");

        var elb = _aws.Error("elbv2", "describe-target-group-attributes", "--target-group-arn", group);
        var cloudWatch = _aws.Error("cloudwatch", "describe-alarms");

        Assert.Contains("An error occurred (AccessDenied) when calling the DescribeTargetGroupAttributes operation", elb);
        Assert.Contains("User: arn:aws:iam::123456789012:user/simulated-operator is not authorized to perform: elasticloadbalancing:DescribeTargetGroupAttributes because", elb);
        Assert.Contains("An error occurred (AccessDenied) when calling the DescribeAlarms operation", cloudWatch);
        Assert.Contains("User: arn:aws:iam::123456789012:user/simulated-operator is not authorized to perform: cloudwatch:DescribeAlarms on resource: *", cloudWatch);
    }

    [Fact]
    public void Each_protocol_answers_a_denial_with_its_own_status()
    {
        _account.State.Iam.Deny("ecs:DescribeClusters");
        _account.State.Iam.Deny("ec2:DescribeVpcs");
        _account.State.Iam.Deny("elasticloadbalancing:DescribeLoadBalancers");
        _account.State.Iam.Deny("cloudwatch:DescribeAlarms");

        using var ecs = RawAws.PostJson(_account.Endpoint, "AmazonEC2ContainerServiceV20141113.DescribeClusters", "{}", RawAws.Authorization("ecs"));
        using var ec2 = RawAws.PostQuery(_account.Endpoint, new Dictionary<string, string> { ["Action"] = "DescribeVpcs", ["Version"] = "2016-11-15" },
            RawAws.Authorization("ec2"));
        using var elb = RawAws.PostQuery(_account.Endpoint, new Dictionary<string, string> { ["Action"] = "DescribeLoadBalancers", ["Version"] = "2015-12-01" },
            RawAws.Authorization("elasticloadbalancing"));
        using var cloudWatch = RawAws.PostJson(_account.Endpoint, "GraniteServiceVersion20100801.DescribeAlarms", "{}", RawAws.Authorization("monitoring"));

        Assert.Equal((HttpStatusCode.BadRequest, "AccessDeniedException"), (ecs.StatusCode, JsonDocument.Parse(ecs.Body()).RootElement.GetProperty("__type").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, ec2.StatusCode);
        Assert.Contains("<Response><Errors><Error><Code>UnauthorizedOperation</Code>", ec2.Body());
        Assert.Equal(HttpStatusCode.Forbidden, elb.StatusCode);
        Assert.Contains("<Type>Sender</Type>\n    <Code>AccessDenied</Code>", elb.Body());
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (cloudWatch.StatusCode, JsonDocument.Parse(cloudWatch.Body()).RootElement.GetProperty("__type").GetString()));
        Assert.Contains(_account.Calls.Snapshot(), c => c.Action == "DescribeClusters" && c.ErrorCode == "AccessDeniedException");
    }
}
