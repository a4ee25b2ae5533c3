using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>
/// The secrets ECS fetches with the task execution role before a task's containers start: where each "valueFrom"
/// points, whether the account holds it, and the value that lands in the container's environment. Secrets in another
/// account or region are not held here, so they are not judged and get no value.
/// </summary>
internal sealed class TaskSecrets
{
    public const string SecretsManagerApi = "secretsmanager";
    public const string ParameterStoreApi = "ssm";

    private const string Prefix = "ResourceInitializationError: unable to pull secrets or registry auth: ";

    private readonly AccountState _account;
    private readonly IReadOnlyList<(EcsContainer Container, string Variable, Reference Reference)> _references;

    private TaskSecrets(AccountState account, IReadOnlyList<(EcsContainer, string, Reference)> references)
    {
        _account = account;
        _references = references;
    }

    public static TaskSecrets Of(AccountState account, EcsTask task) => new(account,
        task.Containers.SelectMany(c => c.Definition.Secrets.Select(s => (c, s.Name, Reference.Parse(s.ValueFrom)))).ToList());

    /// <summary>The AWS APIs the fetch calls, Secrets Manager first.</summary>
    public IEnumerable<string> Apis => _references.Select(r => r.Reference.Api).Distinct().OrderBy(api => api == ParameterStoreApi);

    /// <summary>The stopped reason when the task cannot reach <paramref name="api"/> (the fetch times out).</summary>
    public string UnreachableReason(string api) => api == SecretsManagerApi
        ? Prefix + "unable to retrieve secret from asm: There is a connection issue between the task and AWS Secrets Manager. "
            + $"Check your task network configuration. failed to fetch secret {_references.First(r => r.Reference.Api == api).Reference.Id} from secrets manager: "
            + "operation error Secrets Manager: GetSecretValue, https response error StatusCode: 0, RequestID: , canceled, context deadline exceeded"
        : Prefix + "unable to retrieve secrets from ssm: The task cannot pull secrets from AWS Systems Manager. There is a connection issue between "
            + "the task and AWS Systems Manager Parameter Store. Check your task network configuration. "
            + "operation error SSM: GetParameters, https response error StatusCode: 0, RequestID: , canceled, context deadline exceeded";

    /// <summary>The stopped reason for the first secret the account does not hold, or whose JSON key is missing; null when all are there.</summary>
    public string? MissingReason()
    {
        foreach (var (_, _, reference) in _references.Where(r => r.Reference.Api == SecretsManagerApi && r.Reference.IsHeldBy(_account)))
        {
            if (_account.SecretsManager.FindSecret(reference.Id) is not { } secret)
            {
                return Prefix + "execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): "
                    + $"failed to fetch secret {reference.Id} from secrets manager: operation error Secrets Manager: GetSecretValue, "
                    + $"https response error StatusCode: 400, RequestID: {_account.Ids.Guid()}, ResourceNotFoundException: Secrets Manager can't find the specified secret.";
            }

            if (reference.JsonKey is { } key && JsonField(secret.SecretString, key) is null)
            {
                return Prefix + "execution resource retrieval failed: unable to retrieve secret from asm: "
                    + $"retrieved secret from Secrets Manager did not contain json key {key}";
            }
        }

        // GetParameters answers every name it does not hold in InvalidParameters; the agent lists them all.
        var invalid = _references
            .Where(r => r.Reference.Api == ParameterStoreApi && r.Reference.IsHeldBy(_account) && _account.Ssm.FindParameter(r.Reference.Id) is null)
            .Select(r => r.Reference.Id)
            .Distinct()
            .ToList();
        return invalid.Count == 0
            ? null
            : Prefix + "execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): "
                + "invalid ssm parameters: " + string.Join(",", invalid);
    }

    /// <summary>The container's environment with its secrets' values added, as the container sees it.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(EcsContainer container)
    {
        var environment = new Dictionary<string, string>(container.Launch.Environment, StringComparer.Ordinal);
        foreach (var (_, variable, reference) in _references.Where(r => r.Container == container && r.Reference.IsHeldBy(_account)))
        {
            if (ValueOf(reference) is { } value)
            {
                environment[variable] = value;
            }
        }

        return environment;
    }

    private string? ValueOf(Reference reference)
    {
        if (reference.Api == ParameterStoreApi)
        {
            return _account.Ssm.FindParameter(reference.Id)?.Value;
        }

        var secret = _account.SecretsManager.FindSecret(reference.Id)?.SecretString;
        return secret is not null && reference.JsonKey is { } key ? JsonField(secret, key) : secret;
    }

    /// <summary>A top-level field of a JSON secret as the agent injects it: strings bare, other values as JSON text.</summary>
    private static string? JsonField(string secretString, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(secretString);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var field)
                ? field.ValueKind == JsonValueKind.String ? field.GetString() : field.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// One "valueFrom": a Secrets Manager ARN ("arn:aws:secretsmanager:region:account:secret:name-AbCdEf", optionally
    /// with ":json-key:version-stage:version-id") or an SSM parameter by ARN or by name.
    /// </summary>
    private sealed record Reference(string Api, string Id, string? JsonKey, string? Region, string? AccountId)
    {
        public static Reference Parse(string valueFrom)
        {
            var parts = valueFrom.Split(':');
            var isArn = parts.Length >= 6 && parts[0] == "arn";
            if (isArn && parts[2] == "secretsmanager" && parts.Length >= 7)
            {
                var jsonKey = parts.Length > 7 && parts[7].Length > 0 ? parts[7] : null;
                return new Reference(SecretsManagerApi, string.Join(':', parts.Take(7)), jsonKey, parts[3], parts[4]);
            }

            return isArn
                ? new Reference(ParameterStoreApi, valueFrom, null, parts[3], parts[4])
                : new Reference(ParameterStoreApi, valueFrom, null, null, null);
        }

        /// <summary>Names held in the task's own account and region (a bare parameter name always is).</summary>
        public bool IsHeldBy(AccountState account) =>
            (Region is null || Region == account.Region) && (AccountId is null || AccountId == account.AccountId);
    }
}
