using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kaviar.Ops.Simulator.Ec2;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Elbv2;

/// <summary>
/// The account's Application Load Balancers, listeners, rules and target groups. Target health is stored here but
/// computed by the lifecycle engine, which calls <see cref="SetTargetHealth"/>.
/// </summary>
public sealed class Elbv2State
{
    private static readonly IReadOnlyDictionary<string, string> AlbHostedZoneIds = new Dictionary<string, string>
    {
        ["us-east-1"] = "Z35SXDOTRQ7X7K",
        ["us-east-2"] = "Z3AADJGX6KTTL2",
        ["us-west-2"] = "Z1H1FL5HABSF5",
        ["eu-west-1"] = "Z32O12XQLNTSW2",
        ["sa-east-1"] = "Z2P70J7HTTTPLU",
    };

    /// <summary>"Rules per Application Load Balancer (excluding default rules)", Quotas for your Application Load Balancers.</summary>
    public const int MaxRulesPerLoadBalancer = 100;

    /// <summary>"Listeners per Application Load Balancer", Quotas for your Application Load Balancers.</summary>
    public const int MaxListenersPerLoadBalancer = 50;

    /// <summary>A load balancer's scheme: reachable from the internet, or only from inside its VPC.</summary>
    public const string InternetFacing = "internet-facing";

    public const string Internal = "internal";

    /// <summary>A load balancer's IP address type: IPv4 only, or "dualstack" beside it.</summary>
    public const string Ipv4 = "ipv4";

    public const string Dualstack = "dualstack";

    private const int MaxPriority = 50000;

    private readonly List<LoadBalancer> _loadBalancers = new();
    private readonly List<TargetGroup> _targetGroups = new();
    private readonly List<Listener> _listeners = new();
    private readonly List<Rule> _rules = new();

    public Elbv2State(AccountState account) => Account = account;

    public AccountState Account { get; }

    /// <summary>
    /// Set by ECS: called after a change that may start or stop a load balancer sending to targets (a new listener, the
    /// zones of SetSubnets), so targets left "unused" are checked again and targets no longer served stop being checked.
    /// </summary>
    internal Action? ServingChanged { get; set; }

    public IReadOnlyList<LoadBalancer> LoadBalancers => _loadBalancers;

    public IReadOnlyList<TargetGroup> TargetGroups => _targetGroups;

    public IReadOnlyList<Listener> Listeners => _listeners;

    public LoadBalancer? FindLoadBalancer(string arn) => _loadBalancers.Find(l => l.LoadBalancerArn == arn);

    public LoadBalancer? FindLoadBalancerByName(string name) => _loadBalancers.Find(l => l.LoadBalancerName == name);

    public TargetGroup? FindTargetGroup(string arn) => _targetGroups.Find(t => t.TargetGroupArn == arn);

    public TargetGroup? FindTargetGroupByName(string name) => _targetGroups.Find(t => t.TargetGroupName == name);

    public Listener? FindListener(string arn) => _listeners.Find(l => l.ListenerArn == arn);

    public IReadOnlyList<Listener> ListenersOf(string loadBalancerArn) => _listeners.FindAll(l => l.LoadBalancerArn == loadBalancerArn);

    /// <summary>The listener's rules by priority, its default rule last, as DescribeRules lists them.</summary>
    public IReadOnlyList<Rule> RulesOf(Listener listener) => _rules
        .Where(r => r.ListenerArn == listener.ListenerArn)
        .OrderBy(r => int.Parse(r.Priority, CultureInfo.InvariantCulture))
        .Append(DefaultRuleOf(listener))
        .ToList();

    public Rule? FindRule(string ruleArn) =>
        _rules.Find(r => r.RuleArn == ruleArn)
        ?? _listeners.Where(l => l.DefaultRuleArn == ruleArn).Select(DefaultRuleOf).FirstOrDefault();

