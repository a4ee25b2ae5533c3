using System.Management.Automation;
using Kaviar.Ops.Database;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Connects to Postgres the way the application will (verify-full by default) and, when it cannot, says why: an
/// untrusted certificate chain (pass the RDS CA bundle), a host-name mismatch, no SSL, a rejected login, a missing
/// database, or no network path.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PostgresConnection", DefaultParameterSetName = ByServer)]
[OutputType(typeof(PostgresProbeResult))]
public sealed class TestPostgresConnectionCommand : PostgresCmdlet
{
    protected override void Process()
    {
        var probe = Await(PostgresConnector.ProbeAsync(ResolveTarget(), CancellationToken));
        WriteObject(probe);
        if (probe.Failure != null)
        {
            WriteFailure(new OpsException(probe.Failure.Code, probe.Failure.Message, probe));
        }
    }
}
