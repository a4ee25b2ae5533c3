using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// <c>column "email" does not exist</c>, <c>column users.email does not exist</c>, <c>column "email" of relation "users"
/// does not exist</c> (SQLSTATE 42703) and Prisma's <c>The column `users.email` does not exist in the current database</c>:
/// the table is there but older than the code, a migration that adds the column has not run.
/// </summary>
internal sealed class PostgresColumnMissing : PatternSignature
{
    // Postgres quotes an unqualified column and writes a qualified one bare, so a bare word without a dot is prose.
    private static readonly Regex[] NoColumn =
    {
        LogPattern.Of(@"\bcolumn (?:""(?<column>[^""]+)""|(?<column>\w+\.\w+)) (?:of relation ""(?<relation>[^""]+)"" )?does not exist"),
        LogPattern.Of(@"The column `(?<column>[^`]+)` does not exist in the current database"),
    };

    public override string Id => "PostgresColumnMissing";

    protected override IReadOnlyList<Regex> Wordings => NoColumn;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var column = match.Groups["column"].Value;
        var relation = match.Group("relation");
        var (fix, manualFix) = DatabaseFixes.Migrations(context);
        return Found(index,
            $"The app uses column \"{column}\"{(relation == null ? "" : $" of table \"{relation}\"")}, which its database does not have: " +
            "a migration that adds it has not run.",
            LogFacts.Of((LogFacts.Column, column), (LogFacts.Relation, relation)), fix, manualFix);
    }
}