    /// <summary>The load balancers whose listeners (default actions or rules) forward to the target group.</summary>
    public IReadOnlyList<LoadBalancer> LoadBalancersOf(string targetGroupArn)
    {
        var listenerArns = _listeners
            .Where(l => l.DefaultActions.Any(a => a.ForwardedTargetGroupArns.Contains(targetGroupArn)))
            .Select(l => l.ListenerArn)
            .Concat(_rules.Where(r => r.Actions.Any(a => a.ForwardedTargetGroupArns.Contains(targetGroupArn))).Select(r => r.ListenerArn))
            .ToHashSet(StringComparer.Ordinal);
        var loadBalancerArns = _listeners.Where(l => listenerArns.Contains(l.ListenerArn)).Select(l => l.LoadBalancerArn).ToHashSet(StringComparer.Ordinal);
        return _loadBalancers.FindAll(l => loadBalancerArns.Contains(l.LoadBalancerArn));
    }

    /// <summary>
    /// Registers an IP target. Like AWS it starts "initial" (Elb.RegistrationInProgress), or "unused"
    /// (Target.NotInUse) when no load balancer forwards to the group.
    /// </summary>
    public void RegisterTarget(string targetGroupArn, string ip, int port, string availabilityZone)
    {
        var targetGroup = RequireTargetGroup(targetGroupArn);
        if (targetGroup.FindTarget(ip, port) is not null)
        {
            return;
        }

        var target = new RegisteredTarget(ip, port, availabilityZone, "initial", "Elb.RegistrationInProgress", "Target registration is in progress");
        if (LoadBalancersOf(targetGroupArn).Count == 0)
        {
            target.State = "unused";
            target.Reason = "Target.NotInUse";
            target.Description = "Target group is not configured to receive traffic from the load balancer";
        }

        targetGroup.Targets.Add(target);
    }

    /// <summary>
    /// True when a load balancer that uses the group has a subnet in <paramref name="zone"/>. A load balancer sends
    /// nothing to a target in a zone it is not enabled in, nor checks it: the target stays "unused" (Target.NotInUse).
    /// </summary>
    public bool ServesZone(string targetGroupArn, string zone) =>
        LoadBalancersOf(targetGroupArn).Any(loadBalancer => loadBalancer.AvailabilityZones.Any(z => z.ZoneName == zone));

    /// <summary>Removes the target at once (the engine may first report it "draining" through <see cref="SetTargetHealth"/>).</summary>
    public void DeregisterTarget(string targetGroupArn, string ip, int port)
    {
        var targetGroup = RequireTargetGroup(targetGroupArn);
        targetGroup.Targets.RemoveAll(t => t.Id == ip && t.Port == port);
    }

    public void SetTargetHealth(string targetGroupArn, string ip, int port, string state, string? reason, string? description)
    {
        var target = RequireTargetGroup(targetGroupArn).FindTarget(ip, port)
            ?? throw new InvalidOperationException($"{ip}:{port} is not registered with {targetGroupArn}.");
        target.State = state;
        target.Reason = reason;
        target.Description = description;
    }

    /// <summary>Replaces the listener's default actions (ModifyListener); every forwarded target group must exist.</summary>
    public Listener ModifyListenerDefaultActions(string listenerArn, IReadOnlyList<ListenerAction> defaultActions)
    {
        var listener = RequireListener(listenerArn);
        foreach (var targetGroupArn in defaultActions.SelectMany(a => a.ForwardedTargetGroupArns))
        {
            RequireTargetGroup(targetGroupArn);
        }

        listener.DefaultActions = defaultActions;
        ServingChanged?.Invoke();
        return listener;
    }

    public LoadBalancer RequireLoadBalancer(string arn) => FindLoadBalancer(arn) ?? throw LoadBalancerNotFound();

    public TargetGroup RequireTargetGroup(string arn) => FindTargetGroup(arn) ?? throw TargetGroupNotFound();

    public Listener RequireListener(string arn) =>
        FindListener(arn) ?? throw new AwsErrorException("ListenerNotFound", "One or more listeners not found");

