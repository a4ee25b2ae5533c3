using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Lambda;

/// <summary>A function's VPC attachment; empty lists for a function outside any VPC.</summary>
public sealed record LambdaVpcConfig(IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds)
{
    public static readonly LambdaVpcConfig None = new(Array.Empty<string>(), Array.Empty<string>());
}

public sealed class LambdaFunction
{
    internal LambdaFunction(string name, string arn, string runtime, int timeoutSeconds, LambdaVpcConfig vpcConfig,
        IReadOnlyDictionary<string, string> environment, ISimulatedFunction code)
    {
        Name = name;
        Arn = arn;
        Runtime = runtime;
        TimeoutSeconds = timeoutSeconds;
        VpcConfig = vpcConfig;
        Environment = environment;
        Code = code;
    }

    public string Name { get; }

    public string Arn { get; }

    public string Runtime { get; }

    public int TimeoutSeconds { get; internal set; }

    public LambdaVpcConfig VpcConfig { get; }

    public IReadOnlyDictionary<string, string> Environment { get; internal set; }

    /// <summary>Case-sensitive keys, as Lambda keeps them.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Replaceable, as a deploy replaces the code of a live function.</summary>
    public ISimulatedFunction Code { get; set; }

    public string LogGroupName => "/aws/lambda/" + Name;
}

/// <summary>The account's Lambda functions. Each gets its /aws/lambda/&lt;name&gt; log group, which invocations write to.</summary>
public sealed class LambdaState
{
    private readonly Dictionary<string, LambdaFunction> _functions = new(StringComparer.Ordinal);

    public LambdaState(AccountState account) => Account = account;

    public AccountState Account { get; }

    public IReadOnlyCollection<LambdaFunction> Functions => _functions.Values;

    public LambdaFunction AddFunction(string name, ISimulatedFunction code, int timeoutSeconds = 30, LambdaVpcConfig? vpcConfig = null,
        IReadOnlyDictionary<string, string>? environment = null, string runtime = "nodejs20.x")
    {
        if (_functions.ContainsKey(name))
        {
            throw new AwsErrorException("ResourceConflictException", $"Function already exist: {name}", 409);
        }

        RefuseReservedKeys(environment ?? new Dictionary<string, string>());
        var function = new LambdaFunction(name, $"arn:aws:lambda:{Account.Region}:{Account.AccountId}:function:{name}", runtime,
            timeoutSeconds, vpcConfig ?? LambdaVpcConfig.None, environment ?? new Dictionary<string, string>(), code);
        _functions.Add(name, function);
        Account.Logs.AddLogGroup(function.LogGroupName);
        return function;
    }

    /// <summary>
    /// The names Lambda sets itself ("Defined runtime environment variables"); CreateFunction and
    /// UpdateFunctionConfiguration refuse an environment that sets any of them.
    /// </summary>
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    public static void RefuseReservedKeys(IReadOnlyDictionary<string, string> environment)
    {
        var reserved = environment.Keys.Where(ReservedKeys.Contains).ToList();
        if (reserved.Count > 0)
        {
            throw new AwsErrorException("InvalidParameterValueException",
                "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys " +
                $"that are currently not supported for modification. Reserved keys used in this request: {string.Join(", ", reserved)}");
        }
    }

    /// <summary>By name, full ARN or partial ARN (123456789012:function:name), as Invoke accepts them.</summary>
    public LambdaFunction? FindFunction(string nameOrArn)
    {
        var name = nameOrArn.Contains(":function:", StringComparison.Ordinal)
            ? nameOrArn[(nameOrArn.IndexOf(":function:", StringComparison.Ordinal) + ":function:".Length)..].Split(':')[0]
            : nameOrArn;
        var function = _functions.GetValueOrDefault(name);
        return function is not null && (name == nameOrArn || function.Arn.EndsWith(nameOrArn, StringComparison.Ordinal)) ? function : null;
    }

    public LambdaFunction RequireFunction(string nameOrArn) =>
        FindFunction(nameOrArn) ?? throw new AwsErrorException(
            "ResourceNotFoundException",
            $"Function not found: {(nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn : $"arn:aws:lambda:{Account.Region}:{Account.AccountId}:function:{nameOrArn}")}",
            404);
}
