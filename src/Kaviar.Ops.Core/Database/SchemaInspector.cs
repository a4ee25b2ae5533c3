using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Kaviar.Ops.Database;

/// <summary>Which of the relations an app needs exist (the "relation … does not exist" check).</summary>
public static class SchemaInspector
{
    public static async Task<SchemaCheckResult> CheckRelationsAsync(NpgsqlConnection connection, IEnumerable<string> requiredRelations,
        CancellationToken cancellationToken)
    {
        var required = requiredRelations.Select(RelationName.Parse).Distinct().ToList();
        // pg_class, not information_schema: the latter hides tables the login has no privilege on, which would read as "missing".
        const string sql = """
            SELECT n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname = ANY(@names)
            """;
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("names", required.Select(relation => relation.Name).Distinct().ToArray());

        var existing = new HashSet<RelationName>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                existing.Add(new RelationName(reader.GetString(0), reader.GetString(1)));
        }

        return new SchemaCheckResult(
            required.Where(existing.Contains).Select(relation => relation.ToString()).ToList(),
            required.Where(relation => !existing.Contains(relation)).Select(relation => relation.ToString()).ToList());
    }
}