    public static AwsErrorException LoadBalancerNotFound() => new("LoadBalancerNotFound", "One or more load balancers not found");

    public static AwsErrorException TargetGroupNotFound() => new("TargetGroupNotFound", "One or more target groups not found");

    /// <summary>An active internet-facing ALB across the subnets (one per AZ), fronted by the security groups.</summary>
    /// <param name="scheme">"internet-facing" or "internal" (whose DNS name starts "internal-", as AWS names it).</param>
    /// <param name="ipAddressType">"ipv4", or "dualstack", which needs subnets with IPv6 blocks.</param>
    public LoadBalancer AddLoadBalancer(string name, IEnumerable<string> subnetIds, IEnumerable<string> securityGroupIds, string scheme = InternetFacing,
        string ipAddressType = Ipv4)
    {
        var subnets = subnetIds.Select(id => Account.Ec2.RequireSubnet(id)).ToList();
        if (subnets.Count == 0)
        {
            throw new ArgumentException("A load balancer needs at least one subnet.", nameof(subnetIds));
        }

        RequireScheme(scheme);
        RequireIpAddressType(ipAddressType);
        RequireIpv6Subnets(ipAddressType, subnets);

        var groupIds = securityGroupIds.ToList();
        groupIds.ForEach(id => Account.Ec2.RequireSecurityGroup(id));
        var region = Account.Region;
        var loadBalancer = new LoadBalancer(
            Arn($"loadbalancer/app/{name}/{Account.Ids.Hex(16)}"),
            name,
            $"{(scheme == Internal ? "internal-" : string.Empty)}{name}-{Account.Ids.Digits(10)}.{region}.elb.amazonaws.com",
            AlbHostedZoneIds.TryGetValue(region, out var zoneId) ? zoneId : AlbHostedZoneIds["us-east-2"],
            subnets[0].VpcId,
            subnets.Select(s => new LoadBalancerZone(s.AvailabilityZone, s.SubnetId)).ToList(),
            groupIds,
            Account.Now)
        {
            Scheme = scheme,
            IpAddressType = ipAddressType,
        };
        _loadBalancers.Add(loadBalancer);
        return loadBalancer;
    }

    /// <summary>An HTTP/1.1, ip-type target group; adjust thresholds and interval through the returned object.</summary>
    public TargetGroup AddTargetGroup(string name, string vpcId, int port, string healthCheckPath, string matcher = "200") =>
        AddTargetGroup(name, vpcId, port, healthCheckPath, matcher, "HTTP", "HTTP1", "ip");

    /// <summary>
    /// CreateTargetGroup for an Application Load Balancer: protocol HTTP or HTTPS, protocol version HTTP1 or HTTP2 (GRPC
    /// health checks answer gRPC codes, which the simulated targets do not speak), target type ip or instance.
    /// </summary>
    public TargetGroup AddTargetGroup(string name, string vpcId, int port, string healthCheckPath, string matcher, string protocol, string protocolVersion, string targetType)
    {
        Account.Ec2.RequireVpc(vpcId);
        RequireTargetGroupProtocol(protocol);
        RequireProtocolVersion(protocolVersion);
        RequireTargetType(targetType);
        var targetGroup = new TargetGroup(Arn($"targetgroup/{name}/{Account.Ids.Hex(16)}"), name, vpcId, port, healthCheckPath, matcher)
        {
            Protocol = protocol,
            ProtocolVersion = protocolVersion,
            TargetType = targetType,
        };
        _targetGroups.Add(targetGroup);
        return targetGroup;
    }

    internal static void RequireScheme(string scheme) => RequireEnumValue("scheme", scheme, InternetFacing, Internal);

    internal static void RequireIpAddressType(string ipAddressType) => RequireEnumValue("ipAddressType", ipAddressType, Ipv4, Dualstack);

