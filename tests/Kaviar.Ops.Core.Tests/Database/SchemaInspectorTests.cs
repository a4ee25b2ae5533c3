using System.Threading.Tasks;
using Kaviar.Ops.Database;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class SchemaInspectorTests
{
    private readonly PostgresServerFixture _fixture;

    public SchemaInspectorTests(PostgresServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Present_and_missing_relations_are_listed_schema_qualified_in_the_order_asked()
    {
        var database = await _fixture.Server.CreateDatabaseAsync("schema");
        await _fixture.Server.ExecuteAsync(database, """
            CREATE TABLE users (id serial PRIMARY KEY);
            CREATE TABLE application_logs (id serial PRIMARY KEY);
            CREATE SCHEMA audit;
            CREATE TABLE audit.tax_provider (id text);
            CREATE VIEW public.active_users AS SELECT id FROM users;
            CREATE TABLE "SequelizeMeta" (name text);
            """);
        using var session = await _fixture.OpenAsync(database);

        var result = await SchemaInspector.CheckRelationsAsync(session.Connection,
            new[] { "users", "public.tax_provider", "application_logs", "audit.tax_provider", "active_users", "\"SequelizeMeta\"", "public.currency" }, default);

        Assert.Equal(new[] { "public.users", "public.application_logs", "audit.tax_provider", "public.active_users", "public.SequelizeMeta" }, result.Present);
        Assert.Equal(new[] { "public.tax_provider", "public.currency" }, result.Missing);
        Assert.False(result.AllPresent);
        Assert.Equal("Missing: public.tax_provider, public.currency", result.ToString());
    }

    [Theory]
    [InlineData("users", "public", "users")]
    [InlineData("Public.Tax_Provider", "public", "tax_provider")]
    [InlineData("\"My Schema\".\"Odd.Name\"", "My Schema", "Odd.Name")]
    public void Relation_names_fold_case_unless_quoted(string text, string schema, string name)
    {
        var relation = RelationName.Parse(text);

        Assert.Equal(schema, relation.Schema);
        Assert.Equal(name, relation.Name);
    }
}
