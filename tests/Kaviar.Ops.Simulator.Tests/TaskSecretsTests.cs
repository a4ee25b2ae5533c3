using System;
using System.Linq;
using Kaviar.Ops.Simulator.Ecs;
using Kaviar.Ops.Simulator.Timekeeping;
using Xunit;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>
/// A container's "secrets" as ECS fetches them before the task starts: from Secrets Manager (ARN, partial ARN, JSON key)
/// or SSM Parameter Store, over the task's network, into the container's environment.
/// </summary>
public sealed class TaskSecretsTests
{
    private const string SecretJson = "{\"username\":\"kaviar\",\"password\":\"Vt8-kaviar-0c41d7\",\"port\":5432}";

    /// <summary>
    /// Seed 001 healthy, where a revision of the backend reading <paramref name="secrets"/> is deployed at once; returns the
    /// first task of that revision two minutes later.
    /// </summary>
    private static (SimulatedAccount Account, EcsTask Task) StartWithSecrets(Action<AccountState> arrange, Func<AccountState, ContainerSecret[]> secrets)
    {
        var clock = new ManualClock();
        EcsTask? first = null;
        var account = SimulatedAccount.Start(Scenarios.Seed001(Seed001Variant.Healthy).WithHistory(TimeSpan.Zero).With(state =>
        {
            arrange(state);
            var current = state.Service().Primary.TaskDefinition;
            var container = current.Containers[0];
            var revised = state.Ecs.RegisterTaskDefinition(current.Family, new[]
            {
                new ContainerDefinition
                {
                    Name = container.Name, Image = container.Image, ContainerPorts = container.ContainerPorts, Environment = container.Environment,
                    Secrets = secrets(state), LogGroup = container.LogGroup, LogStreamPrefix = container.LogStreamPrefix,
                },
            }, current.Cpu, current.Memory, current.ExecutionRoleArn, current.TaskRoleArn);
            var deployment = state.Ecs.Scheduler.Deploy(state.Service(), revised, 1, state.Service().Primary.Network);
            first = state.ServiceTasks().Single(t => t.Deployment == deployment);
        }), clock);
        clock.Advance(TimeSpan.FromMinutes(2));
        return (account, first!);
    }

    [Fact]
    public void A_json_key_of_a_secret_reached_by_partial_arn_lands_in_the_environment()
    {
        var (account, task) = StartWithSecrets(
            state => state.SecretsManager.AddSecret("kaviar/db", SecretJson),
            state => new[]
            {
                new ContainerSecret("DB_PASSWORD", $"arn:aws:secretsmanager:us-east-2:123456789012:secret:kaviar/db:password::"),
                new ContainerSecret("DB_PORT", state.SecretsManager.Secrets.Single().Arn + ":port::"),
                new ContainerSecret("DB_SECRET", state.SecretsManager.Secrets.Single().Arn),
            });
        using var _ = account;

        account.Use(_ =>
        {
            Assert.Equal("RUNNING", task.LastStatus);
            var environment = task.Containers.Single().Launch.Environment;
            Assert.Equal(("Vt8-kaviar-0c41d7", "5432", SecretJson), (environment["DB_PASSWORD"], environment["DB_PORT"], environment["DB_SECRET"]));
            Assert.Equal("production", environment["NODE_ENV"]);
        });
    }

    [Fact]
    public void A_json_key_the_secret_lacks_stops_the_task()
    {
        var (account, task) = StartWithSecrets(
            state => state.SecretsManager.AddSecret("kaviar/db", SecretJson),
            state => new[] { new ContainerSecret("DB_HOST", state.SecretsManager.Secrets.Single().Arn + ":host::") });
        using var _ = account;

        Assert.Equal(("TaskFailedToStart", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
            + "unable to retrieve secret from asm: retrieved secret from Secrets Manager did not contain json key host"),
            account.Read(_ => (task.StopCode, task.StoppedReason)));
    }