    /// <summary>A dualstack load balancer takes an IPv6 address in each of its subnets.</summary>
    private static void RequireIpv6Subnets(string ipAddressType, IEnumerable<Subnet> subnets)
    {
        if (ipAddressType == Dualstack && subnets.Any(s => s.Ipv6CidrBlock is null))
        {
            throw new AwsErrorException("ValidationError", "You must specify subnets with an associated IPv6 CIDR block.");
        }
    }

    internal static void RequireDeregistrationDelay(int seconds) => RequireSecondsAttribute("deregistration_delay.timeout_seconds", seconds, seconds is >= 0 and <= 3600, "from 0 to 3600");

    internal static void RequireSlowStart(int seconds) => RequireSecondsAttribute("slow_start.duration_seconds", seconds, seconds is 0 or (>= 30 and <= 900), "0 or from 30 to 900");

    internal static void RequireStickinessDuration(int seconds) =>
        RequireSecondsAttribute("stickiness.lb_cookie.duration_seconds", seconds, seconds is >= 1 and <= 604800, "from 1 to 604800");

    private static void RequireSecondsAttribute(string key, int seconds, bool valid, string range)
    {
        if (!valid)
        {
            throw new AwsErrorException("InvalidConfigurationRequest", $"'{seconds}' is not a valid value for {key}: it must be {range}.");
        }
    }

    internal static void RequireTargetGroupProtocol(string protocol) => RequireEnumValue("protocol", protocol, "HTTP", "HTTPS");

    internal static void RequireProtocolVersion(string protocolVersion) => RequireEnumValue("protocolVersion", protocolVersion, "HTTP1", "HTTP2");

    internal static void RequireTargetType(string targetType) => RequireEnumValue("targetType", targetType, "ip", "instance");

    /// <summary>ELBv2's answer to a value outside a member's enumeration.</summary>
    private static void RequireEnumValue(string member, string value, params string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new AwsErrorException("ValidationError",
                $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }
    }

    /// <summary>An HTTP listener forwarding everything to the target group; returns its ARN.</summary>
    public string AddForwardListener(string loadBalancerArn, int port, string targetGroupArn) =>
        AddListener(loadBalancerArn, port, ListenerAction.Forward(targetGroupArn));

    /// <summary>An HTTP listener answering every request that no rule matches with a fixed status (seed 002's 404).</summary>
    public string AddFixedResponseListener(string loadBalancerArn, int port, int statusCode) =>
        AddListener(loadBalancerArn, port, ListenerAction.FixedResponseOf(statusCode));

    /// <summary>A rule forwarding requests that match the host headers and path patterns (either may be empty); returns its ARN.</summary>
    public string AddRule(string listenerArn, int priority, IEnumerable<string> hostHeaders, IEnumerable<string> pathPatterns, string forwardTargetGroupArn)
    {
        var conditions = new[] { new RuleCondition("host-header", hostHeaders.ToList()), new RuleCondition("path-pattern", pathPatterns.ToList()) }
            .Where(c => c.Values.Count > 0)
            .ToList();
        return AddRule(listenerArn, priority, conditions, new[] { ListenerAction.Forward(forwardTargetGroupArn) }, Array.Empty<RuleTransform>()).RuleArn;
    }

    /// <summary>
    /// CreateRule: a rule of any condition form and transforms, checked as AWS checks them (priority 1 to 50000 and free on
    /// the listener, at most <see cref="MaxRulesPerLoadBalancer"/> rules per load balancer, every forwarded group existing).
    /// </summary>
    public Rule AddRule(string listenerArn, int priority, IReadOnlyList<RuleCondition> conditions, IReadOnlyList<ListenerAction> actions,
        IReadOnlyList<RuleTransform> transforms)
    {
        var listener = RequireListener(listenerArn);
        RuleValidation.ValidateConditions(conditions);
        RuleValidation.ValidateTransforms(transforms);
        RequireActions(actions);
        RequireFreePriority(listener, priority);
        var rulesOfLoadBalancer = _rules.Count(r => FindListener(r.ListenerArn)?.LoadBalancerArn == listener.LoadBalancerArn);
        if (rulesOfLoadBalancer >= MaxRulesPerLoadBalancer)
        {
            throw new AwsErrorException("TooManyRules", $"The load balancer already has the maximum of '{MaxRulesPerLoadBalancer}' rules");
        }

        var rule = new Rule(
            Arn($"listener-rule/{ListenerPath(listener)}/{Account.Ids.Hex(16)}"),
            listenerArn,
            priority.ToString(CultureInfo.InvariantCulture),
            conditions,
            actions,
            transforms,
            isDefault: false);
        _rules.Add(rule);
        ServingChanged?.Invoke();
        return rule;
    }

