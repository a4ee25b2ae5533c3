using System;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.SecretsManager;

/// <summary>Secrets Manager over JSON 1.1 (X-Amz-Target: secretsmanager.*).</summary>
public sealed class SecretsManagerHandler : IServiceHandler
{
    private readonly AccountState _state;

    public SecretsManagerHandler(AccountState state) => _state = state;

    public string ServiceName => ServiceProtocols.SecretsManager.ServiceName;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request) => request.Action switch
    {
        "GetSecretValue" => JsonWire.Ok(GetSecretValue(new JsonArgs(request.JsonBody))),
        "ListSecrets" => JsonWire.Ok(ListSecrets(new JsonArgs(request.JsonBody))),
        _ => throw AwsErrors.UnknownAction(ServiceProtocols.SecretsManager, request.Action),
    };

    private JsonObject ListSecrets(JsonArgs args)
    {
        var secrets = _state.SecretsManager.Secrets.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var (page, next) = PageToken.Slice(secrets, args.String("NextToken"), Math.Clamp(args.Int("MaxResults") ?? 100, 1, 100));
        return new JsonObject
        {
            ["SecretList"] = new JsonArray(page.Select(s => (JsonNode)new JsonObject { ["ARN"] = s.Arn, ["Name"] = s.Name }).ToArray()),
        }.AddIfPresent("NextToken", next);
    }

    private JsonObject GetSecretValue(JsonArgs args)
    {
        var secretId = args.String("SecretId")
            ?? throw new AwsErrorException("InvalidParameterException", "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null");
        var secret = _state.SecretsManager.RequireSecret(secretId);
        var versionId = args.String("VersionId");
        var stage = args.String("VersionStage");
        if ((versionId is not null && versionId != secret.VersionId) || (stage is not null && stage != "AWSCURRENT"))
        {
            throw new AwsErrorException("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label: " + (stage ?? versionId));
        }

        return new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["VersionId"] = secret.VersionId,
            ["SecretString"] = secret.SecretString,
            ["VersionStages"] = new JsonArray("AWSCURRENT"),
            ["CreatedDate"] = JsonWire.EpochSeconds(secret.CreatedDate),
        };
    }
}
