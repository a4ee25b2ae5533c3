using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class ExecFormatErrorTests
{
    private const string Id = "ExecFormatError";

    [Theory]
    [InlineData("exec /usr/local/bin/docker-entrypoint.sh: exec format error", "/usr/local/bin/docker-entrypoint.sh")]
    [InlineData("standard_init_linux.go:228: exec user process caused: exec format error", null)]
    [InlineData("standard_init_linux.go:190: exec user process caused \"exec format error\"", null)]
    public void An_image_for_another_cpu_is_rebuilt_for_the_task_s_default_x86_64(string line, string? command)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(command, diagnosis.Fact(LogFacts.Command));
        Assert.Equal("X86_64", diagnosis.Fact(LogFacts.Architecture));
        Assert.Contains("X86_64, as the task definition sets no runtimePlatform", diagnosis.Cause);
        Assert.StartsWith("Rebuild and push the image for linux/amd64: docker buildx build --platform linux/amd64 -t <image> --push .", diagnosis.ManualFix);
    }

    [Fact]
    public void An_arm64_task_names_its_architecture_and_platform()
    {
        var context = LogSample.Context();
        context.CpuArchitecture = "ARM64";

        var diagnosis = LogSample.Single(Id, context, "exec /usr/local/bin/docker-entrypoint.sh: exec format error");

        Assert.Equal("The image's /usr/local/bin/docker-entrypoint.sh was built for another CPU architecture than the task runs on: ARM64 (its runtimePlatform).",
            diagnosis.Cause);
        Assert.Contains("docker buildx build --platform linux/arm64", diagnosis.ManualFix);
    }
}
