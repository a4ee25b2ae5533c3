using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresColumnMissingTests
{
    private const string Id = "PostgresColumnMissing";

    [Theory]
    [InlineData("error: column \"email\" does not exist", "email", null)]
    [InlineData("ERROR: column users.email does not exist (SQLSTATE 42703)", "users.email", null)]
    [InlineData("sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedColumn) column users.email does not exist", "users.email", null)]
    [InlineData("Npgsql.PostgresException (0x80004005): 42703: column \"email\" of relation \"users\" does not exist", "email", "users")]
    [InlineData("Invalid `prisma.user.findMany()` invocation: The column `users.email` does not exist in the current database.", "users.email", null)]
    public void A_missing_column_is_named_with_its_table_when_given(string line, string column, string? relation)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(column, diagnosis.Fact(LogFacts.Column));
        Assert.Equal(relation, diagnosis.Fact(LogFacts.Relation));
        Assert.Contains("a migration that adds it has not run", diagnosis.Cause);
        Assert.Contains("Invoke-EcsMigration", diagnosis.ManualFix);
    }

    [Fact]
    public void A_bare_word_is_prose_not_a_postgres_column()
    {
        Assert.Empty(LogSample.Classify("column email does not exist, adding it"));
    }
}
