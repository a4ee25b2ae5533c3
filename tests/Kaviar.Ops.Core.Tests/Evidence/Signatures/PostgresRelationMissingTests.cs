using System.Linq;
using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PostgresRelationMissingTests
{
    private const string Id = "PostgresRelationMissing";

    [Theory]
    [InlineData("error: relation \"public.tax_provider\" does not exist", "public.tax_provider")]
    [InlineData("org.postgresql.util.PSQLException: ERROR: relation \"tax_provider\" does not exist", "tax_provider")]
    [InlineData("sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation \"tax_provider\" does not exist", "tax_provider")]
    [InlineData("psycopg.errors.UndefinedTable: relation \"tax_provider\" does not exist", "tax_provider")]
    [InlineData("asyncpg.exceptions.UndefinedTableError: relation \"tax_provider\" does not exist", "tax_provider")]
    [InlineData("Npgsql.PostgresException (0x80004005): 42P01: relation \"tax_provider\" does not exist", "tax_provider")]
    [InlineData("pq: relation \"tax_provider\" does not exist", "tax_provider")]
    [InlineData("ERROR: relation \"tax_provider\" does not exist (SQLSTATE 42P01)", "tax_provider")]
    [InlineData("ActiveRecord::StatementInvalid: PG::UndefinedTable: ERROR:  relation \"tax_providers\" does not exist", "tax_providers")]
    [InlineData("Invalid `prisma.taxProvider.findMany()` invocation: The table `public.tax_provider` does not exist in the current database.", "public.tax_provider")]
    public void Each_driver_s_missing_table_is_named(string line, string relation)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(relation, diagnosis.Fact(LogFacts.Relation));
        Assert.Equal($"The app queries table \"{relation}\", which does not exist in its database: the migrations that create it have not run.", diagnosis.Cause);
    }

    [Fact]
    public void With_the_migration_command_known_the_fix_runs_it_as_a_task_of_the_service()
    {
        var context = LogSample.Context();
        context.MigrationCommand = "npx prisma migrate deploy";

        var diagnosis = LogSample.Single(Id, context, "error: relation \"tax_provider\" does not exist");

        Assert.Equal("Invoke-EcsMigration -Cluster prod -Service api -Command npx, prisma, migrate, deploy -Region eu-west-1", diagnosis.Fix?.ToString());
        Assert.Null(diagnosis.ManualFix);
    }

    [Fact]
    public void Without_it_the_manual_fix_says_where_the_command_goes()
    {
        var diagnosis = LogSample.Single(Id, "error: relation \"tax_provider\" does not exist");

        Assert.Null(diagnosis.Fix);
        Assert.Contains("Invoke-EcsMigration -Cluster prod -Service api -Command <migration command", diagnosis.ManualFix);
        Assert.EndsWith("-Region eu-west-1", diagnosis.ManualFix);
    }

    [Fact]
    public void A_java_stack_trace_rests_on_the_exception_line_not_its_frames()
    {
        var diagnosis = LogSample.Single(Id,
            "org.postgresql.util.PSQLException: ERROR: relation \"tax_provider\" does not exist",
            "  Position: 15",
            "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2713)",
            "\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2401)",
            "\tat com.example.tax.TaxProviderRepository.findAll(TaxProviderRepository.java:31)");

        Assert.Equal(new[] { "org.postgresql.util.PSQLException: ERROR: relation \"tax_provider\" does not exist" }, diagnosis.Evidence);
    }

    [Fact]
    public void Two_missing_tables_are_two_diagnoses()
    {
        var diagnoses = LogSample.Classify(
            "error: relation \"tax_provider\" does not exist",
            "error: relation \"tax_rate\" does not exist",
            "error: relation \"tax_provider\" does not exist");

        Assert.Equal(new[] { "tax_provider", "tax_rate" }, diagnoses.Select(d => d.Fact(LogFacts.Relation)));
        Assert.Single(diagnoses[0].Evidence);
    }

    [Theory]
    [InlineData("Checking the relation between orders and users: it does not exist yet")]
    [InlineData("Creating relation \"users\" if it does not exist")]
    [InlineData("relation users does not exist")]
    public void Prose_that_mentions_a_relation_is_not_a_failure(string line)
    {
        Assert.Empty(LogSample.Classify(line));
    }
}
