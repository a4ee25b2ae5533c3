using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Ec2;
using Npgsql;

namespace Kaviar.Ops.Simulator.Lambda;

/// <summary>
/// A migrations-runner function in the shape of seed 003's aurora-migrations-runner: reads the RDS secret named by
/// DB_SECRET_ARN, connects to the database from inside the VPC, runs <c>{"action":"run-migration","target":"017"}</c>.
/// A connect its security groups do not allow hangs until the function times out; a migration that fails is caught
/// and reported as <c>{"status":"error"}</c> with a successful invocation, as the real runner does.
/// With <see cref="UsePostgres"/> the migrations' SQL really runs, each in its own transaction.
/// </summary>
public sealed class MigrationsRunnerFunction : ISimulatedFunction
{
    private static readonly TimeSpan RunDuration = TimeSpan.FromMilliseconds(842);

    private readonly IReadOnlyList<string> _databaseGroupIds;
    private readonly string _databaseSubnetId;
    private readonly string _databaseAddress;
    private string? _connectionString;
    private IReadOnlyDictionary<string, string> _sql = new Dictionary<string, string>();

    /// <param name="databaseGroupIds">The database's security groups, which must admit the function's on the secret's port.</param>
    /// <param name="databaseSubnetId">The subnet of the database's network interface, whose network ACL the connection crosses.</param>
    /// <param name="databaseAddress">The private IP the database endpoint resolves to inside the VPC.</param>
    /// <param name="migrations">The migrations packaged with the function, e.g. 001 to 017.</param>
    public MigrationsRunnerFunction(IReadOnlyList<string> databaseGroupIds, string databaseSubnetId, string databaseAddress, IEnumerable<string> migrations)
    {
        _databaseGroupIds = databaseGroupIds;
        _databaseSubnetId = databaseSubnetId;
        _databaseAddress = databaseAddress;
        Migrations = migrations.ToList();
    }

    public IReadOnlyList<string> Migrations { get; }

    /// <summary>The private IP the runner connects to: which database of the account it migrates.</summary>
    internal string DatabaseAddress => _databaseAddress;

    /// <summary>Migrations recorded as applied in the database, in order.</summary>
    public List<string> Applied { get; } = new();

    /// <summary>Migrations whose SQL fails, with the database's error message.</summary>
    public Dictionary<string, string> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs each migration's SQL against a real database instead of only recording it as applied.</summary>
    public void UsePostgres(string connectionString, IReadOnlyDictionary<string, string> sqlByMigration)
    {
        _connectionString = connectionString;
        _sql = sqlByMigration;
    }

    public FunctionOutcome Invoke(FunctionInvocation invocation)
    {
        var (action, target) = ReadEvent(invocation.Payload);
        var log = new List<string> { $"INFO\tMigration runner invoked: action={action ?? "(none)"} target={target ?? "(none)"}" };
        if (action != "run-migration" || target is null)
        {
            return Report("error", target, $"Unsupported event: expected {{\"action\":\"run-migration\",\"target\":\"<id>\"}}", log);
        }

        var account = invocation.Account;
        var function = invocation.Function;
        var secretArn = function.Environment.GetValueOrDefault("DB_SECRET_ARN");
        var secret = secretArn is null ? null : account.SecretsManager.FindSecret(secretArn);
        if (secret is null)
        {
            log.Add("ERROR\tCould not read the database secret (DB_SECRET_ARN)");
            return FunctionOutcome.Unhandled("ResourceNotFoundException", "Secrets Manager can't find the specified secret.", RunDuration, log.ToArray());
        }

        var (host, port, database) = ReadEndpoint(secret.SecretString);
        log.Add($"INFO\tConnecting to {host}:{port.ToString(CultureInfo.InvariantCulture)}/{database}");
        // The function may run in any of its subnets: the database's groups must admit its groups or a CIDR holding those
        // subnets, and the network ACLs between each of them and the database's subnet must pass the connection both ways.
        var source = new TcpEnd(function.VpcConfig.SecurityGroupIds, function.VpcConfig.SubnetIds,
            account.Ec2.SubnetRanges(function.VpcConfig.SubnetIds), PortRange.ElasticEphemeral);
        var databaseEnd = new TcpEnd(_databaseGroupIds, new[] { _databaseSubnetId }, new[] { _databaseAddress + "/32" }, PortRange.LinuxEphemeral);
        if (!account.Ec2.AllowsTcp(source, databaseEnd, port))
        {
            // The SYN is dropped, so the connect hangs until the function's own timeout ends the invocation.
            var address = $"{_databaseAddress}:{port.ToString(CultureInfo.InvariantCulture)}";
            log.Add($"ERROR\tMigration runner failed: connect ETIMEDOUT {address}");
            return FunctionOutcome.Unhandled("Error", $"connect ETIMEDOUT {address}", TimeSpan.FromSeconds(function.TimeoutSeconds), log.ToArray());
        }

        if (!Migrations.Contains(target))
        {
            return Report("error", target, $"Migration {target} not found. Known migrations: {Migrations.First()}–{Migrations.Last()}", log);
        }

        var failure = Failures.TryGetValue(target, out var scripted) ? scripted : RunSql(target);
        if (failure is not null)
        {
            log.Add($"ERROR\tMigration {target} failed, rolled back: {failure}");
            return Report("error", target, $"Migration {target} failed: {failure}", log);
        }

        if (!Applied.Contains(target))
        {
            Applied.Add(target);
        }

        return Report("success", target, $"Migration {target} executed successfully", log);
    }

    /// <summary>Postgres's error message when the migration's SQL fails (its transaction rolled back), otherwise null.</summary>
    private string? RunSql(string target)
    {
        if (_connectionString is null || !_sql.TryGetValue(target, out var sql))
        {
            return null;
        }

        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        try
        {
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return null;
        }
        catch (PostgresException error)
        {
            return error.MessageText;
        }
    }

    private static FunctionOutcome Report(string status, string? migration, string message, List<string> log)
    {
        if (status == "success")
        {
            log.Add("INFO\t" + message);
        }

        var result = new JsonObject { ["status"] = status, ["migration"] = migration, ["message"] = message };
        return FunctionOutcome.Returned(result, RunDuration, log.ToArray());
    }

    private static (string? Action, string? Target) ReadEvent(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            ? (Member(root, "action"), Member(root, "target"))
            : (null, null);
    }

    /// <summary>Host, port and dbname of an RDS secret; the password is never read here.</summary>
    private static (string Host, int Port, string Database) ReadEndpoint(string secretString)
    {
        using var document = JsonDocument.Parse(secretString);
        var root = document.RootElement;
        var port = root.TryGetProperty("port", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 5432;
        return (Member(root, "host") ?? "localhost", port, Member(root, "dbname") ?? "postgres");
    }

    private static string? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
