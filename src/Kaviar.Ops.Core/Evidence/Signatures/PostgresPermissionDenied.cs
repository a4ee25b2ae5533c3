using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// <c>permission denied for table users</c>, <c>permission denied for schema public</c> (SQLSTATE 42501): the app's
/// user logged in but lacks a privilege — typically a table created by another user (the migrations' owner), or CREATE
/// on schema public, which Postgres 15 no longer grants to everyone.
/// </summary>
internal sealed class PostgresPermissionDenied : PatternSignature
{
    private static readonly Regex[] Denied =
    {
        LogPattern.Of(@"permission denied for (?<kind>table|relation|schema|sequence|view|function|database) (?<object>""[^""]+""|[\w.$]+)"),
    };

    public override string Id => "PostgresPermissionDenied";

    protected override IReadOnlyList<Regex> Wordings => Denied;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var kind = match.Groups["kind"].Value.ToLowerInvariant();
        var name = match.Groups["object"].Value.Trim('"');
        var grant = kind == "schema"
            ? $"GRANT USAGE, CREATE ON SCHEMA {name} TO <app user>;"
            : kind is "table" or "relation" or "view"
                ? $"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO <app user>;"
                : $"GRANT the privilege the app needs ON {kind.ToUpperInvariant()} {name} TO <app user>;";
        return Found(index,
            $"The app's database user lacks a privilege on {kind} {name}.",
            LogFacts.Of((LogFacts.Object, name), (LogFacts.Kind, kind)),
            manualFix: $"As the object's owner or the master user: {grant} (or run the migrations as the app's user, so it owns what they create).");
    }
}
