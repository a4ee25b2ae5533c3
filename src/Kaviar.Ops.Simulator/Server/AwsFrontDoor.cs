using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Web;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Server;

/// <summary>
/// What AWS's front end does before a service sees a call: authenticate, route by X-Amz-Target or by the
/// SigV4 scope, authorize against the account's IAM policy, inject faults, run the handler on settled state, render errors, log the call.
/// </summary>
internal sealed class AwsFrontDoor
{
    private const string LambdaFunctionsPath = "/2015-03-31/functions/";
    private const string LambdaTagsPath = "/2017-03-31/tags/";
    private const string HostedZonePath = "/2013-04-01/hostedzone/";

    private readonly AccountState _state;
    private readonly CallLog _calls;
    private readonly FaultInjector _faults;
    private readonly Func<AccountState, IEnumerable<IServiceHandler>> _handlersFor;

    // Each region of an account is its own set of resources: the scenario builds the home region, and a request
    // signed for any other region meets that region's own (empty) state, as it would in AWS.
    private readonly Dictionary<string, (AccountState State, Dictionary<string, IServiceHandler> Handlers)> _regions = new(StringComparer.Ordinal);

    public AwsFrontDoor(AccountState state, CallLog calls, FaultInjector faults, Func<AccountState, IEnumerable<IServiceHandler>> handlersFor)
    {
        _state = state;
        _calls = calls;
        _faults = faults;
        _handlersFor = handlersFor;
        _regions[state.Region] = (state, handlersFor(state).ToDictionary(h => h.ServiceName, StringComparer.OrdinalIgnoreCase));
    }

    private (AccountState State, Dictionary<string, IServiceHandler> Handlers) Region(string region)
    {
        lock (_regions)
        {
            if (!_regions.TryGetValue(region, out var entry))
            {
                var state = new AccountState(region, _state.AccountId, _state.Clock, idSeed: region.GetHashCode(), iam: _state.Iam);
                entry = (state, _handlersFor(state).ToDictionary(h => h.ServiceName, StringComparer.OrdinalIgnoreCase));
                _regions[region] = entry;
            }

            return entry;
        }
    }

    /// <summary>The account's regions that have been built or asked about so far: what a global service (Route 53) holds across them.</summary>
    public IReadOnlyList<AccountState> States
    {
        get
        {
            lock (_regions)
            {
                return _regions.Values.Select(r => r.State).ToList();
            }
        }
    }

    /// <returns>The answer, and whether to drop it (<see cref="FaultKind.DropResponse"/>) instead of sending it.</returns>
    public async Task<(SimulatedResponse Response, string RequestId, bool Drop)> HandleAsync(IncomingRequest incoming)
    {
        var requestId = Guid.NewGuid().ToString();
        var receivedAt = _state.Clock.UtcNow;
        ServiceProtocol service;
        string action;
        SimulatedRequest request;
        try
        {
            (service, action, request) = Route(incoming, requestId, receivedAt);
        }
        catch (RoutingException rejected)
        {
            return (Refuse(rejected.Service, rejected.Action, null, false, receivedAt, rejected.Error, requestId), requestId, false);
        }

        var (state, handlers) = Region(request.Region);
        handlers.TryGetValue(service.ServiceName, out var handler);
        var mutating = handler?.IsMutating(action) ?? false;
        try
        {
            // AWS authorizes a call before the service sees it; the account's one policy decides in every region.
            var iamAction = service.IamAction(action);
            if (_state.Iam.IsDenied(iamAction))
            {
                throw AwsErrors.AccessDenied(service, _state.Iam.CallerArn, iamAction);
            }

            var fault = _faults.Take(service.ServiceName, action);
            switch (fault?.Kind)
            {
                case FaultKind.Throttle:
                    throw AwsErrors.Throttling(service);
                case FaultKind.ServerError:
                    throw AwsErrors.ServerError(service);
                case FaultKind.Latency:
                    await DelayAtLeast(fault.Delay).ConfigureAwait(false);
                    break;
            }

            if (handler is null)
            {
                throw AwsErrors.UnknownAction(service, action);
            }

            SimulatedResponse response;
            lock (state.SyncRoot)
            {
                state.Settle();
                response = handler.Handle(request);

                // Consequences due "now" (a scheduler reacting to the change) are part of the call.
                state.Settle();
                if (fault?.Kind == FaultKind.Drift)
                {
                    fault.Drift?.Invoke(state);
                }
            }

            Record(service.ServiceName, action, request.Region, mutating, receivedAt, response, null, requestId);
            return (response, requestId, fault?.Kind == FaultKind.DropResponse);
        }
        catch (AwsErrorException error)
        {
            return (Refuse(service, action, request.Region, mutating, receivedAt, error, requestId), requestId, false);
        }
        catch (Exception bug) when (bug is not OutOfMemoryException)
        {
            // A simulator bug must reach the caller as a 500 it can read, not a dropped connection.
            var error = new AwsErrorException("InternalFailure", bug.ToString(), 500, senderFault: false);
            return (Refuse(service, action, request.Region, mutating, receivedAt, error, requestId), requestId, false);
        }
    }

