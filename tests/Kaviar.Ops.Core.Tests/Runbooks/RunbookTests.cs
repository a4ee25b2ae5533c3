using System;
using System.Collections;
using System.IO;
using System.Text.Json;
using Kaviar.Ops.Runbooks;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Runbooks;

public sealed class RunbookArgumentsTests
{
    [Theory]
    [InlineData(new[] { "npm,run,migrate" }, new[] { "npm", "run", "migrate" })]
    [InlineData(new[] { " users , application_logs ," }, new[] { "users", "application_logs" })]
    [InlineData(new[] { "[\"npx\",\"medusa\",\"db:migrate\"]" }, new[] { "npx", "medusa", "db:migrate" })]
    [InlineData(new[] { "npm", "run", "migrate" }, new[] { "npm", "run", "migrate" })]
    [InlineData(new string[0], new string[0])]
    public void A_list_comes_back_as_its_items_whichever_way_a_scheduler_passed_it(string[] passed, string[] items) =>
        Assert.Equal(items, RunbookArguments.List(passed));

    [Fact]
    public void A_json_object_becomes_a_hashtable_whose_arrays_are_arrays()
    {
        var table = RunbookArguments.Table("{\"status\":[\"ok\",\"degraded\"],\"success\":true,\"count\":2}");

        Assert.Equal(new object[] { "ok", "degraded" }, (object[])table["status"]!);
        Assert.Equal(true, table["Success"]);
        Assert.Equal(2L, table["count"]);
    }

    [Fact]
    public void A_hashtable_stays_and_nothing_is_an_empty_table()
    {
        var given = new Hashtable { ["success"] = true };

        Assert.Same(given, RunbookArguments.Table(given));
        Assert.Empty(RunbookArguments.Table(null));
        Assert.Empty(RunbookArguments.Table("  "));
    }

    [Fact]
    public void Text_that_is_not_the_json_expected_is_refused_without_repeating_it()
    {
        var error = Assert.Throws<ArgumentException>(() => RunbookArguments.Table("{\"password\":\"hunter2\""));

        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Throws<ArgumentException>(() => RunbookArguments.Table("[1,2]"));
        Assert.Throws<ArgumentException>(() => RunbookArguments.List(new[] { "[\"a\"" }));
    }
}

public sealed class RunbookReportTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_report_passes_only_when_every_criterion_passed_and_no_change_was_left_planned()
    {
        var report = new RunbookReport("r", "p", whatIf: false, Start);
        report.AddCriterion("Schema migrated", true, "", "");
        report.AddStep("Run the migrations", RunbookStep.Applied, "Task exited 0.");
        report.Complete(Start.AddSeconds(5));
        Assert.Equal((true, RunbookReport.Succeeded, "1 of 1 criteria passed."), (report.Passed, report.ExitCode, report.Summary));

        var planned = new RunbookReport("r", "p", whatIf: true, Start);
        planned.AddCriterion("Schema migrated", true, "", "");
        planned.AddStep("Run the migrations", RunbookStep.Planned, "Invoke-EcsMigration …");
        planned.Complete(Start);
        Assert.Equal((false, RunbookReport.CriteriaFailed), (planned.Passed, planned.ExitCode));
        Assert.Contains("planned, not made: Run the migrations", planned.Summary);
    }

    [Fact]
    public void A_failed_step_is_exit_code_2_and_a_failed_criterion_1_and_no_criterion_is_no_pass()
    {
        var failedStep = new RunbookReport("r", "p", false, Start);
        failedStep.AddCriterion("a", true, "", "");
        failedStep.AddStep("Deploy", RunbookStep.Failed, "EcsDeploymentFailed: rolled back");
        failedStep.Complete(Start);
        Assert.Equal(RunbookReport.StepFailed, failedStep.ExitCode);

        var failedCriterion = new RunbookReport("r", "p", false, Start);
        failedCriterion.AddCriterion("Listener forwards", false, "404", "Repair-AlbListener …");
        failedCriterion.Complete(Start);
        Assert.Equal((RunbookReport.CriteriaFailed, "0 of 1 criteria passed; failed: Listener forwards."), (failedCriterion.ExitCode, failedCriterion.Summary));

        var empty = new RunbookReport("r", "p", false, Start);
        empty.Complete(Start);
        Assert.False(empty.Passed);
    }

    [Fact]
    public void The_json_file_holds_every_criterion_and_step_with_words_for_statuses_and_no_secret()
    {
        var report = new RunbookReport("Repair-MigrationsAndRouting", "Seed 002", false, Start);
        report.AddCriterion("Database reachable", false, "connect postgres://app:hunter2@db:5432/app refused", "");
        report.AddStep("Run the migrations", RunbookStep.AlreadyInPlace, "DATABASE_PASSWORD=hunter2 in the task");
        report.Complete(Start);
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + "/seed002.json");

        report.WriteJson(path);

        var json = File.ReadAllText(path);
        Assert.DoesNotContain("hunter2", json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("AlreadyInPlace", document.RootElement.GetProperty("Steps")[0].GetProperty("Status").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("ExitCode").GetInt32());
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