    [Fact]
    public void Parameters_by_name_or_arn_are_read_and_missing_ones_are_all_named()
    {
        var (account, task) = StartWithSecrets(
            state => state.Ssm.AddParameter("/kaviar/prod/jwt-secret", "s3cr3t"),
            _ => new[]
            {
                new ContainerSecret("JWT_SECRET", "arn:aws:ssm:us-east-2:123456789012:parameter/kaviar/prod/jwt-secret"),
                new ContainerSecret("STRIPE_KEY", "/kaviar/prod/stripe-key"),
                new ContainerSecret("SENTRY_DSN", "arn:aws:ssm:us-east-2:123456789012:parameter/kaviar/prod/sentry-dsn"),
            });
        using var _ = account;

        Assert.Equal("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: "
            + "service call has been retried 1 time(s): invalid ssm parameters: /kaviar/prod/stripe-key,arn:aws:ssm:us-east-2:123456789012:parameter/kaviar/prod/sentry-dsn",
            account.Read(_ => task.StoppedReason));
    }

    [Fact]
    public void Secrets_of_another_region_are_not_the_accounts_to_judge()
    {
        var (account, task) = StartWithSecrets(_ => { },
            _ => new[] { new ContainerSecret("DB_URL", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:kaviar/db-AbCdEf") });
        using var _ = account;

        Assert.Equal("RUNNING", account.Read(_ => task.LastStatus));
    }

    [Fact]
    public void An_ssm_parameter_needs_the_ssm_endpoint_when_the_subnet_has_no_route_out()
    {
        var (account, task) = StartWithSecrets(state =>
            {
                state.Ssm.AddParameter("/kaviar/prod/jwt-secret", "s3cr3t");
                var privateTable = state.Ec2.RouteTables.Single(t => t.Routes.Any(r => r.NatGatewayId is not null));
                privateTable.Routes.RemoveAll(r => r.NatGatewayId is not null);
                var vpc = state.Ec2.Vpcs.Single().VpcId;
                var endpoints = state.Ec2.AddSecurityGroup(vpc, "kaviar-endpoints-sg", "VPC endpoints");
                state.Ec2.AuthorizeIngressFromCidr(endpoints.GroupId, 443, "10.0.0.0/16");
                foreach (var api in new[] { "ecr.api", "ecr.dkr", "logs", "secretsmanager" })
                {
                    state.Ec2.AddVpcEndpoint(vpc, $"com.amazonaws.us-east-2.{api}", "Interface", state.Service().Primary.Network.Subnets, new[] { endpoints.GroupId });
                }

                state.Ec2.AddVpcEndpoint(vpc, "com.amazonaws.us-east-2.s3", "Gateway", new[] { privateTable.RouteTableId });
            },
            _ => new[] { new ContainerSecret("JWT_SECRET", "/kaviar/prod/jwt-secret") });
        using var _ = account;

        Assert.Equal("ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secrets from ssm: The task cannot pull secrets "
            + "from AWS Systems Manager. There is a connection issue between the task and AWS Systems Manager Parameter Store. Check your task network configuration. "
            + "operation error SSM: GetParameters, https response error StatusCode: 0, RequestID: , canceled, context deadline exceeded",
            account.Read(_ => task.StoppedReason));
    }

    [Fact]
    public void A_secrets_manager_endpoint_lets_the_tasks_without_a_route_out_fetch_their_secret()
    {
        var clock = new ManualClock();
        using var account = SimulatedAccount.Start(Scenarios.Seed001FailingToStart(Seed001StartFailure.SecretsManagerUnreachable), clock);
        account.Use(s => s.Ec2.AddVpcEndpoint(s.Ec2.Vpcs.Single().VpcId, "com.amazonaws.us-east-2.secretsmanager", "Interface",
            s.Service().Primary.Network.Subnets, new[] { s.SecurityGroupId("kaviar-endpoints-sg") }));

        clock.Advance(TimeSpan.FromMinutes(3));

        account.Use(s => Assert.Equal("healthy", s.ServiceTasks().Single(t => t.LastStatus == "RUNNING").Targets.Single().State));
    }
}
