using System;
using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence;

public sealed class StartFailureTests
{
    [Theory]
    [InlineData("CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-2.amazonaws.com/app:v9: not found",
        "does not exist in the registry")]
    [InlineData("CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to do request: Head \"https://registry-1.docker.io/v2/\": dial tcp 1.2.3.4:443: i/o timeout",
        "a way to the registry")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-2:123456789012:secret:db from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
        "does not exist")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/exec/abc is not authorized to perform: secretsmanager:GetSecretValue",
        "execution role may not read its secrets")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): RequestError: send request failed caused by: Post \"https://secretsmanager.us-east-2.amazonaws.com/\": dial tcp 10.0.0.1:443: i/o timeout",
        "a way to Secrets Manager")]
    [InlineData("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post \"https://api.ecr.us-east-2.amazonaws.com/\": dial tcp 10.0.0.1:443: i/o timeout",
        "ECR registry auth could not be fetched")]
    [InlineData("ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
        "awslogs-group does not exist")]
    [InlineData("ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: AccessDeniedException: User is not authorized to perform: logs:CreateLogStream",
        "logs:CreateLogStream")]
    [InlineData("ResourceInitializationError: failed to configure ENI: The subnet has insufficient free addresses",
        "network interface")]
    [InlineData("Capacity is unavailable at this time. Please try again later or in a different availability zone", "no capacity")]
    public void Each_start_failure_is_explained(string stoppedReason, string expected)
    {
        var explained = StartFailure.Explain("TaskFailedToStart", stoppedReason, Array.Empty<string>());

        Assert.StartsWith("The task never started, so it has no log stream: ", explained);
        Assert.Contains(expected, explained);
    }

    [Fact]
    public void An_unknown_start_failure_is_quoted_as_ECS_gave_it()
    {
        Assert.EndsWith("TaskFailedToStart: Something new happened", StartFailure.Explain("TaskFailedToStart", "Something new happened", Array.Empty<string>()));
    }
}
