using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// <c>relation "public.tax_provider" does not exist</c> (SQLSTATE 42P01) in every driver's wrapping — <c>ERROR:</c>,
/// <c>pq:</c>, <c>(SQLSTATE 42P01)</c>, Npgsql's <c>42P01:</c>, <c>psycopg2.errors.UndefinedTable</c>,
/// <c>PG::UndefinedTable</c> — and Prisma's <c>The table `public.tax_provider` does not exist in the current database</c>:
/// the app's code expects a table its database does not have yet, the migrations have not run.
/// </summary>
internal sealed class PostgresRelationMissing : PatternSignature
{
    // "column "x" of relation "t" does not exist" names a missing column, not a missing table.
    private static readonly Regex[] NoRelation =
    {
        LogPattern.Of(@"(?<!\bof )\brelation ""(?<relation>[^""]+)"" does not exist"),
        LogPattern.Of(@"The table `(?<relation>[^`]+)` does not exist in the current database"),
    };

    public override string Id => "PostgresRelationMissing";

    protected override IReadOnlyList<Regex> Wordings => NoRelation;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var relation = match.Groups["relation"].Value;
        var (fix, manualFix) = DatabaseFixes.Migrations(context);
        return Found(index,
            $"The app queries table \"{relation}\", which does not exist in its database: the migrations that create it have not run.",
            LogFacts.Of((LogFacts.Relation, relation)), fix, manualFix);
    }
}
