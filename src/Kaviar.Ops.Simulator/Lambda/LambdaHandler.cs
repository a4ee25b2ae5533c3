using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Lambda;

/// <summary>
/// Lambda Invoke, ListFunctions and GetFunctionConfiguration over REST-JSON. The front door decodes the HTTP bindings
/// into parameters named as in the API model: FunctionName (path), Qualifier (query), InvocationType and LogType
/// (headers) and Payload (the raw body).
/// </summary>
public sealed class LambdaHandler : IServiceHandler
{
    /// <summary>X-Amz-Log-Result carries at most the last 4 KB of the log.</summary>
    private const int LogTailBytes = 4096;

    private readonly AccountState _state;

    public LambdaHandler(AccountState state) => _state = state;

    public string ServiceName => ServiceProtocols.Lambda.ServiceName;

    /// <summary>Invoke runs code that can change anything, so it counts as mutating (a -WhatIf proof must see it).</summary>
    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    /// <summary>GET /2015-03-31/functions/: every function's configuration, 50 a page by default, Marker to page on.</summary>
    private SimulatedResponse ListFunctions(IReadOnlyDictionary<string, string> parameters)
    {
        var functions = _state.Lambda.Functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var pageSize = int.TryParse(parameters.GetValueOrDefault("MaxItems"), out var max) ? Math.Clamp(max, 1, 50) : 50;
        var (page, next) = PageToken.Slice(functions, parameters.GetValueOrDefault("Marker"), pageSize);
        var body = new JsonObject
        {
            ["Functions"] = new JsonArray(page.Select(f => (JsonNode)Configuration(f)).ToArray()),
        }.AddIfPresent("NextMarker", next);
        return new SimulatedResponse(200, "application/json", body.ToJsonString());
    }

    /// <summary>
    /// A function's FunctionConfiguration, as ListFunctions and GetFunctionConfiguration return it: a function in a
    /// VPC has its subnets, groups and the subnets' VPC; one outside any VPC has empty lists and an empty VpcId.
    /// The environment is left out here: nothing this module reads needs it.
    /// </summary>
    private JsonObject Configuration(LambdaFunction function)
    {
        var vpc = function.VpcConfig;
        var vpcId = vpc.SubnetIds.Select(id => _state.Ec2.FindSubnet(id)?.VpcId).FirstOrDefault(id => id is not null) ?? string.Empty;
        return new JsonObject
        {
            ["FunctionName"] = function.Name,
            ["FunctionArn"] = function.Arn,
            ["Runtime"] = function.Runtime,
            ["Timeout"] = function.TimeoutSeconds,
            ["State"] = "Active",
            ["LastUpdateStatus"] = "Successful",
            ["PackageType"] = "Zip",
            ["VpcConfig"] = new JsonObject
            {
                ["SubnetIds"] = new JsonArray(vpc.SubnetIds.Select(id => (JsonNode)id).ToArray()),
                ["SecurityGroupIds"] = new JsonArray(vpc.SecurityGroupIds.Select(id => (JsonNode)id).ToArray()),
                ["VpcId"] = vpcId,
                ["Ipv6AllowedForDualStack"] = false,
            },
        };
    }

    /// <summary>The function the request's path names; a version or alias other than $LATEST does not exist here.</summary>
    private LambdaFunction NamedFunction(IReadOnlyDictionary<string, string> parameters)
    {
        var function = _state.Lambda.RequireFunction(parameters.GetValueOrDefault("FunctionName") ?? string.Empty);
        if (parameters.GetValueOrDefault("Qualifier") is { } qualifier && qualifier != "$LATEST")
        {
            throw new AwsErrorException("ResourceNotFoundException", $"Function not found: {function.Arn}:{qualifier}", 404);
        }

        return function;
    }

    public SimulatedResponse Handle(SimulatedRequest request)
    {
        switch (request.Action)
        {
            case "ListFunctions":
                return ListFunctions(request.QueryParameters);
            case "GetFunctionConfiguration":
                return new SimulatedResponse(200, "application/json", Configuration(NamedFunction(request.QueryParameters)).ToJsonString());
            case "Invoke":
                return Invoke(request);
            default:
                throw AwsErrors.UnknownAction(ServiceProtocols.Lambda, request.Action);
        }
    }

    private SimulatedResponse Invoke(SimulatedRequest request)
    {
        var parameters = request.QueryParameters;
        var function = NamedFunction(parameters);

        var payload = parameters.GetValueOrDefault("Payload") is { Length: > 0 } body ? body : "{}";
        RequireJson(payload);
        var invocationType = parameters.GetValueOrDefault("InvocationType") ?? "RequestResponse";
        switch (invocationType)
        {
            case "DryRun":
                return new SimulatedResponse(204, "application/json", string.Empty);
            case "Event":
                Run(function, payload, request.RequestId);
                return new SimulatedResponse(202, "application/json", string.Empty);
            case "RequestResponse":
                var (outcome, log) = Run(function, payload, request.RequestId);
                var headers = new Dictionary<string, string> { ["X-Amz-Executed-Version"] = "$LATEST" };
                if (outcome.FunctionError is not null)
                {
                    headers["X-Amz-Function-Error"] = outcome.FunctionError;
                }

                if (parameters.GetValueOrDefault("LogType") == "Tail")
                {
                    headers["X-Amz-Log-Result"] = Convert.ToBase64String(LastBytes(Encoding.UTF8.GetBytes(log), LogTailBytes));
                }

                return new SimulatedResponse(200, "application/json", outcome.Payload) { Headers = headers };
            default:
                throw new AwsErrorException("InvalidParameterValueException",
                    $"1 validation error detected: Value '{invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
    }

    private static void RequireJson(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            throw new AwsErrorException("InvalidRequestContentException", "Could not parse request body into json: Could not parse payload into json");
        }
    }

    /// <summary>Runs the code and writes its log as the Lambda runtime does: START, the lines, END, REPORT.</summary>
    private (FunctionOutcome Outcome, string Log) Run(LambdaFunction function, string payload, string requestId)
    {
        var outcome = function.Code.Invoke(new FunctionInvocation(_state, function, payload));
        var now = _state.Now;
        var stamp = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var lines = new List<string> { $"START RequestId: {requestId} Version: $LATEST" };
        lines.AddRange(outcome.LogLines.Select(line => $"{stamp}\t{requestId}\t{line}"));
        if (outcome.FunctionError is not null)
        {
            lines.Add($"{stamp}\t{requestId}\tERROR\tInvoke Error \t{outcome.Payload}");
        }

        var duration = outcome.Duration.TotalMilliseconds;
        lines.Add($"END RequestId: {requestId}");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {requestId}\tDuration: {duration:F2} ms\tBilled Duration: {Math.Ceiling(duration):F0} ms\tMemory Size: 256 MB\tMax Memory Used: 91 MB\t"));

        var stream = $"{now:yyyy'/'MM'/'dd}/[$LATEST]{_state.Ids.Hex(32)}";
        _state.Logs.AddLogStream(function.LogGroupName, stream);
        _state.Logs.Write(function.LogGroupName, stream, lines.Select(line => (now, line)));
        return (outcome, string.Join("\n", lines) + "\n");
    }

    private static byte[] LastBytes(byte[] bytes, int count) => bytes.Length <= count ? bytes : bytes[^count..];
}
