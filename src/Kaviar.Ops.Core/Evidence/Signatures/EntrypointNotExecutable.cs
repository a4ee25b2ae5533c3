using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// <c>exec /app/start.sh: permission denied</c> (runc), <c>exec user process caused: permission denied</c>,
/// <c>exec: "/app/start.sh": permission denied</c>, <c>sh: 1: /app/start.sh: Permission denied</c>: the container's
/// command is a file without the execute bit.
/// </summary>
internal sealed class EntrypointNotExecutable : PatternSignature
{
    private static readonly Regex[] NotExecutable =
    {
        LogPattern.Of(@"\bexec:? ""?(?<command>/[^\s:""]+)""?: permission denied|exec user process caused:? ""?permission denied"),
        LogPattern.Of(@"^(?:/bin/)?(?:sh|bash|ash|dash): (?:\d+: )?(?<command>[^\s:]+): Permission denied"),
    };

    public override string Id => "EntrypointNotExecutable";

    protected override IReadOnlyList<Regex> Wordings => NotExecutable;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var command = match.Group("command");
        return Found(index,
            $"The container's command {command ?? "(its entrypoint)"} cannot be run: the file in the image is not executable.",
            LogFacts.Of((LogFacts.Command, command)),
            manualFix: $"Make it executable in the image (RUN chmod +x {command ?? "<file>"}, or COPY --chmod=755 in the Dockerfile), rebuild, and deploy.");
    }
}
