using System;
using System.Collections.Generic;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Http;

/// <summary>What a smoke test asks: a GET, the status it must answer, and JSON fields that must hold given values.</summary>
public sealed class HttpSmokeRequest
{
    public Uri Uri { get; set; } = new Uri("http://localhost/");

    /// <summary>Sent as the Host header: reach a host-header rule through the load balancer's DNS name.</summary>
    public string? HostHeader { get; set; }

    public IReadOnlyList<int> ExpectedStatus { get; set; } = new[] { 200 };

    /// <summary>Dotted JSON paths and the values each may have (any of them): success = true; status = ok, degraded.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExpectedJson { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class HttpSmokeResult
{
    public Uri Uri { get; set; } = new Uri("http://localhost/");

    public string? HostHeader { get; set; }

    /// <summary>Null when no answer came (connection refused, timeout, DNS).</summary>
    public int? StatusCode { get; set; }

    public long LatencyMilliseconds { get; set; }

    /// <summary>The first 500 characters of the body.</summary>
    public string BodyExcerpt { get; set; } = "";

    public IReadOnlyList<JsonFieldCheck> JsonChecks { get; set; } = Array.Empty<JsonFieldCheck>();

    public bool Passed { get; set; }

    public IReadOnlyList<string> Reasons { get; set; } = Array.Empty<string>();

    /// <summary>True when an Application Load Balancer answered itself (Server: awselb/…), not a target behind it.</summary>
    public bool AnsweredByLoadBalancer { get; set; }

    /// <summary>The command that looks behind a failed answer the load balancer made itself; null when there is none to name.</summary>
    public string? Next { get; set; }

    public int Attempts { get; set; } = 1;

    public DateTime CheckedAt { get; set; }
}

public sealed class JsonFieldCheck
{
    public string Path { get; set; } = "";

    public IReadOnlyList<string> Expected { get; set; } = Array.Empty<string>();

    /// <summary>The value found, as JSON text; null when the field is missing.</summary>
    public string? Actual { get; set; }

    public bool Passed { get; set; }
}

public sealed class HttpSmokeTimeoutException : OpsException
{
    public HttpSmokeTimeoutException(string message, HttpSmokeResult lastResult)
        : base(ErrorTable.HttpSmokeTestTimeout, message, lastResult)
    {
        LastResult = lastResult;
    }

    public HttpSmokeResult LastResult { get; }
}
