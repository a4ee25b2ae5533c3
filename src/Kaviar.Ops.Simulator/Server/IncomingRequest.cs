using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Simulator.Server;

/// <summary>The parts of an HTTP request that AWS routing looks at; independent of the HTTP stack.</summary>
internal sealed record IncomingRequest(
    string Method,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string ContentType,
    string Body,
    string Path = "/")
{
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
