using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence;

/// <summary>
/// Why ECS never started a task, so it has no log stream: the one reading of the start failures ECS documents
/// (CannotPullContainerError, ResourceInitializationError for registry auth, secrets, logging, environment files, EFS
/// and the ENI, CannotStartContainerError, the runtime's own errors, capacity), each with its cause and the next check.
/// </summary>
public static class StartFailure
{
    /// <summary>The error families of ECS's "stopped tasks error codes" that stop a task before its containers run.</summary>
    private static readonly string[] StartErrors =
    {
        "CannotPullContainerError", "ResourceInitializationError", "CannotStartContainerError", "CannotCreateContainerError",
        "CannotInspectContainerError", "ContainerRuntimeTimeoutError", "DockerTimeoutError", "CannotCreateVolumeError",
        "Timeout waiting for network interface provisioning",
    };

    /// <summary>Errors on ECS's or Fargate's side, not the task's: the service starts another task.</summary>
    private static readonly string[] PlatformErrors =
    {
        "CannotCreateContainerError", "CannotInspectContainerError", "ContainerRuntimeTimeoutError", "DockerTimeoutError",
        "CannotCreateVolumeError", "InternalError",
    };

    /// <summary>The container runtime's words for a command it could not run: exec: "x": executable file not found in $PATH, and the like.</summary>
    private static readonly Regex CommandNotRun = LogPattern.Of(
        @"exec:? ""?(?<command>[^"":]+)""?: (?<why>executable file not found in \$PATH|permission denied|no such file or directory|exec format error)");

    /// <summary>True when the stop code or reasons say the task's containers never ran.</summary>
    public static bool Applies(string? stopCode, string? stoppedReason, IEnumerable<string?> containerReasons)
    {
        var reason = Joined(stoppedReason, containerReasons);
        return stopCode == "TaskFailedToStart" || StartErrors.Any(error => Has(reason, error));
    }

    /// <summary>Why ECS never started a task, from its stop code and reasons (ECS's "stopped task error messages").</summary>
    public static string Explain(string? stopCode, string? stoppedReason, IEnumerable<string?> containerReasons)
    {
        var reason = Joined(stoppedReason, containerReasons);
        var cause = CauseOf(reason) ?? $"{stopCode}: {stoppedReason}".Trim(' ', ':');
        return $"The task never started, so it has no log stream: {cause}";
    }

    private static string? CauseOf(string reason)
    {
        // CannotStartContainerError may carry a ResourceInitializationError from the runtime, so it is read first.
        if (Has(reason, "CannotStartContainerError"))
        {
            return ContainerNotStarted(reason);
        }

        if (Has(reason, "CannotPullContainerError"))
        {
            return ImageNotPulled(reason);
        }

        if (Has(reason, "InsufficientFreeAddressesInSubnet") || Has(reason, "insufficient free addresses"))
        {
            return "its network interface could not be created: the subnet has no free IP addresses left (give the service more subnets, or larger ones).";
        }

        if (Has(reason, "Timeout waiting for network interface provisioning"))
        {
            return "Fargate did not get its network interface ready in time; this is usually transient and ECS starts another task. " +
                   "If it keeps happening, check the subnets' free addresses.";
        }

        if (Has(reason, "ResourceInitializationError"))
        {
            return ResourcesNotInitialized(reason);
        }

        if (PlatformErrors.FirstOrDefault(error => Has(reason, error)) is { } platformError)
        {
            return $"ECS or Fargate failed on its own side ({platformError}); this is usually transient and the service starts another task. " +
                   "If it keeps happening, open an AWS Support case with the task id.";
        }

        if (Has(reason, "Capacity is unavailable") || Has(reason, "RESOURCE:"))
        {
            return "no capacity was available to place it.";
        }

        return null;
    }

