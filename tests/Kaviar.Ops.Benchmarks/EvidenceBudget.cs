using System;
using System.Linq;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;

namespace Kaviar.Ops.Benchmarks;

/// <summary>
/// Section 4: the CloudWatch Logs calls Get-EcsServiceHealth makes to read its evidence, on services whose tasks keep
/// failing (so ECS lists many stopped tasks): bounded by the reader's TasksPerService GetLogEvents
/// per service whatever the number of failures, and none for tasks that never started (they have no stream).
/// FilterLogEvents and GetLogEvents share CloudWatch Logs' per-account rates (5 and 10 a second), so the bound matters.
/// </summary>
internal static class EvidenceBudget
{
    public static void Report(ModuleSession session)
    {
        // The module's own bound, read from the engine it loaded (its own load context: found by assembly name).
        var bound = (int)AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "Kaviar.Ops.Core")
            .GetType("Kaviar.Ops.Evidence.StoppedTaskLogReader", throwOnError: true)!.GetField("TasksPerService")!.GetValue(null)!;
        Console.WriteLine();
        Console.WriteLine("4. CloudWatch Logs calls of one Get-EcsServiceHealth, per service, with failing tasks");
        Console.WriteLine($"   {"Scenario",-52} {"Failed",7} {"GetLogEvents",13} {"Bound",6}  Finding");
        var met = true;
        foreach (var (name, scenario) in new (string, AccountScenario)[]
        {
            ("seed 001, tasks crash: relation does not exist", Scenarios.Seed001Crashing(AppCrashKind.MissingRelation)),
            ("seed 001, tasks time out connecting to Postgres", Scenarios.Seed001Crashing(AppCrashKind.DatabaseConnectionTimedOut, AppRuntime.Go)),
            ("seed 001, tasks never start: secret not found", Scenarios.Seed001FailingToStart(Seed001StartFailure.SecretNotFound)),
        })
        {
            using var account = SimulatedAccount.Start(scenario, new ManualClock());
            session.UseAccount(account.Endpoint, account.Region);
            var failed = account.Read(state => state.Ecs.Tasks.Count(t => t.IsStopping && t.StopCode is "EssentialContainerExited" or "TaskFailedToStart"));
            account.Calls.Clear();
            var health = session.Invoke("Get-EcsServiceHealth $args[0] -Cluster $args[1]", Scenarios.Seed001Service, Scenarios.Seed001Cluster).Output.Single();
            var calls = account.Calls.Snapshot().Count(c => c.Service == "logs");
            var finding = ((System.Collections.IEnumerable)health.Properties["Findings"].Value).Cast<object>()
                .Select(f => (string)System.Management.Automation.PSObject.AsPSObject(f).Properties["Code"].Value)
                .FirstOrDefault(code => code.StartsWith("Log.", StringComparison.Ordinal) || code == "TasksNeverStarted") ?? "(none)";
            met &= calls <= bound;
            Console.WriteLine($"   {name,-52} {failed,7} {calls,13} {bound,6}  {finding}");
        }

        Console.WriteLine($"   Every service within {bound} log calls: {Figures.Goal(met)}");
    }
}
