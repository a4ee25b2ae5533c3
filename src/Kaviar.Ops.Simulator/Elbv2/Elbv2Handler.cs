using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Protocol;
using static Kaviar.Ops.Simulator.Protocol.QueryXmlWriter;

namespace Kaviar.Ops.Simulator.Elbv2;

/// <summary>
/// ELBv2 over the standard Query protocol: "Names.member.1" parameters in, &lt;…Result&gt; XML with &lt;member&gt; lists
/// out, element names as in the 2015-12-01 service model.
/// </summary>
public sealed class Elbv2Handler : IServiceHandler
{
    private const string ValidationError = "ValidationError";
    private const int MaxPageSize = 400;
    private const int MaxForwardWeight = 999;
    private const int MaxForwardTargetGroups = 5;
    private const int MaxStickinessSeconds = 604800;

    private readonly AccountState _account;

    public Elbv2Handler(AccountState account) => _account = account;

    public string ServiceName => ServiceProtocols.Elbv2.ServiceName;

    private Elbv2State Elbv2 => _account.Elbv2;

    public bool IsMutating(string action) => action is "ModifyListener" or "RegisterTargets" or "DeregisterTargets" or "ModifyTargetGroupAttributes"
        or "CreateRule" or "ModifyRule" or "SetRulePriorities" or "DeleteRule" or "ModifyTargetGroup" or "SetSubnets" or "CreateListener";

    public SimulatedResponse Handle(SimulatedRequest request)
    {
        var parameters = request.QueryParameters;
        var members = request.Action switch
        {
            "DescribeLoadBalancers" => DescribeLoadBalancers(parameters),
            "DescribeTargetGroups" => DescribeTargetGroups(parameters),
            "DescribeListeners" => DescribeListeners(parameters),
            "DescribeListenerCertificates" => DescribeListenerCertificates(parameters),
            "DescribeRules" => DescribeRules(parameters),
            "DescribeTargetHealth" => DescribeTargetHealth(parameters),
            "DescribeTargetGroupAttributes" => DescribeTargetGroupAttributes(parameters),
            "ModifyTargetGroupAttributes" => ModifyTargetGroupAttributes(parameters),
            "ModifyTargetGroup" => ModifyTargetGroup(parameters),
            "ModifyListener" => ModifyListener(parameters),
            "CreateListener" => CreateListener(parameters),
            "SetSubnets" => SetSubnets(parameters),
            "CreateRule" => CreateRule(parameters),
            "ModifyRule" => ModifyRule(parameters),
            "SetRulePriorities" => SetRulePriorities(parameters),
            "DeleteRule" => DeleteRule(parameters),
            "RegisterTargets" => RegisterTargets(parameters),
            "DeregisterTargets" => DeregisterTargets(parameters),
            _ => throw AwsErrors.UnknownAction(ServiceProtocols.Elbv2, request.Action),
        };
        return QuerySuccess(ServiceProtocols.Elbv2.XmlNamespace!, request.Action, request.RequestId, members);
    }

    private object?[] DescribeLoadBalancers(IReadOnlyDictionary<string, string> parameters)
    {
        var loadBalancers = ByArnsOrNames(
            parameters, "LoadBalancerArns", Elbv2.LoadBalancers, Elbv2.RequireLoadBalancer, Elbv2.FindLoadBalancerByName, Elbv2State.LoadBalancerNotFound);
        return Paged(parameters, "LoadBalancers", loadBalancers, LoadBalancerXml);
    }

    private object?[] DescribeTargetGroups(IReadOnlyDictionary<string, string> parameters)
    {
        IEnumerable<TargetGroup> candidates = Elbv2.TargetGroups;
        if (Optional(parameters, "LoadBalancerArn") is { } loadBalancerArn)
        {
            Elbv2.RequireLoadBalancer(loadBalancerArn);
            candidates = candidates.Where(t => Elbv2.LoadBalancersOf(t.TargetGroupArn).Any(l => l.LoadBalancerArn == loadBalancerArn));
        }

        var targetGroups = ByArnsOrNames(
            parameters, "TargetGroupArns", candidates.ToList(), Elbv2.RequireTargetGroup, Elbv2.FindTargetGroupByName, Elbv2State.TargetGroupNotFound);
        return Paged(parameters, "TargetGroups", targetGroups, TargetGroupXml);
    }

    private object?[] DescribeListeners(IReadOnlyDictionary<string, string> parameters)
    {
        var arns = Strings(parameters, "ListenerArns.member");
        IReadOnlyList<Listener> listeners;
        if (arns.Count > 0)
        {
            listeners = arns.Distinct().Select(Elbv2.RequireListener).ToList();
        }
        else if (Optional(parameters, "LoadBalancerArn") is { } loadBalancerArn)
        {
            listeners = Elbv2.ListenersOf(Elbv2.RequireLoadBalancer(loadBalancerArn).LoadBalancerArn);
        }
        else
        {
            throw new AwsErrorException(ValidationError, "You must specify either listener ARNs or a load balancer ARN");
        }

