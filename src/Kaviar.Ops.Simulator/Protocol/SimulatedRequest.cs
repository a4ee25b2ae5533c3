using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Kaviar.Ops.Simulator.Protocol;

/// <summary>One AWS API call after routing: which service and action, and its decoded parameters.</summary>
public sealed class SimulatedRequest
{
    public SimulatedRequest(string service, string action, string region, DateTime receivedAt,
        IReadOnlyDictionary<string, string>? queryParameters, JsonElement? jsonBody, string? requestId = null)
    {
        RequestId = requestId ?? Guid.NewGuid().ToString();
        Service = service;
        Action = action;
        Region = region;
        ReceivedAt = receivedAt;
        QueryParameters = queryParameters ?? new Dictionary<string, string>();
        JsonBody = jsonBody;
    }

    /// <summary>Echoed in the x-amzn-RequestId header and in Query response bodies.</summary>
    public string RequestId { get; }

    /// <summary>The SigV4 signing name: ec2, elasticloadbalancing, ecs, logs.</summary>
    public string Service { get; }

    public string Action { get; }

    public string Region { get; }

    /// <summary>The simulated clock's time when the call arrived.</summary>
    public DateTime ReceivedAt { get; }

    /// <summary>
    /// Query protocol (EC2, ELBv2): the flattened form parameters, e.g. "GroupId.1" or "Names.member.1".
    /// REST protocol (Lambda): the path, query, header and body bindings, named as in the API model.
    /// </summary>
    public IReadOnlyDictionary<string, string> QueryParameters { get; }

    /// <summary>JSON 1.1 protocol (ECS, Logs): the request body.</summary>
    public JsonElement? JsonBody { get; }
}

/// <summary>What goes back on the wire.</summary>
public sealed class SimulatedResponse
{
    public SimulatedResponse(int statusCode, string contentType, string body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
    }

    public int StatusCode { get; }

    public string ContentType { get; }

    public string Body { get; }

    /// <summary>Response headers beyond Content-Type and x-amzn-RequestId (REST protocols carry members in them).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// An AWS error with its real code (ClusterNotFoundException, InvalidGroup.NotFound, TargetGroupNotFound, …).
/// The protocol layer renders it in the service's own error shape.
/// </summary>
public sealed class AwsErrorException : Exception
{
    public AwsErrorException(string code, string message, int statusCode = 400, bool senderFault = true)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
        SenderFault = senderFault;
    }

    public string Code { get; }

    public int StatusCode { get; }

    public bool SenderFault { get; }
}

/// <summary>One AWS service of the simulated account.</summary>
public interface IServiceHandler
{
    /// <summary>The SigV4 signing name this handler answers for.</summary>
    string ServiceName { get; }

    /// <summary>True when the action changes state (for the call log and -WhatIf proofs).</summary>
    bool IsMutating(string action);

    /// <summary>Runs the action. Called with <see cref="AccountState.SyncRoot"/> held. Throws <see cref="AwsErrorException"/> for AWS errors.</summary>
    SimulatedResponse Handle(SimulatedRequest request);
}
