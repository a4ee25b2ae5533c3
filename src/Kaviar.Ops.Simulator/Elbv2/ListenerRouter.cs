using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using Kaviar.Ops.Simulator.Ecs;

namespace Kaviar.Ops.Simulator.Elbv2;

/// <summary>What the load balancer answered one HTTP request with.</summary>
/// <summary>What the listener answers; <paramref name="FromTarget"/> when a target's app made it, which the ALB passes on without its own Server header.</summary>
internal sealed record LoadBalancerAnswer(int StatusCode, string ContentType, string Body, string? Location = null, bool FromTarget = false);

/// <summary>
/// One request as a listener sees it: the method, the Host, the path and query as sent, every header line (a name may
/// repeat) and the address of the connection's client.
/// </summary>
internal sealed record ListenerRequest(string Method, string Host, string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Headers, IPAddress ClientAddress)
{
    public string Path => PathAndQuery.Split('?', 2)[0];

    public string Query => PathAndQuery.Split('?', 2) is [_, var query] ? query : string.Empty;

    /// <summary>The host name without its port: host conditions and #{host} name the host, not the port.</summary>
    public string HostName
    {
        get
        {
            var colon = Host.LastIndexOf(':');
            return colon > 0 && !Host.EndsWith(']') ? Host[..colon] : Host;
        }
    }
}

/// <summary>
/// Routes one request the way an Application Load Balancer does: the listener's rules by priority (every condition
/// must match, any value of a condition may), else its default actions; the first forward, fixed-response or
/// redirect action answers. A forward applies the rule's transforms, then goes round-robin to the healthy targets of
/// the group; with none healthy, the ALB fails open to the unhealthy ones; targets that are initial, draining, unused
/// or unavailable never get traffic, so a group with only those answers 503. Call with the account's lock held, on settled state.
/// </summary>
internal sealed class ListenerRouter
{
    private const string HtmlContentType = "text/html";
    private const string JsonContentType = "application/json";

    private readonly AccountState _account;
    private readonly Dictionary<string, int> _nextTargetByGroup = new(StringComparer.Ordinal);
    private int _nextWeightedPick;

    public ListenerRouter(AccountState account) => _account = account;

    public LoadBalancerAnswer Route(Listener listener, ListenerRequest request)
    {
        var rule = _account.Elbv2.RulesOf(listener).First(r => r.IsDefault || r.Conditions.All(c => RuleMatching.Matches(c, request)));
        var action = rule.Actions
            .Where(a => a.Type is "forward" or "fixed-response" or "redirect")
            .OrderBy(a => a.Order ?? int.MaxValue)
            .FirstOrDefault();
        return action?.Type switch
        {
            "fixed-response" => FixedResponse(action.FixedResponse!),
            "redirect" => Redirect(action.Redirect!, listener, request),
            "forward" => Forward(action, RuleMatching.Transformed(rule.Transforms, request)),
            _ => ElbError(503, "Service Temporarily Unavailable"),
        };
    }

    private static LoadBalancerAnswer FixedResponse(FixedResponseConfig config) =>
        new(int.Parse(config.StatusCode, CultureInfo.InvariantCulture), config.ContentType ?? "text/plain", config.MessageBody ?? string.Empty);

