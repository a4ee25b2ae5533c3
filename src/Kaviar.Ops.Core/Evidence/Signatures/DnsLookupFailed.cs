using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// A host name the app connects to does not resolve: Node's <c>getaddrinfo ENOTFOUND db.internal</c> and
/// <c>EAI_AGAIN</c>, Go's <c>dial tcp: lookup db.internal on 10.0.0.2:53: no such host</c>, libpq's (psycopg2, Ruby pg)
/// <c>could not translate host name "db" to address: Name or service not known</c>, Python's <c>Temporary failure in
/// name resolution</c> and urllib3's <c>Failed to resolve 'host'</c>, Java's <c>UnknownHostException: host</c>, .NET's
/// <c>Name or service not known (host:5432)</c> / <c>No such host is known</c>. A name that does not exist (a typo, a
/// deleted endpoint, a private zone the VPC cannot see) differs from a resolver that did not answer.
/// </summary>
internal sealed class DnsLookupFailed : PatternSignature
{
    private const string Temporary = "Temporary";
    private const string NotFound = "NotFound";

    private static readonly Regex[] NotResolved =
    {
        LogPattern.Of(@"getaddrinfo (?<reason>ENOTFOUND|EAI_AGAIN) (?<host>[^\s'"":,]+)"),
        LogPattern.Of(@"\blookup (?<host>[^\s:]+)(?: on \S+?)?: (?:.*?)(?<reason>no such host|server misbehaving|i/o timeout)"),
        LogPattern.Of(@"could not translate host name ""(?<host>[^""]+)"" to address: (?<reason>[^\r\n]+)"),
        LogPattern.Of(@"Failed to resolve '(?<host>[^']+)' \((?:\[Errno -?\d+\] )?(?<reason>[^)]+)\)"),
        LogPattern.Of(@"java\.net\.UnknownHostException: (?<host>[^\s:]+)(?:: (?<reason>[^\r\n]+))?"),
        LogPattern.Of(@"(?<reason>Name or service not known|Temporary failure in name resolution|No address associated with hostname|" +
                      @"nodename nor servname provided, or not known|No such host is known)\.?(?: \((?<host>[^\s:()]+)(?::\d+)?\))?"),
    };

    private static readonly Regex TemporaryReason = LogPattern.Of(@"EAI_AGAIN|Temporary failure|server misbehaving|i/o timeout|try again");

    public override string Id => "DnsLookupFailed";

    protected override IReadOnlyList<Regex> Wordings => NotResolved;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var host = match.Group("host");
        var kind = TemporaryReason.IsMatch(match.Group("reason") ?? "") ? Temporary : NotFound;
        var name = host == null ? "host name (the log does not say which)" : $"host name {host}";
        var facts = LogFacts.Of((LogFacts.Host, host), (LogFacts.Kind, kind));
        if (kind == Temporary)
        {
            return Found(index,
                $"Looking up the {name} failed because no DNS resolver answered: the VPC's DNS resolution is off, or DNS traffic is blocked or throttled.",
                facts,
                manualFix: $"aws ec2 describe-vpc-attribute --vpc-id <task VPC> --attribute enableDnsSupport --region {context.Region} " +
                           "(it must be true), and check the tasks' network ACLs allow DNS (UDP/TCP 53) to the VPC's resolver.");
        }

        var isRds = host != null && Database.RdsEndpoint.Parse(host).Kind != Database.RdsEndpointKind.NotRds;
        return Found(index,
            $"The {name} does not exist in DNS as the task sees it: a typo, an endpoint deleted or renamed, or a private hosted zone not associated with the task's VPC.",
            facts,
            manualFix: isRds
                ? $"Compare it with the database's endpoint: aws rds describe-db-instances --region {context.Region} --query \"DBInstances[].Endpoint.Address\" " +
                  "(for Aurora, describe-db-clusters and DBClusters[].Endpoint), and correct the host the app is given."
                : $"Correct the host the app is given (its environment or secret); for a private hosted zone: aws route53 list-hosted-zones-by-vpc " +
                  $"--vpc-id <task VPC> --vpc-region {context.Region}.");
    }
}
