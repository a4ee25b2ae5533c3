using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using ElbAction = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.Action;
using ElbLoadBalancer = Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model.LoadBalancer;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>
/// A load balancer's listeners and rules: audits them for the routing mistakes of the seeds (a default action that
/// answers 404, rules forwarding to target groups without a healthy target), tells where a request lands, and
/// points a listener's default action at a target group.
/// </summary>
public sealed class AlbListenerInspector
{
    private readonly IAmazonElasticLoadBalancingV2 elb;
    private readonly string region;
    private readonly Dictionary<string, (int Healthy, int Unhealthy)> healthByGroup = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> groupNames = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, ElbLoadBalancer> balancers = new Dictionary<string, ElbLoadBalancer>(StringComparer.Ordinal);

    public AlbListenerInspector(IAmazonElasticLoadBalancingV2 elb, string region)
    {
        this.elb = elb;
        this.region = region;
    }

    public async Task<IReadOnlyList<AlbListenerFinding>> AuditAsync(string loadBalancer, CancellationToken cancellationToken)
    {
        var balancer = await FindLoadBalancerAsync(loadBalancer, cancellationToken).ConfigureAwait(false);
        var findings = new List<AlbListenerFinding>();
        var listeners = await elb.DescribeAllListenersAsync(new DescribeListenersRequest { LoadBalancerArn = balancer.LoadBalancerArn }, cancellationToken)
            .ConfigureAwait(false);
        if (listeners.Count == 0)
        {
            findings.Add(new AlbListenerFinding
            {
                Region = region, LoadBalancerName = balancer.LoadBalancerName, Code = "LoadBalancerHasNoListener", Severity = "Error",
                Finding = "The load balancer has no listener: it accepts no request.",
                Fix = $"aws elbv2 create-listener --load-balancer-arn {balancer.LoadBalancerArn} --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=<target group>",
            });
        }

        foreach (var listener in listeners)
        {
            var rules = await RulesAsync(listener, cancellationToken).ConfigureAwait(false);
            foreach (var rule in rules)
            {
                findings.AddRange(await AuditRuleAsync(balancer, listener, rule, rules, cancellationToken).ConfigureAwait(false));
            }
        }

        return findings;
    }

