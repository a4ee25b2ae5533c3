using System;
using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence;

/// <summary>One row per start failure ECS documents, in the shape its stoppedReason takes, and the cause it must read.</summary>
public sealed class StartFailureTests
{
    [Theory]
    // CannotPullContainerError: the image, the registry's answer, the way to it.
    [InlineData("CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-2.amazonaws.com/app:v9: 123456789012.dkr.ecr.us-east-2.amazonaws.com/app:v9: not found",
        "does not exist in the registry")]
    [InlineData("CannotPullContainerError: Error response from daemon: manifest for 123456789012.dkr.ecr.us-east-2.amazonaws.com/app:v9 not found: manifest unknown: Requested image not found",
        "does not exist in the registry")]
    [InlineData("CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to do request: Head \"https://registry-1.docker.io/v2/\": dial tcp 1.2.3.4:443: i/o timeout",
        "a way to the registry")]
    [InlineData("CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: failed to do request: Get \"https://prod-us-east-2-starport-layer-bucket.s3.us-east-2.amazonaws.com/abc\": context canceled",
        "s3 gateway endpoint")]
    [InlineData("CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-2.amazonaws.com/app:v9: failed to do request: Head \"https://123456789012.dkr.ecr.us-east-2.amazonaws.com/v2/app/manifests/v9\": dial tcp: lookup 123456789012.dkr.ecr.us-east-2.amazonaws.com: no such host",
        "DNS resolution")]
    [InlineData("CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-2.amazonaws.com/app:v9: pulling from host 123456789012.dkr.ecr.us-east-2.amazonaws.com failed with status code [manifests v9]: 403 Forbidden",
        "execution role needs ecr:BatchGetImage")]
    [InlineData("CannotPullContainerError: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-2:210987654321:repository/app because no resource-based policy allows the ecr:BatchGetImage action",
        "repository's policy does not let the execution role pull")]
    [InlineData("CannotPullContainerError: inspect image has been retried 5 time(s): httpReaderSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/node/manifests/sha256:2bb5: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit",
        "pull rate limit")]
    [InlineData("CannotPullContainerError: Error response from daemon: pull access denied for kaviar/backend, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
        "repositoryCredentials")]
    [InlineData("CannotPullContainerError: pull image manifest has been retried 5 time(s): image Manifest does not contain descriptor matching platform 'linux/arm64'",
        "runtimePlatform cpuArchitecture")]
    [InlineData("CannotPullContainerError: Error response from daemon: no matching manifest for linux/amd64 in the manifest list entries",
        "runtimePlatform cpuArchitecture")]
    [InlineData("CannotPullContainerError: ref pull has been retried 5 time(s): failed to extract layer sha256:4f4fb700ef54: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/42/fs/usr/lib/libnode.so: no space left on device: unknown",
        "ephemeralStorage")]
    // ResourceInitializationError: registry auth and secrets, fetched by the execution role.
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-2:123456789012:secret:db from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
        "does not exist")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: /kaviar/prod/stripe-api-key",
        "does not exist in the account and region")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/exec/abc is not authorized to perform: secretsmanager:GetSecretValue",
        "execution role may not read its secrets")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/exec/abc is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-2:123456789012:parameter/kaviar/prod/stripe-api-key",
        "execution role may not read its secrets")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key password",
        "has no such JSON key")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-2:123456789012:secret:db-AbCdEf from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS",
        "secret version its valueFrom names")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-2:123456789012:secret:db-AbCdEf from secrets manager: InvalidParameter: 1 validation error(s) found. - minimum field size of 32, GetSecretValueInput.VersionId.",
        "secret version its valueFrom names")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-2:123456789012:secret:db-AbCdEf from secrets manager: AccessDeniedException: Access to KMS is not allowed",
        "kms:Decrypt on the customer managed key")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): RequestError: send request failed caused by: Post \"https://secretsmanager.us-east-2.amazonaws.com/\": dial tcp 10.0.0.1:443: i/o timeout",
        "a way to Secrets Manager")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post \"https://api.ecr.us-east-2.amazonaws.com/\": dial tcp 10.0.0.1:443: i/o timeout",
        "ECR registry auth could not be fetched")]
    // ResourceInitializationError: logging, environment files, EFS volumes and the ENI.
    [InlineData("ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
        "awslogs-group does not exist")]
    [InlineData("ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User is not authorized to perform: logs:CreateLogStream",
        "logs:CreateLogStream")]
    [InlineData("ResourceInitializationError: failed to download env files: file download command: non empty error stream: service call has been retried 5 time(s): AccessDenied: Access Denied",
        "s3:GetObject")]
    [InlineData("ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: mount.nfs4: Connection timed out : unsuccessful EFS utils command execution; code: 32",
        "NFS (TCP 2049) from the task's group")]
    [InlineData("ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: b'mount.nfs4: access denied by server while mounting 127.0.0.1:/' : unsuccessful EFS utils command execution; code: 32",
        "file system policy must allow the task role")]
    [InlineData("ResourceInitializationError: failed to configure ENI: The subnet has insufficient free addresses",
        "no free IP addresses")]
    [InlineData("Unexpected EC2 error while attempting to Create Network Interface in subnet 'subnet-0abc': InsufficientFreeAddressesInSubnet",
        "no free IP addresses")]
    [InlineData("Timeout waiting for network interface provisioning to complete.", "network interface ready in time")]
    // CannotStartContainerError: the image is there, its command cannot run.
    [InlineData("CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"gunicorn\": executable file not found in $PATH: unknown",
        "its command gunicorn is not in the image")]
    [InlineData("CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/app/entrypoint.sh\": permission denied: unknown",
        "its command /app/entrypoint.sh is not executable")]
    [InlineData("CannotStartContainerError: failed to get container status: context deadline exceeded", "could not start a container")]
    // The runtime's and ECS's own failures, and capacity.
    [InlineData("CannotInspectContainerError: Could not transition to inspecting; timed out after waiting 30s", "failed on its own side (CannotInspectContainerError)")]
    [InlineData("CannotCreateContainerError: Error response from daemon: Conflict. The container name is already in use", "failed on its own side (CannotCreateContainerError)")]
    [InlineData("ContainerRuntimeTimeoutError: Could not transition to running; timed out after waiting 1m", "failed on its own side (ContainerRuntimeTimeoutError)")]
    [InlineData("InternalError: The server encountered an internal error", "failed on its own side (InternalError)")]
    [InlineData("Capacity is unavailable at this time. Please try again later or in a different availability zone", "no capacity")]
    public void Each_start_failure_is_explained(string stoppedReason, string expected)
    {
        var explained = StartFailure.Explain("TaskFailedToStart", stoppedReason, Array.Empty<string>());

        Assert.StartsWith("The task never started, so it has no log stream: ", explained);
        Assert.Contains(expected, explained);
    }

    [Fact]
    public void A_reason_on_the_container_is_read_like_the_tasks()
    {
        var explained = StartFailure.Explain("TaskFailedToStart", "Task failed to start",
            new[] { null, "CannotPullContainerError: pull image manifest has been retried 5 time(s): image Manifest does not contain descriptor matching platform 'linux/arm64'" });

        Assert.Contains("runtimePlatform cpuArchitecture", explained);
    }

    [Theory]
    [InlineData(null, "CannotStartContainerError: failed to get container status: x", true)]
    [InlineData(null, "Timeout waiting for network interface provisioning to complete.", true)]
    [InlineData("TaskFailedToStart", "Capacity is unavailable at this time.", true)]
    [InlineData("EssentialContainerExited", "Essential container in task exited", false)]
    [InlineData("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/1)", false)]
    public void Only_a_task_whose_containers_never_ran_is_a_start_failure(string? stopCode, string reason, bool applies)
    {
        Assert.Equal(applies, StartFailure.Applies(stopCode, reason, Array.Empty<string>()));
    }

    [Fact]
    public void An_unknown_start_failure_is_quoted_as_ECS_gave_it()
    {
        Assert.EndsWith("TaskFailedToStart: Something new happened", StartFailure.Explain("TaskFailedToStart", "Something new happened", Array.Empty<string>()));
    }
}
