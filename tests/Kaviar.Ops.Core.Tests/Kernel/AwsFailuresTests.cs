using System.Net;
using Amazon.Runtime;
using Kaviar.Ops.Kernel;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Kernel;

public sealed class AwsFailuresTests
{
    [Fact]
    public void An_answer_with_an_error_code_names_the_code_and_the_status()
    {
        var failure = AwsFailures.From(new AmazonServiceException("Rate exceeded", ErrorType.Sender, "ThrottlingException", "r-1", HttpStatusCode.BadRequest),
            "eu-west-1", null);

        Assert.Equal(ErrorTable.AwsThrottled, failure.Code);
        Assert.StartsWith("AWS answered ThrottlingException (400) in eu-west-1: Rate exceeded", failure.Message);
    }

    [Fact]
    public void An_answer_without_an_error_code_names_the_HTTP_status_instead()
    {
        // What a proxy or a failing front end answers: a bare 500 with no AWS error in its body.
        var failure = AwsFailures.From(new AmazonServiceException("500 InternalServerError", ErrorType.Unknown, "", "r-2", HttpStatusCode.InternalServerError),
            "eu-west-1", null);

        Assert.Equal(ErrorTable.AwsServiceUnavailable, failure.Code);
        Assert.StartsWith("AWS answered HTTP 500 with no error code in eu-west-1: 500 InternalServerError", failure.Message);
    }
}
