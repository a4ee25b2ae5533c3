using System;

namespace Kaviar.Ops.Aws;

/// <summary>Reads environment variables; tests substitute a dictionary so precedence can be proven without touching the process.</summary>
public interface IEnvironmentReader
{
    string? Get(string name);
}

public sealed class ProcessEnvironment : IEnvironmentReader
{
    public static readonly ProcessEnvironment Instance = new ProcessEnvironment();

    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
