using System;
using System.Linq;
using Kaviar.Ops.Evidence;
using Kaviar.Ops.Kernel;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence;

public sealed class LogSignaturesTests
{
    [Fact]
    public void Lines_no_signature_knows_give_nothing()
    {
        Assert.Empty(LogSample.Classify(
            "Server listening on port 3000",
            "GET /health 200 3ms",
            "TypeError: Cannot read properties of undefined (reading 'id')",
            "    at OrderService.place (/app/src/orders.js:42:17)"));
    }

    [Fact]
    public void No_lines_and_an_ordinary_exit_give_nothing()
    {
        Assert.Empty(LogSample.Classify());
    }

    [Fact]
    public void Diagnoses_come_most_specific_first_whatever_the_order_of_the_lines()
    {
        var diagnoses = LogSample.Classify(
            "Error: connect ECONNREFUSED 10.0.5.30:6379",
            "error: relation \"tax_provider\" does not exist",
            "exec /usr/local/bin/docker-entrypoint.sh: exec format error",
            "Error: Missing required environment variable DATABASE_URL");

        Assert.Equal(new[] { "ExecFormatError", "PostgresRelationMissing", "MissingEnvironmentVariable", "DependencyUnreachable" }, LogSample.Ids(diagnoses));
    }

    [Fact]
    public void The_order_is_the_order_of_the_published_ids()
    {
        var diagnoses = LogSample.Classify(
            "Error: connect ECONNREFUSED 10.0.5.30:6379",
            "Error: getaddrinfo ENOTFOUND db.internal",
            "Error: Cannot find module 'express'");

        var ranks = diagnoses.Select(d => LogSignatures.Ids.ToList().IndexOf(d.SignatureId)).ToList();
        Assert.Equal(ranks.OrderBy(r => r), ranks);
        Assert.Equal(3, ranks.Distinct().Count());
    }

