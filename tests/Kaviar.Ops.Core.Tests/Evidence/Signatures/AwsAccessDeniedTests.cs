using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class AwsAccessDeniedTests
{
    private const string Id = "AwsAccessDenied";

    [Theory]
    [InlineData("AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/api-task-role/8f2c1d9e0b7a4c3d is not authorized to perform: " +
                "secretsmanager:GetSecretValue on resource: prod/api/stripe because no identity-based policy allows the secretsmanager:GetSecretValue action",
        "secretsmanager:GetSecretValue", "prod/api/stripe")]
    [InlineData("botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: " +
                "arn:aws:sts::123456789012:assumed-role/api-task-role/8f2c1d9e0b7a4c3d is not authorized to perform: secretsmanager:GetSecretValue on resource: " +
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api/stripe-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action",
        "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api/stripe-AbCdEf")]
    [InlineData("software.amazon.awssdk.services.s3.model.S3Exception: User: arn:aws:sts::123456789012:assumed-role/api-task-role/8f2c1d9e0b7a4c3d is not authorized " +
                "to perform: s3:PutObject on resource: \"arn:aws:s3:::uploads-bucket/avatars/1.png\" because no identity-based policy allows the s3:PutObject action " +
                "(Service: S3, Status Code: 403, Request ID: 9X2K)",
        "s3:PutObject", "arn:aws:s3:::uploads-bucket/avatars/1.png")]
    public void The_task_role_and_the_action_it_lacks_are_named(string line, string action, string resource)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(action, diagnosis.Fact(LogFacts.Action));
        Assert.Equal(resource, diagnosis.Fact(LogFacts.Resource));
        Assert.Equal("api-task-role", diagnosis.Fact(LogFacts.Role));
        Assert.Equal($"The task role api-task-role may not call {action} on {resource}: no policy of the role allows it.", diagnosis.Cause);
        Assert.StartsWith($"aws iam put-role-policy --role-name api-task-role --policy-name allow-{action.Replace(':', '-')} --policy-document", diagnosis.ManualFix);
        Assert.Contains($"\"Action\":\"{action}\",\"Resource\":\"{resource}\"", diagnosis.ManualFix);
    }

    [Fact]
    public void An_explicit_deny_is_not_fixed_by_an_allow()
    {
        var diagnosis = LogSample.Single(Id,
            "User: arn:aws:sts::123456789012:assumed-role/api-task-role/abc is not authorized to perform: kms:Decrypt on resource: " +
            "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d with an explicit deny in a service control policy");

        Assert.Contains("explicit deny in a service control policy", diagnosis.Cause);
        Assert.DoesNotContain("put-role-policy", diagnosis.ManualFix);
    }
}