    /// <summary>CannotPullContainerError's documented shapes (AWS's "CannotPullContainer task errors"), first match wins.</summary>
    private static readonly Reading[] PullReadings =
    {
        new Reading("Docker Hub's pull rate limit was reached (toomanyrequests) for the address the task pulls from: copy the image to ECR " +
                    "(or use an ECR pull through cache), or pull as a Docker Hub user with repositoryCredentials.",
            "toomanyrequests", "Too Many Requests"),
        new Reading("its image has no variant for the task's platform: build it for the task definition's runtimePlatform cpuArchitecture " +
                    "(X86_64 or ARM64, linux/amd64 or linux/arm64), or set cpuArchitecture to the image's.",
            "no matching manifest", "descriptor matching platform"),
        new Reading("its image does not fit the task's storage (no space left on device): raise the task definition's ephemeralStorage " +
                    "sizeInGiB (up to 200), or make the image smaller.",
            "no space left on device"),
        new Reading("the ECR repository's policy does not let the execution role pull the image: allow the role ecr:BatchGetImage and " +
                    "ecr:GetDownloadUrlForLayer in the repository policy (needed for a repository in another account).",
            "no resource-based policy allows"),
        new Reading("the registry refused the pull (403): the execution role needs ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the " +
                    "repository, and the repository's policy must not deny it.",
            "not authorized to perform", "AccessDenied", "403 Forbidden"),
        new Reading("the registry refused an anonymous pull: the image name is wrong, or the repository is private and the container needs " +
                    "repositoryCredentials (a Secrets Manager secret with the registry's username and password, readable by the execution role).",
            "pull access denied", "may require 'docker login'", "401 Unauthorized"),
        new Reading("the registry's name did not resolve: the VPC needs DNS resolution and DNS hostnames on (and private DNS on its ECR endpoints).",
            "no such host"),
        // A timeout also says "failed to resolve ref", so the network is read before a missing image.
        new Reading("the registry could not be reached in time: the subnets need a way to the registry (public IP and internet gateway, NAT, " +
                    "or ecr.api/ecr.dkr endpoints with the s3 gateway endpoint, which serves ECR's image layers), and the groups must allow HTTPS out.",
            "i/o timeout", "context canceled", "context deadline exceeded", "dial tcp", "Client.Timeout", "request canceled"),
        new Reading("its image (or tag) does not exist in the registry: push it, or point the task definition at a tag that exists.",
            "manifest unknown", "not found", "failed to resolve ref", "repository does not exist"),
    };

    private static string ImageNotPulled(string reason) =>
        Reading.First(PullReadings, reason) ??
        "its image could not be pulled; the subnets need a way to the registry (public IP and internet gateway, NAT, or ecr.api/ecr.dkr/s3 endpoints) " +
        "and the execution role ecr:GetAuthorizationToken and ecr:BatchGetImage.";

    /// <summary>CannotStartContainerError: the image was there, but the runtime could not run the container's command.</summary>
    private static string ContainerNotStarted(string reason)
    {
        var command = CommandNotRun.Match(reason);
        if (!command.Success)
        {
            return "the container runtime could not start a container (CannotStartContainerError): " + reason;
        }

        var name = command.Groups["command"].Value;
        return command.Groups["why"].Value.ToLowerInvariant() switch
        {
            "permission denied" => $"its command {name} is not executable (permission denied): make it executable in the image (chmod +x), " +
                                   "or run it through its interpreter in the task definition's command.",
            "no such file or directory" => $"its command {name} is not in the image (no such file or directory), or it is a script whose #! interpreter " +
                                           "is missing or whose line endings are CRLF.",
            "exec format error" => $"its command {name} is built for another CPU architecture (exec format error): match the image to the task " +
                                   "definition's runtimePlatform cpuArchitecture.",
            _ => $"its command {name} is not in the image (executable file not found in $PATH): correct the task definition's command/entryPoint " +
                 "(or the image's CMD/ENTRYPOINT), or install it in the image.",
        };
    }

