using System.Management.Automation;
using Kaviar.Ops.Database;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Is the schema migrated: the required relations present or missing, the migration history of every tool found
/// (applied count, last applied, dirty or failed entries), and with -MigrationsPath the files not applied yet.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PostgresSchema", DefaultParameterSetName = ByServer)]
[OutputType(typeof(PostgresSchemaReport))]
public sealed class TestPostgresSchemaCommand : PostgresSchemaCmdlet
{
    protected override void Process() => WriteObject(Report());
}
