using System;
using System.Collections.Generic;

namespace Kaviar.Ops.Simulator.Ssm;

/// <summary>A Parameter Store parameter: its current value only, which is all ECS reads when it fills a container's secrets.</summary>
public sealed record SsmParameter(string Name, string Arn, string Type, string Value);

/// <summary>
/// SSM Parameter Store of the simulated account, as scenarios fill it; no API serves it yet, ECS reads it when a task
/// starts.
/// </summary>
public sealed class SsmState
{
    private readonly List<SsmParameter> _parameters = new();

    public SsmState(AccountState account) => Account = account;

    public AccountState Account { get; }

    public IReadOnlyList<SsmParameter> Parameters => _parameters;

    /// <param name="name">"/kaviar/prod/api-key" or a plain "api-key".</param>
    /// <param name="secure">A SecureString (decrypted for ECS) rather than a String.</param>
    public SsmParameter AddParameter(string name, string value, bool secure = true)
    {
        // The ARN's resource is "parameter" followed by the name, with the slash between them only once.
        var arn = $"arn:aws:ssm:{Account.Region}:{Account.AccountId}:parameter/{name.TrimStart('/')}";
        var parameter = new SsmParameter(name, arn, secure ? "SecureString" : "String", value);
        _parameters.Add(parameter);
        return parameter;
    }

    /// <summary>By name or ARN, as GetParameters' Names accepts them.</summary>
    public SsmParameter? FindParameter(string nameOrArn) =>
        _parameters.Find(p => p.Name == nameOrArn || p.Arn == nameOrArn);
}
