using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class PortInUseTests
{
    [Theory]
    [InlineData("Error: listen EADDRINUSE: address already in use :::3001", "3001")]
    [InlineData("Error: listen EADDRINUSE :::3001", "3001")]
    [InlineData("listen tcp :8080: bind: address already in use", "8080")]
    [InlineData("OSError: [Errno 98] Address already in use", null)]
    [InlineData("ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): address already in use", "8000")]
    [InlineData("[2026-01-05 10:00:00 +0000] [1] [ERROR] Connection in use: ('0.0.0.0', 8000)", "8000")]
    [InlineData("java.net.BindException: Address already in use", null)]
    [InlineData("Web server failed to start. Port 8080 was already in use.", "8080")]
    [InlineData("System.IO.IOException: Failed to bind to address http://[::]:80: address already in use.", "80")]
    public void A_taken_port_is_named(string line, string? port)
    {
        var diagnosis = LogSample.Single("PortInUse", line);

        Assert.Equal(port, diagnosis.Fact(LogFacts.Port));
        Assert.Contains("share one network namespace", diagnosis.Cause);
        Assert.Contains("portMappings", diagnosis.ManualFix);
    }
}
