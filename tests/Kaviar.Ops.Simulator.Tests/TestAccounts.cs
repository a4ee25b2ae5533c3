using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Elbv2;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>Seed 001 accounts on a manual clock, and short-hands for what the lifecycle tests look at.</summary>
internal static class TestAccounts
{
    /// <summary>The seed as its runbook's user finds it: fourteen minutes of failing health checks behind it.</summary>
    public static (SimulatedAccount Account, ManualClock Clock) Seed001(Seed001Variant variant = Seed001Variant.WrongSecurityGroup)
    {
        var clock = new ManualClock();
        return (SimulatedAccount.Start(Scenarios.Seed001(variant), clock), clock);
    }

    /// <summary>The seed at the instant the service was created: its first task has just been launched.</summary>
    public static (SimulatedAccount Account, ManualClock Clock) Seed001AtCreation(
        Seed001Variant variant = Seed001Variant.WrongSecurityGroup, Action<AccountState>? alsoDo = null)
    {
        var clock = new ManualClock();
        var scenario = Scenarios.Seed001(variant).WithHistory(TimeSpan.Zero);
        if (alsoDo is not null)
        {
            scenario = scenario.With(alsoDo);
        }

        return (SimulatedAccount.Start(scenario, clock), clock);
    }

    public static EcsService Service(this AccountState state) =>
        state.Ecs.FindService(state.Ecs.RequireCluster(Scenarios.Seed001Cluster), Scenarios.Seed001Service)!;

    public static TargetGroup TargetGroup(this AccountState state) =>
        state.Elbv2.FindTargetGroupByName(Scenarios.Seed001TargetGroup)!;

    public static string SecurityGroupId(this AccountState state, string name) =>
        state.Ec2.SecurityGroups.Single(g => g.GroupName == name).GroupId;

    /// <summary>Tasks of the service, oldest first.</summary>
    public static EcsTask[] ServiceTasks(this AccountState state) => state.Ecs.TasksOf(state.Service()).ToArray();
}
