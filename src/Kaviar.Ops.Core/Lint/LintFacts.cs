using System;
using System.Collections.Generic;
using System.Linq;
using Kaviar.Ops.AwsServices.ECS.Model;

namespace Kaviar.Ops.Lint;

/// <summary>Readings several rules share: a task definition's containers, case-insensitive tag collisions, reserved variable names.</summary>
public static class LintFacts
{
    public static IReadOnlyList<ContainerDefinition> Containers(this LintSubject subject) =>
        subject.TaskDefinition.ContainerDefinitions ?? new List<ContainerDefinition>();

    /// <summary>An unset essential means essential, as ECS reads it.</summary>
    public static bool IsEssential(this ContainerDefinition container) => container.Essential ?? true;

    /// <summary>
    /// The keys that differ only in case, each group in the order given: IAM (and CloudFormation, which tags IAM roles
    /// with a stack's tags) treats tag keys case-insensitively and refuses the set ("Duplicate tag keys found").
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> CaseInsensitiveDuplicates(IEnumerable<string> keys) =>
        keys.Distinct(StringComparer.Ordinal)
            .GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => (IReadOnlyList<string>)g.ToList())
            .ToList();

    /// <summary>
    /// The names Lambda sets itself and refuses in a function's environment ("Defined runtime environment variables":
    /// InvalidParameterValueException, "Reserved keys used in this request: AWS_REGION").
    /// </summary>
    public static readonly IReadOnlyCollection<string> LambdaReservedNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    /// <summary>
    /// What the ECS agent sets in every container of a task, and what a value in the task definition would displace:
    /// ECS accepts these names, so the damage shows only at run time.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> EcsAgentVariables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "the SDKs' region; Fargate sets it to the task's region",
        ["AWS_DEFAULT_REGION"] = "the CLI's region; Fargate sets it to the task's region",
        ["AWS_EXECUTION_ENV"] = "set by ECS (AWS_ECS_FARGATE, AWS_ECS_EC2)",
        ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "where the SDKs fetch the task role's credentials",
        ["ECS_CONTAINER_METADATA_URI"] = "the task metadata endpoint v3",
        ["ECS_CONTAINER_METADATA_URI_V4"] = "the task metadata endpoint v4",
        ["ECS_AGENT_URI"] = "the agent's endpoint",
        ["AWS_ACCESS_KEY_ID"] = "static credentials, which the SDKs prefer to the task role",
        ["AWS_SECRET_ACCESS_KEY"] = "static credentials, which the SDKs prefer to the task role",
        ["AWS_SESSION_TOKEN"] = "static credentials, which the SDKs prefer to the task role",
    };

    /// <summary>True for a Secrets Manager or SSM reference: an ARN, which a secret-named variable may hold (DB_SECRET_ARN).</summary>
    public static bool IsReference(string value) => value.StartsWith("arn:", StringComparison.Ordinal);
}
