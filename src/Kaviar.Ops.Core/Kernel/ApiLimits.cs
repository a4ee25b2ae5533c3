using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Kernel;

/// <summary>How many items AWS takes in one call of the Describe operations the module batches, and the batching itself.</summary>
public static class ApiLimits
{
    public const int ServicesPerDescribe = 10;
    public const int TasksPerDescribe = 100;
    public const int TargetGroupsPerDescribe = 400;
    public const int LoadBalancersPerDescribe = 20;

    /// <summary>EC2 takes at most 200 values in one filter.</summary>
    public const int Ec2FilterValues = 200;

    public static IEnumerable<IReadOnlyList<T>> Batches<T>(IReadOnlyList<T> items, int size)
    {
        for (var start = 0; start < items.Count; start += size)
        {
            yield return items.Skip(start).Take(size).ToList();
        }
    }
}
