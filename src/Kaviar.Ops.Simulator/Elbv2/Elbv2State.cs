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

    private readonly List<LoadBalancer> _loadBalancers = new();
    private readonly List<TargetGroup> _targetGroups = new();
    private readonly List<Listener> _listeners = new();
    private readonly List<Rule> _rules = new();

    public Elbv2State(AccountState account) => Account = account;

    public AccountState Account { get; }

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
        return listener;
    }

    public LoadBalancer RequireLoadBalancer(string arn) => FindLoadBalancer(arn) ?? throw LoadBalancerNotFound();

    public TargetGroup RequireTargetGroup(string arn) => FindTargetGroup(arn) ?? throw TargetGroupNotFound();

    public Listener RequireListener(string arn) =>
        FindListener(arn) ?? throw new AwsErrorException("ListenerNotFound", "One or more listeners not found");

    public static AwsErrorException LoadBalancerNotFound() => new("LoadBalancerNotFound", "One or more load balancers not found");

    public static AwsErrorException TargetGroupNotFound() => new("TargetGroupNotFound", "One or more target groups not found");

    /// <summary>An active internet-facing ALB across the subnets (one per AZ), fronted by the security groups.</summary>
    public LoadBalancer AddLoadBalancer(string name, IEnumerable<string> subnetIds, IEnumerable<string> securityGroupIds)
    {
        var subnets = subnetIds.Select(id => Account.Ec2.RequireSubnet(id)).ToList();
        if (subnets.Count == 0)
        {
            throw new ArgumentException("A load balancer needs at least one subnet.", nameof(subnetIds));
        }

        var groupIds = securityGroupIds.ToList();
        groupIds.ForEach(id => Account.Ec2.RequireSecurityGroup(id));
        var region = Account.Region;
        var loadBalancer = new LoadBalancer(
            Arn($"loadbalancer/app/{name}/{Account.Ids.Hex(16)}"),
            name,
            $"{name}-{Account.Ids.Digits(10)}.{region}.elb.amazonaws.com",
            AlbHostedZoneIds.TryGetValue(region, out var zoneId) ? zoneId : AlbHostedZoneIds["us-east-2"],
            subnets[0].VpcId,
            subnets.Select(s => new LoadBalancerZone(s.AvailabilityZone, s.SubnetId)).ToList(),
            groupIds,
            Account.Now);
        _loadBalancers.Add(loadBalancer);
        return loadBalancer;
    }

    /// <summary>An HTTP, ip-type target group; adjust thresholds and interval through the returned object.</summary>
    public TargetGroup AddTargetGroup(string name, string vpcId, int port, string healthCheckPath, string matcher = "200")
    {
        Account.Ec2.RequireVpc(vpcId);
        var targetGroup = new TargetGroup(Arn($"targetgroup/{name}/{Account.Ids.Hex(16)}"), name, vpcId, port, healthCheckPath, matcher);
        _targetGroups.Add(targetGroup);
        return targetGroup;
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
        var listener = RequireListener(listenerArn);
        RequireTargetGroup(forwardTargetGroupArn);
        var conditions = new List<RuleCondition>();
        var hosts = hostHeaders.ToList();
        var paths = pathPatterns.ToList();
        if (hosts.Count > 0)
        {
            conditions.Add(new RuleCondition("host-header", hosts));
        }

        if (paths.Count > 0)
        {
            conditions.Add(new RuleCondition("path-pattern", paths));
        }

        var rule = new Rule(
            Arn($"listener-rule/{ListenerPath(listener)}/{Account.Ids.Hex(16)}"),
            listenerArn,
            priority.ToString(CultureInfo.InvariantCulture),
            conditions,
            new[] { ListenerAction.Forward(forwardTargetGroupArn) },
            isDefault: false);
        _rules.Add(rule);
        return rule.RuleArn;
    }

    private static Rule DefaultRuleOf(Listener listener) =>
        new(listener.DefaultRuleArn, listener.ListenerArn, "default", Array.Empty<RuleCondition>(), listener.DefaultActions, isDefault: true);

    /// <summary>"app/&lt;lb&gt;/&lt;lb hex&gt;/&lt;listener hex&gt;", shared by the listener's and its rules' ARNs.</summary>
    private static string ListenerPath(Listener listener) =>
        listener.ListenerArn[(listener.ListenerArn.IndexOf(":listener/", StringComparison.Ordinal) + ":listener/".Length)..];

    /// <summary>An HTTP listener with any default action (forward, weighted forward, fixed-response); every forwarded target group must exist.</summary>
    public string AddListener(string loadBalancerArn, int port, ListenerAction defaultAction)
    {
        var loadBalancer = RequireLoadBalancer(loadBalancerArn);
        foreach (var targetGroupArn in defaultAction.ForwardedTargetGroupArns)
        {
            RequireTargetGroup(targetGroupArn);
        }

        var listenerPath = $"{loadBalancer.ResourceSuffix}/{Account.Ids.Hex(16)}";
        var listener = new Listener(
            Arn("listener/" + listenerPath),
            loadBalancerArn,
            port,
            "HTTP",
            new[] { defaultAction },
            Arn($"listener-rule/{listenerPath}/{Account.Ids.Hex(16)}"));
        _listeners.Add(listener);
        return listener.ListenerArn;
    }

    private string Arn(string resource) => $"arn:aws:elasticloadbalancing:{Account.Region}:{Account.AccountId}:{resource}";
}
