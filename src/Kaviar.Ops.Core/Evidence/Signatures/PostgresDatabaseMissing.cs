using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary><c>database "shop" does not exist</c> (SQLSTATE 3D000, asyncpg's <c>InvalidCatalogNameError</c>): the server is reached, the database named is not on it.</summary>
internal sealed class PostgresDatabaseMissing : PatternSignature
{
    private static readonly Regex[] NoDatabase = { LogPattern.Of(@"\bdatabase ""(?<database>[^""]+)"" does not exist") };

    public override string Id => "PostgresDatabaseMissing";

    protected override IReadOnlyList<Regex> Wordings => NoDatabase;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var database = match.Groups["database"].Value;
        return Found(index,
            $"The app connects to database \"{database}\", which does not exist on the server.",
            LogFacts.Of((LogFacts.Database, database)),
            DatabaseFixes.VerifyLogin(context),
            $"Correct the database name in the secret's dbname or DATABASE_URL, or create it as the master user (CREATE DATABASE \"{database}\";): " +
            "RDS creates only the DB name given at launch.");
    }
}
