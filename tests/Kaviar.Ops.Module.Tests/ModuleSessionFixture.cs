using System;
using Kaviar.Ops.Rehearsal;

namespace Kaviar.Ops.Module.Tests;

/// <summary>One imported module per test class: importing costs about a second.</summary>
public sealed class ModuleSessionFixture : IDisposable
{
    public ModuleSession Session { get; } = new ModuleSession();

    public void Dispose() => Session.Dispose();
}
