using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class OutOfMemoryTests
{
    private const string Id = "OutOfMemory";

    [Theory]
    [InlineData("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", "Node.js", "NODE_OPTIONS=--max-old-space-size")]
    [InlineData("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory", "Node.js", "NODE_OPTIONS")]
    [InlineData("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space", "Java", "-XX:MaxRAMPercentage=75")]
    [InlineData("fatal error: runtime: out of memory", "Go", "GOMEMLIMIT")]
    [InlineData("MemoryError", "Python", "Give the task more memory")]
    [InlineData("failed to allocate memory (NoMemoryError)", "Ruby", "Give the task more memory")]
    [InlineData("Unhandled exception. System.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown.", ".NET", "Give the task more memory")]
    public void The_runtime_that_ran_out_is_named_with_its_own_setting(string line, string runtime, string fix)
    {
        var diagnosis = LogSample.Single(Id, line);

        Assert.Equal(runtime, diagnosis.Fact(LogFacts.Runtime));
        Assert.Contains(fix, diagnosis.ManualFix);
    }

    [Fact]
    public void Java_says_which_memory_ran_out()
    {
        var diagnosis = LogSample.Single(Id, "java.lang.OutOfMemoryError: Metaspace");

        Assert.Equal("Metaspace", diagnosis.Fact(LogFacts.Kind));
        Assert.Equal("The Java runtime ran out of memory (Metaspace).", diagnosis.Cause);
    }

    [Theory]
    [InlineData("MemoryErrorHandler registered")]
    [InlineData("Traceback: handled a MemoryErrors counter")]
    public void A_word_that_contains_memoryerror_is_not_one(string line)
    {
        Assert.Empty(LogSample.Classify(line));
    }
}
