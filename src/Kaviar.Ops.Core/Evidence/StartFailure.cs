using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Evidence;

/// <summary>
/// Why ECS never started a task, so it has no log stream: the one reading of the start failures ECS reports
/// (CannotPullContainerError, ResourceInitializationError for secrets, logging or the ENI, capacity).
/// </summary>
public static class StartFailure
{
    /// <summary>Why ECS never started a task, from its stop code and reasons (ECS's "stopped task error messages").</summary>
    public static string Explain(string? stopCode, string? stoppedReason, IEnumerable<string?> containerReasons)
    {
        var reason = string.Join(" ", new[] { stoppedReason }.Concat(containerReasons).Where(r => !string.IsNullOrEmpty(r)));
        string Because(string cause) => $"The task never started, so it has no log stream: {cause}";
        if (Has(reason, "CannotPullContainerError"))
        {
            return Because(Has(reason, "not found")
                ? "its image (or tag) does not exist in the registry."
                : "its image could not be pulled; the subnets need a way to the registry (public IP and internet gateway, NAT, or ecr.api/ecr.dkr/s3 endpoints) and the execution role ecr:GetAuthorizationToken and ecr:BatchGetImage.");
        }

        if (Has(reason, "ResourceInitializationError"))
        {
            // Every registry-auth and secrets failure begins "unable to pull secrets or registry auth": the part after it says which.
            if (Has(reason, "ecr registry auth") || Has(reason, "ecr:GetAuthorizationToken"))
            {
                return Because(Has(reason, "AccessDenied")
                    ? "its execution role may not get ECR registry auth (ecr:GetAuthorizationToken)."
                    : "ECR registry auth could not be fetched; the subnets need a way to ECR (NAT, public IP, or ecr.api/ecr.dkr/s3 endpoints).");
            }

            if (Has(reason, "secret") || Has(reason, "ssm"))
            {
                return Because(Has(reason, "ResourceNotFoundException") || Has(reason, "ParameterNotFound")
                    ? "a secret its task definition names (secrets valueFrom) does not exist."
                    : Has(reason, "AccessDenied")
                        ? "its execution role may not read its secrets (secretsmanager:GetSecretValue, ssm:GetParameters, kms:Decrypt)."
                        : "its secrets could not be retrieved; the subnets need a way to Secrets Manager or SSM (NAT, public IP, or interface endpoints).");
            }

            if (Has(reason, "log stream") || Has(reason, "log group") || Has(reason, "logger"))
            {
                return Because(Has(reason, "AccessDenied")
                    ? "the execution role may not create its log stream (logs:CreateLogStream)."
                    : Has(reason, "does not exist")
                        ? "its awslogs-group does not exist (create it, or set awslogs-create-group)."
                        : "its log stream could not be created; the subnets need a way to CloudWatch Logs.");
            }

            if (Has(reason, "ENI") || Has(reason, "network interface"))
            {
                return Because("its network interface could not be attached (subnet out of addresses, or a security group or subnet that does not exist).");
            }

            return Because("ECS could not prepare it (registry auth, secrets or logging): " + stoppedReason);
        }

        if (Has(reason, "Capacity is unavailable") || Has(reason, "RESOURCE:"))
        {
            return Because("no capacity was available to place it.");
        }

        return Because($"{stopCode}: {stoppedReason}".Trim(' ', ':'));
    }

    private static bool Has(string text, string fragment) => text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0;
}
