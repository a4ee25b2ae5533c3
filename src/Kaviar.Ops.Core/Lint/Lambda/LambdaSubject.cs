using System;
using System.Collections.Generic;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Lint.Lambda;

/// <summary>
/// What the Lambda rules read: a function's configuration (live from GetFunctionConfiguration, or a proposed one from a
/// file) and, live, its network path as Test-LambdaNetworkPath checks it. A fact left null is unknown and its rule skips.
/// </summary>
public sealed class LambdaSubject
{
    public LambdaSubject(string functionName, string source)
    {
        FunctionName = functionName;
        Source = source;
    }

    public string FunctionName { get; }

    /// <summary>The function's ARN, or the file's path.</summary>
    public string Source { get; }

    /// <summary>Environment variables; values are read to judge (empty, an ARN) and never shown.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>();

    /// <summary>The tag keys as given; null when the tags were not read.</summary>
    public IReadOnlyList<string>? TagKeys { get; set; }

    /// <summary>Seconds; null when the configuration does not say (Lambda's default is 3).</summary>
    public int? Timeout { get; set; }

    /// <summary>The seconds the function's work needs (a migration's longest run); null when not asked.</summary>
    public int? MinimumTimeout { get; set; }

    /// <summary>The links of the function's network path (Network/WorkloadChecks through LambdaNetworkPathInspector); null offline.</summary>
    public IReadOnlyList<NetworkPathCheck>? NetworkChecks { get; set; }
}
