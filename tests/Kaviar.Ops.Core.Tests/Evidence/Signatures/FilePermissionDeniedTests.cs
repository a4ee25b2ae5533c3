using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class FilePermissionDeniedTests
{
    [Theory]
    [InlineData("Error: EACCES: permission denied, open '/app/logs/app.log'", "/app/logs/app.log")]
    [InlineData("Error: EACCES: permission denied, mkdir '/app/uploads'", "/app/uploads")]
    [InlineData("PermissionError: [Errno 13] Permission denied: '/app/data/cache.db'", "/app/data/cache.db")]
    [InlineData("open /app/uploads/tmp-1: permission denied", "/app/uploads/tmp-1")]
    [InlineData("java.io.FileNotFoundException: /app/logs/app.log (Permission denied)", "/app/logs/app.log")]
    [InlineData("System.UnauthorizedAccessException: Access to the path '/app/keys' is denied.", "/app/keys")]
    [InlineData("Errno::EACCES: Permission denied @ rb_sysopen - /app/tmp/pids/server.pid", "/app/tmp/pids/server.pid")]
    public void The_path_the_user_may_not_use_is_named(string line, string path)
    {
        var diagnosis = LogSample.Single("FilePermissionDenied", line);

        Assert.Equal(path, diagnosis.Fact(LogFacts.Path));
        Assert.Equal($"The app may not use {path}: the container's user does not own it in the image.", diagnosis.Cause);
        Assert.Contains($"RUN chown <user> {path}", diagnosis.ManualFix);
    }

    [Fact]
    public void Python_s_bare_permission_error_elsewhere_names_no_path()
    {
        Assert.Null(LogSample.Single("FilePermissionDenied", "PermissionError: [Errno 13] Permission denied").Fact(LogFacts.Path));
    }
}
