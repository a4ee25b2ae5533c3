using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>The runbooks shipped in the module folder, run as a scheduled job would run them, against seed 001.</summary>
public sealed class RunbookTests
{
    private static readonly string Runbooks = Path.Combine(Path.GetDirectoryName(ModuleSession.ManifestPath)!, "Runbooks");

    [Fact]
    public void Validation_runbook_fails_on_the_broken_service_with_every_reason_and_passes_once_healthy()
    {
        const string Validate = "& $args[0] -Cluster kaviar-cluster -ServiceName kaviar-backend-service -SecurityGroup kaviar-ecs-sg";
        var script = Path.Combine(Runbooks, "Test-EcsServiceBehindAlb.ps1");

        using (var broken = SimulatedAccount.Start(Scenarios.Seed001(), new ManualClock()))
        using (var session = new ModuleSession())
        {
            session.UseAccount(broken.Endpoint, broken.Region);
            var error = session.CatchTerminatingError(Validate, script);

            Assert.NotNull(error);
            Assert.Contains("kaviar-backend-service in kaviar-cluster is not healthy", error!.Exception.Message);
            Assert.Contains("Service: 0 of 1 desired tasks are running", error.Exception.Message);
            Assert.Contains("Network:", error.Exception.Message);
            Assert.Contains("Repair-EcsSecurityGroup", error.Exception.Message);
        }

        using (var healthy = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock()))
        using (var session = new ModuleSession())
        {
            session.UseAccount(healthy.Endpoint, healthy.Region);
            var result = session.Invoke(Validate, script);

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            var summary = result.Output.Single(o => o.Properties["Passed"] != null);
            Assert.True((bool)summary.Properties["Passed"].Value);
        }
    }
}