    // A timer may fire a millisecond before its due time; a latency fault promises at least its delay.
    private static async Task DelayAtLeast(TimeSpan delay)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < delay)
        {
            var remaining = delay - started.Elapsed;
            await Task.Delay(remaining > TimeSpan.FromMilliseconds(1) ? remaining : TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
        }
    }

    private static (ServiceProtocol Service, string Action, SimulatedRequest Request) Route(
        IncomingRequest incoming, string requestId, DateTime receivedAt)
    {
        // ListFunctions comes with or without the trailing slash (the CLI sends none).
        if (incoming.Path.StartsWith(LambdaFunctionsPath, StringComparison.Ordinal) || incoming.Path == LambdaFunctionsPath.TrimEnd('/'))
        {
            return RouteLambda(incoming, requestId, receivedAt);
        }

        if (incoming.Path.StartsWith(LambdaTagsPath, StringComparison.Ordinal))
        {
            return RouteLambdaTags(incoming, requestId, receivedAt);
        }

        if (incoming.Path.StartsWith(HostedZonePath, StringComparison.Ordinal))
        {
            return RouteHostedZone(incoming, requestId, receivedAt);
        }

        var authorization = incoming.Header("Authorization");
        var target = incoming.Header("X-Amz-Target");
        if (target is not null)
        {
            var dot = target.IndexOf('.', StringComparison.Ordinal);
            var prefix = dot < 0 ? target : target[..dot];
            var action = dot < 0 ? string.Empty : target[(dot + 1)..];
            var jsonService = ServiceProtocols.ByJsonTargetPrefix(prefix)
                ?? throw new RoutingException(new ServiceProtocol(prefix, WireProtocol.Json11), action, AwsErrors.UnknownAction(ServiceProtocols.Ecs, target));
            var jsonScope = Authenticate(jsonService, action, authorization);
            var body = string.IsNullOrWhiteSpace(incoming.Body) ? "{}" : incoming.Body;
            JsonElement json;
            try
            {
                using var document = JsonDocument.Parse(body);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new RoutingException(jsonService, action, new AwsErrorException("SerializationException", "Start of structure or map found where not expected."));
            }

            return (jsonService, action, new SimulatedRequest(jsonService.ServiceName, action, jsonScope.Region, receivedAt, null, json, requestId));
        }

        var parameters = QueryParameters(incoming);
        parameters.TryGetValue("Action", out var queryAction);
        queryAction ??= string.Empty;
        parameters.TryGetValue("Version", out var version);

        // Before authentication the only hint of the service is the API version; it picks the error shape.
        var guessed = (version is null ? null : ServiceProtocols.ByQueryVersion(version)) ?? ServiceProtocols.Ec2;
        var scope = Authenticate(guessed, queryAction, authorization);
        var queryService = ServiceProtocols.ByServiceName(scope.Service);
        if (queryService is null || queryService.Protocol is WireProtocol.Json11 or WireProtocol.RestJson or WireProtocol.RestXml)
        {
            throw new RoutingException(guessed, queryAction, AwsErrors.UnknownAction(guessed, queryAction));
        }

        return (queryService, queryAction, new SimulatedRequest(queryService.ServiceName, queryAction, scope.Region, receivedAt, parameters, null, requestId));
    }

    /// <summary>
    /// Lambda is REST: POST /2015-03-31/functions/{FunctionName}/invocations is Invoke, GET
    /// /2015-03-31/functions/{FunctionName}/configuration is GetFunctionConfiguration, GET /2015-03-31/functions/ is
    /// ListFunctions. Path, query and header bindings become the request's parameters, named as in the API model, with
    /// the raw body as Payload.
    /// </summary>
    private static (ServiceProtocol Service, string Action, SimulatedRequest Request) RouteLambda(
        IncomingRequest incoming, string requestId, DateTime receivedAt)
    {
        var service = ServiceProtocols.Lambda;
        var resource = (incoming.Path.Length > LambdaFunctionsPath.Length ? incoming.Path[LambdaFunctionsPath.Length..] : string.Empty).Split('/');
        var named = resource.Length == 2 && resource[0].Length > 0;
        var action = (incoming.Method, named ? resource[1] : null, resource.Length == 1 && resource[0].Length == 0) switch
        {
            ("POST", "invocations", _) => "Invoke",
            ("GET", "configuration", _) => "GetFunctionConfiguration",
            ("PUT", "configuration", _) => "UpdateFunctionConfiguration",
            ("GET", null, true) => "ListFunctions",
            _ => null,
        };
        var scope = Authenticate(service, action ?? $"{incoming.Method} {incoming.Path}", incoming.Header("Authorization"));
        if (action is null || !scope.Service.Equals(service.ServiceName, StringComparison.OrdinalIgnoreCase))
        {
            action ??= $"{incoming.Method} {incoming.Path}";
            throw new RoutingException(service, action, AwsErrors.UnknownAction(service, action));
        }

        var query = HttpUtility.ParseQueryString(incoming.QueryString);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (action == "ListFunctions")
        {
            AddIfPresent(parameters, "Marker", query["Marker"]);
            AddIfPresent(parameters, "MaxItems", query["MaxItems"]);
            return (service, action, new SimulatedRequest(service.ServiceName, action, scope.Region, receivedAt, parameters, null, requestId));
        }

        parameters["FunctionName"] = Uri.UnescapeDataString(resource[0]);
        AddIfPresent(parameters, "Qualifier", query["Qualifier"]);
        if (action == "UpdateFunctionConfiguration")
        {
            parameters["Payload"] = incoming.Body;
        }

        if (action == "Invoke")
        {
            parameters["Payload"] = incoming.Body;
            AddIfPresent(parameters, "InvocationType", incoming.Header("X-Amz-Invocation-Type"));
            AddIfPresent(parameters, "LogType", incoming.Header("X-Amz-Log-Type"));
            AddIfPresent(parameters, "ClientContext", incoming.Header("X-Amz-Client-Context"));
        }

        return (service, action, new SimulatedRequest(service.ServiceName, action, scope.Region, receivedAt, parameters, null, requestId));
    }

    /// <summary>GET /2017-03-31/tags/{ARN} is ListTags, POST is TagResource (the tags in the body); Resource is the function's ARN.</summary>
    private static (ServiceProtocol Service, string Action, SimulatedRequest Request) RouteLambdaTags(
        IncomingRequest incoming, string requestId, DateTime receivedAt)
    {
        var service = ServiceProtocols.Lambda;
        var action = incoming.Method switch
        {
            "GET" => "ListTags",
            "POST" => "TagResource",
            _ => null,
        };
        var scope = Authenticate(service, action ?? $"{incoming.Method} {incoming.Path}", incoming.Header("Authorization"));
        if (action is null || !scope.Service.Equals(service.ServiceName, StringComparison.OrdinalIgnoreCase))
        {
            action ??= $"{incoming.Method} {incoming.Path}";
            throw new RoutingException(service, action, AwsErrors.UnknownAction(service, action));
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Resource"] = Uri.UnescapeDataString(incoming.Path[LambdaTagsPath.Length..]),
            ["Payload"] = incoming.Body,
        };
        return (service, action, new SimulatedRequest(service.ServiceName, action, scope.Region, receivedAt, parameters, null, requestId));
    }

    /// <summary>Route 53 is REST-XML: GET /2013-04-01/hostedzone/{Id} is GetHostedZone.</summary>
    private static (ServiceProtocol Service, string Action, SimulatedRequest Request) RouteHostedZone(IncomingRequest incoming, string requestId, DateTime receivedAt)
    {
        var service = ServiceProtocols.Route53;
        var id = incoming.Path[HostedZonePath.Length..];
        var action = incoming.Method == "GET" && id.Length > 0 && !id.Contains('/') ? "GetHostedZone" : $"{incoming.Method} {incoming.Path}";
        var scope = Authenticate(service, action, incoming.Header("Authorization"));
        if (action != "GetHostedZone" || !scope.Service.Equals(service.ServiceName, StringComparison.OrdinalIgnoreCase))
        {
            throw new RoutingException(service, action, AwsErrors.UnknownAction(service, action));
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["Id"] = Uri.UnescapeDataString(id) };
        return (service, action, new SimulatedRequest(service.ServiceName, action, scope.Region, receivedAt, parameters, null, requestId));
    }

    private static void AddIfPresent(Dictionary<string, string> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters[name] = value;
        }
    }

    private static SigV4Scope Authenticate(ServiceProtocol service, string action, string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw new RoutingException(service, action, AwsErrors.MissingAuthentication(service));
        }

        return SigV4Scope.Parse(authorization)
            ?? throw new RoutingException(service, action, AwsErrors.IncompleteSignature(
                service, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of an AWS4-HMAC-SHA256 signature."));
    }

    private static Dictionary<string, string> QueryParameters(IncomingRequest incoming)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in new[] { incoming.QueryString.TrimStart('?'), incoming.Body })
        {
            var pairs = HttpUtility.ParseQueryString(source);
            foreach (var key in pairs.AllKeys)
            {
                if (key is not null)
                {
                    parameters[key] = pairs[key] ?? string.Empty;
                }
            }
        }

        return parameters;
    }

    private SimulatedResponse Refuse(
        ServiceProtocol service, string action, string? region, bool mutating, DateTime receivedAt, AwsErrorException error, string requestId)
    {
        var response = AwsErrors.Render(service, error, requestId);
        Record(service.ServiceName, action, region, mutating, receivedAt, response, error.Code, requestId);
        return response;
    }

    private void Record(string service, string action, string? region, bool mutating, DateTime at, SimulatedResponse response, string? errorCode, string requestId) =>
        _calls.Record(new RecordedCall(service, action, mutating, at, response.StatusCode, errorCode, requestId) { Region = region });

    private sealed class RoutingException : Exception
    {
        public RoutingException(ServiceProtocol service, string action, AwsErrorException error)
            : base(error.Message)
        {
            Service = service;
            Action = action;
            Error = error;
        }

        public ServiceProtocol Service { get; }

        public string Action { get; }

        public AwsErrorException Error { get; }
    }
}
