using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// An AWS SDK call from the app refused: <c>User: arn:aws:sts::123456789012:assumed-role/api-task/… is not authorized to
/// perform: secretsmanager:GetSecretValue on resource: … because no identity-based policy allows …</c>, as the SDKs for
/// every language log it (AccessDeniedException, AccessDenied, botocore's ClientError). The task role lacks the action.
/// </summary>
internal sealed class AwsAccessDenied : PatternSignature
{
    private static readonly Regex[] NotAuthorized =
    {
        LogPattern.Of(@"(?:User: (?<principal>arn:aws[\w-]*:(?:sts|iam)::\d{12}:\S+) )?is not authorized to perform: (?<action>[\w-]+:[\w*]+)" +
                      @"(?: on resource: ""?(?<resource>[^\s""]+)""?)?" +
                      @"(?:.*?with an explicit deny in an? (?<policy>[\w -]+?) policy)?"),
    };

    private static readonly Regex RoleOfPrincipal = LogPattern.Of(@":assumed-role/(?<role>[^/\s]+)/|:role/(?:[\w+=,.@-]+/)*(?<role>[\w+=,.@-]+)$");

    public override string Id => "AwsAccessDenied";

    protected override IReadOnlyList<Regex> Wordings => NotAuthorized;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var action = match.Groups["action"].Value;
        // A sentence may end right after the ARN.
        var resource = match.Group("resource")?.TrimEnd('.', ',');
        var principal = match.Group("principal");
        var role = principal == null ? null : RoleOfPrincipal.Match(principal).Group("role");
        var who = role == null ? "The task role" : $"The task role {role}";
        var on = resource == null ? "" : $" on {resource}";
        var facts = LogFacts.Of((LogFacts.Action, action), (LogFacts.Resource, resource), (LogFacts.Role, role));

        if (match.Group("policy") is string policy)
        {
            return Found(index, $"{who} is refused {action}{on} by an explicit deny in a {policy} policy.", facts,
                manualFix: "Remove or narrow that deny statement (an Allow cannot override it); the refusal names the policy type that holds it.");
        }

        var statement = $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"{action}\",\"Resource\":\"{resource ?? "<resource ARN>"}\"}}]}}";
        return Found(index, $"{who} may not call {action}{on}: no policy of the role allows it.", facts,
            manualFix: $"aws iam put-role-policy --role-name {role ?? "<task role>"} --policy-name allow-{action.Replace(':', '-')} " +
                       $"--policy-document '{statement}'");
    }
}
