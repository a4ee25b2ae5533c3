using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class EntrypointNotExecutableTests
{
    [Theory]
    [InlineData("exec /app/start.sh: permission denied", "/app/start.sh")]
    [InlineData("exec: \"/app/start.sh\": permission denied", "/app/start.sh")]
    [InlineData("/bin/sh: 1: /app/entrypoint.sh: Permission denied", "/app/entrypoint.sh")]
    [InlineData("standard_init_linux.go:228: exec user process caused: permission denied", null)]
    public void A_command_without_the_execute_bit_is_named(string line, string? command)
    {
        var diagnosis = LogSample.Single("EntrypointNotExecutable", line);

        Assert.Equal(command, diagnosis.Fact(LogFacts.Command));
        Assert.Contains($"RUN chmod +x {command ?? "<file>"}", diagnosis.ManualFix);
    }
}
