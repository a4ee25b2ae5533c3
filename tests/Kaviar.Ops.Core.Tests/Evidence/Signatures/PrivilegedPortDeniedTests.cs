using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PrivilegedPortDeniedTests
{
    private const string Id = "PrivilegedPortDenied";

    [Theory]
    [InlineData("Error: listen EACCES: permission denied 0.0.0.0:80", "80")]
    [InlineData("Error: listen EACCES: permission denied :::443", "443")]
    [InlineData("listen tcp :80: bind: permission denied", "80")]
    [InlineData("ERROR:    [Errno 13] error while attempting to bind on address ('0.0.0.0', 80): permission denied", "80")]
    [InlineData("java.net.BindException: Permission denied", null)]
    public void Binding_a_low_port_as_non_root_is_named(string line, string? port)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(port, diagnosis.Fact(LogFacts.Port));
        Assert.Contains("ports below 1024 need root", diagnosis.Cause);
        Assert.Contains("Fargate cannot grant NET_BIND_SERVICE", diagnosis.ManualFix);
    }

    [Fact]
    public void Python_s_bare_permission_error_counts_when_raised_by_bind()
    {
        LogSample.Single(Id,
            "  File \"/usr/lib/python3.12/socketserver.py\", line 473, in server_bind",
            "    self.socket.bind(self.server_address)",
            "PermissionError: [Errno 13] Permission denied");
    }

    [Fact]
    public void A_high_port_is_not_a_privileged_one()
    {
        Assert.Empty(LogSample.Classify("Error: listen EACCES: permission denied 0.0.0.0:8080"));
    }
}
