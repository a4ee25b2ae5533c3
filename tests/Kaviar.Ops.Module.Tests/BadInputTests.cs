using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Kaviar.Ops.Simulator;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// What a tired engineer types wrong is answered by a specific id from the error table, with the category scripts
/// filter on, and before any change is made: never a .NET exception type, never a silent fallback.
/// </summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.AccountFixture>
{
    private readonly AccountFixture fixture;

    public BadInputTests(AccountFixture fixture)
    {
        this.fixture = fixture;
    }

    public sealed class AccountFixture : IDisposable
    {
        public AccountFixture()
        {
            Account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy), new ManualClock());
            Session.UseAccount(Account.Endpoint, Account.Region);
        }

        public SimulatedAccount Account { get; }

        public ModuleSession Session { get; } = new ModuleSession();

        public void Dispose()
        {
            Session.Dispose();
            Account.Dispose();
        }
    }

    /// <summary>Each command with {0} where a resource is named, and what kind of resource that is.</summary>
    private static readonly (string Script, string Kind)[] Commands =
    {
        ("Get-EcsServiceHealth {0} -Cluster kaviar-cluster", "ecs"),
        ("Get-EcsServiceHealth kaviar-backend-service -Cluster {0}", "ecs"),
        ("Test-AlbTargetHealth {0} -Cluster kaviar-cluster", "ecs"),
        ("Test-AlbTargetHealth -TargetGroupArn {0}", "elb"),
        ("Test-AlbTargetHealth -LoadBalancer {0}", "elb"),
        ("Test-AlbListener {0}", "elb"),
        ("Resolve-AlbRoute {0}", "elb"),
        ("Repair-AlbListener {0} 80 kaviar-backend-tg -Confirm:$false", "elb"),
        ("Repair-AlbListener kaviar-alb 80 {0} -Confirm:$false", "elb"),
        ("Test-EcsNetworkPath kaviar-cluster {0}", "ecs"),
        ("Test-EcsNetworkPath {0} kaviar-backend-service", "ecs"),
        ("Repair-EcsSecurityGroup kaviar-cluster {0} -Confirm:$false", "ecs"),
        ("Invoke-EcsMigration kaviar-cluster {0} -Command migrate -Confirm:$false", "ecs"),
        ("Invoke-EcsMigration {0} kaviar-backend-service -Command migrate -Confirm:$false", "ecs"),
        ("Invoke-LambdaMigration {0} 017 -Confirm:$false", "lambda"),
        ("Test-PostgresSchema -SecretId {0} -RequiredTable users", "secret"),
    };

    private static readonly (string Value, string ErrorId)[] BadNames =
    {
        ("'   '", "InvalidResourceName"),
        ("'has space'", "InvalidResourceName"),
        ("\"quo'te\"", "InvalidResourceName"),
        ("\"nul`0byte\"", "InvalidResourceName"),
        ("('x' * 600)", "InvalidResourceName"),
        ("'arn:aws:ecs'", "InvalidArn"),
        ("'arn:aws:ecs:us-east-2:42:service/c/s'", "InvalidArn"),
    };

    private static readonly Dictionary<string, string> WrongTypeArn = new()
    {
        ["ecs"] = "'arn:aws:iam::123456789012:role/kaviar'",
        ["elb"] = "'arn:aws:ecs:us-east-2:123456789012:service/kaviar-cluster/kaviar-backend-service'",
        ["lambda"] = "'arn:aws:secretsmanager:us-east-2:123456789012:secret:x-AbCdEf'",
        ["secret"] = "'arn:aws:lambda:us-east-2:123456789012:function:runner'",
    };

    private static readonly string[] ValidName =
    {
        "kaviar-backend-service", "kaviar-cluster", "kaviar-backend-service", "kaviar-backend-tg", "kaviar-alb", "kaviar-alb", "kaviar-alb",
        "kaviar-alb", "kaviar-backend-tg", "kaviar-backend-service", "kaviar-cluster", "kaviar-backend-service", "kaviar-backend-service",
        "kaviar-cluster", "aurora-migrations-runner-dev", "qa/db",
    };

    private static readonly (string Arguments, string ErrorId)[] BadConnections =
    {
        ("-Region '   '", "InvalidRegion"),
        ("-Region 'us east 2'", "InvalidRegion"),
        ("-Region 'US-EAST-2'", "InvalidRegion"),
        ("-ProfileName '  '", "InvalidProfileName"),
        ("-EndpointUrl 'not a url'", "InvalidEndpointUrl"),
        ("-EndpointUrl 'ftp://127.0.0.1/'", "InvalidEndpointUrl"),
    };

    /// <summary>Each distinct script once (commands named two ways give the same script for a valid name).</summary>
    public static IEnumerable<object[]> Cases() => AllCases().GroupBy(c => (string)c[0]).Select(g => g.First());

    private static IEnumerable<object[]> AllCases()
    {
        for (var i = 0; i < Commands.Length; i++)
        {
            var (script, kind) = Commands[i];
            foreach (var (value, errorId) in BadNames)
            {
                yield return new object[] { string.Format(script, value), errorId };
            }

            yield return new object[] { string.Format(script, WrongTypeArn[kind]), "ArnWrongResourceType" };
            foreach (var (arguments, errorId) in BadConnections)
            {
                yield return new object[] { string.Format(script, ValidName[i]) + " " + arguments, errorId };
            }
        }

        foreach (var payload in new[] { "'[]'", "'null'", "'\"text\"'", "'{bad'", "'42'" })
        {
            yield return new object[] { $"Invoke-LambdaMigration aurora-migrations-runner-dev -Payload {payload} -Confirm:$false", "LambdaMigrationInvalidPayload" };
        }
    }

    public static TheoryData<string, string, ErrorCategory> DatabaseAndHttpCases => new()
    {
        { "Test-PostgresConnection -ConnectionString 'not a connection string'", "InvalidConnectionString", ErrorCategory.InvalidArgument },
        { "Test-PostgresConnection -ConnectionString 'Host=;Port=abc'", "InvalidConnectionString", ErrorCategory.InvalidArgument },
        { "Test-PostgresConnection -ConnectionString 'postgres://app@db:99999/app'", "InvalidConnectionString", ErrorCategory.InvalidArgument },
        { "Test-PostgresConnection -ConnectionString 'Host=db;Database=app;Username=app;SSL Mode=sometimes'", "InvalidConnectionString", ErrorCategory.InvalidArgument },
        { "Test-PostgresConnection -ConnectionString 'Host=db;Database=app;Username=app' -CaBundlePath ./no-such-bundle.pem", "CaBundleNotFound", ErrorCategory.ObjectNotFound },
        { "Test-PostgresConnection -ConnectionString 'Host=db;Database=app;Username=app' -CaBundlePath (Get-Module Kaviar.Ops).Path", "CaBundleInvalid", ErrorCategory.InvalidData },
        { "Test-PostgresSchema -ConnectionString 'Host=127.0.0.1;Port=1;Database=app;Username=app' -RequiredTable \"a`0b\"", "InvalidRelationName", ErrorCategory.InvalidArgument },
        { "Test-PostgresSchema -ConnectionString 'Host=127.0.0.1;Port=1;Database=app;Username=app' -RequiredTable '  '", "InvalidRelationName", ErrorCategory.InvalidArgument },
        { "Test-PostgresSchema -ConnectionString 'Host=127.0.0.1;Port=1;Database=app;Username=app' -RequiredTable users -MigrationsPath ./no-such-folder", "MigrationsPathNotFound", ErrorCategory.ObjectNotFound },
        { "Test-HttpEndpoint 'not a url'", "InvalidUrl", ErrorCategory.InvalidArgument },
        { "Test-HttpEndpoint 'ftp://127.0.0.1/'", "InvalidUrl", ErrorCategory.InvalidArgument },
        { "Test-HttpEndpoint '/api/health'", "InvalidUrl", ErrorCategory.InvalidArgument },
        { "Resolve-AlbRoute kaviar-alb -SourceIp 10.0.0.0/8", "InvalidHttpRequest", ErrorCategory.InvalidArgument },
        { "Resolve-AlbRoute kaviar-alb -SourceIp 10.1", "InvalidHttpRequest", ErrorCategory.InvalidArgument },
        { "Resolve-AlbRoute kaviar-alb -Header @{ 'X Env' = 'blue' }", "InvalidHttpRequest", ErrorCategory.InvalidArgument },
    };

    [Theory]
    [MemberData(nameof(DatabaseAndHttpCases))]
    public void A_bad_database_or_url_input_is_answered_by_its_own_error_id_before_anything_connects(string script, string errorId, ErrorCategory category)
    {
        var result = fixture.Session.Invoke("try { " + script + " } catch { $_ }");

        var error = result.Errors.Concat(result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>()).FirstOrDefault();
        Assert.NotNull(error);
        Assert.Equal(errorId, error!.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(category, error.CategoryInfo.Category);
    }

    [Fact]
    public void There_are_at_least_150_cases()
    {
        var count = Cases().Count() + DatabaseAndHttpCases.Count;
        Assert.True(count >= 150, $"{count} cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_input_is_answered_by_its_own_error_id_and_changes_nothing(string script, string errorId)
    {
        var mutatingBefore = fixture.Account.Calls.CountMutating();

        var result = fixture.Session.Invoke("try { " + script + " } catch { $_ }");

        var error = result.Errors.Concat(result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>()).FirstOrDefault();
        Assert.NotNull(error);
        Assert.Equal(errorId, error!.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(mutatingBefore, fixture.Account.Calls.CountMutating());
    }
}
