using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class EntrypointNotFoundTests
{
    private const string Id = "EntrypointNotFound";

    [Theory]
    [InlineData("exec: \"node\": executable file not found in $PATH", "node")]
    [InlineData("CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"gunicorn\": executable file not found in $PATH: unknown", "gunicorn")]
    [InlineData("exec /app/start.sh: no such file or directory", "/app/start.sh")]
    [InlineData("Error: Could not find or load main class com.example.Application", "com.example.Application")]
    [InlineData("Error: Unable to access jarfile /app/app.jar", "/app/app.jar")]
    [InlineData("The application to execute does not exist: '/app/Api.dll'.", "/app/Api.dll")]
    [InlineData("  The application 'Api.dll' does not exist.", "Api.dll")]
    [InlineData("python: can't open file '/app/main.py': [Errno 2] No such file or directory", "/app/main.py")]
    public void The_missing_command_is_named(string line, string command)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(command, diagnosis.Fact(LogFacts.Command));
        Assert.Contains(command, diagnosis.Cause);
        Assert.NotNull(diagnosis.ManualFix);
    }

    [Fact]
    public void A_script_that_is_missing_may_also_be_one_with_crlf_endings()
    {
        var diagnosis = LogSample.Single(Id, "exec /app/start.sh: no such file or directory");

        Assert.Contains("line endings are CRLF", diagnosis.Cause);
        Assert.Contains("docker run --rm --entrypoint ls <image> -l /app/start.sh", diagnosis.ManualFix);
    }

    [Fact]
    public void Runc_s_message_without_a_path_still_counts()
    {
        Assert.Null(LogSample.Single(Id, "standard_init_linux.go:228: exec user process caused: no such file or directory").Fact(LogFacts.Command));
    }
}