    [Fact]
    public void Ids_are_unique()
    {
        Assert.Equal(LogSignatures.Ids.Count, LogSignatures.Ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(25, LogSignatures.Ids.Count);
    }

    [Fact]
    public void A_repeated_failure_is_one_diagnosis_with_a_few_distinct_lines()
    {
        var lines = Enumerable.Range(1, 8).Select(i => $"2026-01-05T10:00:0{i}Z error: relation \"tax_provider\" does not exist").ToArray();

        var diagnosis = LogSample.Single("PostgresRelationMissing", lines);

        Assert.Equal(LogSignatures.MaxEvidenceLines, diagnosis.Evidence.Count);
        Assert.Equal(lines.Take(3), diagnosis.Evidence);
    }

    [Fact]
    public void A_structured_event_is_read_by_its_values()
    {
        var diagnosis = LogSample.Single("PostgresConnectionRefused",
            "{\"level\":\"error\",\"time\":\"2026-01-05T10:00:00Z\",\"msg\":\"connect ECONNREFUSED 10.0.5.20:5432\"}");

        Assert.Equal(new[] { "connect ECONNREFUSED 10.0.5.20:5432" }, diagnosis.Evidence);
    }

    [Fact]
    public void A_structured_event_s_stack_is_read_line_by_line()
    {
        var diagnosis = LogSample.Single("PostgresConnectionRefused",
            "{\"level\":50,\"err\":{\"type\":\"Error\",\"message\":\"connect ECONNREFUSED 10.0.5.20:5432\"," +
            "\"stack\":\"Error: connect ECONNREFUSED 10.0.5.20:5432\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\"," +
            "\"errno\":-111,\"code\":\"ECONNREFUSED\",\"address\":\"10.0.5.20\",\"port\":5432},\"msg\":\"connect ECONNREFUSED 10.0.5.20:5432\"}");

        Assert.Equal(new[] { "connect ECONNREFUSED 10.0.5.20:5432", "Error: connect ECONNREFUSED 10.0.5.20:5432" }, diagnosis.Evidence);
    }

    [Fact]
    public void A_docker_json_file_event_is_read()
    {
        var diagnosis = LogSample.Single("PostgresConnectionRefused",
            "{\"log\":\"dial tcp 172.18.0.3:5432: connect: connection refused\\n\",\"stream\":\"stderr\",\"time\":\"2021-10-15T15:37:28.040857591Z\"}");

        Assert.Equal("172.18.0.3", diagnosis.Fact(LogFacts.Host));
    }

    [Fact]
    public void The_cause_of_a_stack_trace_is_found_above_its_frames()
    {
        var diagnoses = LogSample.Classify(
            "org.postgresql.util.PSQLException: Connection to 10.0.5.20:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
            "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)",
            "\tat org.postgresql.Driver.connect(Driver.java:297)",
            "Caused by: java.net.ConnectException: Connection refused",
            "\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)");

        var diagnosis = Assert.Single(diagnoses);
        Assert.Equal("PostgresConnectionRefused", diagnosis.SignatureId);
        Assert.Equal("10.0.5.20", diagnosis.Fact(LogFacts.Host));
    }

    [Fact]
    public void A_line_is_explained_once_by_the_most_specific_signature()
    {
        // pgx names the endpoint of a TLS failure; it is an untrusted certificate, not a connection failure.
        var diagnoses = LogSample.Classify(
            "failed to connect to `user=app database=shop`: 10.0.5.20:5432 (app-db.internal): tls error: tls: failed to verify certificate: x509: certificate signed by unknown authority");

        Assert.Equal(new[] { "PostgresTlsUntrusted" }, LogSample.Ids(diagnoses));
    }

    [Fact]
    public void Passwords_never_reach_a_diagnosis()
    {
        var diagnoses = LogSample.Classify(
            "Connecting with DATABASE_URL=postgres://app:hunter2@10.0.5.20:5432/shop",
            "connect ECONNREFUSED 10.0.5.20:5432 (postgres://app:hunter2@10.0.5.20:5432/shop)",
            "{\"level\":\"error\",\"password\":\"hunter2\",\"msg\":\"password authentication failed for user \\\"app\\\"\"}",
            "Npgsql: Host=10.0.5.20;Username=app;Password=hunter2;Database=shop: 28P01: password authentication failed for user \"app\"");

        Assert.Equal(new[] { "PostgresAuthenticationFailed", "PostgresConnectionRefused" }, LogSample.Ids(diagnoses));
        foreach (var diagnosis in diagnoses)
        {
            var shown = string.Join("\n", new[] { diagnosis.Cause, diagnosis.ManualFix, diagnosis.Fix?.ToString() }
                .Concat(diagnosis.Evidence).Concat(diagnosis.Facts.Values));
            Assert.DoesNotContain("hunter2", shown);
        }

        Assert.Contains("postgres://app:***@10.0.5.20:5432/shop", diagnoses[1].Evidence.Single());
        Assert.Contains("Password=***", diagnoses[0].Evidence.Last());
    }

    [Fact]
    public void A_long_line_is_shortened_in_the_evidence()
    {
        var line = "error: relation \"tax_provider\" does not exist " + new string('x', 1000);

        var evidence = Assert.Single(LogSample.Single("PostgresRelationMissing", line).Evidence);

        Assert.Equal(400, evidence.Length);
        Assert.EndsWith("…", evidence);
    }

    [Fact]
    public void A_diagnosis_is_a_finding_coded_log_and_its_id()
    {
        var context = LogSample.Context();
        context.MigrationCommand = "npx prisma migrate deploy";
        var diagnosis = LogSample.Single("PostgresRelationMissing", context, "error: relation \"tax_provider\" does not exist");

        var finding = diagnosis.ToFinding();

        Assert.Equal("Log.PostgresRelationMissing", finding.Code);
        Assert.Equal("Error", finding.Severity);
        Assert.Equal(diagnosis.Cause, finding.Message);
        Assert.Equal(diagnosis.Evidence, finding.Evidence);
        Assert.Same(diagnosis.Fix, finding.Fix);
        Assert.Equal("Invoke-EcsMigration -Cluster prod -Service api -Command npx, prisma, migrate, deploy -Region eu-west-1", finding.FixLine);
    }

    [Fact]
    public void A_finding_without_a_module_command_carries_the_manual_fix()
    {
        var finding = LogSample.Single("ExecFormatError", "exec /app/server: exec format error").ToFinding();

        Assert.Null(finding.Fix);
        Assert.StartsWith("Rebuild and push the image for linux/amd64", finding.FixLine);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => LogSignatures.Classify(null!, LogSample.Context()));
        Assert.Throws<ArgumentNullException>(() => LogSignatures.Classify(Array.Empty<string>(), null!));
    }
}
