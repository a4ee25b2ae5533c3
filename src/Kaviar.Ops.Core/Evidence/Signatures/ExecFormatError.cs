using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// <c>exec /usr/local/bin/docker-entrypoint.sh: exec format error</c>, <c>standard_init_linux.go:228: exec user process
/// caused: exec format error</c>: the image's binaries are for another CPU than the task runs on (an image built on an
/// Apple silicon Mac, ARM64, for a task on X86_64, or the other way round).
/// </summary>
internal sealed class ExecFormatError : PatternSignature
{
    private static readonly Regex[] FormatError = { LogPattern.Of(@"(?:\bexec (?<command>[^\s:""]+): )?exec format error") };

    public override string Id => "ExecFormatError";

    protected override IReadOnlyList<Regex> Wordings => FormatError;

    protected override LogMatch Diagnose(int index, Match match, LogContext context)
    {
        var architecture = context.CpuArchitectureOrDefault;
        var platform = architecture.Equals("ARM64", StringComparison.OrdinalIgnoreCase) ? "linux/arm64" : "linux/amd64";
        var command = match.Group("command");
        var what = command == null ? "The image" : $"The image's {command}";
        var setting = context.CpuArchitecture == null ? "X86_64, as the task definition sets no runtimePlatform" : $"{architecture} (its runtimePlatform)";
        return Found(index,
            $"{what} was built for another CPU architecture than the task runs on: {setting}.",
            LogFacts.Of((LogFacts.Command, command), (LogFacts.Architecture, architecture)),
            manualFix: $"Rebuild and push the image for {platform}: docker buildx build --platform {platform} -t <image> --push . " +
                       "(or set the task definition's runtimePlatform.cpuArchitecture to the architecture the image was built for), then deploy it.");
    }
}
