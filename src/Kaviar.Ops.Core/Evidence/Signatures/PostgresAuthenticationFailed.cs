using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// <c>password authentication failed for user "app"</c> as every driver reports it (Npgsql's <c>28P01:</c>, pgx's
/// <c>(SQLSTATE 28P01)</c>, asyncpg's <c>InvalidPasswordError</c>, <c>pq:</c>, <c>PSQLException</c>, <c>PG::ConnectionBad</c>),
/// and <c>PAM authentication failed for user "app"</c>, RDS IAM authentication refusing the token.
/// </summary>
internal sealed class PostgresAuthenticationFailed : PatternSignature
{
    private static readonly Regex[] LoginRefused = { LogPattern.Of(@"(?<method>password|PAM) authentication failed for user ""(?<user>[^""]+)""") };

    public override string Id => "PostgresAuthenticationFailed";

    protected override IReadOnlyList<Regex> Wordings => LoginRefused;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var user = match.Groups["user"].Value;
        if (match.Groups["method"].Value.Equals("PAM", StringComparison.OrdinalIgnoreCase))
        {
            return Found(index,
                $"The database refused the IAM authentication token of user \"{user}\": the token is expired (it lasts 15 minutes), made for another host, " +
                "port or user, or the task role may not rds-db:connect as that user.",
                LogFacts.Of((LogFacts.User, user), (LogFacts.Kind, "Iam")),
                manualFix: $"Give the task role rds-db:connect on arn:{Kernel.Arn.PartitionOf(context.Region)}:rds-db:{context.Region}:<account>:dbuser:<DbiResourceId>/{user}, " +
                           "and make the app create a new token for each connection, for the endpoint and port it connects to.");
        }

        var secret = context.DatabaseSecretId ?? "the secret or DATABASE_URL the task definition passes";
        return Found(index,
            $"The database refused the password of user \"{user}\": {secret} does not hold that user's current password " +
            "(a rotated secret is read again only by new tasks).",
            LogFacts.Of((LogFacts.User, user), (LogFacts.Kind, "Password")),
            DatabaseFixes.VerifyLogin(context),
            $"Check that {secret} holds user \"{user}\" and the password the database has (Test-PostgresConnection -SecretId logs in with it without " +
            "showing it); after a rotation, deploy again so new tasks read the new version.");
    }
}
