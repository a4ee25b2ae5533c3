using System.Collections.Generic;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Health;
using Xunit;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;

namespace Kaviar.Ops.Core.Tests.Ecs;

public sealed class StoppedTaskReasonsTests
{
    [Fact]
    public void A_summary_names_the_apps_exit_not_the_log_router_ECS_stopped_with_SIGTERM()
    {
        var crashed = new EcsTask
        {
            StoppedReason = "Essential container in task exited",
            Containers = new List<Container>
            {
                new Container { Name = "log_router", ExitCode = 143 },
                new Container { Name = "app", ExitCode = 1 },
            },
        };

        Assert.Equal(new[] { "Essential container in task exited (container app exit 1) x2" }, StoppedTaskReasons.Summarize(new[] { crashed, crashed }));
    }

    [Theory]
    [InlineData(143, 0, "app")]
    [InlineData(143, 137, "app")]
    [InlineData(0, 1, "app")]
    [InlineData(143, 143, "log_router")]
    public void The_exit_that_explains_a_stop_is_the_apps_own_code_before_a_clean_exit_before_ECSs_SIGTERM(int routerExit, int appExit, string expected)
    {
        var containers = new[]
        {
            new EcsContainerExit { Name = "log_router", ExitCode = routerExit },
            new EcsContainerExit { Name = "app", ExitCode = appExit },
            new EcsContainerExit { Name = "init" },
        };

        Assert.Equal(expected, ContainerExits.ExplainingStop(containers, c => c.ExitCode)?.Name);
    }
}
