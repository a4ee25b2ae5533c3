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
    /// Environment appears only when the function has variables, as AWS answers.
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
        }.AddIfPresent("Environment", function.Environment.Count == 0 ? null : new JsonObject { ["Variables"] = StringMap(function.Environment) });
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
            case "UpdateFunctionConfiguration":
                return UpdateFunctionConfiguration(request.QueryParameters);
            case "ListTags":
                return new SimulatedResponse(200, "application/json",
                    new JsonObject { ["Tags"] = StringMap(_state.Lambda.RequireFunction(request.QueryParameters["Resource"]).Tags) }.ToJsonString());
            case "TagResource":
                return TagResource(request.QueryParameters);
            default:
                throw AwsErrors.UnknownAction(ServiceProtocols.Lambda, request.Action);
        }
    }

    /// <summary>PUT …/configuration: the timeout (1–900 s) and the environment, refused whole when it sets a reserved key.</summary>
    private SimulatedResponse UpdateFunctionConfiguration(IReadOnlyDictionary<string, string> parameters)
    {
        var function = NamedFunction(parameters);
        var body = new JsonArgs(Body(parameters));
        var timeout = body.Int("Timeout");
        if (timeout is < 1 or > 900)
        {
            throw new AwsErrorException("InvalidParameterValueException",
                $"1 validation error detected: Value '{timeout}' at 'timeout' failed to satisfy constraint: Member must have value {(timeout < 1 ? "greater than or equal to 1" : "less than or equal to 900")}");
        }

        Dictionary<string, string>? environment = null;
        if (body.Element("Environment") is { } given && given.TryGetProperty("Variables", out var variables))
        {
            environment = variables.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            LambdaState.RefuseReservedKeys(environment);
        }

        function.TimeoutSeconds = timeout ?? function.TimeoutSeconds;
        function.Environment = environment ?? function.Environment;
        return new SimulatedResponse(200, "application/json", Configuration(function).ToJsonString());
    }

    /// <summary>POST /2017-03-31/tags/{ARN}: at most 50 tags, keys of 1–128 and values of up to 256 characters, aws: reserved.</summary>
    private SimulatedResponse TagResource(IReadOnlyDictionary<string, string> parameters)
    {
        var function = _state.Lambda.RequireFunction(parameters["Resource"]);
        var body = new JsonArgs(Body(parameters));
        var tags = body.Element("Tags") is { ValueKind: JsonValueKind.Object } given
            ? given.EnumerateObject().Select(t => (Key: t.Name, Value: t.Value.GetString() ?? string.Empty)).ToList()
            : new List<(string Key, string Value)>();
        if (tags.Any(t => t.Key.Length is 0 or > 128 || t.Value.Length > 256 || t.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            || function.Tags.Keys.Union(tags.Select(t => t.Key), StringComparer.Ordinal).Count() > 50)
        {
            throw new AwsErrorException("InvalidParameterValueException", "The tags are not valid: at most 50, keys of 1 to 128 characters not starting with aws:, values of up to 256.");
        }

        foreach (var (key, value) in tags)
        {
            function.Tags[key] = value;
        }

        return new SimulatedResponse(204, "application/json", string.Empty);
    }

    /// <summary>A JSON object of string members: tags, environment variables.</summary>
    private static JsonObject StringMap(IReadOnlyDictionary<string, string> members)
    {
        var json = new JsonObject();
        foreach (var (key, value) in members)
        {
            json[key] = value;
        }

        return json;
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

    /// <summary>A request's JSON body (an empty one reads as {}).</summary>
    private static JsonElement Body(IReadOnlyDictionary<string, string> parameters)
    {
        var payload = parameters.GetValueOrDefault("Payload") is { Length: > 0 } text ? text : "{}";
        RequireJson(payload);
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.Clone();
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