    public async Task<AlbRoute> ResolveAsync(string loadBalancer, int? port, AlbRequest request, CancellationToken cancellationToken)
    {
        var balancer = await FindLoadBalancerAsync(loadBalancer, cancellationToken).ConfigureAwait(false);
        var listener = await FindListenerAsync(balancer, port, cancellationToken).ConfigureAwait(false);
        var match = AlbRuleMatcher.Match(await RulesAsync(listener, cancellationToken).ConfigureAwait(false), request);
        var rule = match.Rule;
        var action = FinalAction(rule.Actions);
        var groups = ForwardGroups(action);
        var route = new AlbRoute
        {
            Region = region,
            LoadBalancerName = balancer.LoadBalancerName,
            ListenerArn = listener.ListenerArn,
            Port = listener.Port,
            HostHeader = request.Host,
            Path = request.PathAndQuery,
            Method = request.Method,
            RuleArn = rule.RuleArn,
            Priority = rule.Priority,
            IsDefault = rule.IsDefault == true,
            Conditions = AlbRuleMatcher.Describe(rule),
            ActionType = action?.Type ?? "",
            TargetGroupArn = groups.OrderByDescending(g => g.Weight).FirstOrDefault().TargetGroupArn,
            FixedResponseStatus = int.TryParse(action?.FixedResponseConfig?.StatusCode, out var status) ? status : null,
            RedirectLocation = action?.Type == "redirect" ? RedirectLocation(action.RedirectConfig, listener, request) : null,
            TargetHostHeader = match.RewrittenHost,
            TargetPath = match.RewrittenUrl,
            Undecided = match.Undecided,
        };
        if (action?.Type == "forward")
        {
            var judged = await JudgeAsync(groups, cancellationToken).ConfigureAwait(false);
            route.TargetGroups = judged;
            route.HealthyTargets = judged.FirstOrDefault(g => g.TargetGroupArn == route.TargetGroupArn)?.HealthyTargets;
            route.Outcome = judged.Count == 1
                ? $"forwarded to {judged[0].TargetGroupName}{judged[0].Outcome}"
                : "forwarded by weight: " + string.Join("; ", judged.Select(g => $"{g.SharePercent.ToString("0.#", CultureInfo.InvariantCulture)}% to {g.TargetGroupName}{g.Outcome}"));
        }
        else
        {
            route.Outcome = route.FixedResponseStatus is int code ? $"{code} fixed response"
                : route.RedirectLocation != null ? $"{RedirectStatus(action!.RedirectConfig)} redirect to {route.RedirectLocation}"
                : $"{route.ActionType} action";
        }

        // An authenticate action runs before the final one: a client without a session never reaches it.
        if (rule.Actions?.FirstOrDefault(a => a.Type is "authenticate-oidc" or "authenticate-cognito") is { } authenticate)
        {
            route.Outcome = $"after {authenticate.Type} (a client without a session is sent to sign in first): {route.Outcome}";
        }

        if (match.Undecided.Count > 0)
        {
            route.Outcome += $"; unless the source address decides otherwise (-SourceIp): {string.Join("; ", match.Undecided)}";
        }

        return route;
    }

    /// <summary>
    /// A redirect's target as ALB builds it: each component the action leaves out keeps the request's own
    /// (#{protocol}://#{host}:#{port}/#{path}?#{query}, where #{path} has no leading /).
    /// </summary>
    private static string RedirectTemplate(RedirectActionConfig? config) =>
        $"{(config?.Protocol ?? "#{protocol}").ToLowerInvariant()}://{config?.Host ?? "#{host}"}:{config?.Port ?? "#{port}"}{config?.Path ?? "/#{path}"}?{config?.Query ?? "#{query}"}";

    /// <summary>Where a redirect sends this request: its template with the request's components filled in, and no '?' before an empty query.</summary>
    private static string RedirectLocation(RedirectActionConfig? config, Listener listener, AlbRequest request)
    {
        var location = RedirectTemplate(config)
            .Replace("#{protocol}", (listener.Protocol ?? "HTTP").ToLowerInvariant())
            .Replace("#{host}", request.HostName ?? "#{host}")
            .Replace("#{port}", (listener.Port ?? 80).ToString(CultureInfo.InvariantCulture))
            .Replace("#{path}", request.Path.TrimStart('/'))
            .Replace("#{query}", request.Query);
        return location.EndsWith("?", StringComparison.Ordinal) ? location.Substring(0, location.Length - 1) : location;
    }

    private static string RedirectStatus(RedirectActionConfig? config) => config?.StatusCode == "HTTP_302" ? "302" : "301";

    /// <summary>What setting the default action would change; AlreadyInPlace when it forwards only to that group already.</summary>
    public async Task<AlbListenerRepair> PlanDefaultForwardAsync(string loadBalancer, int port, string targetGroup, CancellationToken cancellationToken)
    {
        var balancer = await FindLoadBalancerAsync(loadBalancer, cancellationToken).ConfigureAwait(false);
        var listener = await FindListenerAsync(balancer, port, cancellationToken).ConfigureAwait(false);
        var targetGroupArn = await TargetGroupArnAsync(targetGroup, cancellationToken).ConfigureAwait(false);
        var current = listener.DefaultActions ?? new List<ElbAction>();
        // A weighted forward that includes the group is in place only while every other group that gets requests can answer them.
        var forwarded = current.Count == 1 ? ForwardGroups(current[0]) : Array.Empty<(string TargetGroupArn, int Weight)>();
        var alreadyForwards = forwarded.Any(g => g.TargetGroupArn == targetGroupArn && g.Weight > 0);
        foreach (var other in forwarded.Where(g => g.TargetGroupArn != targetGroupArn && g.Weight > 0))
        {
            alreadyForwards &= (await HealthAsync(other.TargetGroupArn, cancellationToken).ConfigureAwait(false)).Healthy > 0;
        }

        return new AlbListenerRepair
        {
            Region = region,
            ListenerArn = listener.ListenerArn,
            Port = listener.Port,
            PreviousDefaultAction = Describe(FinalAction(current)),
            TargetGroupArn = targetGroupArn,
            Status = alreadyForwards ? "AlreadyInPlace" : "Planned",
        };
    }

    public async Task ApplyDefaultForwardAsync(AlbListenerRepair repair, CancellationToken cancellationToken)
    {
        await elb.ModifyListenerAsync(new ModifyListenerRequest
        {
            ListenerArn = repair.ListenerArn,
            DefaultActions = new List<ElbAction> { new ElbAction { Type = "forward", TargetGroupArn = repair.TargetGroupArn } },
        }, cancellationToken).ConfigureAwait(false);
        repair.Status = "Applied";
    }

    private async Task<IEnumerable<AlbListenerFinding>> AuditRuleAsync(
        ElbLoadBalancer balancer, Listener listener, Rule rule, IReadOnlyList<Rule> rules, CancellationToken cancellationToken)
    {
        var findings = new List<AlbListenerFinding>();
        AlbListenerFinding Finding(string code, string severity, string text, SuggestedCommand? fix, string? manualFix = null) => new AlbListenerFinding
        {
            Code = code,
            Region = region, LoadBalancerName = balancer.LoadBalancerName, ListenerArn = listener.ListenerArn, Port = listener.Port,
            RuleArn = rule.RuleArn, Priority = rule.Priority, HostHeaders = AlbRuleMatcher.HostsOf(rule), PathPatterns = AlbRuleMatcher.PathsOf(rule),
            Severity = severity, Finding = text, Fix = fix?.ToString() ?? manualFix, FixCommand = fix,
        };

        var action = FinalAction(rule.Actions);
        var ordered = rules.Where(r => r.IsDefault != true).OrderBy(r => int.TryParse(r.Priority, out var number) ? number : int.MaxValue).ToList();
        var catchAll = ordered.FirstOrDefault(AlbRuleMatcher.MatchesEveryRequest);
        var shadowedBy = rule.IsDefault == true ? catchAll : ordered.TakeWhile(r => r != rule).FirstOrDefault(earlier => AlbRuleMatcher.Covers(earlier, rule));
        if (shadowedBy != null)
        {
            // A rule no request reaches answers nothing: what it would do with its requests is not a finding.
            findings.Add(rule.IsDefault == true
                ? Finding("ListenerDefaultActionUnused", "Info",
                    $"The default action ({Describe(action)}) is never used: rule {shadowedBy.Priority} ({AlbRuleMatcher.Describe(shadowedBy)}) matches every request first.", null)
                : Finding("RuleNeverReached", "Warning",
                    $"Rule {rule.Priority} ({AlbRuleMatcher.Describe(rule)}) is never reached: rule {shadowedBy.Priority} ({AlbRuleMatcher.Describe(shadowedBy)}) comes first " +
                    $"and matches every request rule {rule.Priority} matches, so its action ({Describe(action)}) never answers. Give it a priority number below {shadowedBy.Priority}.",
                    null, ReprioritizeCommand(rule, shadowedBy, ordered)));
            return findings;
        }

        if (rule.IsDefault == true && int.TryParse(action?.FixedResponseConfig?.StatusCode, out var status) && status >= 400)
        {
            var ruleGroups = rules.SelectMany(r => ForwardGroups(FinalAction(r.Actions))).Where(g => g.Weight > 0).Select(g => g.TargetGroupArn)
                .Distinct(StringComparer.Ordinal).ToList();
            // The one target group the rules forward to is the obvious default; with several, the user must choose.
            var suggestion = ruleGroups.Count == 1 ? await GroupNameAsync(ruleGroups[0], cancellationToken).ConfigureAwait(false) : null;
            findings.Add(Finding("ListenerDefaultActionError", "Error",
                $"The default action answers {status}: every request no rule matches (another Host name, the load balancer's own DNS name, " +
                $"a health probe) gets {status}, even while the targets are healthy." +
                (suggestion == null ? " Point it at the right target group with Repair-AlbListener." : ""),
                suggestion == null ? null : Suggest.RepairAlbListener(region, balancer.LoadBalancerName, listener.Port ?? 80, suggestion)));
        }

        // Every group of a weighted forward gets its share of the requests, so each one without a healthy target is a finding.
        var judged = await JudgeAsync(ForwardGroups(action), cancellationToken).ConfigureAwait(false);
        foreach (var group in judged.Where(g => g.Weight > 0 && g.HealthyTargets == 0))
        {
            var who = rule.IsDefault == true ? "The default action" : $"Rule {rule.Priority}";
            var share = group.SharePercent.ToString("0.#", CultureInfo.InvariantCulture);
            var sends = judged.Count == 1 ? $"forwards to {group.TargetGroupName}" : $"sends {share}% of requests (weight {group.Weight} of {judged.Sum(g => g.Weight)}) to {group.TargetGroupName}";
            var those = judged.Count == 1 ? "its requests" : $"that {share}% of requests";
            var consequence = group.UnhealthyTargets > 0
                ? $"{those} still go to its {group.UnhealthyTargets} unhealthy target(s), because a target group whose registered targets are all unhealthy fails open: expect errors or timeouts."
                : $"{those} get 503 (no registered target in service).";
            findings.Add(Finding("RuleForwardsToUnhealthyTargetGroup", group.SharePercent >= 100 ? "Error" : "Warning",
                $"{who} {sends}, which has no healthy target: {consequence}",
                Suggest.TestAlbTargetHealthOfGroup(region, group.TargetGroupArn)));
        }

        if (rule.IsDefault != true)
        {
            var transforms = AlbRuleMatcher.DescribeTransforms(rule);
            findings.Add(Finding("ListenerRule", "Info",
                $"Rule {rule.Priority}: {AlbRuleMatcher.Describe(rule)} → {Describe(action)}{(transforms.Length == 0 ? "" : $" (rewriting {transforms})")}", null));
        }

        return findings;
    }

    /// <summary>
    /// The set-rule-priorities line that puts <paramref name="rule"/> just ahead of the rule that hides it: a free
    /// number between that rule and the one before it, or a placeholder when none is free.
    /// </summary>
    private string ReprioritizeCommand(Rule rule, Rule shadowedBy, IReadOnlyList<Rule> ordered)
    {
        var ahead = int.Parse(shadowedBy.Priority, CultureInfo.InvariantCulture);
        var before = ordered.Select(r => int.TryParse(r.Priority, out var number) ? number : 0).Where(n => n < ahead).DefaultIfEmpty(0).Max();
        var free = ahead - 1 > before ? (ahead - 1).ToString(CultureInfo.InvariantCulture) : $"<a free number below {ahead}>";
        return $"aws elbv2 set-rule-priorities --rule-priorities RuleArn={rule.RuleArn},Priority={free} --region {region}";
    }

    /// <summary>
    /// Looks many load balancers up at once (DescribeLoadBalancers takes 20 names or ARNs a call), so that a piped
    /// audit of many does not ask for them one at a time. Missing ones are left for the audit to report.
    /// </summary>
    public async Task PrefetchAsync(IEnumerable<string> namesOrArns, CancellationToken cancellationToken)
    {
        var wanted = namesOrArns.Distinct(StringComparer.Ordinal).Where(n => !balancers.ContainsKey(n)).ToList();
        foreach (var byArn in wanted.GroupBy(n => n.StartsWith("arn:", StringComparison.Ordinal)))
        {
            foreach (var batch in ApiLimits.Batches(byArn.ToList(), ApiLimits.LoadBalancersPerDescribe))
            {
                var request = byArn.Key
                    ? new DescribeLoadBalancersRequest { LoadBalancerArns = batch.ToList() }
                    : new DescribeLoadBalancersRequest { Names = batch.ToList() };
                try
                {
                    foreach (var found in await elb.DescribeAllLoadBalancersAsync(request, cancellationToken).ConfigureAwait(false))
                    {
                        balancers[byArn.Key ? found.LoadBalancerArn : found.LoadBalancerName] = found;
                    }
                }
                catch (LoadBalancerNotFoundException) when (batch.Count > 1)
                {
                    // One missing name fails the whole call; the audit asks for each on its own and reports the missing one.
                }
            }
        }
    }

    private async Task<ElbLoadBalancer> FindLoadBalancerAsync(string nameOrArn, CancellationToken cancellationToken)
    {
        if (balancers.TryGetValue(nameOrArn, out var known))
        {
            return known;
        }

        var request = nameOrArn.StartsWith("arn:", StringComparison.Ordinal)
            ? new DescribeLoadBalancersRequest { LoadBalancerArns = new List<string> { nameOrArn } }
            : new DescribeLoadBalancersRequest { Names = new List<string> { nameOrArn } };
        try
        {
            var found = (await elb.DescribeAllLoadBalancersAsync(request, cancellationToken).ConfigureAwait(false)).Single();
            balancers[nameOrArn] = found;
            return found;
        }
        catch (LoadBalancerNotFoundException)
        {
            throw LoadBalancingLookupException.LoadBalancer(nameOrArn, region);
        }
    }

    private async Task<Listener> FindListenerAsync(ElbLoadBalancer balancer, int? port, CancellationToken cancellationToken)
    {
        var listeners = await elb.DescribeAllListenersAsync(new DescribeListenersRequest { LoadBalancerArn = balancer.LoadBalancerArn }, cancellationToken)
            .ConfigureAwait(false);
        return listeners.FirstOrDefault(l => port == null ? l.Port == 80 : l.Port == port) ?? (port == null ? listeners.FirstOrDefault() : null)
               ?? throw new LoadBalancingLookupException(LoadBalancingResource.Listener, 
                   $"Load balancer {balancer.LoadBalancerName} has no listener on port {port}; its listeners: " +
                   string.Join(", ", listeners.Select(l => $"{l.Protocol}:{l.Port}")) + ".");
    }

    private async Task<IReadOnlyList<Rule>> RulesAsync(Listener listener, CancellationToken cancellationToken) =>
        await elb.DescribeAllRulesAsync(new DescribeRulesRequest { ListenerArn = listener.ListenerArn }, cancellationToken).ConfigureAwait(false);

    /// <summary>How many targets of the group are healthy, and how many unhealthy (those get requests when none is healthy: fail open).</summary>
    private async Task<(int Healthy, int Unhealthy)> HealthAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        if (!healthByGroup.TryGetValue(targetGroupArn, out var health))
        {
            var described = await elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = targetGroupArn }, cancellationToken)
                .ConfigureAwait(false);
            var states = (described.TargetHealthDescriptions ?? new List<TargetHealthDescription>()).Select(d => d.TargetHealth?.State).ToList();
            health = (states.Count(s => s == "healthy"), states.Count(s => s == "unhealthy"));
            healthByGroup[targetGroupArn] = health;
        }

