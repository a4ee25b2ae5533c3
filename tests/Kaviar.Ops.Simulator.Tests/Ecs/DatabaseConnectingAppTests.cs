using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>What connecting to its DATABASE_URL gives an app in seed 001's task, by the name or address the URL holds.</summary>
public sealed class DatabaseConnectingAppTests
{
    /// <summary>Starts the app as a seed 001 task whose database admits it would, with <paramref name="databaseUrl"/> as its DATABASE_URL.</summary>
    private static ContainerStartOutcome StartWith(Func<AccountState, string> databaseUrl)
    {
        // Just after the first task started: its launch holds its address, groups and subnet.
        var state = Scenarios.Seed001Crashing(AppCrashKind.MissingRelation).WithHistory(TimeSpan.FromSeconds(31)).Build(new ManualClock());
        var launch = state.ServiceTasks().Single(t => t.LastStatus == "RUNNING").Containers.Single().Launch;
        var environment = new Dictionary<string, string>(launch.Environment) { ["DATABASE_URL"] = databaseUrl(state) };
        return new DatabaseConnectingApp(SimulatedApp.KaviarBackend()).OnStart(launch with { Environment = environment });
    }

    private static string DatabaseAddress(AccountState state) =>
        state.Rds.NetworkInterfaceOf(state.Rds.RequireInstance(Scenarios.Seed001DatabaseIdentifier))!.PrivateIpAddress;

    [Fact]
    public void The_rds_endpoint_or_its_address_connects()
    {
        var byName = StartWith(s => $"postgresql://kaviar:pw@{s.Rds.RequireInstance(Scenarios.Seed001DatabaseIdentifier).Address}/kaviar?sslmode=require");
        var byAddress = StartWith(s => $"postgres://kaviar:pw@{DatabaseAddress(s)}:5432/kaviar");

        Assert.Equal((null, "Backend running on port 3001"), (byName.ExitCode, byName.LogLines[^1]));
        Assert.Equal((null, "Backend running on port 3001"), (byAddress.ExitCode, byAddress.LogLines[^1]));
    }

    [Fact]
    public void An_address_no_interface_holds_times_out()
    {
        var outcome = StartWith(_ => "postgres://kaviar:pw@10.0.6.250:5432/kaviar");

        Assert.Equal((1, TimeSpan.FromSeconds(130)), (outcome.ExitCode, outcome.ExitAfter));
        Assert.Contains("\"msg\":\"connect ETIMEDOUT 10.0.6.250:5432\"", outcome.ExitLogLines.Single());
    }

    [Fact]
    public void A_port_the_database_admits_but_does_not_listen_on_is_refused_and_one_it_does_not_admit_times_out()
    {
        var refused = StartWith(s =>
        {
            s.Ec2.AuthorizeIngressFromGroup(s.SecurityGroupId(Scenarios.Seed001DatabaseSecurityGroup), 6432, s.SecurityGroupId("kaviar-ecs-sg"));
            return $"postgres://kaviar:pw@{DatabaseAddress(s)}:6432/kaviar";
        });
        var dropped = StartWith(s => $"postgres://kaviar:pw@{DatabaseAddress(s)}:6432/kaviar");

        Assert.Contains("connect ECONNREFUSED", refused.ExitLogLines.Single());
        Assert.Contains("connect ETIMEDOUT", dropped.ExitLogLines.Single());
    }

    [Fact]
    public void Without_a_database_url_the_app_stops_for_want_of_it()
    {
        var outcome = StartWith(_ => "not a url");

        Assert.Contains("Error: Missing required environment variable DATABASE_URL", outcome.ExitLogLines);
    }
}
