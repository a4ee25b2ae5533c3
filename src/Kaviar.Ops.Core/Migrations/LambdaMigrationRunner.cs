using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.Lambda;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Lambda.Model;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Migrations;

/// <summary>
/// Runs a migration through a migrations-runner Lambda (synchronously, with the log tail) and turns every way it
/// can fail into a <see cref="LambdaMigrationException"/>: a crash or timeout (FunctionError), and a runner that
/// caught its own failure and answered <c>{"status":"error"}</c> with HTTP 200.
/// </summary>
public sealed class LambdaMigrationRunner
{
    // Node's "connect ETIMEDOUT 10.0.3.17:5432", Npgsql's and psql's "timeout expired" / "Connection timed out" to host:port.
    private static readonly Regex ConnectTimeout = new Regex(
        @"(ETIMEDOUT|timed out|timeout expired)\D*?(?<host>\d{1,3}(\.\d{1,3}){3}|[\w.-]+):(?<port>\d{2,5})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly IAmazonLambda _lambda;
    private readonly string _region;

    /// <param name="context">Its <see cref="OpsContext.LambdaInvoke"/> client, which never retries an invoke.</param>
    public LambdaMigrationRunner(OpsContext context)
    {
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
            throw new LambdaMigrationException(LambdaMigrationProblem.FunctionError, DescribeFunctionError(result), result);
        }

        if (!result.Succeeded)
        {
            throw new LambdaMigrationException(LambdaMigrationProblem.MigrationFailed,
                $"Migration {result.Migration ?? "(unnamed)"} failed: {functionName} reported status '{result.Status ?? "(none)"}'" +
                (result.Message == null ? "." : $": {result.Message}") + " The database was left as the runner's transaction handling leaves it; read LogTail before retrying.",
                result);
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
            ResponsePayload = body,
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

    private static string DescribeFunctionError(LambdaMigrationResult result)
    {
        var message = $"{result.FunctionName} failed ({result.FunctionError}): {result.Message ?? result.ResponsePayload}";
        var timeout = result.Message == null ? Match.Empty : ConnectTimeout.Match(result.Message);
        if (!timeout.Success)
        {
            return message + " Read LogTail for the function's own output.";
        }

        // A VPC function that times out connecting is almost always dropped by the target's security group.
        var port = timeout.Groups["port"].Value;
        return message + $" The function could not connect to {timeout.Groups["host"].Value}:{port}: its security group is likely not admitted by " +
               $"the database's on port {port}. Add the rule with: Repair-DatabaseIngress -SourceSecurityGroup <function's security group> " +
               $"-DatabaseSecurityGroup <database's security group> -Port {port} (aws lambda get-function-configuration --function-name " +
               $"{result.FunctionName} shows the function's VpcConfig.SecurityGroupIds).";
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
