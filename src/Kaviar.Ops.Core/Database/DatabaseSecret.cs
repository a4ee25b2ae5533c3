using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.SecretsManager.Model;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>Reads the RDS-format secret a database login comes from (Secrets Manager), as a secret value.</summary>
public static class DatabaseSecret
{
    public static async Task<SecretValue> ReadAsync(OpsContext context, ResourceReference secret)
    {
        try
        {
            var response = await context.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secret.Identifier }, context.CancellationToken)
                .ConfigureAwait(false);
            return new SecretValue(response.SecretString);
        }
        catch (ResourceNotFoundException ex)
        {
            throw new OpsException(ErrorTable.AwsSecretNotFound, $"Secret '{secret.Input}' was not found in {context.Region}.", secret.Input,
                $"List secrets with 'aws secretsmanager list-secrets --region {context.Region}'.", ex);
        }
    }
}