        return Paged(parameters, "Listeners", listeners, ListenerXml);
    }

    /// <summary>The listener's default certificate (IsDefault), which is all an HTTPS listener here has; none for HTTP.</summary>
    private object?[] DescribeListenerCertificates(IReadOnlyDictionary<string, string> parameters)
    {
        var listener = Elbv2.RequireListener(Required(parameters, "ListenerArn"));
        var certificates = listener.Tls is { } tls
            ? new[] { new XElement("member", Value("CertificateArn", tls.CertificateArn), Value("IsDefault", true)) }
            : Array.Empty<XElement>();
        return new object?[] { List("Certificates", "member", certificates) };
    }

    private object?[] DescribeRules(IReadOnlyDictionary<string, string> parameters)
    {
        var arns = Strings(parameters, "RuleArns.member");
        IReadOnlyList<Rule> rules;
        if (arns.Count > 0)
        {
            rules = arns.Distinct()
                .Select(arn => Elbv2.FindRule(arn) ?? throw new AwsErrorException("RuleNotFound", "One or more rules not found"))
                .ToList();
        }
        else if (Optional(parameters, "ListenerArn") is { } listenerArn)
        {
            rules = Elbv2.RulesOf(Elbv2.RequireListener(listenerArn));
        }
        else
        {
            throw new AwsErrorException(ValidationError, "You must specify either listener ARN or rule ARNs");
        }

        return Paged(parameters, "Rules", rules, RuleXml);
    }

    private object?[] DescribeTargetHealth(IReadOnlyDictionary<string, string> parameters)
    {
        var targetGroup = Elbv2.RequireTargetGroup(Required(parameters, "TargetGroupArn"));
        var asked = Targets(parameters, "Targets");
        var descriptions = asked.Count == 0
            ? targetGroup.Targets.Select(t => TargetHealthXml(targetGroup, t.Id, t.Port, t))
            : asked.Select(a =>
            {
                var registered = targetGroup.Targets.FirstOrDefault(t => t.Id == a.Id && (a.Port is null || t.Port == a.Port));
                return TargetHealthXml(targetGroup, a.Id, a.Port ?? targetGroup.Port, registered);
            });
        return new object?[] { List("TargetHealthDescriptions", "member", descriptions) };
    }

    private object?[] DescribeTargetGroupAttributes(IReadOnlyDictionary<string, string> parameters) =>
        new object?[] { AttributesXml(Elbv2.RequireTargetGroup(Required(parameters, "TargetGroupArn"))) };

    /// <summary>The deregistration delay, slow start and lb_cookie stickiness; any other key of an ALB target group is refused rather than ignored.</summary>
    private object?[] ModifyTargetGroupAttributes(IReadOnlyDictionary<string, string> parameters)
    {
        var targetGroup = Elbv2.RequireTargetGroup(Required(parameters, "TargetGroupArn"));
        var attributes = ListPrefixes(parameters, "Attributes.member")
            .Select(p => (Key: Required(parameters, p + ".Key"), Value: Optional(parameters, p + ".Value") ?? string.Empty)).ToList();
        if (attributes.Count == 0)
        {
            throw new AwsErrorException(ValidationError, "Attributes must contain at least one attribute.");
        }

        foreach (var (key, value) in attributes)
        {
            switch (key)
            {
                case "deregistration_delay.timeout_seconds":
                    targetGroup.DeregistrationDelaySeconds = Seconds(key, value, Elbv2State.RequireDeregistrationDelay);
                    break;
                case "slow_start.duration_seconds":
                    targetGroup.SlowStartSeconds = Seconds(key, value, Elbv2State.RequireSlowStart);
                    break;
                case "stickiness.lb_cookie.duration_seconds":
                    targetGroup.StickinessDurationSeconds = Seconds(key, value, Elbv2State.RequireStickinessDuration);
                    break;
                case "stickiness.enabled" when value is "true" or "false":
                    targetGroup.StickinessEnabled = value == "true";
                    break;
                case "stickiness.type" when value == "lb_cookie":
                    break;
                default:
                    throw new AwsErrorException("InvalidConfigurationRequest", $"Attribute '{key}' with value '{value}' is not supported by this simulated account.");
            }
        }

        return new object?[] { AttributesXml(targetGroup) };
    }