    /// <summary>
    /// ModifyRule: replaces what is given (null leaves it). The default rule takes only actions (its listener's default
    /// actions): it can have neither conditions nor transforms.
    /// </summary>
    public Rule ModifyRule(string ruleArn, IReadOnlyList<RuleCondition>? conditions, IReadOnlyList<ListenerAction>? actions, IReadOnlyList<RuleTransform>? transforms)
    {
        var rule = RequireRule(ruleArn);
        if (rule.IsDefault)
        {
            if (conditions is not null || transforms is { Count: > 0 })
            {
                throw new AwsErrorException("OperationNotPermitted", "The default rule cannot have conditions or transforms");
            }

            return actions is null ? rule : DefaultRuleOf(ModifyListenerDefaultActions(rule.ListenerArn, actions));
        }

        if (conditions is not null)
        {
            RuleValidation.ValidateConditions(conditions);
        }

        if (transforms is not null)
        {
            RuleValidation.ValidateTransforms(transforms);
        }

        if (actions is not null)
        {
            RequireActions(actions);
        }

        rule.Conditions = conditions ?? rule.Conditions;
        rule.Actions = actions ?? rule.Actions;
        rule.Transforms = transforms ?? rule.Transforms;
        ServingChanged?.Invoke();
        return rule;
    }

    /// <summary>SetRulePriorities: all or nothing; the default rule keeps "default", and two rules of a listener never share a priority.</summary>
    public IReadOnlyList<Rule> SetRulePriorities(IReadOnlyList<(string RuleArn, int Priority)> priorities)
    {
        var rules = priorities.Select(p => RequireRule(p.RuleArn)).ToList();
        if (rules.Any(r => r.IsDefault))
        {
            throw new AwsErrorException("OperationNotPermitted", "The priority of the default rule cannot be changed");
        }

        var moved = rules.Select(r => r.RuleArn).ToHashSet(StringComparer.Ordinal);
        var taken = _rules.Where(r => !moved.Contains(r.RuleArn)).Select(r => (r.ListenerArn, r.Priority))
            .Concat(rules.Zip(priorities, (r, p) => (r.ListenerArn, Priority: CheckedPriority(p.Priority))));
        if (taken.GroupBy(t => t).Any(g => g.Count() > 1))
        {
            throw PriorityInUse();
        }

        foreach (var (rule, priority) in rules.Zip(priorities.Select(p => p.Priority)))
        {
            rule.Priority = priority.ToString(CultureInfo.InvariantCulture);
        }

        return rules;
    }

    /// <summary>DeleteRule: any rule but the default one.</summary>
    public void DeleteRule(string ruleArn)
    {
        if (RequireRule(ruleArn).IsDefault)
        {
            throw new AwsErrorException("OperationNotPermitted", "The default rule cannot be deleted");
        }

        _rules.RemoveAll(r => r.RuleArn == ruleArn);
        ServingChanged?.Invoke();
    }

    public Rule RequireRule(string ruleArn) => FindRule(ruleArn) ?? throw new AwsErrorException("RuleNotFound", "One or more rules not found");

    private void RequireActions(IReadOnlyList<ListenerAction> actions)
    {
        if (actions.Count == 0)
        {
            throw RuleValidation.Invalid("A rule must have at least one action");
        }

        foreach (var targetGroupArn in actions.SelectMany(a => a.ForwardedTargetGroupArns))
        {
            RequireTargetGroup(targetGroupArn);
        }
    }

