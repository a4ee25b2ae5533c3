using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.SecretsManager.Model;

namespace Kaviar.Ops.AwsServices.SecretsManager;

/// <summary>The Secrets Manager operations this module uses, with AWSSDK.SecretsManager signatures.
/// Unlike the SDK it does not extend IAmazonService: that interface gains static abstract members in
/// AWSSDK.Core's net8.0 build, which a netstandard2.0 class cannot implement (TypeLoadException on pwsh 7).
/// Config is declared here instead.
/// </summary>
public interface IAmazonSecretsManager : IDisposable
{
    IClientConfig Config { get; }

    Task<ListSecretsResponse> ListSecretsAsync(ListSecretsRequest request, CancellationToken cancellationToken = default);

    Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default);
}
