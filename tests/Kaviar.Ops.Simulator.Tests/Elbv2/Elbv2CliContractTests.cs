using System;
using System.Linq;
using System.Text.Json;
using Kaviar.Ops.Simulator.Tests.Ec2;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests.Elbv2;

/// <summary>The real aws CLI (botocore's Query parser and paginators) against the simulated account's ELBv2.</summary>
public sealed class Elbv2CliContractTests : IDisposable
{
    private readonly SimulatedAccount _account;
    private readonly NetworkFixture _ids;

    public Elbv2CliContractTests() => (_account, _ids) = NetworkFixture.Start();

    public void Dispose() => _account.Dispose();

    [Fact]
    public void Describe_load_balancers_by_name()
    {
        var loadBalancer = Elbv2("describe-load-balancers", "--names", "kaviar-alb").GetProperty("LoadBalancers").EnumerateArray().Single();

        Assert.Equal(_ids.LoadBalancerArn, loadBalancer.GetProperty("LoadBalancerArn").GetString());
        Assert.Matches("^arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/kaviar-alb/[0-9a-f]{16}$", _ids.LoadBalancerArn);
        Assert.Matches(@"^kaviar-alb-\d{10}\.us-east-2\.elb\.amazonaws\.com$", loadBalancer.GetProperty("DNSName").GetString());
        Assert.Equal("internet-facing", loadBalancer.GetProperty("Scheme").GetString());
        Assert.Equal("application", loadBalancer.GetProperty("Type").GetString());
        Assert.Equal("active", loadBalancer.GetProperty("State").GetProperty("Code").GetString());
        Assert.Equal(_ids.VpcId, loadBalancer.GetProperty("VpcId").GetString());
        Assert.Equal(new[] { _ids.AlbGroupId }, loadBalancer.GetProperty("SecurityGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(
            new (string?, string?)[] { ("us-east-2a", _ids.PublicSubnetA), ("us-east-2b", _ids.PublicSubnetB) },
            loadBalancer.GetProperty("AvailabilityZones").EnumerateArray().Select(z => (z.GetProperty("ZoneName").GetString(), z.GetProperty("SubnetId").GetString())));
        Assert.True(loadBalancer.TryGetProperty("CreatedTime", out _));
    }

    [Fact]
    public void Describe_target_groups_pages_with_marker()
    {
        // ELBv2's own PageSize/Marker: the CLI passes them through as given and shows NextMarker.
        var firstPage = Elbv2("describe-target-groups", "--page-size", "1");
        var marker = firstPage.GetProperty("NextMarker").GetString()!;
        var secondPage = Elbv2("describe-target-groups", "--page-size", "1", "--marker", marker);
        var groups = firstPage.GetProperty("TargetGroups").EnumerateArray().Concat(secondPage.GetProperty("TargetGroups").EnumerateArray()).ToList();

        Assert.False(secondPage.TryGetProperty("NextMarker", out _));

        Assert.Equal(new[] { "kaviar-backend-tg", "qa-faxi-admin-tg" }, groups.Select(g => g.GetProperty("TargetGroupName").GetString()));
        var backend = groups[0];
        Assert.Equal(_ids.BackendTargetGroupArn, backend.GetProperty("TargetGroupArn").GetString());
        Assert.Equal("HTTP", backend.GetProperty("Protocol").GetString());
        Assert.Equal(3001, backend.GetProperty("Port").GetInt32());
        Assert.Equal("ip", backend.GetProperty("TargetType").GetString());
        Assert.Equal("/api/health", backend.GetProperty("HealthCheckPath").GetString());
        Assert.Equal("traffic-port", backend.GetProperty("HealthCheckPort").GetString());
        Assert.Equal(30, backend.GetProperty("HealthCheckIntervalSeconds").GetInt32());
        Assert.Equal(5, backend.GetProperty("HealthCheckTimeoutSeconds").GetInt32());
        Assert.Equal(2, backend.GetProperty("HealthyThresholdCount").GetInt32());
        Assert.Equal("200", backend.GetProperty("Matcher").GetProperty("HttpCode").GetString());
        Assert.Equal(_ids.LoadBalancerArn, backend.GetProperty("LoadBalancerArns").EnumerateArray().Single().GetString());
        Assert.Equal("200-399", groups[1].GetProperty("Matcher").GetProperty("HttpCode").GetString());
    }

    [Fact]
    public void Describe_listeners_shows_the_fixed_404_default()
    {
        var listener = Elbv2("describe-listeners", "--load-balancer-arn", _ids.LoadBalancerArn).GetProperty("Listeners").EnumerateArray().Single();

        Assert.Equal(_ids.ListenerArn, listener.GetProperty("ListenerArn").GetString());
        Assert.StartsWith(_ids.LoadBalancerArn.Replace(":loadbalancer/", ":listener/", StringComparison.Ordinal) + "/", _ids.ListenerArn, StringComparison.Ordinal);
        Assert.Equal(80, listener.GetProperty("Port").GetInt32());
        Assert.Equal("HTTP", listener.GetProperty("Protocol").GetString());
        var action = listener.GetProperty("DefaultActions").EnumerateArray().Single();
        Assert.Equal("fixed-response", action.GetProperty("Type").GetString());
        Assert.Equal("404", action.GetProperty("FixedResponseConfig").GetProperty("StatusCode").GetString());
        Assert.Equal("text/plain", action.GetProperty("FixedResponseConfig").GetProperty("ContentType").GetString());
    }

    [Fact]
    public void Describe_rules_lists_host_header_rules_then_the_default()
    {
        var rules = Elbv2("describe-rules", "--listener-arn", _ids.ListenerArn).GetProperty("Rules").EnumerateArray().ToList();

        Assert.Equal(new[] { "10", "20", "30", "default" }, rules.Select(r => r.GetProperty("Priority").GetString()));
        Assert.Equal(new[] { false, false, false, true }, rules.Select(r => r.GetProperty("IsDefault").GetBoolean()));
        var admin = rules[1];
        Assert.Equal(_ids.AdminRuleArn, admin.GetProperty("RuleArn").GetString());
        var host = admin.GetProperty("Conditions")[0];
        Assert.Equal("host-header", host.GetProperty("Field").GetString());
        Assert.Equal("qa-admin.faxi.jp", host.GetProperty("Values")[0].GetString());
        Assert.Equal("qa-admin.faxi.jp", host.GetProperty("HostHeaderConfig").GetProperty("Values")[0].GetString());
        Assert.Equal("/admin/*", admin.GetProperty("Conditions")[1].GetProperty("PathPatternConfig").GetProperty("Values")[0].GetString());
        var forward = admin.GetProperty("Actions").EnumerateArray().Single();
        Assert.Equal("forward", forward.GetProperty("Type").GetString());
        Assert.Equal(_ids.AdminTargetGroupArn, forward.GetProperty("TargetGroupArn").GetString());
        Assert.Equal(1, forward.GetProperty("ForwardConfig").GetProperty("TargetGroups")[0].GetProperty("Weight").GetInt32());
        Assert.Equal("fixed-response", rules[3].GetProperty("Actions")[0].GetProperty("Type").GetString());
        Assert.Equal("qa.faxi.jp", rules[2].GetProperty("Conditions")[0].GetProperty("Values")[0].GetString());
    }

    [Fact]
    public void Describe_target_health_reports_stored_health()
    {
        var descriptions = Elbv2("describe-target-health", "--target-group-arn", _ids.BackendTargetGroupArn)
            .GetProperty("TargetHealthDescriptions").EnumerateArray().ToList();

        Assert.Equal(2, descriptions.Count);
        var healthy = descriptions[0];
        Assert.Equal(NetworkFixture.HealthyIp, healthy.GetProperty("Target").GetProperty("Id").GetString());
        Assert.Equal(3001, healthy.GetProperty("Target").GetProperty("Port").GetInt32());
        Assert.Equal("us-east-2a", healthy.GetProperty("Target").GetProperty("AvailabilityZone").GetString());
        Assert.Equal("3001", healthy.GetProperty("HealthCheckPort").GetString());
        Assert.Equal("healthy", healthy.GetProperty("TargetHealth").GetProperty("State").GetString());
        Assert.False(healthy.GetProperty("TargetHealth").TryGetProperty("Reason", out _));
        var unhealthy = descriptions[1].GetProperty("TargetHealth");
        Assert.Equal(_ids.TaskEni.PrivateIpAddress, descriptions[1].GetProperty("Target").GetProperty("Id").GetString());
        Assert.Equal("unhealthy", unhealthy.GetProperty("State").GetString());
        Assert.Equal("Target.Timeout", unhealthy.GetProperty("Reason").GetString());
        Assert.Equal("Request timed out", unhealthy.GetProperty("Description").GetString());
    }

    [Fact]
    public void Describe_target_health_of_named_targets_reports_unregistered_ones()
    {
        var descriptions = Elbv2("describe-target-health", "--target-group-arn", _ids.BackendTargetGroupArn, "--targets", "Id=10.0.2.9,Port=3001")
            .GetProperty("TargetHealthDescriptions").EnumerateArray().Single();

        Assert.Equal("unused", descriptions.GetProperty("TargetHealth").GetProperty("State").GetString());
        Assert.Equal("Target.NotRegistered", descriptions.GetProperty("TargetHealth").GetProperty("Reason").GetString());
    }

    [Fact]
    public void Target_group_without_targets_reports_an_empty_list()
    {
        var descriptions = Elbv2("describe-target-health", "--target-group-arn", _ids.AdminTargetGroupArn).GetProperty("TargetHealthDescriptions");

        Assert.Equal(0, descriptions.GetArrayLength());
    }

    [Fact]
    public void Modify_listener_forwards_the_default_to_the_backend()
    {
        // Seed 002's fix, verbatim.
        var listener = Elbv2("modify-listener", "--listener-arn", _ids.ListenerArn, "--default-actions", $"Type=forward,TargetGroupArn={_ids.BackendTargetGroupArn}")
            .GetProperty("Listeners").EnumerateArray().Single();

        var action = listener.GetProperty("DefaultActions").EnumerateArray().Single();
        Assert.Equal("forward", action.GetProperty("Type").GetString());
        Assert.Equal(_ids.BackendTargetGroupArn, action.GetProperty("TargetGroupArn").GetString());
        var described = Elbv2("describe-listeners", "--listener-arns", _ids.ListenerArn).GetProperty("Listeners")[0].GetProperty("DefaultActions")[0];
        Assert.Equal(_ids.BackendTargetGroupArn, described.GetProperty("ForwardConfig").GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString());
    }

    [Fact]
    public void Register_and_deregister_targets()
    {
        Elbv2("register-targets", "--target-group-arn", _ids.AdminTargetGroupArn, "--targets", "Id=10.0.2.77,Port=4000");
        var registered = Elbv2("describe-target-health", "--target-group-arn", _ids.AdminTargetGroupArn).GetProperty("TargetHealthDescriptions").EnumerateArray().Single();

        Assert.Equal("us-east-2b", registered.GetProperty("Target").GetProperty("AvailabilityZone").GetString());
        Assert.Equal("initial", registered.GetProperty("TargetHealth").GetProperty("State").GetString());
        Assert.Equal("Elb.RegistrationInProgress", registered.GetProperty("TargetHealth").GetProperty("Reason").GetString());

        Elbv2("deregister-targets", "--target-group-arn", _ids.AdminTargetGroupArn, "--targets", "Id=10.0.2.77,Port=4000");

        Assert.Equal(0, Elbv2("describe-target-health", "--target-group-arn", _ids.AdminTargetGroupArn).GetProperty("TargetHealthDescriptions").GetArrayLength());
    }

    [Fact]
    public void Unknown_target_group_fails_with_target_group_not_found()
    {
        var result = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "elbv2", "describe-target-groups", "--names", "no-such-tg");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(TargetGroupNotFound)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("One or more target groups not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Modify_target_group_changes_the_health_check_and_refuses_an_interval_out_of_range()
    {
        Elbv2("modify-target-group", "--target-group-arn", _ids.AdminTargetGroupArn, "--health-check-protocol", "HTTPS", "--health-check-port", "8443",
            "--health-check-path", "/healthz", "--health-check-enabled", "--health-check-interval-seconds", "10", "--health-check-timeout-seconds", "6",
            "--healthy-threshold-count", "3", "--unhealthy-threshold-count", "4", "--matcher", "HttpCode=200-299");
        var group = Elbv2("describe-target-groups", "--target-group-arns", _ids.AdminTargetGroupArn).GetProperty("TargetGroups").EnumerateArray().Single();
        var tooLong = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "elbv2", "modify-target-group", "--target-group-arn", _ids.AdminTargetGroupArn,
            "--health-check-interval-seconds", "301");

        Assert.Equal(("HTTPS", "8443", "/healthz", true), (group.Str("HealthCheckProtocol"), group.Str("HealthCheckPort"), group.Str("HealthCheckPath"),
            group.GetProperty("HealthCheckEnabled").GetBoolean()));
        Assert.Equal((10, 6, 3, 4), (group.Int("HealthCheckIntervalSeconds"), group.Int("HealthCheckTimeoutSeconds"), group.Int("HealthyThresholdCount"),
            group.Int("UnhealthyThresholdCount")));
        Assert.Equal("200-299", group.GetProperty("Matcher").Str("HttpCode"));
        Assert.Contains("(ValidationError)", tooLong.Stderr, StringComparison.Ordinal);
        Assert.Contains("Member must have value less than or equal to 300", tooLong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_subnets_enables_a_third_zone_and_refuses_a_single_zone()
    {
        string zoneC;
        lock (_account.State.SyncRoot)
        {
            zoneC = _account.State.Ec2.AddSubnet(_ids.VpcId, "10.0.3.0/24", "us-east-2c", "kaviar-public-c", mapPublicIp: true).SubnetId;
        }

        var set = Elbv2("set-subnets", "--load-balancer-arn", _ids.LoadBalancerArn, "--subnets", _ids.PublicSubnetA, _ids.PublicSubnetB, zoneC);
        var described = Elbv2("describe-load-balancers", "--load-balancer-arns", _ids.LoadBalancerArn).GetProperty("LoadBalancers")[0];
        var oneZone = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "elbv2", "set-subnets", "--load-balancer-arn", _ids.LoadBalancerArn, "--subnets", zoneC);

        var expected = new[] { ("us-east-2a", _ids.PublicSubnetA), ("us-east-2b", _ids.PublicSubnetB), ("us-east-2c", zoneC) };
        Assert.Equal(expected, set.Items("AvailabilityZones").Select(z => (z.Str("ZoneName"), z.Str("SubnetId"))));
        Assert.Equal(expected, described.Items("AvailabilityZones").Select(z => (z.Str("ZoneName"), z.Str("SubnetId"))));
        Assert.Equal("ipv4", set.Str("IpAddressType"));
        Assert.Contains("(InvalidConfigurationRequest)", oneZone.Stderr, StringComparison.Ordinal);
        Assert.Contains("At least two subnets in two different Availability Zones", oneZone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_listener_forwards_on_a_new_port_and_refuses_a_port_in_use()
    {
        var created = Elbv2("create-listener", "--load-balancer-arn", _ids.LoadBalancerArn, "--protocol", "HTTP", "--port", "8080",
            "--default-actions", $"Type=forward,TargetGroupArn={_ids.BackendTargetGroupArn}").GetProperty("Listeners").EnumerateArray().Single();
        var listeners = Elbv2("describe-listeners", "--load-balancer-arn", _ids.LoadBalancerArn).Items("Listeners");
        var duplicate = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, "elbv2", "create-listener", "--load-balancer-arn", _ids.LoadBalancerArn,
            "--protocol", "HTTP", "--port", "80", "--default-actions", $"Type=forward,TargetGroupArn={_ids.BackendTargetGroupArn}");

        Assert.StartsWith(_ids.LoadBalancerArn.Replace(":loadbalancer/", ":listener/", StringComparison.Ordinal) + "/", created.Str("ListenerArn"), StringComparison.Ordinal);
        var listener = Assert.Single(listeners, l => l.Str("ListenerArn") == created.Str("ListenerArn"));
        Assert.Equal((8080, "HTTP"), (listener.Int("Port"), listener.Str("Protocol")));
        Assert.Equal(_ids.BackendTargetGroupArn, listener.Items("DefaultActions").Single().Str("TargetGroupArn"));
        Assert.Contains("(DuplicateListener)", duplicate.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_https_listener_reads_back_its_certificate_and_the_default_security_policy()
    {
        string certificateArn;
        lock (_account.State.SyncRoot)
        {
            certificateArn = _account.State.Acm.AddCertificate("api.example.com", new[] { "*.api.example.com" }).Arn;
        }

        var created = Elbv2("create-listener", "--load-balancer-arn", _ids.LoadBalancerArn, "--protocol", "HTTPS", "--port", "443",
            "--certificates", $"CertificateArn={certificateArn}", "--default-actions", $"Type=forward,TargetGroupArn={_ids.BackendTargetGroupArn}")
            .Items("Listeners").Single();
        var described = Elbv2("describe-listeners", "--listener-arns", created.Str("ListenerArn")).Items("Listeners").Single();
        var certificates = Elbv2("describe-listener-certificates", "--listener-arn", created.Str("ListenerArn")).Items("Certificates");
        var acm = new CliContract(_account).Json("acm", "describe-certificate", "--certificate-arn", certificateArn).GetProperty("Certificate");
        var listed = new CliContract(_account).Json("acm", "list-certificates", "--certificate-statuses", "ISSUED").Items("CertificateSummaryList").Single();

        Assert.Equal(("HTTPS", 443, "ELBSecurityPolicy-2016-08"), (described.Str("Protocol"), described.Int("Port"), described.Str("SslPolicy")));
        Assert.Equal(certificateArn, described.Items("Certificates").Single().Str("CertificateArn"));
        Assert.Equal(created.GetRawText(), described.GetRawText());
        Assert.Equal((certificateArn, true), (certificates.Single().Str("CertificateArn"), certificates.Single().GetProperty("IsDefault").GetBoolean()));
        Assert.Equal(("ISSUED", "api.example.com"), (acm.Str("Status"), acm.Str("DomainName")));
        Assert.Equal(new[] { "api.example.com", "*.api.example.com" }, acm.Strings("SubjectAlternativeNames"));
        Assert.Equal(new[] { _ids.LoadBalancerArn }, acm.Strings("InUseBy"));
        Assert.Equal((certificateArn, true), (listed.Str("CertificateArn"), listed.GetProperty("InUse").GetBoolean()));
    }

    [Fact]
    public void Create_https_listener_refuses_a_certificate_not_issued_and_an_unknown_security_policy()
    {
        string pending, issued;
        lock (_account.State.SyncRoot)
        {
            pending = _account.State.Acm.AddCertificate("new.example.com", status: "PENDING_VALIDATION").Arn;
            issued = _account.State.Acm.AddCertificate("api.example.com").Arn;
        }
        string CreateHttps(string certificateArn, params string[] more) => new CliContract(_account).Error(new[]
        {
            "elbv2", "create-listener", "--load-balancer-arn", _ids.LoadBalancerArn, "--protocol", "HTTPS", "--port", "443",
            "--certificates", $"CertificateArn={certificateArn}", "--default-actions", $"Type=forward,TargetGroupArn={_ids.BackendTargetGroupArn}",
        }.Concat(more).ToArray());

        Assert.Contains("(CertificateNotFound)", CreateHttps(pending), StringComparison.Ordinal);
        Assert.Contains("(SSLPolicyNotFound)", CreateHttps(issued, "--ssl-policy", "ELBSecurityPolicy-TLS-9-9"), StringComparison.Ordinal);
        Assert.Empty(_account.Read(s => s.Elbv2.Listeners.Where(l => l.Port == 443).ToList()));
    }

    private JsonElement Elbv2(params string[] args)
    {
        var result = AwsCli.Run(_account.Endpoint, NetworkFixture.Region, new[] { "elbv2" }.Concat(args).Append("--output").Append("json").ToArray());
        Assert.True(result.ExitCode == 0, $"aws elbv2 {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return string.IsNullOrWhiteSpace(result.Stdout) ? default : result.Json.RootElement.Clone();
    }
}
