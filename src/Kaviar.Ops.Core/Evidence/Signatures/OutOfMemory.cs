using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// The runtime itself ran out of memory: Node's <c>JavaScript heap out of memory</c>, Java's
/// <c>java.lang.OutOfMemoryError: Java heap space</c>, Go's <c>fatal error: runtime: out of memory</c>, Python's
/// <c>MemoryError</c>, Ruby's <c>NoMemoryError</c>, .NET's <c>System.OutOfMemoryException</c>. A heap limit below the
/// container's memory (Node, Java) is raised with a flag; otherwise the task needs more memory or the app a fix.
/// </summary>
internal sealed class OutOfMemory : LineSignature
{
    private const string MoreMemory = "Give the task more memory in a new task definition revision (and the container, if it sets a limit), " +
                                      "or find what grows (a leak, an unbounded cache or batch).";

    private static readonly (string Runtime, Regex Pattern, string Fix)[] Runtimes =
    {
        ("Node.js", LogPattern.Of(@"JavaScript heap out of memory"),
            "Let V8's heap use the container's memory: NODE_OPTIONS=--max-old-space-size=<about 75% of the container's MiB>. If it already does: " + MoreMemory),
        ("Java", LogPattern.Of(@"java\.lang\.OutOfMemoryError(?::\s*(?<detail>[^\r\n]+))?"),
            "Size the heap from the container: JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75. If it already does: " + MoreMemory),
        ("Go", LogPattern.Of(@"fatal error: runtime: out of memory"), "Set GOMEMLIMIT a little below the container's memory. If it is: " + MoreMemory),
        ("Python", LogPattern.CaseSensitive(@"(?:^|[\s:])MemoryError(?::|$)"), MoreMemory),
        ("Ruby", LogPattern.CaseSensitive(@"\bNoMemoryError\b|failed to allocate memory"), MoreMemory),
        (".NET", LogPattern.Of(@"System\.OutOfMemoryException"), MoreMemory),
    };

    public override string Id => "OutOfMemory";

    protected override LogMatch? MatchAt(LogLines lines, int index, LogContext context)
    {
        foreach (var (runtime, pattern, fix) in Runtimes)
        {
            var match = pattern.Match(lines[index]);
            if (match.Success)
            {
                var detail = match.Group("detail")?.Trim();
                return Found(index,
                    $"The {runtime} runtime ran out of memory{(detail == null ? "" : $" ({detail})")}.",
                    LogFacts.Of((LogFacts.Runtime, runtime), (LogFacts.Kind, detail)),
                    manualFix: fix);
            }
        }

        return null;
    }
}
