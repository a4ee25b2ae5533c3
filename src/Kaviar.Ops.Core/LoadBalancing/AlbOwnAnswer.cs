using System;
using System.Collections.Generic;

namespace Kaviar.Ops.LoadBalancing;

/// <summary>
/// An answer an Application Load Balancer made itself rather than passed on from a target: it says "Server: awselb/…".
/// Its error pages (<c>&lt;title&gt;503 Service Temporarily Unavailable&lt;/title&gt;</c>) are read by status code, as ELB's
/// troubleshooting guide explains each; anything else it answers is a listener action (a fixed response or a redirect).
/// </summary>
public static class AlbOwnAnswer
{
    private const string ServerPrefix = "awselb/";

    /// <summary>Why the load balancer itself answers each status (ELB's "The load balancer generates an HTTP error").</summary>
    private static readonly Dictionary<int, string> ErrorCauses = new Dictionary<int, string>
    {
        [400] = "it could not read the request (malformed, or headers too large).",
        [401] = "an authenticate action of the matched rule requires a login the request does not carry.",
        [403] = "AWS WAF on the load balancer blocked the request.",
        [408] = "the client sent the request too slowly (nothing within the idle timeout).",
        [413] = "the request body is too large for its target (1 MB for a Lambda target).",
        [414] = "the request line or a header is too long.",
        [460] = "the client closed the connection before the answer came (a client timeout shorter than the load balancer's idle timeout).",
        [463] = "the X-Forwarded-For header holds more than 30 addresses.",
        [464] = "the request's protocol does not fit the target group's protocol version (HTTP/2 or gRPC targets, HTTP/1.1 request, or the reverse).",
        [500] = "it failed on its side (an authenticate action, AWS WAF, or an internal error).",
        [501] = "the request's Transfer-Encoding is not supported.",
        [502] = "it got no usable answer from the target: the connection was refused or reset (nothing listens on the target's port, or the app closed a " +
                "kept-alive connection: its keep-alive timeout must be longer than the load balancer's idle timeout, 60 s by default), or the answer was malformed.",
        [503] = "the target group the request was routed to has no target to send it to: none registered, or all still initial, draining or unused.",
        [504] = "the target did not answer in time: no connection within 10 s (security groups or network ACLs drop the traffic between the load balancer " +
                "and the target) or no answer within the idle timeout (60 s by default).",
        [561] = "the identity provider of an authenticate action answered with an error.",
    };

    public static bool IsFromLoadBalancer(string? serverHeader) =>
        serverHeader != null && serverHeader.StartsWith(ServerPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why the load balancer answered <paramref name="statusCode"/> itself: its error page's cause, or the listener action that
    /// answered (with the redirect's location).
    /// </summary>
    public static string Explain(int statusCode, string body, string? location)
    {
        if (IsErrorPage(statusCode, body) && ErrorCauses.TryGetValue(statusCode, out var cause))
        {
            return $"The load balancer answered it itself: {cause}";
        }

        return location != null
            ? $"The load balancer answered it itself: a listener rule or default action redirects to {location}."
            : "The load balancer answered it itself: a listener rule or default action is a fixed response, so no target saw the request.";
    }

    /// <summary>True for the statuses a target must be asked about (targets and their health), false for the listener's own actions.</summary>
    public static bool IsAboutTargets(int statusCode, string body) =>
        IsErrorPage(statusCode, body) && statusCode is 502 or 503 or 504;

    /// <summary>ELB's own error page: "&lt;title&gt;503 …"; a fixed response's body is the user's.</summary>
    private static bool IsErrorPage(int statusCode, string body) =>
        body.IndexOf($"<title>{statusCode} ", StringComparison.OrdinalIgnoreCase) >= 0;
}