    /// <summary>An attribute's whole seconds, held to <paramref name="rule"/>.</summary>
    private static int Seconds(string key, string value, Action<int> rule)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new AwsErrorException("InvalidConfigurationRequest", $"'{value}' is not a valid value for {key}: it must be a whole number of seconds.");
        }

        rule(seconds);
        return seconds;
    }

    private static XElement AttributesXml(TargetGroup targetGroup) => List("Attributes", "member", new (string Key, string Value)[]
    {
        ("deregistration_delay.timeout_seconds", Text(targetGroup.DeregistrationDelaySeconds)),
        ("stickiness.enabled", targetGroup.StickinessEnabled ? "true" : "false"),
        ("stickiness.type", "lb_cookie"),
        ("stickiness.lb_cookie.duration_seconds", Text(targetGroup.StickinessDurationSeconds)),
        ("load_balancing.algorithm.type", "round_robin"),
        ("slow_start.duration_seconds", Text(targetGroup.SlowStartSeconds)),
    }.Select(a => new XElement("member", Value("Key", a.Key), Value("Value", a.Value))));

    private static string Text(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Only the members sent change, each within the API's range, and the result must hold as a whole: the timeout
    /// shorter than the interval, an HTTP or HTTPS check (the group is HTTP), checks always on (an ip target group's
    /// cannot be disabled) and matcher codes of 200 to 499, as AWS requires of an Application Load Balancer's group.
    /// </summary>
    private object?[] ModifyTargetGroup(IReadOnlyDictionary<string, string> parameters)
    {
        var targetGroup = Elbv2.RequireTargetGroup(Required(parameters, "TargetGroupArn"));
        var protocol = Optional(parameters, "HealthCheckProtocol") ?? targetGroup.HealthCheckProtocol;
        if (protocol is not ("HTTP" or "HTTPS"))
        {
            throw new AwsErrorException("InvalidConfigurationRequest", $"Health check protocol '{protocol}' is not supported for target groups with the HTTP protocol");
        }

        var port = Optional(parameters, "HealthCheckPort") ?? targetGroup.HealthCheckPort;
        if (port != "traffic-port" && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535))
        {
            throw new AwsErrorException(ValidationError, $"Health check port '{port}' must be 'traffic-port' or a port from 1 to 65535");
        }

        var path = Optional(parameters, "HealthCheckPath") ?? targetGroup.HealthCheckPath;
        if (path.Length > 1024 || !path.StartsWith('/'))
        {
            throw new AwsErrorException(ValidationError, $"Health check path '{path}' must start with '/' and be at most 1024 characters long");
        }

        if (Optional(parameters, "HealthCheckEnabled") == "false")
        {
            throw new AwsErrorException("InvalidConfigurationRequest", "Health checks cannot be disabled for target groups with target type 'ip'");
        }

        var interval = RangedInt(parameters, "HealthCheckIntervalSeconds", 5, 300) ?? targetGroup.HealthCheckIntervalSeconds;
        var timeout = RangedInt(parameters, "HealthCheckTimeoutSeconds", 2, 120) ?? targetGroup.HealthCheckTimeoutSeconds;
        var healthyThreshold = RangedInt(parameters, "HealthyThresholdCount", 2, 10) ?? targetGroup.HealthyThresholdCount;
        var unhealthyThreshold = RangedInt(parameters, "UnhealthyThresholdCount", 2, 10) ?? targetGroup.UnhealthyThresholdCount;
        if (timeout >= interval)
        {
            throw new AwsErrorException("InvalidConfigurationRequest", "Health check interval must be greater than the timeout.");
        }

        var matcher = Optional(parameters, "Matcher.HttpCode") ?? targetGroup.MatcherHttpCode;
        if (!IsAlbMatcher(matcher))
        {
            throw new AwsErrorException(ValidationError, $"Health check matcher HTTP code '{matcher}' must be within '200-499' range.");
        }

        targetGroup.HealthCheckProtocol = protocol;
        targetGroup.HealthCheckPort = port;
        targetGroup.HealthCheckPath = path;
        targetGroup.HealthCheckIntervalSeconds = interval;
        targetGroup.HealthCheckTimeoutSeconds = timeout;
        targetGroup.HealthyThresholdCount = healthyThreshold;
        targetGroup.UnhealthyThresholdCount = unhealthyThreshold;
        targetGroup.MatcherHttpCode = matcher;
        return new object?[] { List("TargetGroups", "member", new[] { TargetGroupXml(targetGroup) }) };
    }

    /// <summary>"200", "200,202" or "200-299": codes from 200 to 499, a range low to high.</summary>
    private static bool IsAlbMatcher(string matcher) =>
        matcher.Split(',').All(part =>
        {
            var bounds = part.Split('-');
            var codes = bounds.Select(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : -1).ToList();
            return bounds.Length <= 2 && codes.All(code => code is >= 200 and <= 499) && codes[0] <= codes[^1];
        });

    /// <summary>An optional integer member checked against its range in the service model, with AWS's ValidationError wording.</summary>
    private static int? RangedInt(IReadOnlyDictionary<string, string> parameters, string name, int min, int max)
    {
        var value = OptionalInt(parameters, name, ValidationError);
        if (value is null || (value >= min && value <= max))
        {
            return value;
        }

        var constraint = value < min ? $"greater than or equal to {min}" : $"less than or equal to {max}";
        throw new AwsErrorException(ValidationError,
            $"1 validation error detected: Value '{value}' at '{char.ToLowerInvariant(name[0]) + name[1..]}' failed to satisfy constraint: Member must have value {constraint}");
    }

    /// <summary>
    /// An Application Load Balancer listens on HTTP or HTTPS; an HTTPS listener takes one certificate (the default; more
    /// are AddListenerCertificates') and a security policy (<see cref="Elbv2State.TlsFor"/>).
    /// </summary>
    private object?[] CreateListener(IReadOnlyDictionary<string, string> parameters)
    {
        var loadBalancerArn = Required(parameters, "LoadBalancerArn");
        var protocol = Required(parameters, "Protocol");
        var port = RangedInt(parameters, "Port", 1, 65535) ?? throw MissingMember("port");
        var actions = Actions(parameters, "DefaultActions");
        if (actions.Count == 0)
        {
            throw MissingMember("defaultActions");
        }

        Elbv2State.RequireAlbProtocol(protocol);
        var tls = Elbv2.TlsFor(protocol, Optional(parameters, "Certificates.member.1.CertificateArn"), Optional(parameters, "SslPolicy"));
        var listener = Elbv2.CreateListener(loadBalancerArn, protocol, port, actions, tls);
        return new object?[] { List("Listeners", "member", new[] { ListenerXml(listener) }) };
    }

    /// <summary>Subnets.member.N or SubnetMappings.member.N.SubnetId (an ALB takes no Elastic IP or fixed address).</summary>
    private object?[] SetSubnets(IReadOnlyDictionary<string, string> parameters)
    {
        var loadBalancerArn = Required(parameters, "LoadBalancerArn");
        var mappings = ListPrefixes(parameters, "SubnetMappings.member");
        if (mappings.Any(m => Optional(parameters, m + ".AllocationId") is not null || Optional(parameters, m + ".PrivateIPv4Address") is not null))
        {
            throw new AwsErrorException("InvalidConfigurationRequest", "You cannot specify Elastic IP addresses or private IPv4 addresses for an Application Load Balancer");
        }

        var subnetIds = Strings(parameters, "Subnets.member").Concat(mappings.Select(m => Required(parameters, m + ".SubnetId"))).ToList();
        if (subnetIds.Count == 0)
        {
            throw new AwsErrorException(ValidationError, "You must specify either subnets or subnet mappings");
        }

        var loadBalancer = Elbv2.SetSubnets(loadBalancerArn, subnetIds);
        return new object?[] { AvailabilityZonesXml(loadBalancer), Value("IpAddressType", loadBalancer.IpAddressType) };
    }

    private object?[] ModifyListener(IReadOnlyDictionary<string, string> parameters)
    {
        var listener = Elbv2.RequireListener(Required(parameters, "ListenerArn"));
        var protocol = Optional(parameters, "Protocol") ?? listener.Protocol;
        Elbv2State.RequireAlbProtocol(protocol);
        // Checked before anything changes: a listener turned HTTPS needs its certificate, one turned HTTP drops it.
        var tls = Elbv2.TlsFor(protocol, Optional(parameters, "Certificates.member.1.CertificateArn") ?? listener.Tls?.CertificateArn,
            Optional(parameters, "SslPolicy") ?? listener.Tls?.SslPolicy);
        var actions = Actions(parameters, "DefaultActions");
        if (actions.Count > 0)
        {
            Elbv2.ModifyListenerDefaultActions(listener.ListenerArn, actions);
        }

        if (OptionalInt(parameters, "Port", ValidationError) is { } port)
        {
            listener.Port = port;
        }

        listener.Protocol = protocol;
        listener.Tls = tls;
        return new object?[] { List("Listeners", "member", new[] { ListenerXml(listener) }) };
    }

    private object?[] CreateRule(IReadOnlyDictionary<string, string> parameters)
    {
        var listenerArn = Required(parameters, "ListenerArn");
        var priority = OptionalInt(parameters, "Priority", ValidationError) ?? throw MissingMember("priority");
        var rule = Elbv2.AddRule(listenerArn, priority, RuleConditionParameters.Conditions(parameters, "Conditions"), Actions(parameters, "Actions"),
            RuleConditionParameters.Transforms(parameters, "Transforms"));
        return RulesXml(rule);
    }

    /// <summary>Only the members sent change; ResetTransforms removes every transform and cannot come with Transforms.</summary>
    private object?[] ModifyRule(IReadOnlyDictionary<string, string> parameters)
    {
        var ruleArn = Required(parameters, "RuleArn");
        var conditions = ListPrefixes(parameters, "Conditions.member").Count > 0 ? RuleConditionParameters.Conditions(parameters, "Conditions") : null;
        var actions = ListPrefixes(parameters, "Actions.member").Count > 0 ? Actions(parameters, "Actions") : null;
        var transforms = ListPrefixes(parameters, "Transforms.member").Count > 0 ? RuleConditionParameters.Transforms(parameters, "Transforms") : null;
        if (Flag(parameters, "ResetTransforms"))
        {
            transforms = transforms is null
                ? Array.Empty<RuleTransform>()
                : throw new AwsErrorException(ValidationError, "You cannot specify both Transforms and ResetTransforms");
        }

        return RulesXml(Elbv2.ModifyRule(ruleArn, conditions, actions, transforms));
    }

    private object?[] SetRulePriorities(IReadOnlyDictionary<string, string> parameters)
    {
        var priorities = ListPrefixes(parameters, "RulePriorities.member")
            .Select(prefix => (Required(parameters, prefix + ".RuleArn"), OptionalInt(parameters, prefix + ".Priority", ValidationError) ?? throw MissingMember("priority")))
            .ToList();
        if (priorities.Count == 0)
        {
            throw MissingMember("rulePriorities");
        }

        return RulesXml(Elbv2.SetRulePriorities(priorities).ToArray());
    }

    private object?[] DeleteRule(IReadOnlyDictionary<string, string> parameters)
    {
        Elbv2.DeleteRule(Required(parameters, "RuleArn"));
        return Array.Empty<object?>();
    }

    private static object?[] RulesXml(params Rule[] rules) => new object?[] { List("Rules", "member", rules.Select(RuleXml)) };

    private object?[] RegisterTargets(IReadOnlyDictionary<string, string> parameters)
    {
        var targetGroup = Elbv2.RequireTargetGroup(Required(parameters, "TargetGroupArn"));
        var targets = RequiredTargets(parameters);
        var placed = targets.Select(t => (t.Id, Port: t.Port ?? targetGroup.Port, Zone: t.AvailabilityZone ?? ZoneOf(targetGroup, t.Id))).ToList();
        foreach (var (id, port, zone) in placed)
        {
            Elbv2.RegisterTarget(targetGroup.TargetGroupArn, id, port, zone);
        }

        return Array.Empty<object?>();
    }

    private object?[] DeregisterTargets(IReadOnlyDictionary<string, string> parameters)
    {
        var targetGroup = Elbv2.RequireTargetGroup(Required(parameters, "TargetGroupArn"));
        foreach (var target in RequiredTargets(parameters))
        {
            var port = target.Port ?? targetGroup.Port;
            if (targetGroup.FindTarget(target.Id, port) is null)
            {
                throw new AwsErrorException("InvalidTarget", $"The target '{target.Id}:{port}' is not registered with the target group");
            }

            Elbv2.DeregisterTarget(targetGroup.TargetGroupArn, target.Id, port);
        }

        return Array.Empty<object?>();
    }

    /// <summary>
    /// "{arnListName}.member.N" or else "Names.member.N" pick resources (each must exist, else the service's NotFound);
    /// with neither, every candidate.
    /// </summary>
    private static IReadOnlyList<T> ByArnsOrNames<T>(
        IReadOnlyDictionary<string, string> parameters,
        string arnListName,
        IReadOnlyList<T> candidates,
        Func<string, T> requireByArn,
        Func<string, T?> findByName,
        Func<AwsErrorException> notFound)
        where T : class
    {
        var arns = Strings(parameters, arnListName + ".member");
        var names = Strings(parameters, "Names.member");
        if (arns.Count > 0)
        {
            return arns.Select(requireByArn).Distinct().ToList();
        }

        return names.Count > 0 ? names.Select(n => findByName(n) ?? throw notFound()).Distinct().ToList() : candidates;
    }

    private static string Required(IReadOnlyDictionary<string, string> parameters, string name) =>
        Optional(parameters, name) ?? throw MissingMember(char.ToLowerInvariant(name[0]) + name[1..]);

    private static AwsErrorException MissingMember(string member) =>
        new(ValidationError, $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    /// <summary>
    /// One page of <paramref name="items"/> under the Marker/PageSize rules, plus NextMarker when more remain.
    /// The marker is opaque to callers; here it encodes the offset of the next page.
    /// </summary>
    private static object?[] Paged<T>(IReadOnlyDictionary<string, string> parameters, string listName, IReadOnlyList<T> items, Func<T, XElement> render)
    {
        var pageSize = OptionalInt(parameters, "PageSize", ValidationError) ?? MaxPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new AwsErrorException(ValidationError, $"1 validation error detected: Value '{pageSize}' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to {MaxPageSize}");
        }

        var offset = 0;
        if (Optional(parameters, "Marker") is { } marker && !TryDecodePageToken(marker, out offset))
        {
            throw new AwsErrorException(ValidationError, "Invalid Marker");
        }

        var next = offset + pageSize;
        return new object?[]
        {
            List(listName, "member", items.Skip(offset).Take(pageSize).Select(render)),
            next < items.Count ? Value("NextMarker", EncodePageToken(next)) : null,
        };
    }

    private static IReadOnlyList<(string Id, int? Port, string? AvailabilityZone)> Targets(IReadOnlyDictionary<string, string> parameters, string listName) =>
        ListPrefixes(parameters, listName + ".member")
            .Select(prefix => (
                Optional(parameters, prefix + ".Id") ?? throw new AwsErrorException(ValidationError, "A target ID must be specified"),
                OptionalInt(parameters, prefix + ".Port", ValidationError),
                Optional(parameters, prefix + ".AvailabilityZone")))
            .ToList();

    private static IReadOnlyList<(string Id, int? Port, string? AvailabilityZone)> RequiredTargets(IReadOnlyDictionary<string, string> parameters)
    {
        var targets = Targets(parameters, "Targets");
        return targets.Count > 0
            ? targets
            : throw new AwsErrorException(ValidationError, "1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null");
    }

    /// <summary>An IP target inside the VPC takes the AZ of the subnet that holds it; anything else is not a valid target.</summary>
    private string ZoneOf(TargetGroup targetGroup, string ip)
    {
        var subnet = Ipv4Cidr.TryParse(ip + "/32", out var address)
            ? _account.Ec2.Subnets.FirstOrDefault(s => s.VpcId == targetGroup.VpcId && Ipv4Cidr.Parse(s.CidrBlock).Contains(address))
            : null;
        return subnet?.AvailabilityZone
            ?? throw new AwsErrorException("InvalidTarget", $"The IP address '{ip}' is not within the VPC CIDR of target group '{targetGroup.TargetGroupName}'");
    }

    /// <summary>DefaultActions.member.N.{Type,TargetGroupArn,Order,ForwardConfig,FixedResponseConfig,RedirectConfig}.</summary>
    private IReadOnlyList<ListenerAction> Actions(IReadOnlyDictionary<string, string> parameters, string listName) =>
        ListPrefixes(parameters, listName + ".member").Select(prefix =>
        {
            var type = Optional(parameters, prefix + ".Type") ?? throw new AwsErrorException(ValidationError, "An action type must be specified");
            var order = OptionalInt(parameters, prefix + ".Order", ValidationError);
            var targetGroupArn = Optional(parameters, prefix + ".TargetGroupArn");
            switch (type)
            {
                case "forward":
                    var weighted = ListPrefixes(parameters, prefix + ".ForwardConfig.TargetGroups.member")
                        .Select(g => new WeightedTargetGroup(
                            Optional(parameters, g + ".TargetGroupArn") ?? throw new AwsErrorException(ValidationError, "A target group ARN must be specified"),
                            OptionalInt(parameters, g + ".Weight", ValidationError) ?? 1))
                        .ToList();
                    if (targetGroupArn is null && weighted.Count == 0)
                    {
                        throw new AwsErrorException(ValidationError, "A target group ARN must be specified when the action type is 'forward'");
                    }

                    ValidateForwardConfig(targetGroupArn, weighted);
                    var stickiness = Stickiness(parameters, prefix + ".ForwardConfig.TargetGroupStickinessConfig.");

                    // AWS reports a single-group forward both ways: TargetGroupArn and a one-entry ForwardConfig.
                    targetGroupArn ??= weighted.Count == 1 ? weighted[0].TargetGroupArn : null;
                    if (weighted.Count == 0)
                    {
                        weighted.Add(new WeightedTargetGroup(targetGroupArn!, 1));
                    }

                    return new ListenerAction(type, order, targetGroupArn, weighted, null, null, stickiness);
                case "fixed-response":
                    var statusCode = Optional(parameters, prefix + ".FixedResponseConfig.StatusCode")
                        ?? throw new AwsErrorException(ValidationError, "A fixed response status code must be specified when the action type is 'fixed-response'");
                    return new ListenerAction(type, order, null, null, new FixedResponseConfig(
                        statusCode,
                        Optional(parameters, prefix + ".FixedResponseConfig.ContentType"),
                        Optional(parameters, prefix + ".FixedResponseConfig.MessageBody")), null);
                case "redirect":
                    var redirect = prefix + ".RedirectConfig.";
                    return new ListenerAction(type, order, null, null, null, new RedirectConfig(
                        Optional(parameters, redirect + "Protocol"),
                        Optional(parameters, redirect + "Port"),
                        Optional(parameters, redirect + "Host"),
                        Optional(parameters, redirect + "Path"),
                        Optional(parameters, redirect + "Query"),
                        Optional(parameters, redirect + "StatusCode")
                            ?? throw new AwsErrorException(ValidationError, "A redirect status code must be specified when the action type is 'redirect'")));
                default:
                    throw new AwsErrorException(ValidationError, $"'{type}' is not a supported action type for Application Load Balancers");
            }
        }).ToList();

    /// <summary>
    /// AWS's limits on a forward: weights 0 to 999, at most 5 target groups, each once, and a TargetGroupArn given beside a
    /// ForwardConfig must be its only group.
    /// </summary>
    private static void ValidateForwardConfig(string? targetGroupArn, IReadOnlyList<WeightedTargetGroup> weighted)
    {
        if (weighted.FirstOrDefault(g => g.Weight is < 0 or > MaxForwardWeight) is { } outOfRange)
        {
            throw new AwsErrorException(ValidationError,
                $"1 validation error detected: Value '{outOfRange.Weight}' at 'forwardConfig.targetGroups.member.weight' failed to satisfy constraint: " +
                $"Member must have value between 0 and {MaxForwardWeight}");
        }

        if (weighted.Count > MaxForwardTargetGroups)
        {
            throw new AwsErrorException("TooManyTargetGroups", $"You cannot specify more than {MaxForwardTargetGroups} target groups in a forward action");
        }

        if (weighted.Select(g => g.TargetGroupArn).Distinct(StringComparer.Ordinal).Count() < weighted.Count)
        {
            throw new AwsErrorException(ValidationError, "A target group ARN can be specified only once in a forward action");
        }

        if (targetGroupArn is not null && weighted.Count > 0 && (weighted.Count > 1 || weighted[0].TargetGroupArn != targetGroupArn))
        {
            throw new AwsErrorException(ValidationError,
                "You cannot specify both a target group ARN and a forward config with a different or more than one target group");
        }
    }

    /// <summary>ForwardConfig.TargetGroupStickinessConfig.{Enabled,DurationSeconds}: a duration (1-604800) is required to enable it.</summary>
    private static TargetGroupStickiness Stickiness(IReadOnlyDictionary<string, string> parameters, string prefix)
    {
        var enabled = Optional(parameters, prefix + "Enabled") switch
        {
            null => false,
            var value when bool.TryParse(value, out var parsed) => parsed,
            var value => throw new AwsErrorException(ValidationError, $"'{value}' is not a valid value for TargetGroupStickinessConfig.Enabled"),
        };
        var duration = OptionalInt(parameters, prefix + "DurationSeconds", ValidationError);
        if (duration is < 1 or > MaxStickinessSeconds)
        {
            throw new AwsErrorException(ValidationError,
                $"1 validation error detected: Value '{duration}' at 'forwardConfig.targetGroupStickinessConfig.durationSeconds' failed to satisfy constraint: " +
                $"Member must have value between 1 and {MaxStickinessSeconds}");
        }

        if (enabled && duration is null)
        {
            throw new AwsErrorException(ValidationError, "You must specify a duration when enabling target group stickiness");
        }

        return enabled ? new TargetGroupStickiness(true, duration) : TargetGroupStickiness.Disabled;
    }

    private static XElement LoadBalancerXml(LoadBalancer loadBalancer) => new(
        "member",
        Value("LoadBalancerArn", loadBalancer.LoadBalancerArn),
        Value("DNSName", loadBalancer.DnsName),
        Value("CanonicalHostedZoneId", loadBalancer.CanonicalHostedZoneId),
        Value("CreatedTime", loadBalancer.CreatedTime),
        Value("LoadBalancerName", loadBalancer.LoadBalancerName),
        Value("Scheme", loadBalancer.Scheme),
        Value("VpcId", loadBalancer.VpcId),
        new XElement("State", Value("Code", loadBalancer.State)),
        Value("Type", loadBalancer.Type),
        AvailabilityZonesXml(loadBalancer),
        List("SecurityGroups", "member", loadBalancer.SecurityGroupIds),
        Value("IpAddressType", loadBalancer.IpAddressType));

    private static XElement AvailabilityZonesXml(LoadBalancer loadBalancer) =>
        List("AvailabilityZones", "member", loadBalancer.AvailabilityZones.Select(zone => new XElement(
            "member",
            Value("ZoneName", zone.ZoneName),
            Value("SubnetId", zone.SubnetId),
            new XElement("LoadBalancerAddresses"))));

    private XElement TargetGroupXml(TargetGroup targetGroup) => new(
        "member",
        Value("TargetGroupArn", targetGroup.TargetGroupArn),
        Value("TargetGroupName", targetGroup.TargetGroupName),
        Value("Protocol", targetGroup.Protocol),
        Value("Port", targetGroup.Port),
        Value("VpcId", targetGroup.VpcId),
        Value("HealthCheckProtocol", targetGroup.HealthCheckProtocol),
        Value("HealthCheckPort", targetGroup.HealthCheckPort),
        Value("HealthCheckEnabled", true),
        Value("HealthCheckIntervalSeconds", targetGroup.HealthCheckIntervalSeconds),
        Value("HealthCheckTimeoutSeconds", targetGroup.HealthCheckTimeoutSeconds),
        Value("HealthyThresholdCount", targetGroup.HealthyThresholdCount),
        Value("UnhealthyThresholdCount", targetGroup.UnhealthyThresholdCount),
        Value("HealthCheckPath", targetGroup.HealthCheckPath),
        new XElement("Matcher", Value("HttpCode", targetGroup.MatcherHttpCode)),
        List("LoadBalancerArns", "member", Elbv2.LoadBalancersOf(targetGroup.TargetGroupArn).Select(l => l.LoadBalancerArn)),
        Value("TargetType", targetGroup.TargetType),
        Value("ProtocolVersion", targetGroup.ProtocolVersion),
        Value("IpAddressType", "ipv4"));

    private static XElement ListenerXml(Listener listener) => new(
        "member",
        Value("ListenerArn", listener.ListenerArn),
        Value("LoadBalancerArn", listener.LoadBalancerArn),
        Value("Port", listener.Port),
        Value("Protocol", listener.Protocol),
        listener.Tls is { } tls ? List("Certificates", "member", new[] { new XElement("member", Value("CertificateArn", tls.CertificateArn)) }) : null,
        Value("SslPolicy", listener.Tls?.SslPolicy),
        List("DefaultActions", "member", listener.DefaultActions.Select(ActionXml)));

    private static XElement RuleXml(Rule rule) => new(
        "member",
        Value("RuleArn", rule.RuleArn),
        Value("Priority", rule.Priority),
        List("Conditions", "member", rule.Conditions.Select(RuleConditionParameters.ConditionXml)),
        List("Actions", "member", rule.Actions.Select(ActionXml)),
        Value("IsDefault", rule.IsDefault),
        rule.Transforms.Count > 0 ? List("Transforms", "member", rule.Transforms.Select(RuleConditionParameters.TransformXml)) : null);

    private static XElement ActionXml(ListenerAction action) => new(
        "member",
        Value("Type", action.Type),
        Value("TargetGroupArn", action.TargetGroupArn),
        Value("Order", action.Order),
        action.FixedResponse is { } fixedResponse
            ? new XElement(
                "FixedResponseConfig",
                Value("MessageBody", fixedResponse.MessageBody),
                Value("StatusCode", fixedResponse.StatusCode),
                Value("ContentType", fixedResponse.ContentType))
            : null,
        action.Redirect is { } redirect
            ? new XElement(
                "RedirectConfig",
                Value("Protocol", redirect.Protocol),
                Value("Port", redirect.Port),
                Value("Host", redirect.Host),
                Value("Path", redirect.Path),
                Value("Query", redirect.Query),
                Value("StatusCode", redirect.StatusCode))
            : null,
        action.ForwardTargetGroups is { } weighted
            ? new XElement(
                "ForwardConfig",
                List("TargetGroups", "member", weighted.Select(g => new XElement(
                    "member",
                    Value("TargetGroupArn", g.TargetGroupArn),
                    Value("Weight", g.Weight)))),
                new XElement(
                    "TargetGroupStickinessConfig",
                    Value("Enabled", (action.Stickiness ?? TargetGroupStickiness.Disabled).Enabled),
                    Value("DurationSeconds", action.Stickiness?.DurationSeconds)))
            : null);

    /// <summary>A target's health; one asked about but not registered reads "unused"/Target.NotRegistered, as on AWS.</summary>
    private static XElement TargetHealthXml(TargetGroup targetGroup, string id, int port, RegisteredTarget? registered) => new(
        "member",
        new XElement(
            "Target",
            Value("Id", id),
            Value("Port", registered?.Port ?? port),
            Value("AvailabilityZone", registered?.AvailabilityZone)),
        Value("HealthCheckPort", targetGroup.HealthCheckPort == "traffic-port"
            ? (registered?.Port ?? port).ToString(CultureInfo.InvariantCulture)
            : targetGroup.HealthCheckPort),
        registered is null
            ? new XElement(
                "TargetHealth",
                Value("State", "unused"),
                Value("Reason", "Target.NotRegistered"),
                Value("Description", "Target is not registered to the target group"))
            : new XElement(
                "TargetHealth",
                Value("State", registered.State),
                Value("Reason", registered.Reason),
                Value("Description", registered.Description)));
}
