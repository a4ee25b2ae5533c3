using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Benchmarks;

/// <summary>
/// Section 1: the AWS calls of one sweep, by action, against the fewest calls the APIs allow for this account's
/// contents. The per-call limits are AWS's documented ones (botocore's service models, as shipped with aws CLI 1.45):
/// DescribeServices "up to 10 services", ListTasks "up to 100 results" a page, DescribeTasks "up to 100 task IDs",
/// DescribeTargetGroups PageSize max 400 with no limit on TargetGroupArns in the model, DescribeTargetHealth a single
/// TargetGroupArn.
/// </summary>
internal static class CallBudget
{
    private const int ServicesPerDescribe = 10;
    private const int TaskArnsPerListPage = 100;
    private const int TasksPerDescribe = 100;
    private const int TargetGroupsPerPage = 400;
    private const double Goal = 1.1;

    private static readonly string Ecs = ServiceProtocols.Ecs.ServiceName;
    private static readonly string Elbv2 = ServiceProtocols.Elbv2.ServiceName;

    /// <summary>Prints the section; false when the sweep wrote errors or missed services.</summary>
    public static bool Report(SimulatedAccount account, ModuleSweep sweep)
    {
        var minimum = Minimum(account);
        account.Calls.Clear();
        var outcome = sweep.Run();
        var made = account.Calls.Snapshot()
            .GroupBy(c => (c.Service, c.Action))
            .ToDictionary(g => g.Key, g => g.Count());

        Console.WriteLine();
        Console.WriteLine("1. AWS calls of one sweep, against the API minimum");
        Console.WriteLine("   PS> " + sweep.Display);
        Console.WriteLine($"   {"Action",-42} {"Calls",7} {"Minimum",8}  Why the minimum");
        var rows = minimum.Keys.Union(made.Keys).OrderBy(k => k.Service, StringComparer.Ordinal).ThenBy(k => k.Action, StringComparer.Ordinal);
        foreach (var key in rows)
        {
            var (count, why) = minimum.TryGetValue(key, out var budget) ? budget : (0, "not needed");
            Console.WriteLine($"   {key.Service + ":" + key.Action,-42} {made.GetValueOrDefault(key),7} {count,8}  {why}");
        }

        var total = made.Values.Sum();
        var fewest = minimum.Values.Sum(m => m.Count);
        var ratio = (double)total / fewest;
        Console.WriteLine($"   {"Total",-42} {total,7} {fewest,8}");
        Console.WriteLine($"   Ratio {Figures.Times(ratio)} of the minimum (goal <= {Figures.Times(Goal)}: {Figures.Goal(ratio <= Goal)})");
        Console.WriteLine($"   Output: {outcome.Summary}: {(outcome.Complete ? "complete" : "INCOMPLETE")}");
        if (!outcome.Complete && outcome.FirstError.Length > 0)
        {
            Console.WriteLine("   First error: " + outcome.FirstError);
        }

        return outcome.Complete;
    }

    private static Dictionary<(string Service, string Action), (int Count, string Why)> Minimum(SimulatedAccount account)
    {
        var (services, stopped, targetGroups) = account.Read(state =>
        {
            var cluster = state.Ecs.RequireCluster(Scenarios.ScaleCluster);
            return (
                cluster.Services.Count,

                // What ListTasks --desired-status STOPPED lists: tasks ECS is stopping or has stopped.
                state.Ecs.Tasks.Count(t => t.Cluster == cluster && t.IsStopping),
                cluster.Services.SelectMany(s => s.LoadBalancers).Select(lb => lb.TargetGroupArn).Distinct(StringComparer.Ordinal).Count());
        });

        return new Dictionary<(string, string), (int, string)>
        {
            [(Ecs, "DescribeServices")] = (Pages(services, ServicesPerDescribe), $"{services} services, {ServicesPerDescribe} a call"),

            // Listing the cluster's STOPPED tasks once answers for every service; even an empty list takes one call.
            [(Ecs, "ListTasks")] = (Math.Max(1, Pages(stopped, TaskArnsPerListPage)), $"{stopped} stopped tasks listed cluster-wide, {TaskArnsPerListPage} a page"),
            [(Ecs, "DescribeTasks")] = (Pages(stopped, TasksPerDescribe), $"{stopped} stopped tasks, {TasksPerDescribe} a call"),
            [(Elbv2, "DescribeTargetGroups")] = (Pages(targetGroups, TargetGroupsPerPage), $"{targetGroups} target groups by ARN, {TargetGroupsPerPage} a page"),
            [(Elbv2, "DescribeTargetHealth")] = (targetGroups, "one target group a call"),
        };
    }

    private static int Pages(int items, int perPage) => (items + perPage - 1) / perPage;
}