    /// <summary>Fills ALB's #{protocol}, #{host}, #{port}, #{path} and #{query} placeholders; "HTTP_301" answers 301.</summary>
    private static LoadBalancerAnswer Redirect(RedirectConfig config, Listener listener, ListenerRequest request)
    {
        var (hostName, path, query) = (request.HostName, request.Path, request.Query);
        string Fill(string? value, string fallback) => (value ?? fallback)
            .Replace("#{protocol}", listener.Protocol.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("#{host}", hostName, StringComparison.Ordinal)
            .Replace("#{port}", listener.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("#{path}", path.TrimStart('/'), StringComparison.Ordinal)
            .Replace("#{query}", query, StringComparison.Ordinal);

        var filledQuery = Fill(config.Query, "#{query}");
        var location = $"{Fill(config.Protocol, "#{protocol}").ToLowerInvariant()}://{Fill(config.Host, "#{host}")}:{Fill(config.Port, "#{port}")}"
            + "/" + Fill(config.Path, "/#{path}").TrimStart('/') + (filledQuery.Length > 0 ? "?" + filledQuery : string.Empty);
        var status = int.Parse(config.StatusCode.Replace("HTTP_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return new LoadBalancerAnswer(status, HtmlContentType, string.Empty, location);
    }

    private LoadBalancerAnswer Forward(ListenerAction action, TargetRequest request)
    {
        var group = PickTargetGroup(action) is { } groupArn ? _account.Elbv2.FindTargetGroup(groupArn) : null;
        if (group is null)
        {
            return ElbError(503, "Service Temporarily Unavailable");
        }

        var candidates = group.Targets.Where(t => t.State == "healthy").ToList();
        if (candidates.Count == 0)
        {
            candidates = group.Targets.Where(t => t.State == "unhealthy").ToList();
        }

        if (candidates.Count == 0)
        {
            return ElbError(503, "Service Temporarily Unavailable");
        }

        var cursor = _nextTargetByGroup.GetValueOrDefault(group.TargetGroupArn);
        _nextTargetByGroup[group.TargetGroupArn] = cursor + 1;
        return Send(group, candidates[cursor % candidates.Count], request);
    }

    /// <summary>
    /// A weighted forward picks groups in proportion to their weights (weight 0 never), deterministically: of every
    /// sum-of-weights requests, each group gets as many as its weight, in the order the action lists them.
    /// </summary>
    internal string? PickTargetGroup(ListenerAction action)
    {
        var weighted = action.ForwardTargetGroups?.Where(g => g.Weight > 0).ToList();
        if (weighted is not { Count: > 0 })
        {
            return action.TargetGroupArn;
        }

        var pick = _nextWeightedPick++ % weighted.Sum(g => g.Weight);
        foreach (var group in weighted)
        {
            if (pick < group.Weight)
            {
                return group.TargetGroupArn;
            }

            pick -= group.Weight;
        }

        return weighted[^1].TargetGroupArn;
    }

    /// <summary>
    /// The target's app answers when the ALB can reach it. Nothing listening there (no running task behind the IP, or
    /// an app not listening) resets the connection: 502. Security groups that drop the ALB's packets make it wait out the timeout: 504.
    /// </summary>
    private LoadBalancerAnswer Send(TargetGroup group, RegisteredTarget target, TargetRequest request)
    {
        var behind = _account.Ecs.Tasks
            .Where(task => !task.IsStopping && task.Attachment.PrivateIpv4Address == target.Id)
            .SelectMany(task => task.Targets
                .Where(t => t.LoadBalancer.TargetGroupArn == group.TargetGroupArn && t.LoadBalancer.ContainerPort == target.Port)
                .Select(t => (Task: task, Container: task.Containers.Find(c => c.Name == t.LoadBalancer.ContainerName))))
            .FirstOrDefault();
        if (behind.Container is not { LastStatus: "RUNNING" } container)
        {
            return ElbError(502, "Bad Gateway");
        }

        if (!_account.LoadBalancerReaches(group, behind.Task, target.Port))
        {
            return ElbError(504, "Gateway Time-out");
        }

        // An HTTPS target group speaks TLS to the target, which a simulated app (plain HTTP) cannot: the handshake fails.
        if (group.Protocol == "HTTPS")
        {
            return ElbError(502, "Bad Gateway");
        }

        var answer = _account.Ecs.AppFor(behind.Task.TaskDefinition).AnswerRequest(container.Launch, request);
        return answer == HttpAnswer.NotListening
            ? ElbError(502, "Bad Gateway")
            : new LoadBalancerAnswer(answer.StatusCode, JsonContentType, answer.Body, FromTarget: true);
    }

    /// <summary>The page the ALB itself serves when it cannot get an answer from a target.</summary>
    private static LoadBalancerAnswer ElbError(int statusCode, string reason) => new(statusCode, HtmlContentType,
        $"<html>\r\n<head><title>{statusCode} {reason}</title></head>\r\n<body>\r\n<center><h1>{statusCode} {reason}</h1></center>\r\n</body>\r\n</html>\r\n");
}