    private void RequireFreePriority(Listener listener, int priority)
    {
        var text = CheckedPriority(priority);
        if (_rules.Any(r => r.ListenerArn == listener.ListenerArn && r.Priority == text))
        {
            throw PriorityInUse();
        }
    }

    private static string CheckedPriority(int priority) => priority is >= 1 and <= MaxPriority
        ? priority.ToString(CultureInfo.InvariantCulture)
        : throw RuleValidation.Invalid($"1 validation error detected: Value '{priority}' at 'priority' failed to satisfy constraint: Member must have value between 1 and {MaxPriority}");

    private static AwsErrorException PriorityInUse() => new("PriorityInUse", "The specified priority is in use.");

    private static Rule DefaultRuleOf(Listener listener) =>
        new(listener.DefaultRuleArn, listener.ListenerArn, "default", Array.Empty<RuleCondition>(), listener.DefaultActions, Array.Empty<RuleTransform>(), isDefault: true);

    /// <summary>"app/&lt;lb&gt;/&lt;lb hex&gt;/&lt;listener hex&gt;", shared by the listener's and its rules' ARNs.</summary>
    private static string ListenerPath(Listener listener) =>
        listener.ListenerArn[(listener.ListenerArn.IndexOf(":listener/", StringComparison.Ordinal) + ":listener/".Length)..];

    /// <summary>An HTTP listener with any default action (forward, weighted forward, fixed-response); every forwarded target group must exist.</summary>
    public string AddListener(string loadBalancerArn, int port, ListenerAction defaultAction) =>
        CreateListener(loadBalancerArn, "HTTP", port, new[] { defaultAction }).ListenerArn;

    /// <summary>An Application Load Balancer listens on HTTP or HTTPS.</summary>
    public static void RequireAlbProtocol(string protocol)
    {
        if (protocol is not ("HTTP" or "HTTPS"))
        {
            throw new AwsErrorException("UnsupportedProtocol", $"Protocol '{protocol}' is not supported by Application Load Balancers");
        }
    }

    /// <summary>
    /// The TLS settings of a listener of <paramref name="protocol"/> as CreateListener and ModifyListener check them: an
    /// HTTPS listener needs a certificate that ACM holds ISSUED (AWS answers CertificateNotFound for one it cannot use)
    /// and a predefined security policy, <see cref="ListenerTls.DefaultSslPolicy"/> when none is named; HTTP has none.
    /// </summary>
    public ListenerTls? TlsFor(string protocol, string? certificateArn, string? sslPolicy)
    {
        if (protocol != "HTTPS")
        {
            return null;
        }

        if (certificateArn is null)
        {
            throw new AwsErrorException("ValidationError", "A certificate must be specified for HTTPS listeners");
        }

        if (Account.Acm.FindCertificate(certificateArn) is not { Status: "ISSUED" })
        {
            throw new AwsErrorException("CertificateNotFound", $"Certificate '{certificateArn}' not found");
        }

        if (sslPolicy is not null && !ListenerTls.PredefinedSslPolicies.Contains(sslPolicy))
        {
            throw new AwsErrorException("SSLPolicyNotFound", $"SSL policy '{sslPolicy}' not found");
        }

        return new ListenerTls(certificateArn, sslPolicy ?? ListenerTls.DefaultSslPolicy);
    }

