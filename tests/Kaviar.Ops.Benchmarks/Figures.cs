using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Kaviar.Ops.Benchmarks;

/// <summary>Statistics and formatting shared by the report's sections (invariant culture: the report is copied into reviews).</summary>
internal static class Figures
{
    public static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.OrderBy(v => v).ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Times(double factor) => factor.ToString(factor < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + "x";

    public static string Goal(bool met) => met ? "met" : "MISSED";
}
