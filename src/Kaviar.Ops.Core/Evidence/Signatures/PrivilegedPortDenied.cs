using System.Globalization;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// The app may not listen on a port below 1024 because it runs as a non-root user: Node's <c>listen EACCES: permission
/// denied 0.0.0.0:80</c>, Go's <c>listen tcp :80: bind: permission denied</c>, uvicorn's <c>[Errno 13] error while
/// attempting to bind on address ('0.0.0.0', 80)</c>, Python's <c>PermissionError: [Errno 13] Permission denied</c> raised
/// by a socket's bind, Java's <c>java.net.BindException: Permission denied</c>.
/// </summary>
internal sealed class PrivilegedPortDenied : LineSignature
{
    // Ports below this need root (or CAP_NET_BIND_SERVICE, which Fargate cannot add).
    private const int FirstUnprivilegedPort = 1024;

    // How far up a Python traceback the bind call stands.
    private const int TracebackLines = 3;

    private static readonly Regex[] WithPort =
    {
        LogPattern.Of(@"listen EACCES(?:: permission denied)? (?<address>\S*?):?(?<port>\d{1,5})(?![\w.:])"),
        LogPattern.Of(@"listen tcp (?<address>\S*?):(?<port>\d{1,5}): bind: permission denied"),
        LogPattern.Of(@"\[Errno 13\] error while attempting to bind on address \('(?<address>[^']*)', (?<port>\d{1,5})\)"),
    };

    private static readonly Regex JavaBind = LogPattern.Of(@"java\.net\.BindException: Permission denied");

    private static readonly Regex PythonPermission = LogPattern.Of(@"PermissionError: \[Errno 13\] Permission denied\s*$");

    private static readonly Regex PythonBindFrame = LogPattern.Of(@"\.bind\(|server_bind");

    public override string Id => "PrivilegedPortDenied";

    protected override LogMatch? MatchAt(LogLines lines, int index, LogContext context)
    {
        var line = lines[index];
        int? port = null;
        if (LogPattern.FirstMatch(line, WithPort) is Match match)
        {
            port = int.Parse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            if (port >= FirstUnprivilegedPort)
            {
                return null;
            }
        }
        else if (!JavaBind.IsMatch(line) && !(PythonPermission.IsMatch(line) && RaisedByBind(lines, index)))
        {
            return null;
        }

        var which = port == null ? "a port below 1024" : $"port {port}";
        return Found(index,
            $"The app may not listen on {which}: ports below 1024 need root, and the container runs as a non-root user.",
            LogFacts.Of((LogFacts.Port, port?.ToString(CultureInfo.InvariantCulture))),
            manualFix: "Make the app listen on a port of 1024 or more (such as 8080) and use that port in the container's portMappings and the target group; " +
                       "Fargate cannot grant NET_BIND_SERVICE.");
    }

    private static bool RaisedByBind(LogLines lines, int index) => PythonBindFrame.IsMatch(lines.Preceding(index, TracebackLines));
}
