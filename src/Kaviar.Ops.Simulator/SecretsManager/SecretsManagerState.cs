using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.SecretsManager;

/// <summary>A secret with its current version only (AWSCURRENT), which is all the module reads.</summary>
public sealed class Secret
{
    internal Secret(string name, string arn, string secretString, string versionId, DateTime createdDate)
    {
        Name = name;
        Arn = arn;
        SecretString = secretString;
        VersionId = versionId;
        CreatedDate = createdDate;
    }

    public string Name { get; }

    /// <summary>The name plus Secrets Manager's random six-character suffix.</summary>
    public string Arn { get; }

    public string SecretString { get; }

    public string VersionId { get; }

    public DateTime CreatedDate { get; }
}

public sealed class SecretsManagerState
{
    /// <summary>"-" and six characters after the name in a secret's ARN.</summary>
    private const int RandomSuffixLength = 7;

    private readonly List<Secret> _secrets = new();

    public SecretsManagerState(AccountState account) => Account = account;

    public AccountState Account { get; }

    public IReadOnlyList<Secret> Secrets => _secrets;

    public Secret AddSecret(string name, string secretString)
    {
        var secret = new Secret(name, $"arn:aws:secretsmanager:{Account.Region}:{Account.AccountId}:secret:{name}-{RandomSuffix()}",
            secretString, Account.Ids.Guid().ToString(), Account.Now);
        _secrets.Add(secret);
        return secret;
    }

    /// <summary>By ARN, by partial ARN (without the random suffix) or by name, as GetSecretValue's SecretId accepts them.</summary>
    public Secret? FindSecret(string secretId) =>
        _secrets.Find(s => s.Arn == secretId || s.Name == secretId || s.Arn[..^RandomSuffixLength] == secretId);

    public Secret RequireSecret(string secretId) =>
        FindSecret(secretId) ?? throw new AwsErrorException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

    private string RandomSuffix()
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var hex = Account.Ids.Hex(12);
        return new string(Enumerable.Range(0, 6).Select(i => Alphabet[Convert.ToInt32(hex.Substring(i * 2, 2), 16) % Alphabet.Length]).ToArray());
    }
}
