using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// The app may not read or write a file or folder of the image: Node's <c>EACCES: permission denied, open '/app/x'</c>,
/// Python's <c>PermissionError: [Errno 13] Permission denied: '/app/x'</c>, Go's <c>open /app/x: permission denied</c>,
/// Java's <c>FileNotFoundException: /app/x (Permission denied)</c> and <c>AccessDeniedException</c>, .NET's <c>Access to
/// the path '/app/x' is denied</c>, Ruby's <c>Permission denied @ rb_sysopen - /app/x</c>. The container's user does not
/// own what the image put there as root.
/// </summary>
internal sealed class FilePermissionDenied : PatternSignature
{
    private static readonly Regex[] Denied =
    {
        LogPattern.Of(@"EACCES: permission denied, \w+ '(?<path>[^']+)'"),
        LogPattern.Of(@"PermissionError: \[Errno 13\] Permission denied(?:: '(?<path>[^']+)')?"),
        LogPattern.Of(@"\b(?:open|mkdir|remove|rename|stat|lstat|chmod|chown|unlinkat) (?<path>/\S*): permission denied"),
        LogPattern.Of(@"java\.io\.FileNotFoundException: (?<path>\S+) \(Permission denied\)|java\.nio\.file\.AccessDeniedException: (?<path>\S+)"),
        LogPattern.Of(@"Access to the path '(?<path>[^']+)' is denied"),
        LogPattern.Of(@"Permission denied @ \w+ - (?<path>\S+)"),
    };

    public override string Id => "FilePermissionDenied";

    protected override IReadOnlyList<Regex> Wordings => Denied;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var path = match.Group("path");
        return Found(index,
            $"The app may not use {(path == null ? "a file or folder (the log does not say which)" : path)}: the container's user does not own it in the image.",
            LogFacts.Of((LogFacts.Path, path)),
            manualFix: $"Give the container's user {(path == null ? "that path" : path)} in the Dockerfile (COPY --chown=<user> or RUN chown <user> {path ?? "<path>"}), " +
                       "or write to /tmp or a mounted volume instead; then rebuild and deploy.");
    }
}
