using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// The catalogue scenarios the module's tests diagnose: seed 001's service whose tasks crash, or never start, for one
/// reason each, as the account has it ten minutes after the service was created.
/// </summary>
public sealed class Seed001FailureScenarioTests
{
    private const string Image = "123456789012.dkr.ecr.us-east-2.amazonaws.com/kaviar-backend:v2";

    /// <summary>
    /// Node's wording of each crash, as the stream holds it (pino escapes the quotes), with {task} and {db} for the
    /// task's address and the database's.
    /// </summary>
    public static TheoryData<AppCrashKind, int, string> NodeCrashes => new()
    {
        { AppCrashKind.DatabaseTlsUntrusted, 1, "\"msg\":\"self-signed certificate in certificate chain\"" },
        { AppCrashKind.DatabaseTlsRequired, 1, "no pg_hba.conf entry for host \\\"{task}\\\", user \\\"kaviar\\\", database \\\"kaviar\\\", no encryption" },
        { AppCrashKind.MissingRelation, 1, "\"msg\":\"relation \\\"public.tax_provider\\\" does not exist\"" },
        { AppCrashKind.MissingColumn, 1, "\"msg\":\"column users.stripe_customer_id does not exist\"" },
        { AppCrashKind.DatabaseConnectionRefused, 1, "\"msg\":\"connect ECONNREFUSED {db}:5433\"" },
        { AppCrashKind.DatabaseConnectionTimedOut, 1, "\"msg\":\"connect ETIMEDOUT {db}:5432\"" },
        { AppCrashKind.PasswordAuthenticationFailed, 1, "password authentication failed for user \\\"kaviar\\\"" },
        { AppCrashKind.DatabaseDoesNotExist, 1, "database \\\"kaviar\\\" does not exist" },
        { AppCrashKind.DnsLookupFailed, 1, "\"msg\":\"getaddrinfo ENOTFOUND kaviar-db.internal\"" },
        { AppCrashKind.MissingModule, 1, "Error: Cannot find module 'express'" },
        { AppCrashKind.ExecFormatError, 255, "exec /usr/local/bin/docker-entrypoint.sh: exec format error" },
        { AppCrashKind.HeapOutOfMemory, 134, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory" },
        { AppCrashKind.OutOfMemoryKilled, 137, "Server listening on port 3001" },
        { AppCrashKind.PortInUse, 1, "Error: listen EADDRINUSE: address already in use :::3001" },
        { AppCrashKind.PermissionDenied, 1, "Error: listen EACCES: permission denied 0.0.0.0:80" },
        { AppCrashKind.MissingEnvironmentVariable, 1, "Error: Missing required environment variable DATABASE_URL" },
    };

    private static AccountState Build(AccountScenario scenario) => scenario.Build(new ManualClock());

    private static EcsTask[] StoppedTasks(AccountState state) => state.ServiceTasks().Where(t => t.LastStatus == "STOPPED").ToArray();

    private static string[] StreamOf(AccountState state, EcsTask task) =>
        state.Logs.FindGroup(Scenarios.Seed001LogGroup)!.FindStream($"ecs/kaviar-backend/{task.Id}")!.Events.Select(e => e.Message).ToArray();

    private static string DatabaseAddress(AccountState state) =>
        state.Rds.NetworkInterfaceOf(state.Rds.RequireInstance(Scenarios.Seed001DatabaseIdentifier))!.PrivateIpAddress;

    [Theory]
    [MemberData(nameof(NodeCrashes))]
    public void Every_task_of_a_crashing_service_exits_with_the_crash_and_logs_it(AppCrashKind kind, int exitCode, string expectedLine)
    {
        var state = Build(Scenarios.Seed001Crashing(kind));

        var stopped = StoppedTasks(state);
        Assert.True(stopped.Length >= 2, $"{kind}: {stopped.Length} stopped tasks");
        foreach (var task in stopped)
        {
            Assert.Equal(("EssentialContainerExited", "Essential container in task exited"), (task.StopCode, task.StoppedReason));
            var container = task.Containers.Single();
            Assert.Equal(exitCode, container.ExitCode);
            Assert.Equal(kind == AppCrashKind.OutOfMemoryKilled ? "OutOfMemoryError: Container killed due to memory usage" : null, container.Reason);
            var expected = expectedLine.Replace("{task}", task.Attachment.PrivateIpv4Address, StringComparison.Ordinal)
                .Replace("{db}", DatabaseAddress(state), StringComparison.Ordinal);
            Assert.Contains(StreamOf(state, task), line => line.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(AppCrashKind.DatabaseConnectionTimedOut, AppRuntime.Go, "{goTime} unable to connect to database: failed to connect to `user=kaviar database=kaviar`: {db}:5432 ({dbHost}): dial error: dial tcp {db}:5432: i/o timeout")]
    [InlineData(AppCrashKind.DatabaseTlsUntrusted, AppRuntime.Go, "{goTime} unable to connect to database: failed to connect to `user=kaviar database=kaviar`: {db}:5432 ({dbHost}): tls error: tls: failed to verify certificate: x509: certificate signed by unknown authority")]
    [InlineData(AppCrashKind.DatabaseConnectionRefused, AppRuntime.Java, "org.postgresql.util.PSQLException: Connection to {dbHost}:5433 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.")]
    [InlineData(AppCrashKind.DnsLookupFailed, AppRuntime.Go, "{goTime} unable to connect to database: failed to connect to `user=kaviar database=kaviar`: hostname resolving error: lookup kaviar-db.internal on 10.0.0.2:53: no such host")]
    [InlineData(AppCrashKind.MissingRelation, AppRuntime.Python, "sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation \"public.tax_provider\" does not exist")]
    [InlineData(AppCrashKind.DatabaseTlsRequired, AppRuntime.DotNet, "Unhandled exception. Npgsql.PostgresException (0x80004005): 28000: no pg_hba.conf entry for host \"{task}\", user \"kaviar\", database \"kaviar\", no encryption")]
    [InlineData(AppCrashKind.MissingModule, AppRuntime.Python, "ModuleNotFoundError: No module named 'psycopg2'")]
    public void Other_runtimes_word_the_crash_their_own_way(AppCrashKind kind, AppRuntime runtime, string expectedLine)
    {
        var state = Build(Scenarios.Seed001Crashing(kind, runtime));

        var task = StoppedTasks(state).First();
        var expected = expectedLine.Replace("{task}", task.Attachment.PrivateIpv4Address, StringComparison.Ordinal)
            .Replace("{db}", DatabaseAddress(state), StringComparison.Ordinal)
            .Replace("{dbHost}", state.Rds.RequireInstance(Scenarios.Seed001DatabaseIdentifier).Address, StringComparison.Ordinal)
            .Replace("{goTime}", task.ExecutionStoppedAt!.Value.ToString("yyyy/MM/dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(expected, StreamOf(state, task));
    }

    [Fact]
    public void A_connect_the_security_groups_drop_hangs_for_the_kernels_timeout_and_the_error_is_logged_when_node_gives_up()
    {
        var state = Build(Scenarios.Seed001Crashing(AppCrashKind.DatabaseConnectionTimedOut));

        var task = StoppedTasks(state).First();
        Assert.Equal(TimeSpan.FromSeconds(130), task.ExecutionStoppedAt - task.StartedAt);
        var events = state.Logs.FindGroup(Scenarios.Seed001LogGroup)!.FindStream(task.Containers.Single().LogStreamName!)!.Events;
        Assert.Equal(TimeSpan.FromSeconds(130), events[^1].Timestamp - events[0].Timestamp);
        Assert.Contains("Connecting to PostgreSQL at kaviar-db.", events[^2].Message);
    }

    [Fact]
    public void Admitting_the_tasks_to_the_database_lets_the_next_task_connect_and_turn_healthy()
    {
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed001Crashing(AppCrashKind.DatabaseConnectionTimedOut), clock);
        account.Use(s => s.Ec2.AuthorizeIngressFromGroup(s.SecurityGroupId(Scenarios.Seed001DatabaseSecurityGroup), 5432, s.SecurityGroupId("kaviar-ecs-sg")));

        clock.Advance(TimeSpan.FromMinutes(5));

        account.Use(s =>
        {
            var running = s.ServiceTasks().Single(t => t.LastStatus == "RUNNING");
            Assert.Equal("healthy", running.Targets.Single().State);
            Assert.Equal("Backend running on port 3001", StreamOf(s, running)[^1]);
        });
    }

    [Theory]
    [InlineData(Seed001StartFailure.SecretNotFound,
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: "
        + "service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-2:123456789012:secret:kaviar/database-url-Qm4tZx "
        + "from secrets manager: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: ",
        ", ResourceNotFoundException: Secrets Manager can't find the specified secret.")]
    [InlineData(Seed001StartFailure.SecretsManagerUnreachable,
        "ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secret from asm: There is a connection issue between "
        + "the task and AWS Secrets Manager. Check your task network configuration. failed to fetch secret arn:aws:secretsmanager:us-east-2:123456789012:secret:kaviar/database-url-",
        " from secrets manager: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 0, RequestID: , canceled, context deadline exceeded")]
    [InlineData(Seed001StartFailure.ParameterNotFound,
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: "
        + "service call has been retried 1 time(s): invalid ssm parameters: /kaviar/prod/stripe-api-key", "")]
    [InlineData(Seed001StartFailure.SecretJsonKeyMissing,
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: "
        + "retrieved secret from Secrets Manager did not contain json key url", "")]
    [InlineData(Seed001StartFailure.ImageNotInRegistry,
        "CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref " + Image + ": " + Image + ": not found", "")]
    [InlineData(Seed001StartFailure.SubnetOutOfAddresses, "Unexpected EC2 error while attempting to Create Network Interface in subnet 'subnet-", "': InsufficientFreeAddressesInSubnet")]
    public void Tasks_that_cannot_start_stop_with_the_reason_ECS_gives_and_write_no_log_stream(Seed001StartFailure failure, string reasonStart, string reasonEnd)
    {
        var state = Build(Scenarios.Seed001FailingToStart(failure));

        var stopped = StoppedTasks(state);
        Assert.True(stopped.Length >= 3, $"{failure}: {stopped.Length} stopped tasks");
        Assert.All(stopped, task =>
        {
            Assert.Equal("TaskFailedToStart", task.StopCode);
            Assert.StartsWith(reasonStart, task.StoppedReason);
            Assert.EndsWith(reasonEnd, task.StoppedReason);
            var container = task.Containers.Single();
            Assert.Equal((task.StoppedReason, null, null), (container.Reason, container.ExitCode, container.LogStreamName));
            Assert.Null(task.StartedAt);
        });
        Assert.Empty(state.Logs.FindGroup(Scenarios.Seed001LogGroup)!.Streams);
    }

    [Fact]
    public void Secrets_land_in_the_container_environment_so_the_backend_connects_with_its_database_url()
    {
        var state = Build(Scenarios.Seed001FailingToStart(Seed001StartFailure.VcpuQuotaReached));

        var running = state.ServiceTasks().Where(t => t.LastStatus == "RUNNING").ToArray();
        Assert.Equal(2, running.Length);
        Assert.All(running, task => Assert.Equal(
            $"postgres://kaviar:Vt8-kaviar-0c41d7@{state.Rds.RequireInstance(Scenarios.Seed001DatabaseIdentifier).Address}:5432/kaviar",
            task.Containers.Single().Launch.Environment["DATABASE_URL"]));
        Assert.Empty(StoppedTasks(state));
    }

    [Fact]
    public void A_service_over_the_fargate_vcpu_quota_writes_why_it_cannot_place_and_retries_ever_later()
    {
        var state = Build(Scenarios.Seed001FailingToStart(Seed001StartFailure.VcpuQuotaReached));

        var service = state.Service();
        var unableToPlace = service.Events.Where(e => e.Message == "(service kaviar-backend-service) was unable to place a task. Reason: You've reached the limit "
            + "on the number of vCPUs you can run concurrently. For more information, see the Troubleshooting section.").ToList();
        Assert.Equal(new[] { 2.0, 3, 5, 9 }, unableToPlace.Select(e => (e.CreatedAt - service.CreatedAt).TotalMinutes));
        var throttled = Assert.Single(service.Events, e => e.Message == "(service kaviar-backend-service) is unable to consistently start tasks successfully.");
        Assert.Equal(TimeSpan.FromMinutes(3), throttled.CreatedAt - service.CreatedAt);
        Assert.Equal(2, state.ServiceTasks().Length);
    }
}
