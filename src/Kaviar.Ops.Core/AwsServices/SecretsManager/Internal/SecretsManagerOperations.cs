using System;
using System.Text.Json;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.Internal;
using Kaviar.Ops.AwsServices.SecretsManager.Model;

namespace Kaviar.Ops.AwsServices.SecretsManager.Internal;

/// <summary>Wire mapping of the Secrets Manager operations (awsJson1_1, PascalCase members, epoch-second timestamps).</summary>
internal static class SecretsManagerOperations
{
    internal static readonly ServiceOperation<GetSecretValueRequest, GetSecretValueResponse> GetSecretValue = Operation<GetSecretValueRequest, GetSecretValueResponse>(
        "GetSecretValue",
        (w, r) =>
        {
            w.Opt("SecretId", r.SecretId);
            w.Opt("VersionId", r.VersionId);
            w.Opt("VersionStage", r.VersionStage);
        },
        body => new GetSecretValueResponse
        {
            ARN = body.Str("ARN"),
            Name = body.Str("Name"),
            VersionId = body.Str("VersionId"),
            SecretString = body.Str("SecretString"),
            CreatedDate = body.EpochSeconds("CreatedDate"),
        });

    internal static readonly ServiceOperation<ListSecretsRequest, ListSecretsResponse> ListSecrets = Operation<ListSecretsRequest, ListSecretsResponse>(
        "ListSecrets",
        (w, r) =>
        {
            w.Opt("MaxResults", r.MaxResults);
            w.Opt("NextToken", r.NextToken);
        },
        body => new ListSecretsResponse
        {
            SecretList = body.List("SecretList", e => new SecretListEntry { ARN = e.Str("ARN"), Name = e.Str("Name") }),
            NextToken = body.Str("NextToken"),
        });

    private static ServiceOperation<TRequest, TResponse> Operation<TRequest, TResponse>(
        string name, Action<Utf8JsonWriter, TRequest> writeMembers, Func<JsonElement, TResponse> read)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse, new() =>
        new ServiceOperation<TRequest, TResponse>(
            new JsonRpcRequestMarshaller<TRequest>("Amazon.SecretsManager", "secretsmanager." + name, "2017-10-17", writeMembers),
            new JsonRpcResponseUnmarshaller<TResponse>(read, SecretsManagerErrors.Create));
}