    /// <summary>
    /// CreateListener as AWS checks it for an Application Load Balancer: one listener per port, at most
    /// <see cref="MaxListenersPerLoadBalancer"/>, and every forwarded target group existing, in the load balancer's VPC and
    /// used by no other load balancer (an ALB target group serves one load balancer).
    /// </summary>
    /// <param name="tls">An HTTPS listener's certificate and policy, from <see cref="TlsFor"/>.</param>
    public Listener CreateListener(string loadBalancerArn, string protocol, int port, IReadOnlyList<ListenerAction> defaultActions, ListenerTls? tls = null)
    {
        RequireAlbProtocol(protocol);
        var loadBalancer = RequireLoadBalancer(loadBalancerArn);
        var listeners = ListenersOf(loadBalancerArn);
        if (listeners.Any(l => l.Port == port))
        {
            throw new AwsErrorException("DuplicateListener", "A listener already exists on this port for this load balancer");
        }

        if (listeners.Count >= MaxListenersPerLoadBalancer)
        {
            throw new AwsErrorException("TooManyListeners", $"The load balancer already has the maximum of '{MaxListenersPerLoadBalancer}' listeners");
        }

        foreach (var targetGroup in defaultActions.SelectMany(a => a.ForwardedTargetGroupArns).Select(RequireTargetGroup))
        {
            if (targetGroup.VpcId != loadBalancer.VpcId)
            {
                throw new AwsErrorException("InvalidConfigurationRequest",
                    $"The target group '{targetGroup.TargetGroupArn}' is in VPC '{targetGroup.VpcId}', not the load balancer's VPC '{loadBalancer.VpcId}'");
            }

            if (LoadBalancersOf(targetGroup.TargetGroupArn).Any(other => other.LoadBalancerArn != loadBalancerArn))
            {
                throw new AwsErrorException("TargetGroupAssociationLimit",
                    $"The following target groups cannot be associated with more than one load balancer: {targetGroup.TargetGroupArn}");
            }
        }

        var listenerPath = $"{loadBalancer.ResourceSuffix}/{Account.Ids.Hex(16)}";
        var listener = new Listener(
            Arn("listener/" + listenerPath),
            loadBalancerArn,
            port,
            protocol,
            defaultActions,
            Arn($"listener-rule/{listenerPath}/{Account.Ids.Hex(16)}"))
        {
            Tls = tls,
        };
        _listeners.Add(listener);
        ServingChanged?.Invoke();
        return listener;
    }

    /// <summary>
    /// SetSubnets for an Application Load Balancer: the subnets replace the enabled ones, subnets of at least two zones,
    /// one per zone, all in the load balancer's VPC.
    /// </summary>
    public LoadBalancer SetSubnets(string loadBalancerArn, IReadOnlyList<string> subnetIds)
    {
        var loadBalancer = RequireLoadBalancer(loadBalancerArn);
        var subnets = subnetIds.Distinct(StringComparer.Ordinal)
            .Select(id => Account.Ec2.FindSubnet(id) ?? throw new AwsErrorException("SubnetNotFound", $"The subnet ID '{id}' was not found"))
            .ToList();
        if (subnets.FirstOrDefault(s => s.VpcId != loadBalancer.VpcId) is { } foreign)
        {
            throw new AwsErrorException("InvalidConfigurationRequest",
                $"Subnet '{foreign.SubnetId}' is in VPC '{foreign.VpcId}', not the load balancer's VPC '{loadBalancer.VpcId}'");
        }

        if (subnets.GroupBy(s => s.AvailabilityZone).FirstOrDefault(zone => zone.Count() > 1) is { } crowded)
        {
            throw new AwsErrorException("InvalidConfigurationRequest",
                $"A load balancer cannot be attached to multiple subnets in the same Availability Zone ({crowded.Key})");
        }

        if (subnets.Count < 2)
        {
            throw new AwsErrorException("InvalidConfigurationRequest", "At least two subnets in two different Availability Zones must be specified");
        }

        RequireIpv6Subnets(loadBalancer.IpAddressType, subnets);
        loadBalancer.AvailabilityZones = subnets.Select(s => new LoadBalancerZone(s.AvailabilityZone, s.SubnetId)).ToList();
        ServingChanged?.Invoke();
        return loadBalancer;
    }

    private string Arn(string resource) => $"arn:aws:elasticloadbalancing:{Account.Region}:{Account.AccountId}:{resource}";
}
