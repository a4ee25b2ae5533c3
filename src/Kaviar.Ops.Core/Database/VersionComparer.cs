using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace Kaviar.Ops.Database;

/// <summary>Compares dotted numeric versions segment by segment as numbers, so "002" = "2", "1.01" = "1.1" and "10" &gt; "9" (Flyway's rule).</summary>
internal sealed class VersionComparer : IComparer<string?>
{
    public static readonly VersionComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
            return x is null ? (y is null ? 0 : -1) : 1;
        var left = Segments(x);
        var right = Segments(y);
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var comparison = (i < left.Length ? left[i] : BigInteger.Zero).CompareTo(i < right.Length ? right[i] : BigInteger.Zero);
            if (comparison != 0)
                return comparison;
        }

        return 0;
    }

    public static bool AreEqual(string? x, string? y) => x is not null && y is not null && Instance.Compare(x, y) == 0;

    private static BigInteger[] Segments(string version) =>
        version.Split('.').Select(segment => BigInteger.TryParse(segment, out var number) ? number : BigInteger.Zero).ToArray();
}
