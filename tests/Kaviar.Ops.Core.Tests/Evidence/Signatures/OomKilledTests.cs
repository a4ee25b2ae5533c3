using System;
using Kaviar.Ops.Evidence;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence.Signatures;

public sealed class OomKilledTests
{
    private const string Id = "OomKilled";

    private static LogContext Exited(int code, bool? onItsOwn, string? reason = null)
    {
        var context = LogSample.Context();
        context.ExitCode = code;
        context.ExitedOnItsOwn = onItsOwn;
        context.ContainerReason = reason;
        return context;
    }

    [Fact]
    public void A_container_that_exits_137_on_its_own_was_most_likely_oom_killed_even_with_no_line()
    {
        var diagnosis = LogSample.Single(Id, Exited(137, onItsOwn: true), Array.Empty<string>());

        Assert.StartsWith("Container api was killed with SIGKILL (exit code 137) while ECS was not stopping it: most likely the kernel's OOM killer", diagnosis.Cause);
        Assert.Equal(new[] { "Container api exit code: 137" }, diagnosis.Evidence);
        Assert.Equal("137", diagnosis.Fact(LogFacts.ExitCode));
    }

    [Fact]
    public void Exit_137_after_ecs_stopped_the_task_is_only_its_sigkill()
    {
        Assert.Empty(LogSignatures.Classify(Array.Empty<string>(), Exited(137, onItsOwn: false)));
    }

    [Fact]
    public void When_it_is_not_known_who_stopped_it_both_readings_are_said()
    {
        var diagnosis = LogSample.Single(Id, Exited(137, onItsOwn: null), Array.Empty<string>());

        Assert.Contains("likely the kernel's OOM killer", diagnosis.Cause);
        Assert.Contains("unless ECS was stopping the task", diagnosis.Cause);
    }

    [Fact]
    public void Ecs_s_own_reason_settles_it()
    {
        var diagnosis = LogSample.Single(Id, Exited(137, onItsOwn: false, "OutOfMemoryError: Container killed due to memory usage"), Array.Empty<string>());

        Assert.Equal("ECS reports that container api was killed for using more memory than its limit.", diagnosis.Cause);
        Assert.Equal(new[] { "Container api exit code: 137", "ECS container reason: OutOfMemoryError: Container killed due to memory usage" }, diagnosis.Evidence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(143)]
    public void Other_exit_codes_say_nothing_of_memory(int code)
    {
        Assert.Empty(LogSignatures.Classify(Array.Empty<string>(), Exited(code, onItsOwn: true)));
    }

    [Fact]
    public void It_comes_after_what_the_lines_show()
    {
        var diagnoses = LogSignatures.Classify(new[] { "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory" }, Exited(137, true));

        Assert.Equal(new[] { "OutOfMemory", Id }, LogSample.Ids(diagnoses));
    }
}
