using System;

namespace Kaviar.Ops.TestSupport;

/// <summary>moto for a test class's contract tests, started once for its tests.</summary>
public sealed class MotoServerFixture : IDisposable
{
    public MotoServer Server { get; } = MotoServer.Start();

    public void Dispose() => Server.Dispose();
}
