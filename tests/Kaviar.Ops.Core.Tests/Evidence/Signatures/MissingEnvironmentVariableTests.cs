using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class MissingEnvironmentVariableTests
{
    private const string Id = "MissingEnvironmentVariable";

    [Theory]
    [InlineData("Error: Missing required environment variable DATABASE_URL", "DATABASE_URL")]
    [InlineData("Error: Missing required environment variable: JWT_SECRET", "JWT_SECRET")]
    [InlineData("Error: environment variable REDIS_URL is required", "REDIS_URL")]
    [InlineData("Error: The STRIPE_API_BASE environment variable is not set", "STRIPE_API_BASE")]
    [InlineData("required key DATABASE_URL missing value", "DATABASE_URL")]
    [InlineData("env: required environment variable \"DATABASE_URL\" is not set", "DATABASE_URL")]
    [InlineData("error: Environment variable not found: DATABASE_URL.", "DATABASE_URL")]
    [InlineData("java.lang.IllegalArgumentException: Could not resolve placeholder 'DATABASE_URL' in value \"${DATABASE_URL}\"", "DATABASE_URL")]
    [InlineData("KeyError: 'DATABASE_URL'", "DATABASE_URL")]
    public void The_missing_variable_is_named_and_added_to_the_container(string line, string variable)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(variable, diagnosis.Fact(LogFacts.Variable));
        Assert.Equal($"The app requires the setting {variable}, which is not in container api's environment.", diagnosis.Cause);
        Assert.StartsWith($"Add {variable} to container api's environment in a new task definition revision", diagnosis.ManualFix);
    }

    [Fact]
    public void A_short_key_error_counts_when_its_traceback_reads_os_environ()
    {
        var diagnosis = LogSample.Single(Id,
            "Traceback (most recent call last):",
            "  File \"/app/main.py\", line 4, in <module>",
            "    PORT = int(os.environ[\"PORT\"])",
            "  File \"<frozen os>\", line 714, in __getitem__",
            "KeyError: 'PORT'");

        Assert.Equal("PORT", diagnosis.Fact(LogFacts.Variable));
        Assert.Equal(new[] { "KeyError: 'PORT'" }, diagnosis.Evidence);
    }

    [Theory]
    [InlineData("KeyError: 'ID'")]
    [InlineData("KeyError: 'user_id'")]
    [InlineData("Error: environment variable value is required")]
    public void A_dictionary_key_or_a_lower_case_word_is_not_an_environment_variable(string line)
    {
        Assert.Empty(LogSample.Classify(line));
    }
}
