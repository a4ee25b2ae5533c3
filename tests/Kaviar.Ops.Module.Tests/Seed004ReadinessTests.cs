using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>Seed 004's checklist held against its own account: the lint finds every item the seed leaves undone, and nothing once it is done.</summary>
public sealed class Seed004ReadinessTests
{
    private const string Lint = "Test-EcsServiceReadiness $args[0] $args[1]";

    [Fact]
    public void The_seed_as_written_breaks_the_image_the_health_check_container_insights_and_all_four_alarms()
    {
        var findings = Run(Seed004Variant.Healthy);

        Assert.Equal(new[] { "Lint.ContainerInsightsOff", "Lint.EssentialWithoutHealthCheck", "Lint.ImageNotPinned", "Lint.RecommendedAlarmsMissing" },
            findings.Where(f => Text(f, "Severity") != "Info").Select(f => Text(f, "Code")).Distinct().OrderBy(c => c, StringComparer.Ordinal));
        var alarms = findings.Where(f => Text(f, "Code") == "Lint.RecommendedAlarmsMissing").Select(f => Text(f, "Message")).ToList();
        Assert.Equal(4, alarms.Count);
        foreach (var metric in new[] { "CPUUtilization", "MemoryUtilization", "UnHealthyHostCount", "HTTPCode_Target_5XX_Count" })
        {
            Assert.Contains(alarms, message => message.Contains(metric, StringComparison.Ordinal));
        }

        Assert.Contains(":latest", Text(findings.Single(f => Text(f, "Code") == "Lint.ImageNotPinned"), "Message"));
    }

    [Fact]
    public void The_account_with_the_checklist_done_has_no_warning_or_error()
    {
        var findings = Run(Seed004Variant.Ready);

        Assert.DoesNotContain(findings, f => Text(f, "Severity") != "Info");
    }

    private static IReadOnlyList<PSObject> Run(Seed004Variant variant)
    {
        using var account = SimulatedAccount.Start(Scenarios.Seed004(variant), new ManualClock());
        using var session = new ModuleSession();
        session.UseAccount(account.Endpoint, account.Region);
        var result = session.Invoke(Lint, Scenarios.Seed004Cluster, Scenarios.Seed004BackendService);
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(0, account.Calls.CountMutating());
        return ((IEnumerable<object>)Assert.Single(result.Output).Properties["Findings"].Value).Select(PSObject.AsPSObject).ToList();
    }

    private static string Text(PSObject finding, string property) => finding.Properties[property].Value?.ToString() ?? "";
}
