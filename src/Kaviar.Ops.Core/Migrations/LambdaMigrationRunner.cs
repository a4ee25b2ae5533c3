using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.Lambda;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Lambda.Model;

using Kaviar.Ops.Evidence;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Migrations;

/// <summary>
/// Runs a migration through a migrations-runner Lambda (synchronously, with the log tail) and turns every way it
/// can fail into a <see cref="LambdaMigrationException"/>: a crash or timeout (FunctionError), and a runner that
/// caught its own failure and answered <c>{"status":"error"}</c> with HTTP 200.
/// </summary>
public sealed class LambdaMigrationRunner
{
    private readonly OpsContext _context;
    private readonly IAmazonLambda _lambda;
    private readonly string _region;

    /// <param name="context">Its <see cref="OpsContext.LambdaInvoke"/> client, which never retries an invoke.</param>
    public LambdaMigrationRunner(OpsContext context)
    {
        _context = context;
        _lambda = context.LambdaInvoke;
        _region = context.Region;
    }

    /// <summary>The runner's event: <c>{"action":"run-migration","target":"017"}</c>.</summary>
    public static string BuildPayload(string action, string? target)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action", action);
            if (target != null)
            {
                writer.WriteString("target", target);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Rejects a payload that is not JSON before anything is sent (Lambda would answer InvalidRequestContentException).</summary>
    /// <summary>A migrations runner reads its command from a JSON object; anything else is refused before the function runs.</summary>
    public static void ValidatePayload(string payload)
    {
        JsonValueKind kind;
        try
        {
            using var document = JsonDocument.Parse(payload);
            kind = document.RootElement.ValueKind;
        }
        catch (JsonException ex)
        {
            throw new OpsException(ErrorTable.LambdaMigrationInvalidPayload, $"-Payload is not valid JSON: {ex.Message}", null,
                "Pass a JSON object such as '{\"action\":\"run-migration\",\"target\":\"017\"}', or use -Target.", ex);
        }

        if (kind != JsonValueKind.Object)
        {
            throw new OpsException(ErrorTable.LambdaMigrationInvalidPayload, $"-Payload is a JSON {kind.ToString().ToLowerInvariant()}, not an object.", null,
                "Pass a JSON object such as '{\"action\":\"run-migration\",\"target\":\"017\"}', or use -Target.");
        }
    }

    /// <summary>Invokes the function; returns the result when the migration succeeded and throws otherwise.</summary>
    public async Task<LambdaMigrationResult> InvokeAsync(string functionName, string payload, CancellationToken cancellationToken)
    {
        InvokeResponse response;
        try
        {
            response = await _lambda.InvokeAsync(new InvokeRequest
            {
                FunctionName = functionName,
                InvocationType = "RequestResponse",
                LogType = "Tail",
                Payload = new MemoryStream(Encoding.UTF8.GetBytes(payload)),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException ex)
        {
            throw new LambdaMigrationException(LambdaMigrationProblem.FunctionNotFound,
                $"Lambda function {functionName} was not found in {_region} ({ex.Message}). Check -FunctionName and -Region: aws lambda list-functions --region {_region}.");
        }
        catch (Exception ex) when (MayHaveRun(ex, cancellationToken))
        {
            throw new LambdaMigrationException(LambdaMigrationProblem.OutcomeUnknown, OutcomeUnknown(functionName, _region, ex.Message), target: functionName);
        }

        var result = Read(functionName, payload, response);
        if (result.FunctionError != null)
        {
            throw new LambdaMigrationException(LambdaMigrationProblem.FunctionError,
                $"{functionName} failed ({result.FunctionError}): {result.Message ?? result.ResponsePayload} " +
                await ExplainAsync(result, cancellationToken).ConfigureAwait(false), result);
        }

        if (!result.Succeeded)
        {
            throw new LambdaMigrationException(LambdaMigrationProblem.MigrationFailed,
                $"Migration {result.Migration ?? "(unnamed)"} failed: {functionName} reported status '{result.Status ?? "(none)"}'" +
                (result.Message == null ? "." : $": {result.Message}") + " The database was left as the runner's transaction handling leaves it. " +
                await ExplainAsync(result, cancellationToken).ConfigureAwait(false), result);
        }

        return result;
    }

    /// <summary>
    /// What to say when an invoke may have run and no answer came: how to find out before running it again (the
    /// function's own log, and the schema's migration history).
    /// </summary>
    public static string OutcomeUnknown(string functionName, string region, string why) =>
        $"No answer came from {functionName} ({why}), but the request may have reached it: the migration may have run, or may still be running. " +
        $"Do not invoke it again until you know. Its log shows each invocation's START, END and REPORT lines with the request id: " +
        $"aws logs tail /aws/lambda/{BareName(functionName)} --since 20m --region {region}; Test-PostgresSchema shows which migrations the database has.";

    /// <summary>The function's name without ARN or qualifier: what its log group is named after.</summary>
    private static string BareName(string function)
    {
        var marker = function.IndexOf(":function:", StringComparison.Ordinal);
        var name = marker >= 0 ? function.Substring(marker + ":function:".Length) : function;
        return name.Split(':')[0];
    }

    /// <summary>
    /// A failure after which the function may have run: the connection broke or timed out with no answer (or the answer
    /// broke off mid-read), or Lambda answered 5xx. Errors Lambda answers before running it (4xx, throttling) are not.
    /// </summary>
    private static bool MayHaveRun(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        AmazonUnmarshallingException => true,
        AmazonServiceException service => (int)service.StatusCode >= 500 || service.StatusCode == 0,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => ex is System.Net.Http.HttpRequestException || ex is IOException || ex is System.Net.WebException,
    };

    /// <summary>The base64 X-Amz-Log-Result as lines, without the empty line after the final newline.</summary>
    public static string[] DecodeLogTail(string? logResult)
    {
        if (string.IsNullOrEmpty(logResult))
        {
            return Array.Empty<string>();
        }

        var text = Encoding.UTF8.GetString(Convert.FromBase64String(logResult));
        return text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
    }

    private LambdaMigrationResult Read(string functionName, string payload, InvokeResponse response)
    {
        var body = response.Payload == null ? "" : Encoding.UTF8.GetString(response.Payload.ToArray());
        var result = new LambdaMigrationResult
        {
            Region = _region,
            FunctionName = functionName,
            Payload = SecretRedaction.RedactJson(payload),
            StatusCode = response.StatusCode,
            FunctionError = response.FunctionError,
            ResponsePayload = Shown(body),
            ExecutedVersion = response.ExecutedVersion,
            LogTail = DecodeLogTail(response.LogResult),
        };

        var members = ParseObject(body);
        if (members.HasValue)
        {
            var root = members.Value;
            result.Status = Text(root, "status");
            result.Migration = Text(root, "migration");
            result.Message = Text(root, "message") ?? Text(root, "errorMessage");
        }

        return result;
    }

    /// <summary>
    /// What the function's error and log show, classified as a task's log is, with the function's own security groups
    /// (GetFunctionConfiguration) in the fix; for a database that dropped the connection, the group of the interface that
    /// holds the database's address too, so the repair names both real groups.
    /// </summary>
    private async Task<string> ExplainAsync(LambdaMigrationResult result, CancellationToken cancellationToken)
    {
        var groups = await FunctionGroupsAsync(result.FunctionName, cancellationToken).ConfigureAwait(false);
        var lines = new[] { result.Message ?? result.ResponsePayload }.Concat(result.LogTail).Where(l => !string.IsNullOrEmpty(l)).ToList();
        var diagnosis = LogSignatures.Classify(lines, new LogContext(_region, "") { ContainerName = result.FunctionName, TaskSecurityGroups = groups })
            .FirstOrDefault();
        if (diagnosis == null)
        {
            return "Read LogTail for the function's own output.";
        }

        if (diagnosis.SignatureId is "PostgresConnectionTimeout" or "PostgresConnectionRefused" && groups.Count > 0
            && (diagnosis.Facts.TryGetValue(LogFacts.Address, out var address) || diagnosis.Facts.TryGetValue(LogFacts.Host, out address))
            && System.Net.IPAddress.TryParse(address, out _) && int.TryParse(diagnosis.Facts[LogFacts.Port], out var port)
            && await DatabaseGroupAtAsync(address, cancellationToken).ConfigureAwait(false) is { } databaseGroup)
        {
            return $"{diagnosis.Cause} Check the path with: {Suggest.TestLambdaNetworkPathTo(_region, result.FunctionName, databaseGroup, port)}; " +
                   $"when it is the database's security group that drops it: {Suggest.RepairDatabaseIngress(_region, groups[0], databaseGroup, port)}";
        }

        return diagnosis.FixLine == null ? diagnosis.Cause : $"{diagnosis.Cause} Fix: {diagnosis.FixLine}";
    }

    /// <summary>The function's VPC security groups; none when it is not in a VPC or its configuration cannot be read.</summary>
    private async Task<IReadOnlyList<string>> FunctionGroupsAsync(string functionName, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await _context.Lambda.GetFunctionConfigurationAsync(new GetFunctionConfigurationRequest { FunctionName = functionName }, cancellationToken)
                .ConfigureAwait(false);
            return configuration.VpcConfig?.SecurityGroupIds ?? new List<string>();
        }
        catch (AmazonServiceException)
        {
            return Array.Empty<string>();
        }
    }

    private async Task<string?> DatabaseGroupAtAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            var holder = await new Ec2Network(_context.Ec2, _region).InterfaceAtAsync(address, cancellationToken).ConfigureAwait(false);
            return holder?.Groups?.FirstOrDefault()?.GroupId;
        }
        catch (AmazonServiceException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the runner answered, as it answered it, unless it has secret-looking fields (a runner may echo its event):
    /// then with them masked, as the request's are.
    /// </summary>
    private static string Shown(string body)
    {
        if (!ParseObject(body).HasValue)
        {
            return body;
        }

        var redacted = SecretRedaction.RedactJson(body);
        return redacted == System.Text.Json.Nodes.JsonNode.Parse(body)!.ToJsonString() ? body : redacted;
    }

    private static JsonElement? ParseObject(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            // A runner may answer plain text; the result still carries it verbatim in ResponsePayload.
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        } : null;
}
