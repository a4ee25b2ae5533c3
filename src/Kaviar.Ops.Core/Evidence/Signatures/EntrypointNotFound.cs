using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// The container's command is not in the image: <c>exec: "node": executable file not found in $PATH</c>,
/// <c>exec /app/start.sh: no such file or directory</c> (also what a script with CRLF line endings or a missing #!
/// interpreter gives), Java's <c>Error: Could not find or load main class com.example.App</c> and <c>Unable to access
/// jarfile</c>, .NET's <c>The application to execute does not exist: '/app/Api.dll'</c>, Python's <c>can't open file</c>.
/// </summary>
internal sealed class EntrypointNotFound : LineSignature
{
    private static readonly Regex NotInPath = LogPattern.Of(@"\bexec: ""(?<command>[^""]+)"": executable file not found in \$PATH");

    private static readonly Regex NoSuchFile = LogPattern.Of(
        @"\bexec (?<command>/[^\s:""]+): no such file or directory|exec user process caused:? ""?no such file or directory");

    // The runtime started, the application it was told to run is missing: Java, .NET, Python.
    private static readonly Regex[] ApplicationMissing =
    {
        LogPattern.Of(@"Could not find or load main class (?<command>[\w.$]+)|Unable to access jarfile (?<command>\S+)"),
        LogPattern.Of(@"The application to execute does not exist: '(?<command>[^']+)'|The application '(?<command>[^']+)' does not exist"),
        LogPattern.Of(@"can't open file '(?<command>[^']+)': \[Errno 2\] No such file or directory"),
    };

    public override string Id => "EntrypointNotFound";

    protected override LogMatch? MatchAt(LogLines lines, int index, LogContext context)
    {
        var line = lines[index];
        if (NotInPath.Match(line) is { Success: true } notInPath)
        {
            var command = notInPath.Groups["command"].Value;
            return Found(index, $"The container's command {command} is not installed in the image (not found in $PATH).", Facts(command),
                manualFix: $"Install {command} in the image or give its full path in the task definition's command/entryPoint (or the Dockerfile's " +
                           "CMD/ENTRYPOINT), then rebuild and deploy.");
        }

        if (NoSuchFile.Match(line) is { Success: true } noSuchFile)
        {
            var command = noSuchFile.Group("command");
            return Found(index,
                $"The container's command {command ?? "(its entrypoint)"} cannot be started: the file is not in the image, " +
                "or it is a script whose #! interpreter is missing or whose line endings are CRLF.",
                Facts(command),
                manualFix: "Check the path in the Dockerfile's ENTRYPOINT/CMD and the task definition's command against the image " +
                           $"(docker run --rm --entrypoint ls <image> -l {command ?? "<path>"}); for a script, convert it to LF line endings and install its interpreter.");
        }

        if (LogPattern.FirstMatch(line, ApplicationMissing) is Match application)
        {
            var command = application.Groups["command"].Value;
            return Found(index, $"The application the container starts, {command}, is not in the image.", Facts(command),
                manualFix: "Copy the build output into the image at the path the Dockerfile's ENTRYPOINT/CMD names (check the WORKDIR and the build " +
                           "stage's output folder), or correct that path, then rebuild and deploy.");
        }

        return null;
    }

    private static IReadOnlyDictionary<string, string> Facts(string? command) => LogFacts.Of((LogFacts.Command, command));
}
