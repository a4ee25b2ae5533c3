using System;
using System.Collections.Generic;
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
    private readonly Dictionary<string, int> healthyTargetsByGroup = new Dictionary<string, int>(StringComparer.Ordinal);
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

    public async Task<AlbRoute> ResolveAsync(string loadBalancer, int? port, string? host, string path, CancellationToken cancellationToken)
    {
        var balancer = await FindLoadBalancerAsync(loadBalancer, cancellationToken).ConfigureAwait(false);
        var listener = await FindListenerAsync(balancer, port, cancellationToken).ConfigureAwait(false);
        var rule = AlbRuleMatcher.Match(await RulesAsync(listener, cancellationToken).ConfigureAwait(false), host, path);
        var action = FinalAction(rule.Actions);
        var targetGroup = ForwardTarget(action);
        var route = new AlbRoute
        {
            Region = region,
            LoadBalancerName = balancer.LoadBalancerName,
            ListenerArn = listener.ListenerArn,
            Port = listener.Port,
            HostHeader = host,
            Path = path,
            RuleArn = rule.RuleArn,
            Priority = rule.Priority,
            IsDefault = rule.IsDefault == true,
            ActionType = action?.Type ?? "",
            TargetGroupArn = targetGroup,
            FixedResponseStatus = int.TryParse(action?.FixedResponseConfig?.StatusCode, out var status) ? status : null,
        };
        if (targetGroup != null)
        {
            route.HealthyTargets = await HealthyTargetsAsync(targetGroup, cancellationToken).ConfigureAwait(false);
            route.Outcome = route.HealthyTargets > 0
                ? $"forwarded to {await GroupNameAsync(targetGroup, cancellationToken).ConfigureAwait(false)} ({route.HealthyTargets} healthy target(s))"
                : $"forwarded to {await GroupNameAsync(targetGroup, cancellationToken).ConfigureAwait(false)}, which has no healthy target: 503";
        }
        else
        {
            route.Outcome = route.FixedResponseStatus is int code ? $"{code} fixed response" : $"{route.ActionType} action";
        }

        return route;
    }

    /// <summary>What setting the default action would change; AlreadyInPlace when it forwards only to that group already.</summary>
    public async Task<AlbListenerRepair> PlanDefaultForwardAsync(string loadBalancer, int port, string targetGroup, CancellationToken cancellationToken)
    {
        var balancer = await FindLoadBalancerAsync(loadBalancer, cancellationToken).ConfigureAwait(false);
        var listener = await FindListenerAsync(balancer, port, cancellationToken).ConfigureAwait(false);
        var targetGroupArn = await TargetGroupArnAsync(targetGroup, cancellationToken).ConfigureAwait(false);
        var current = listener.DefaultActions ?? new List<ElbAction>();
        var alreadyForwards = current.Count == 1 && ForwardTarget(current[0]) == targetGroupArn &&
                              (current[0].ForwardConfig?.TargetGroups?.Count ?? 1) <= 1;
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
        AlbListenerFinding Finding(string code, string severity, string text, SuggestedCommand? fix) => new AlbListenerFinding
        {
            Code = code,
            Region = region, LoadBalancerName = balancer.LoadBalancerName, ListenerArn = listener.ListenerArn, Port = listener.Port,
            RuleArn = rule.RuleArn, Priority = rule.Priority, HostHeaders = AlbRuleMatcher.HostsOf(rule), PathPatterns = AlbRuleMatcher.PathsOf(rule),
            Severity = severity, Finding = text, Fix = fix?.ToString(), FixCommand = fix,
        };

        var action = FinalAction(rule.Actions);
        var forwardedGroup = ForwardTarget(action);
        if (rule.IsDefault == true && int.TryParse(action?.FixedResponseConfig?.StatusCode, out var status) && status >= 400)
        {
            var ruleGroups = rules.Select(r => ForwardTarget(FinalAction(r.Actions))).Where(g => g != null).Distinct().ToList();
            // The one target group the rules forward to is the obvious default; with several, the user must choose.
            var suggestion = ruleGroups.Count == 1 ? await GroupNameAsync(ruleGroups[0]!, cancellationToken).ConfigureAwait(false) : null;
            findings.Add(Finding("ListenerDefaultActionError", "Error",
                $"The default action answers {status}: every request no rule matches (another Host name, the load balancer's own DNS name, " +
                $"a health probe) gets {status}, even while the targets are healthy." +
                (suggestion == null ? " Point it at the right target group with Repair-AlbListener." : ""),
                suggestion == null ? null : Suggest.RepairAlbListener(region, balancer.LoadBalancerName, listener.Port ?? 80, suggestion)));
        }

        if (forwardedGroup != null && await HealthyTargetsAsync(forwardedGroup, cancellationToken).ConfigureAwait(false) == 0)
        {
            var name = await GroupNameAsync(forwardedGroup, cancellationToken).ConfigureAwait(false);
            findings.Add(Finding("RuleForwardsToUnhealthyTargetGroup", "Error", $"{(rule.IsDefault == true ? "The default action" : $"Rule {rule.Priority}")} forwards to {name}, " +
                                          "which has no healthy target: its requests get 503.",
                Suggest.TestAlbTargetHealthOfGroup(region, forwardedGroup)));
        }

        if (rule.IsDefault != true)
        {
            findings.Add(Finding("ListenerRule", "Info", $"Rule {rule.Priority}: {Conditions(rule)} → {Describe(action)}", null));
        }

        return findings;
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

    private async Task<int> HealthyTargetsAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        if (!healthyTargetsByGroup.TryGetValue(targetGroupArn, out var healthy))
        {
            var described = await elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = targetGroupArn }, cancellationToken)
                .ConfigureAwait(false);
            healthy = (described.TargetHealthDescriptions ?? new List<TargetHealthDescription>()).Count(d => d.TargetHealth?.State == "healthy");
            healthyTargetsByGroup[targetGroupArn] = healthy;
        }

        return healthy;
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

    /// <summary>The target group a forward action sends to (the heaviest one of a weighted forward).</summary>
    private static string? ForwardTarget(ElbAction? action) =>
        action?.Type != "forward"
            ? null
            : action.TargetGroupArn ?? action.ForwardConfig?.TargetGroups?.OrderByDescending(t => t.Weight ?? 1).FirstOrDefault()?.TargetGroupArn;

    private static string Describe(ElbAction? action) => action?.Type switch
    {
        "forward" => $"forward to {ForwardTarget(action)}",
        "fixed-response" => $"fixed-response {action.FixedResponseConfig?.StatusCode}",
        "redirect" => $"redirect to {action.RedirectConfig?.Host}{action.RedirectConfig?.Path}",
        null => "no action",
        _ => action.Type,
    };

    private static string Conditions(Rule rule)
    {
        var hosts = AlbRuleMatcher.HostsOf(rule);
        var paths = AlbRuleMatcher.PathsOf(rule);
        return string.Join(" and ", new[]
        {
            hosts.Count > 0 ? "Host " + string.Join(" or ", hosts) : null,
            paths.Count > 0 ? "path " + string.Join(" or ", paths) : null,
        }.Where(c => c != null));
    }
}