        return health;
    }

    /// <summary>Each group of a forward with its share of the requests, its targets' health and what its requests get.</summary>
    private async Task<IReadOnlyList<AlbForwardTargetGroup>> JudgeAsync(IReadOnlyList<(string TargetGroupArn, int Weight)> groups, CancellationToken cancellationToken)
    {
        var total = groups.Sum(g => g.Weight);
        var judged = new List<AlbForwardTargetGroup>();
        foreach (var group in groups)
        {
            var (healthy, unhealthy) = await HealthAsync(group.TargetGroupArn, cancellationToken).ConfigureAwait(false);
            judged.Add(new AlbForwardTargetGroup
            {
                TargetGroupArn = group.TargetGroupArn,
                TargetGroupName = await GroupNameAsync(group.TargetGroupArn, cancellationToken).ConfigureAwait(false),
                Weight = group.Weight,
                SharePercent = total == 0 ? 0 : Math.Round(100.0 * group.Weight / total, 1),
                HealthyTargets = healthy,
                UnhealthyTargets = unhealthy,
                Outcome = group.Weight == 0 ? " (weight 0: no requests)"
                    : healthy > 0 ? $" ({healthy} healthy target(s))"
                    : unhealthy > 0 ? $", which has no healthy target: it fails open to its {unhealthy} unhealthy target(s), expect errors or timeouts"
                    : ", which has no healthy target: 503",
            });
        }

        return judged;
    }

    private async Task<string> GroupNameAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        if (!groupNames.TryGetValue(targetGroupArn, out var name))
        {
            name = (await elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = new List<string> { targetGroupArn } }, cancellationToken)
                .ConfigureAwait(false)).Single().TargetGroupName;
            groupNames[targetGroupArn] = name;
        }

        return name;
    }

    private async Task<string> TargetGroupArnAsync(string nameOrArn, CancellationToken cancellationToken)
    {
        if (nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return nameOrArn;
        }

        try
        {
            return (await elb.DescribeAllTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = new List<string> { nameOrArn } }, cancellationToken)
                .ConfigureAwait(false)).Single().TargetGroupArn;
        }
        catch (TargetGroupNotFoundException)
        {
            throw LoadBalancingLookupException.TargetGroup(nameOrArn, region);
        }
    }

    /// <summary>The action that answers the request: the last one by order (authenticate actions come first).</summary>
    private static ElbAction? FinalAction(IReadOnlyList<ElbAction>? actions) =>
        actions?.OrderBy(a => a.Order ?? int.MaxValue).LastOrDefault();

    /// <summary>
    /// The target groups a forward action sends to, with their weights: ELBv2 sends each request to a group with
    /// probability weight/sum, and a group of weight 0 gets none. A plain TargetGroupArn is one group of weight 1.
    /// </summary>
    private static IReadOnlyList<(string TargetGroupArn, int Weight)> ForwardGroups(ElbAction? action)
    {
        if (action?.Type != "forward")
        {
            return Array.Empty<(string TargetGroupArn, int Weight)>();
        }

        var weighted = action.ForwardConfig?.TargetGroups;
        return weighted is { Count: > 0 }
            ? weighted.Where(t => t.TargetGroupArn != null).Select(t => (t.TargetGroupArn, t.Weight ?? 1)).ToList()
            : action.TargetGroupArn != null ? new[] { (action.TargetGroupArn, 1) } : Array.Empty<(string TargetGroupArn, int Weight)>();
    }

    private static string Describe(ElbAction? action) => action?.Type switch
    {
        "forward" => ForwardGroups(action) is { Count: > 1 } groups
            ? "forward to " + string.Join(", ", groups.Select(g => $"{g.TargetGroupArn} (weight {g.Weight})"))
            : $"forward to {ForwardGroups(action).FirstOrDefault().TargetGroupArn}",
        "fixed-response" => $"fixed-response {action.FixedResponseConfig?.StatusCode}",
        "redirect" => $"{RedirectStatus(action.RedirectConfig)} redirect to {RedirectTemplate(action.RedirectConfig)}",
        null => "no action",
        _ => action.Type,
    };
}