    /// <summary>ResourceInitializationError: what Fargate prepares before the containers (registry auth, secrets, logging, files, volumes, ENI).</summary>
    private static string ResourcesNotInitialized(string reason)
    {
        // Every registry-auth and secrets failure begins "unable to pull secrets or registry auth": the part after it says which.
        if (Has(reason, "ecr registry auth") || Has(reason, "ecr:GetAuthorizationToken"))
        {
            return Has(reason, "AccessDenied")
                ? "its execution role may not get ECR registry auth (ecr:GetAuthorizationToken)."
                : "ECR registry auth could not be fetched; the subnets need a way to ECR (NAT, public IP, or ecr.api/ecr.dkr/s3 endpoints).";
        }

        if (Has(reason, "EFS utils") || Has(reason, "EFS volume") || Has(reason, "mount.nfs"))
        {
            return Has(reason, "access denied") || Has(reason, "AccessDenied") || Has(reason, "permission denied")
                ? "its EFS volume refused the mount: with IAM authorization on, the file system policy must allow the task role " +
                  "(elasticfilesystem:ClientMount, and ClientWrite to write), and the access point must belong to that file system."
                : "its EFS volume could not be mounted: the mount target's security group must admit NFS (TCP 2049) from the task's group, " +
                  "and the file system needs a mount target in each of the task's Availability Zones.";
        }

        if (Has(reason, "env file"))
        {
            return Has(reason, "AccessDenied") || Has(reason, "Forbidden")
                ? "its execution role may not read its environmentFiles (s3:GetObject on the object, s3:GetBucketLocation on the bucket)."
                : "its environmentFiles could not be downloaded; the subnets need a way to S3 (NAT, public IP, or the s3 gateway endpoint), and the files must exist.";
        }

        if (Has(reason, "secret") || Has(reason, "from ssm") || Has(reason, "from asm"))
        {
            return SecretsNotFetched(reason);
        }

        if (Has(reason, "log stream") || Has(reason, "log group") || Has(reason, "logger") || Has(reason, "logging driver"))
        {
            return Has(reason, "AccessDenied")
                ? "the execution role may not create its log stream (logs:CreateLogStream)."
                : Has(reason, "does not exist")
                    ? "its awslogs-group does not exist (create it, or set awslogs-create-group)."
                    : "its log stream could not be created; the subnets need a way to CloudWatch Logs.";
        }

        if (Has(reason, "ENI") || Has(reason, "network interface"))
        {
            return "its network interface could not be attached (subnet out of addresses, or a security group or subnet that does not exist).";
        }

        return "ECS could not prepare it (registry auth, secrets, logging or volumes): " + reason;
    }

    /// <summary>
    /// The documented failures of the secrets the execution role fetches from Secrets Manager (asm) or SSM Parameter Store
    /// before the containers start, first match wins: a version is also "not found", and KMS's refusal is also AccessDenied.
    /// </summary>
    private static readonly Reading[] SecretReadings =
    {
        new Reading("a Secrets Manager secret its task definition names has no such JSON key (the key after the secret's ARN in valueFrom): " +
                    "add the key to the secret's value, or correct valueFrom.",
            "did not contain json key"),
        new Reading("the secret version its valueFrom names (the version stage or id after the JSON key) does not exist: correct it, " +
                    "or leave it out to read AWSCURRENT.",
            "VersionId", "VersionStage", "staging label"),
        new Reading("a secret its task definition names (secrets valueFrom) does not exist in the account and region it names.",
            "ResourceNotFoundException", "ParameterNotFound", "invalid ssm parameters", "invalid parameters"),
        new Reading("its execution role may not decrypt its secrets with their KMS key: allow it kms:Decrypt on the customer managed key, " +
                    "in its policy and the key's policy.",
            "Access to KMS", "kms:Decrypt", "AWSKMS", "KMS.", "customer master key"),
        new Reading("its execution role may not read its secrets (secretsmanager:GetSecretValue, ssm:GetParameters, kms:Decrypt).",
            "AccessDenied", "not authorized"),
    };

    private static string SecretsNotFetched(string reason) =>
        Reading.First(SecretReadings, reason) ??
        "its secrets could not be retrieved; the subnets need a way to Secrets Manager or SSM (NAT, public IP, or interface endpoints).";

    private static string Joined(string? stoppedReason, IEnumerable<string?> containerReasons) =>
        string.Join(" ", new[] { stoppedReason }.Concat(containerReasons).Where(r => !string.IsNullOrEmpty(r)));

    private static bool Has(string text, string fragment) => text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>One documented message shape: any of its fragments names it.</summary>
    private sealed class Reading
    {
        private readonly string[] fragments;

        public Reading(string cause, params string[] fragments)
        {
            Cause = cause;
            this.fragments = fragments;
        }

        public string Cause { get; }

        /// <summary>The cause of the first reading a fragment of names, or null.</summary>
        public static string? First(IEnumerable<Reading> readings, string reason) =>
            readings.FirstOrDefault(r => r.fragments.Any(f => Has(reason, f)))?.Cause;
    }
}
